"""Demo consultations: the executive board's two remisser that the seeds answer.

Run after the organisations and the programmes. Idempotent: consultations are found by
title and recipients by organisation, so running it again changes nothing. The two seed
answers (HÄ 2024/427 and HÄ 2024/689) are cases the statement importer creates
(load_seed_cases() imports the seeds shipped in consultations/data/seeds/, attests and
decides them);
once they exist, attach_seed_answers() links them to their consultation (and marks the
answer when the statement is decided). load_seed_cases() also gives Kulturnämnden a draft
answer and one under attestation; the others show as late (pending after the deadline)
or declined.
"""

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from mrplan.accounts.models import Membership, Role, User
from mrplan.consultations import signing
from mrplan.consultations.actions.consultations import RECIPIENT_MOVES
from mrplan.consultations.actions.decisions import decision_record
from mrplan.consultations.actions.statements import (
    approval_steps_set,
    statement_approve,
    statement_create,
)
from mrplan.consultations.diary import register_case
from mrplan.consultations.importing import statement_import
from mrplan.consultations.models import (
    Approval,
    Case,
    Consultation,
    ConsultationQuestion,
    ConsultationRecipient,
    ConsultationStatus,
    RecipientStatus,
    Statement,
    StatementStatus,
)
from mrplan.consultations.parsing import parse_statement
from mrplan.consultations.routing import preparing_organisation
from mrplan.core import audit
from mrplan.demo.users import DEMO_PASSWORD
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
            ("Hägersten-Älvsjö stadsdelsnämnd", RecipientStatus.PENDING, ""),
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
            ("Hägersten-Älvsjö stadsdelsnämnd", RecipientStatus.PENDING, ""),
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
                "preparing_organisation": preparing_organisation(organisation),
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
            consultation__title=spec.title, preparing_organisation=hagersten_alvsjo
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
            # Through the recipient's table, like a decision recorded here (no actor: seed data).
            RECIPIENT_MOVES.apply(
                recipient,
                actor=None,
                name="answer",
                data={
                    "answered_at": _aware(decision.decided_on)
                    if decision is not None
                    else timezone.now()
                },
            )


# -- the seeds as decided cases of Hägersten-Älvsjö, and answers in other states ------------

SEED_DIR = Path(__file__).resolve().parent.parent / "consultations" / "data" / "seeds"
HAGERSTEN_ALVSJO_COMMITTEE = slugify("Hägersten-Älvsjö stadsdelsnämnd")
# Committee decisions: the seeds give the meeting dates, not the paragraph (§) numbers, so
# the paragraph is recorded as "–" (unknown) rather than invented.
UNKNOWN_PARAGRAPH = "–"


@dataclass(frozen=True)
class SeedCase:
    file_name: str
    diary_number: str
    meeting_date: datetime.date
    # Seeds without an attestation block are attested natively in mrplan by the demo
    # approvers, in order: (username, title, day). The days are set between the document
    # date and the meeting (demo data: the seed does not say when it was attested).
    native_approvals: list[tuple[str, str, datetime.date]] = field(default_factory=list)


SEED_CASES = [
    SeedCase(
        "003_3d82ad2851e29e18.txt",
        "HÄ 2024/427",
        datetime.date(2024, 9, 26),
        native_approvals=[
            ("avdelningschef.ha", "avdelningschef", datetime.date(2024, 8, 19)),
            ("direktor.ha", "stadsdelsdirektör", datetime.date(2024, 8, 21)),
        ],
    ),
    # Seed 000 carries its attestation ("godkänts digitalt av … Lee Orberson,
    # stadsdelsdirektör 2025-01-09; Lars Wennberg, avdelningschef 2025-01-07"): imported as
    # information only, so the demo approvers attest it again in mrplan on those days.
    SeedCase(
        "000_cee42084136e04fd.txt",
        "HÄ 2024/689",
        datetime.date(2025, 1, 23),
        native_approvals=[
            ("avdelningschef.ha", "avdelningschef", datetime.date(2025, 1, 7)),
            ("direktor.ha", "stadsdelsdirektör", datetime.date(2025, 1, 9)),
        ],
    ),
]

# Kulturnämnden answers too, in other states; Kulturförvaltningen prepares the answers and
# keeps the diary. Its real diary prefix is not in the seeds; "KUN" is set for the demo
# only, and only when the förvaltning has none.
CULTURE_COMMITTEE = slugify("Kulturnämnden")
CULTURE_ADMINISTRATION = slugify("Kulturförvaltningen")
CULTURE_DEMO_PREFIX = "KUN"
# Invented demo approvers of Kulturnämnden (password as for the other demo users).
CULTURE_APPROVERS = [
    ("avdelningschef.kun", "Karin", "Kvist", "avdelningschef"),
    ("direktor.kun", "Klas", "Holm", "kulturdirektör"),
]


def _user(username: str) -> User | None:
    return User.objects.filter(username=username, is_active=True).first()


def _approve_natively(
    statement: Statement, actor: User, approvals: list[tuple[User, str, datetime.date]]
) -> None:
    """Set the approval order and let each approver attest version 1, dated DAY (demo)."""
    approval_steps_set(
        actor=actor, statement=statement, steps=[(user, title) for user, title, _day in approvals]
    )
    for user, _title, day in approvals:
        approval = statement_approve(
            actor=user, statement=statement, version=statement.current_version
        )
        _backdate(approval, day)


def _backdate(approval: Approval, day: datetime.date) -> None:
    """Date a demo approval DAY and sign its version's chain again (demo data only)."""
    Approval.objects.filter(pk=approval.pk).update(approved_at=_aware(day))
    signing.reseal(approval.version)


