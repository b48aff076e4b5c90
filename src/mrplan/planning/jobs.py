"""Planning work that runs as a background job (see mrplan.jobs.runner).

The view starts the job with the kind below; the worker finds the handler through
`register`, which runs when Planning's AppConfig.ready imports this module.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from mrplan.jobs import limits
from mrplan.jobs.models import Job
from mrplan.jobs.runner import JobRefused, job_progress, read_input, register

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
    job_progress(job, 5)
    compilation = compiled.compile_report(
        action_plan=action_plan, period=period, today=timezone.localdate()
    )
    # Compiling reads the snapshots (well under a second for 60 organisations); rendering the
    # PDF takes the rest, so 15–95 % follows the rendering's own steps.
    job_progress(job, 15)
    extension = job.params["format"]
    content = (
        documents.render_pdf(
            compilation, progress=lambda percent: job_progress(job, 15 + percent * 80 // 100)
        )
        if extension == "pdf"
        else documents.render_docx(compilation)
    )
    job_progress(job, 95)
    job.output_name = (
        f"sammanstallning-{action_plan.slug}-{period.planning_year.year}-{period.code.lower()}"
        f".{extension}"
    )
    job.output_file.save(f"{job.pk.hex}.{extension}", ContentFile(content), save=False)
