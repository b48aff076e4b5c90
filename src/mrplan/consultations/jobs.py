"""The consultation work that runs as a background job (see mrplan.jobs.runner).

The view starts the job with the kind below; the worker finds the handler through
`register`, which runs when The consultation's AppConfig.ready imports this module.
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
