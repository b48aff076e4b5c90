"""Knowledge work that runs as a background job (see mrplan.jobs.runner).

The view starts the job with the kind below; the worker finds the handler through
`register`, which runs when Knowledge's AppConfig.ready imports this module.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from mrplan.jobs import limits
from mrplan.jobs.models import Job
from mrplan.jobs.runner import JobRefused, job_progress, read_input, register

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