def _import_seed(spec: SeedCase, organisation: Organisation, editor: User) -> None:
    if Case.objects.filter(organisation=organisation, diary_number=spec.diary_number).exists():
        return
    approvers = []
    for username, title, day in spec.native_approvals:
        user = _user(username)
        if user is None:
            return  # the demo users are not loaded
        approvers.append((user, title, day))
    path = SEED_DIR / spec.file_name
    parsed = parse_statement(path.read_text(encoding="utf-8"))
    statement = statement_import(
        actor=editor, parsed=parsed, organisation=organisation, source_name=path.name
    ).statement
    if approvers:
        _approve_natively(statement, editor, approvers)
    committee = Organisation.objects.filter(slug=HAGERSTEN_ALVSJO_COMMITTEE).first()
    decision_record(
        actor=editor,
        statement=Statement.objects.get(pk=statement.pk),
        committee=committee,
        meeting_date=spec.meeting_date,
        paragraph=UNKNOWN_PARAGRAPH,
        text=statement.decision_proposal,
        decided_on=spec.meeting_date,
    )


def _culture_approvers(administration: Organisation) -> list[User]:
    users = []
    for username, first_name, last_name, title in CULTURE_APPROVERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "email": f"{username}@example.org",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        Membership.objects.get_or_create(
            user=user, organisation=administration, role=Role.APPROVER, defaults={"title": title}
        )
        users.append(user)
    return users


def _culture_answer(
    consultation_title: str,
    administration: Organisation,
    coordinator: User,
    registered_on: datetime.date,
    texts: dict[str, str],
) -> Statement | None:
    """Open Kulturförvaltningen's case for Kulturnämnden's remiss and start its statement."""
    recipient = ConsultationRecipient.objects.filter(
        consultation__title=consultation_title, organisation__slug=CULTURE_COMMITTEE
    ).first()
    if recipient is None or Case.objects.filter(consultation_recipient=recipient).exists():
        return None
    if recipient.preparing_organisation_id is None:
        recipient.preparing_organisation = administration
        recipient.save(update_fields=["preparing_organisation", "updated_at"])
    case = register_case(
        actor=coordinator,
        organisation=administration,
        title=f"Remiss: {consultation_title}",
        registered_on=registered_on,
        sender=recipient.consultation.sender.name,
        consultation_recipient=recipient,
    )
    return statement_create(
        actor=coordinator, case=case, data={"document_date": registered_on, **texts}
    )


def _load_culture_answers() -> None:
    """Kulturnämnden: a draft answer to one consultation, one under attestation to the other,
    both prepared by Kulturförvaltningen in its diary."""
    administration = Organisation.objects.filter(slug=CULTURE_ADMINISTRATION).first()
    coordinator = _user("samordnare")
    if administration is None or coordinator is None:
        return
    if (
        not administration.diary_prefix
        and not Organisation.objects.filter(diary_prefix=CULTURE_DEMO_PREFIX).exists()
    ):
        administration.diary_prefix = CULTURE_DEMO_PREFIX
        administration.save(update_fields=["diary_prefix", "updated_at"])
    _culture_answer(
        CONSULTATIONS[0].title,
        administration,
        coordinator,
        datetime.date(2024, 6, 20),
        {
            "summary": "Utkast. Kulturnämnden välkomnar ett samlat program för de mänskliga "
            "rättigheterna.",
            "views": "Utkast: förvaltningen vill lyfta kulturlivets roll för delaktighet och "
            "inflytande.",
        },
    )
    statement = _culture_answer(
        CONSULTATIONS[1].title,
        administration,
        coordinator,
        datetime.date(2024, 11, 12),
        {
            "summary": "Kulturnämnden ställer sig bakom handlingsplanen mot rasism.",
            "views": "Förvaltningen behöver metodstöd och utbildning från "
            "stadsledningskontoret för att följa upp arbetet mot rasism.",
        },
    )
    if statement is not None:
        first, second = _culture_approvers(administration)
        approval_steps_set(
            actor=coordinator,
            statement=statement,
            steps=[(first, "avdelningschef"), (second, "kulturdirektör")],
        )
        approval = statement_approve(actor=first, statement=statement, version=1)
        _backdate(approval, datetime.date(2025, 1, 20))


@transaction.atomic
def load_seed_cases() -> None:
    """Import both seeds as decided cases of Hägersten-Älvsjö answering their consultations.

    Run after load_consultations() and the demo users. Idempotent: a seed whose diary
    number exists is skipped, as is an answer already started. Seed 003 (HÄ 2024/427) has
    no attestation block, so the demo approvers avdelningschef.ha and then direktor.ha
    attest it in mrplan; seed 000 (HÄ 2024/689) stands attested by the approvals it
    carries from the other system. Both are decided by Hägersten-Älvsjö stadsdelsnämnd on
    the meeting date the seed names, with the paragraph left as "–" (not in the seeds).
    Kulturnämnden adds a draft answer and one under attestation; the declined answers come
    from load_consultations().
    """
    organisation = Organisation.objects.filter(slug=HAGERSTEN_ALVSJO).first()
    editor = _user("redaktor.ha")
    if organisation is not None and editor is not None:
        for spec in SEED_CASES:
            _import_seed(spec, organisation, editor)
        attach_seed_answers()
    _load_culture_answers()


@transaction.atomic
def load_consultations() -> None:
    """Create the executive board's two demo consultations and their recipients (idempotent)."""
    sender = Organisation.objects.filter(slug=slugify("Kommunstyrelsen")).first()
    if sender is None:
        return
    for spec in CONSULTATIONS:
        _consultation(spec, sender)
    attach_seed_answers()
