"""Demo consultations: the executive board's two remisser that the seeds answer.

Run after the organisations and the programmes. Idempotent: consultations are found by
title and recipients by organisation, so running it again changes nothing. The two seed
answers (HÄ 2024/427 and HÄ 2024/689) are cases the statement importer creates; once they
exist, attach_seed_answers() links them to their consultation (and marks the answer when
the statement is decided). The other recipients have no diary prefix, so they have no case
yet: they show as late (pending after the deadline) or declined.
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from mrplan.consultations.models import (
    Case,
    Consultation,
    ConsultationQuestion,
    ConsultationRecipient,
    ConsultationStatus,
    RecipientStatus,
    StatementStatus,
)
from mrplan.core import audit
from mrplan.organisations.models import Organisation
from mrplan.programmes.models import ActionPlan, Programme

HAGERSTEN_ALVSJO = slugify("Hägersten-Älvsjö stadsdelsförvaltning")


@dataclass(frozen=True)
class ConsultationSpec:
    title: str
    description: str
    deadline: datetime.date
    sent_on: datetime.date
    programme_slug: str = ""
    action_plan_slug: str = ""
    seed_diary_number: str = ""
    questions: list[str] = field(default_factory=list)
    # (organisation name, status, declined reason)
    recipients: list[tuple[str, str, str]] = field(default_factory=list)


CONSULTATIONS = [
    ConsultationSpec(
        title="Stockholms stads program för de mänskliga rättigheterna",
        description=(
            "Kommunstyrelsen har tagit fram ett förslag till Stockholms stads program för de "
            "mänskliga rättigheterna och skickat det på remiss. Programmet ersätter tidigare "
            "program och strategier inom området och ska ge vägledning för stadens samtliga "
            "nämnder och bolagsstyrelser."
        ),
        deadline=datetime.date(2024, 10, 15),
        sent_on=datetime.date(2024, 6, 14),
        programme_slug="mr-programmet",
        seed_diary_number="HÄ 2024/427",
        recipients=[
            ("Hägersten-Älvsjö stadsdelsförvaltning", RecipientStatus.PENDING, ""),
            ("Kulturnämnden", RecipientStatus.PENDING, ""),
            ("Skärholmen stadsdelsnämnd", RecipientStatus.PENDING, ""),
            (
                "AB Svenska Bostäder",
                RecipientStatus.DECLINED,
                "Bolaget avstår från att yttra sig och hänvisar till Stockholms Stadshus AB.",
            ),
        ],
    ),
    ConsultationSpec(
        title="Handlingsplan mot rasism",
        description=(
            "Kommunstyrelsen har tagit fram en handlingsplan mot rasism utifrån Stockholms "
            "stads program för de mänskliga rättigheterna. Handlingsplanen har tre "
            "utvecklingsområden: öka kunskapen om rasism och diskriminering, motverka att "
            "barn och unga utsätts för rasism samt stärka samverkan med civilsamhället i "
            "arbetet mot rasism."
        ),
        deadline=datetime.date(2025, 1, 31),
        sent_on=datetime.date(2024, 11, 8),
        action_plan_slug="handlingsplan-mot-rasism",
        seed_diary_number="HÄ 2024/689",
        questions=[
            "Hur bedömer ni att handlingsplanens utvecklingsområden kan omsättas i er verksamhet?",
            "Vilket stöd behöver ni från stadsledningskontoret, till exempel utbildning eller "
            "metodstöd?",
        ],
        recipients=[
            ("Hägersten-Älvsjö stadsdelsförvaltning", RecipientStatus.PENDING, ""),
            ("Kulturnämnden", RecipientStatus.PENDING, ""),
            (
                "Farsta stadsdelsnämnd",
                RecipientStatus.DECLINED,
                "Nämnden avstår från att yttra sig på grund av tidsbrist inför nämndsammanträdet.",
            ),
            ("Micasa Fastigheter i Stockholm AB", RecipientStatus.PENDING, ""),
        ],
    ),
]


def _aware(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))


def _consultation(spec: ConsultationSpec, sender: Organisation) -> Consultation | None:
    recipients = {
        organisation.name: organisation
        for organisation in Organisation.objects.filter(
            name__in=[name for name, _status, _reason in spec.recipients]
        )
    }
    if not recipients:
        return None
    consultation = Consultation.objects.filter(title=spec.title, sender=sender).first()
    if consultation is None:
        consultation = Consultation.objects.create(
            title=spec.title,
            description=spec.description,
            sender=sender,
            programme=Programme.objects.filter(slug=spec.programme_slug).first()
            if spec.programme_slug
            else None,
            action_plan=ActionPlan.objects.filter(slug=spec.action_plan_slug).first()
            if spec.action_plan_slug
            else None,
            deadline=spec.deadline,
            status=ConsultationStatus.SENT,
            sent_at=_aware(spec.sent_on),
        )
        audit.record(actor=None, verb="create", instance=consultation, message="Demodata.")
        ConsultationQuestion.objects.bulk_create(
            ConsultationQuestion(consultation=consultation, position=index, text=text)
            for index, text in enumerate(spec.questions, start=1)
        )
    for name, status, reason in spec.recipients:
        organisation = recipients.get(name)
        if organisation is None:
            continue
        ConsultationRecipient.objects.get_or_create(
            consultation=consultation,
            organisation=organisation,
            defaults={
                "status": status,
                "declined_reason": reason,
                "notified_at": _aware(spec.sent_on),
            },
        )
    return consultation


@transaction.atomic
def attach_seed_answers() -> None:
    """Link the imported seed cases (HÄ 2024/427, HÄ 2024/689) to their consultations.

    A no-op until the statement importer has created those cases; when their statements
    are decided, the recipient is marked as answered on the decision date.
    """
    hagersten_alvsjo = Organisation.objects.filter(slug=HAGERSTEN_ALVSJO).first()
    if hagersten_alvsjo is None:
        return
    for spec in CONSULTATIONS:
        recipient = ConsultationRecipient.objects.filter(
            consultation__title=spec.title, organisation=hagersten_alvsjo
        ).first()
        case = (
            Case.objects.filter(organisation=hagersten_alvsjo, diary_number=spec.seed_diary_number)
            .select_related("statement__decision")
            .first()
        )
        if recipient is None or case is None:
            continue
        if (
            case.consultation_recipient_id is None
            and not Case.objects.filter(consultation_recipient=recipient).exists()
        ):
            case.consultation_recipient = recipient
            case.save(update_fields=["consultation_recipient", "updated_at"])
        statement = getattr(case, "statement", None)
        decision = getattr(statement, "decision", None) if statement is not None else None
        if (
            statement is not None
            and statement.status == StatementStatus.DECIDED
            and recipient.status == RecipientStatus.PENDING
        ):
            recipient.status = RecipientStatus.ANSWERED
            recipient.answered_at = (
                _aware(decision.decided_on) if decision is not None else timezone.now()
            )
            recipient.save(update_fields=["status", "answered_at", "updated_at"])


@transaction.atomic
def load_consultations() -> None:
    """Create the executive board's two demo consultations and their recipients (idempotent)."""
    sender = Organisation.objects.filter(slug=slugify("Kommunstyrelsen")).first()
    if sender is None:
        return
    for spec in CONSULTATIONS:
        _consultation(spec, sender)
    attach_seed_answers()
