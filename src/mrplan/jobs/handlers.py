"""Handlers of the jobs users start: each checks limits, then parses in the worker.

They call the apps' own readers and import functions; only the plumbing lives here.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from mrplan.jobs import limits
from mrplan.jobs.models import Job
from mrplan.jobs.runner import JobRefused, job_progress, read_input, register

STATEMENT_IMPORT = "consultations-statement-import"


@register(STATEMENT_IMPORT)
def statement_import_read(job: Job) -> None:
    """Read an uploaded tjänsteutlåtande (PDF, .docx or text) for the import preview."""
    from mrplan.consultations.importing import check_importable, find_organisation
    from mrplan.consultations.parsing import NotAStatement, extract_text, parse_statement
    from mrplan.organisations.models import Organisation

    data = read_input(job)
    limits.check_document(data)
    job_progress(job, 10)
    try:
        parsed = parse_statement(extract_text(data, job.params.get("filename", "")))
    except NotAStatement as error:
        raise JobRefused(error.message) from error
    job_progress(job, 80)
    organisation = None
    try:
        if job.params.get("organisation"):
            organisation = Organisation.objects.get(pk=job.params["organisation"])
        else:
            organisation = find_organisation(parsed)
        check_importable(actor=job.owner, parsed=parsed, organisation=organisation)
    except ValidationError as error:
        raise JobRefused(" ".join(error.messages)) from error
    except PermissionDenied as error:
        assert organisation is not None
        raise JobRefused(
            _("Du får inte registrera ärenden i %(organisation)s.")
            % {"organisation": organisation.name}
        ) from error
    job.result = {"parsed": parsed.to_dict(), "organisation": organisation.pk}


PLANNING_IMPORT = "planning-import"


@register(PLANNING_IMPORT)
def planning_import_read(job: Job) -> None:
    """Read an activities/indicator-values table and run it as a preview that saves nothing."""
    import dataclasses

    from mrplan.organisations.models import Organisation
    from mrplan.planning import imports
    from mrplan.planning.models import PlanningYear

    data = read_input(job)
    filename = job.params.get("filename", "")
    kind = job.params["kind"]
    limits.check_table(data, filename)
    job_progress(job, 10)
    columns = imports.IMPORTERS[kind][0]()
    try:
        rows = imports.read_table(filename, data, columns)
    except imports.UnreadableFile as error:
        raise JobRefused(str(error)) from error
    job_progress(job, 50)
    organisation = Organisation.objects.get(pk=job.params["organisation"])
    planning_year = PlanningYear.objects.get(year=job.params["year"])
    try:
        outcome = imports.run_import(
            actor=job.owner,
            organisation=organisation,
            planning_year=planning_year,
            kind=kind,
            rows=rows,
            commit=False,
        )
    except ValidationError as error:
        raise JobRefused(" ".join(error.messages)) from error
    except PermissionDenied as error:
        raise JobRefused(_("Du får inte ändra den här planen.")) from error
    job.result = {
        "rows": rows,
        "versions": outcome.versions,
        "outcome": [dataclasses.asdict(row) for row in outcome.rows],
    }


KNOWLEDGE_IMPORT = "knowledge-import"


@register(KNOWLEDGE_IMPORT)
def knowledge_import_read(job: Job) -> None:
    """Read an observations file (tidy, Kolada or microdata) and check it without saving."""
    import base64
    import dataclasses
    import gzip

    from mrplan.knowledge import actions, imports
    from mrplan.knowledge.models import Dataset

    data = read_input(job)
    filename = job.params.get("filename", "")
    if filename.lower().endswith((".xlsx", ".csv")):
        limits.check_table(data, filename)
    job_progress(job, 10)
    dataset = Dataset.objects.get(pk=job.params["dataset"])
    measure = dataset.measures.filter(pk=job.params.get("measure") or 0).first()
    try:
        rows = actions.parse_file(
            job.params["format"], filename, data, dataset=dataset, measure=measure
        )
    except imports.ImportFileError as error:
        raise JobRefused(" ".join(str(message) for message in error.messages)) from error
    job_progress(job, 60)
    try:
        result = actions.observations_import(
            actor=job.owner, dataset=dataset, rows=rows, measure=measure, commit=False
        )
    except PermissionDenied as error:
        raise JobRefused(_("Du får inte importera till den här datamängden.")) from error
    job.result = {"rows": rows, "outcome": dataclasses.asdict(result)}
    if job.params["format"] == "microdata" and actions.keep_microdata() and not result.has_errors:
        job.result["raw"] = {
            "name": filename,
            "content": base64.b64encode(gzip.compress(data)).decode("ascii"),
        }


PLANNING_COMPILED = "planning-compiled"


@register(PLANNING_COMPILED)
def planning_compiled_build(job: Job) -> None:
    """Build the compiled follow-up report (PDF or Word) for an action plan and period."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from mrplan.accounts.permissions import roles_for
    from mrplan.planning import compiled, documents
    from mrplan.planning.models import ReportingPeriod
    from mrplan.programmes.models import ActionPlan

    if not roles_for(job.owner).is_coordinator:
        raise JobRefused(_("Bara samordnare kan ta fram den sammanställda uppföljningen."))
    action_plan = ActionPlan.objects.filter(slug=job.params["action_plan"]).first()
    period = (
        ReportingPeriod.objects.select_related("planning_year")
        .filter(planning_year__year=job.params["year"], code__iexact=job.params["code"])
        .first()
    )
    if action_plan is None or period is None:
        raise JobRefused(_("Handlingsplanen eller perioden finns inte längre."))
    compilation = compiled.compile_report(
        action_plan=action_plan, period=period, today=timezone.localdate()
    )
    job_progress(job, 30)
    extension = job.params["format"]
    content = (
        documents.render_pdf(compilation)
        if extension == "pdf"
        else documents.render_docx(compilation)
    )
    job_progress(job, 90)
    job.output_name = (
        f"sammanstallning-{action_plan.slug}-{period.planning_year.year}-{period.code.lower()}"
        f".{extension}"
    )
    job.output_file.save(f"{job.pk.hex}.{extension}", ContentFile(content), save=False)
