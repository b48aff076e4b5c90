"""Changes to a sent consultation: a later deadline or another recipient, each audited and
told to the recipients by e-mail after the commit."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from mrplan.accounts.models import User
from mrplan.consultations import permissions, routing, selectors
from mrplan.consultations.actions.consultations import _notify, _open_case
from mrplan.consultations.models import (
    Consultation,
    ConsultationRecipient,
    ConsultationStatus,
    RecipientStatus,
)
from mrplan.core.actions import save_audited
from mrplan.organisations.models import Organisation


def _locked_sent(consultation: Consultation) -> Consultation:
    consultation = (
        Consultation.objects.select_for_update().select_related("sender").get(pk=consultation.pk)
    )
    if consultation.status != ConsultationStatus.SENT:
        raise ValidationError(_("Bara en skickad remiss som inte är avslutad kan ändras så här."))
    return consultation


def _notify_deadline(consultation_id: int, previous: datetime.date) -> None:
    """E-mail the writers of every recipient still expected to answer (after the commit)."""
    consultation = Consultation.objects.select_related("sender").get(pk=consultation_id)
    recipients = list(
        consultation.recipients.filter(status=RecipientStatus.PENDING).select_related(
            "organisation", "preparing_organisation"
        )
    )
    ids = sorted({pk for recipient in recipients for pk in routing.organisation_ids(recipient)})
    emails = selectors.writer_emails(ids)
    addresses = sorted({address for pk in ids for address in emails.get(pk, [])})
    if not addresses:
        return
    context = {
        "consultation": consultation,
        "previous": previous,
        "site_url": settings.SITE_URL.rstrip("/"),
    }
    subject = render_to_string("consultations/email/deadline_subject.txt", context)
    body = render_to_string("consultations/email/deadline_body.txt", context)
    EmailMessage(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, bcc=addresses).send(
        fail_silently=False
    )


@transaction.atomic
def consultation_extend_deadline(
    *, actor: User, consultation: Consultation, deadline: datetime.date | None
) -> Consultation:
    """Give a sent consultation a later deadline (coordinators); pending recipients are told."""
    permissions.check_manage_consultations(actor)
    consultation = _locked_sent(consultation)
    previous = consultation.deadline
    if deadline is None:
        raise ValidationError({"deadline": _("Ange den nya sista svarsdagen.")})
    if deadline <= previous:
        raise ValidationError(
            {
                "deadline": _("Den nya sista svarsdagen måste vara efter %(date)s.")
                % {"date": previous.isoformat()}
            }
        )
    if deadline < timezone.localdate():
        raise ValidationError({"deadline": _("Sista svarsdag kan inte ha passerats.")})
    save_audited(
        consultation,
        actor=actor,
        data={"deadline": deadline},
        message=_("Sista svarsdag flyttades från %(previous)s till %(deadline)s.")
        % {"previous": previous.isoformat(), "deadline": deadline.isoformat()},
    )
    transaction.on_commit(lambda: _notify_deadline(consultation.pk, previous))
    return consultation


@transaction.atomic
def consultation_recipient_add(
    *, actor: User, consultation: Consultation, organisation: Organisation | None
) -> ConsultationRecipient:
    """Send a sent consultation to one more recipient (coordinators): it is routed, gets its
    case and its e-mail as if it had been there from the start."""
    permissions.check_manage_consultations(actor)
    consultation = _locked_sent(consultation)
    if organisation is None:
        raise ValidationError({"organisation": _("Välj en remissinstans.")})
    if consultation.recipients.filter(organisation=organisation).exists():
        raise ValidationError(
            {"organisation": _("%(name)s är redan remissinstans.") % {"name": organisation.name}}
        )
    preparing = routing.preparing_organisation(organisation)
    if preparing is None:
        raise ValidationError(
            {
                "organisation": _(
                    "%(name)s har ingen förvaltning som bereder ärendet och för diariet."
                )
                % {"name": organisation.name}
            }
        )
    now = timezone.now()
    recipient = save_audited(
        ConsultationRecipient(consultation=consultation),
        actor=actor,
        data={
            "organisation": organisation,
            "preparing_organisation": preparing,
            "notified_at": now,
        },
        message=_("Tillagd som remissinstans efter att remissen skickats."),
    )
    if preparing.diary_prefix:
        _open_case(actor, recipient, consultation, now)
    transaction.on_commit(lambda: _notify(consultation.pk, only=recipient.pk))
    return recipient
