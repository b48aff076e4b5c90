"""Files attached to a period report: add and delete, while the report may still change."""

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from mrplan.accounts.models import User
from mrplan.core import audit
from mrplan.core.actions import delete_audited, save_audited
from mrplan.planning.actions.reports import check_editable
from mrplan.planning.attachments import check_file
from mrplan.planning.models import Report, ReportAttachment
from mrplan.planning.permissions import check_write


@transaction.atomic
def report_attachment_add(
    *, actor: User, report: Report, file: UploadedFile, description: str = ""
) -> ReportAttachment:
    """Attach FILE to REPORT after checking its type, contents and size.

    Stored under MEDIA_ROOT/reports/<report id>/ with a random name; the name it was
    uploaded with is kept for the download.
    """
    check_write(actor, report.organisation_id)
    check_editable(report)
    checked = check_file(file.name or "", file.size or 0, file)
    attachment = ReportAttachment(report=report, uploaded_by=actor)
    try:
        save_audited(
            attachment,
            actor=actor,
            data={
                "file": file,
                "original_name": checked.name,
                "content_type": checked.content_type,
                "size": checked.size,
                "description": description.strip(),
            },
        )
        audit.record(
            actor=actor,
            verb="update",
            instance=report,
            changes={_("bilaga"): [None, checked.name]},
            message=_("Bilagan %(name)s lades till.") % {"name": checked.name},
        )
    except Exception:
        # Nothing is saved in the database, so the stored file must go too.
        if attachment.file.name:
            attachment.file.storage.delete(attachment.file.name)
        raise
    return attachment


@transaction.atomic
def report_attachment_delete(*, actor: User, attachment: ReportAttachment) -> None:
    """Remove an attachment from a report that may still change, and its stored file."""
    report = attachment.report
    check_write(actor, report.organisation_id)
    check_editable(report)
    storage, stored, name = attachment.file.storage, attachment.file.name, attachment.original_name
    delete_audited(attachment, actor=actor)
    audit.record(
        actor=actor,
        verb="update",
        instance=report,
        changes={_("bilaga"): [name, None]},
        message=_("Bilagan %(name)s togs bort.") % {"name": name},
    )
    # The file goes only once the deletion is committed, so a rollback keeps them together.
    if stored:
        transaction.on_commit(lambda: storage.delete(stored))
