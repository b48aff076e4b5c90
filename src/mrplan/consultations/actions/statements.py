"""Statements (tjänsteutlåtanden): write, prepare and attest, every save a version.

draft → in_approval (first approval) → approved (every step approved) → decided (the
committee's decision, recorded elsewhere). Any edit creates a new StatementVersion, voids
the standing approvals and takes the statement back to draft; a decided statement is
locked. Edits and approvals name the version they were made against, so a stale form or a
stale approval is refused instead of overwriting or attesting text its author never saw.

An imported statement may carry approvals printed in it (external_approvals, set only by
statement_create on import). They are information, never attestation here: the statement
starts as a draft and needs its own approvers. The first edit of the content clears them,
with a note in the history.

Separation of duties: the author of a version may not approve it. Every version and
approval is signed with the server's key and approvals are chained (signing.py).
"""

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mrplan.accounts.models import Membership, Role, User
from mrplan.accounts.permissions import roles_for
from mrplan.accounts.types import Actor
from mrplan.consultations import notifications, signing
from mrplan.consultations.content import content_hash, statement_content
from mrplan.consultations.models import (
    STATEMENT_CONTENT_FIELDS,
    Approval,
    ApprovalStep,
    Case,
    CaseStatus,
    Preparation,
    RecipientStatus,
    Statement,
    StatementStatus,
    StatementVersion,
)
from mrplan.consultations.permissions import may_write_organisation
from mrplan.consultations.statements import attestation as statement_attestation
from mrplan.consultations.statements import text as statement_text
from mrplan.core import audit
from mrplan.core.actions import delete_audited, save_audited
from mrplan.core.transitions import Transition, TransitionTable
from mrplan.organisations.models import Organisation, OrganisationKind

CONTENT_FIELDS = frozenset(STATEMENT_CONTENT_FIELDS)

_UNDECIDED = (StatementStatus.DRAFT, StatementStatus.IN_APPROVAL, StatementStatus.APPROVED)
_DECIDED_REFUSAL = gettext_lazy("Tjänsteutlåtandet är beslutat och kan inte längre ändras.")

# A statement: draft → in approval → approved (attested by every step in order) → decided by
# the nämnd. Any new version, or a new order of approvers, sends it back to draft.
STATEMENT_MOVES: TransitionTable[Statement] = TransitionTable(
    Statement,
    "status",
    {
        "revise": Transition(_UNDECIDED, StatementStatus.DRAFT, _DECIDED_REFUSAL),
        "reorder": Transition(
            {StatementStatus.IN_APPROVAL, StatementStatus.APPROVED},
            StatementStatus.DRAFT,
            _DECIDED_REFUSAL,
        ),
        "attest_step": Transition(_UNDECIDED, StatementStatus.IN_APPROVAL, _DECIDED_REFUSAL),
        "attest_last": Transition(_UNDECIDED, StatementStatus.APPROVED, _DECIDED_REFUSAL),
        "decide": Transition(
            _UNDECIDED,
            StatementStatus.DECIDED,
            gettext_lazy("Beslutet är redan registrerat."),
        ),
    },
)
# Approvals made in another system come only with an import (statement_create); no edit sets them.
EXTERNAL_APPROVALS = "external_approvals"
EDITABLE_FIELDS = CONTENT_FIELDS - {EXTERNAL_APPROVALS}
PREPARATION_FIELDS = frozenset({"prepared_by", "departments", "union_informed_on", "notes"})
TEXT_FIELDS = frozenset(
    name
    for name in STATEMENT_CONTENT_FIELDS
    if name not in {"document_date", "meeting_date", "signatures", "answers", EXTERNAL_APPROVALS}
)
SUBTITLE = "Yttrande till kommunstyrelsen"


def may_edit_statement(user: Actor, organisation_id: int | None) -> bool:
    """Those who write in the case organisation's diary write its statements."""
    return may_write_organisation(user, organisation_id)


def may_approve_statement(user: Actor, organisation_id: int | None) -> bool:
    """Approvers of the case organisation attest its statements (each only their own step)."""
    return roles_for(user).has(organisation_id, Role.APPROVER)


def check_edit(actor: User, statement_or_case: Statement | Case) -> None:
    case = statement_or_case.case if isinstance(statement_or_case, Statement) else statement_or_case
    if not may_edit_statement(actor, case.organisation_id):
        raise PermissionDenied


def statement_mark_decided(*, actor: User, statement: Statement) -> Statement:
    """Mark STATEMENT decided, as the nämnd's decision on it was recorded (decision_record)."""
    return STATEMENT_MOVES.apply(statement, actor=actor, name="decide", lock=False)


def _check_not_decided(statement: Statement) -> None:
    if statement.status == StatementStatus.DECIDED:
        raise ValidationError(
            _("Tjänsteutlåtandet är beslutat och kan inte längre ändras."), code="decided"
        )


def _check_version(statement: Statement, version: int | str | None) -> None:
    if str(version) != str(statement.current_version):
        raise ValidationError(
            _(
                "Tjänsteutlåtandet har ändrats sedan du öppnade det (du utgick från version "
                "%(version)s, nu är det version %(current)s). Ladda om sidan och gör om "
                "ändringen."
            )
            % {"version": version, "current": statement.current_version},
            code="stale",
        )


def _check_fields(data: Mapping[str, Any], allowed: frozenset[str]) -> None:
    unknown = set(data) - allowed
    if unknown:
        raise ValueError(f"Unknown statement fields: {sorted(unknown)}")


def _cleaned(data: Mapping[str, Any]) -> dict[str, Any]:
    return {
        name: value.strip() if name in TEXT_FIELDS and isinstance(value, str) else value
        for name, value in data.items()
    }


def committee_and_administration(organisation: Organisation) -> tuple[str, str]:
    """Return (nämnd, förvaltning) names for a case organisation."""
    if organisation.kind == OrganisationKind.ADMINISTRATION and organisation.parent is not None:
        return organisation.parent.name, organisation.name
    return organisation.name, ""


def _locked(statement: Statement) -> Statement:
    """Return STATEMENT re-read under a row lock, so concurrent saves queue up."""
    return Statement.objects.select_for_update().select_related("case").get(pk=statement.pk)


def _add_version(statement: Statement, actor: User) -> StatementVersion:
    """Store the statement's content as its next version and return it."""
    content = statement_content(statement)
    version = StatementVersion(
        statement=statement,
        number=statement.current_version,
        content=content,
        content_hash=content_hash(content),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    version.signature = signing.sign_version(version)
    version.save()
    return version


@transaction.atomic
def statement_create(
    *, actor: User, case: Case, data: Mapping[str, Any] | None = None
) -> Statement:
    """Start the case's statement with its header and decision proposal filled in (version 1)."""
    check_edit(actor, case)
    data = dict(data or {})
    _check_fields(data, CONTENT_FIELDS)
    if Statement.objects.filter(case=case).exists():
        raise ValidationError(_("Ärendet har redan ett tjänsteutlåtande."), code="exists")
    _check_case_open(case)
    organisation = Organisation.objects.select_related("parent").get(pk=case.organisation_id)
    committee, administration = committee_and_administration(organisation)
    officer = case.case_officer or actor
    initial: dict[str, Any] = {
        "organisation_name": committee,
        "administration_name": administration,
        "department_name": "",
        "document_date": timezone.localdate(),
        "diary_number": case.diary_number,
        "case_officer_name": officer.get_full_name() or officer.get_username(),
        "case_officer_phone": getattr(officer, "phone", ""),
        "addressee_name": committee,
        "title": case.title,
        "subtitle": SUBTITLE if case.consultation_recipient_id else "",
        "decision_proposal": statement_text.decision_proposal(committee),
        "current_version": 1,
    }
    if EXTERNAL_APPROVALS in data:
        data[EXTERNAL_APPROVALS] = _external_approvals(data[EXTERNAL_APPROVALS])
    initial.update(_cleaned(data))
    statement = save_audited(Statement(case=case), actor=actor, data=initial)
    _add_version(statement, actor)
    return statement


def _check_case_open(case: Case) -> None:
    """Refuse a statement on a closed or cancelled case, or for a recipient that declined."""
    case = Case.objects.select_related("consultation_recipient").get(pk=case.pk)
    recipient = case.consultation_recipient
    if recipient is not None and recipient.status == RecipientStatus.DECLINED:
        raise ValidationError(
            _(
                "%(organisation)s har avstått från att svara på remissen. Öppna remissen igen "
                "innan ni skriver ett tjänsteutlåtande."
            )
            % {"organisation": recipient.organisation.name},
            code="declined",
        )
    if case.status != CaseStatus.OPEN:
        raise ValidationError(
            _("Ärendet är %(status)s och kan inte få ett nytt tjänsteutlåtande.")
            % {"status": case.get_status_display().lower()},
            code="closed",
        )


def _external_approvals(rows: Any) -> list[dict[str, str]]:
    """Return ROWS as [{"name", "title", "date" (YYYY-MM-DD)}]; each needs a name and date."""
    cleaned = []
    for row in rows or []:
        name = str(row.get("name", "")).strip()
        date = row.get("date")
        date_text = date.isoformat() if hasattr(date, "isoformat") else str(date or "").strip()
        if not name or not date_text:
            raise ValidationError(
                _("Varje attestering från ett annat system måste ha namn och datum."),
                code="external",
            )
        cleaned.append(
            {"name": name, "title": str(row.get("title", "")).strip(), "date": date_text}
        )
    return cleaned


def external_approval_lines(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    """Return external approvals as printed: "Lee Orberson, stadsdelsdirektör 2025-01-09"."""
    return [
        f"{row['name']}, {row['title']} {row['date']}"
        if row.get("title")
        else f"{row['name']} {row['date']}"
        for row in rows
    ]


def _clear_external_approvals(statement: Statement, actor: User) -> None:
    """Note in the history that the edit ended the attestation made in another system."""
    message = _(
        "Attesteringen från ett annat system gäller inte längre, eftersom dokumentet "
        "ändrades efter importen: %(lines)s."
    ) % {"lines": "; ".join(external_approval_lines(statement.external_approvals))}
    audit.record(actor=actor, verb="update", instance=statement, message=message[:500])


def _void_approvals(statement: Statement, actor: User) -> None:
    now = timezone.now()
    voided: list[int] = []
    for approval in Approval.objects.filter(
        step__statement=statement, voided_at__isnull=True
    ).select_related("step"):
        if approval.step.approver_id is not None:
            voided.append(approval.step.approver_id)
        save_audited(
            approval,
            actor=actor,
            data={"voided_at": now, "void_reason": statement_attestation.VOID_REASON},
            message=statement_attestation.VOID_REASON,
        )
    notifications.approvals_voided_later(statement, voided, statement.current_version)


@transaction.atomic
def statement_update(
    *, actor: User, statement: Statement, data: Mapping[str, Any], version: int | str | None
) -> Statement:
    """Save DATA as the statement's next version, voiding its approvals.

    Refused, with nothing saved, when VERSION is not the current one or the statement is
    decided. A save that changes nothing creates no version.
    """
    check_edit(actor, statement)
    _check_fields(data, EDITABLE_FIELDS)
    locked = _locked(statement)
    _check_not_decided(locked)
    _check_version(locked, version)
    cleaned = _cleaned(data)
    if all(getattr(locked, name) == value for name, value in cleaned.items()):
        return locked
    number = locked.current_version + 1
    if locked.external_approvals:
        _clear_external_approvals(locked, actor)
        cleaned[EXTERNAL_APPROVALS] = []
    STATEMENT_MOVES.apply(
        locked,
        actor=actor,
        name="revise",
        data={**cleaned, "current_version": number},
        message=_("Version %(number)s") % {"number": number},
        lock=False,
    )
    _add_version(locked, actor)
    _void_approvals(locked, actor)
    _refresh(statement, locked)
    return statement


def _refresh(statement: Statement, source: Statement) -> None:
    """Copy SOURCE's field values onto the caller's STATEMENT object."""
    for field in Statement._meta.concrete_fields:
        setattr(statement, field.attname, getattr(source, field.attname))


@transaction.atomic
def preparation_update(
    *, actor: User, statement: Statement, data: Mapping[str, Any], version: int | str | None
) -> Preparation:
    """Record the preparation and rewrite the "Ärendets beredning" section from it."""
    check_edit(actor, statement)
    _check_fields(data, PREPARATION_FIELDS)
    locked = _locked(statement)
    _check_not_decided(locked)
    _check_version(locked, version)
    departments = list(data.get("departments", []))
    foreign = [d for d in departments if d.organisation_id != locked.case.organisation_id]
    if foreign:
        raise ValidationError(
            {"departments": _("Välj bara avdelningar inom den egna förvaltningen.")},
            code="foreign",
        )
    preparation = Preparation.objects.filter(statement=locked).first() or Preparation(
        statement=locked
    )
    values = dict(data)
    if "prepared_by" in values:
        values["prepared_by"] = values["prepared_by"].strip()
    save_audited(preparation, actor=actor, data=values)
    text = statement_text.preparation_text(
        prepared_by=preparation.prepared_by,
        departments=[department.name for department in preparation.departments.order_by("pk")],
        union_informed_on=preparation.union_informed_on,
    )
    statement_update(
        actor=actor, statement=statement, data={"preparation_text": text}, version=version
    )
    return preparation


@transaction.atomic
def approval_steps_set(
    *, actor: User, statement: Statement, steps: Sequence[tuple[Any, str]]
) -> list[ApprovalStep]:
    """Set the ordered list of approvers, each (user, title), e.g. avdelningschef first.

    Refused once the attestation has begun (a standing approval exists) and for decided
    statements. Every approver must be an approver in the case's organisation.
    """
    check_edit(actor, statement)
    locked = _locked(statement)
    _check_not_decided(locked)
    if statement_attestation.standing_approvals(locked):
        raise ValidationError(
            _(
                "Attesteringen har redan börjat. Ordningen kan ändras först när dokumentet "
                "har ändrats och attesteringarna därmed upphävts."
            ),
            code="started",
        )
    organisation_id = locked.case.organisation_id
    memberships = {
        membership.user_id: membership
        for membership in Membership.objects.filter(
            organisation_id=organisation_id,
            role=Role.APPROVER,
            user__in=[user for user, _title in steps],
        )
    }
    errors: list[str] = []
    cleaned: list[tuple[Any, str]] = []
    seen: set[int] = set()
    for user, title in steps:
        name = user.get_full_name() or user.get_username()
        membership = memberships.get(user.pk)
        if membership is None:
            errors.append(_("%(name)s är inte attesterare i organisationen.") % {"name": name})
            continue
        if user.pk in seen:
            errors.append(_("%(name)s kan bara attestera en gång.") % {"name": name})
            continue
        seen.add(user.pk)
        title = (title or "").strip() or membership.title
        if not title:
            errors.append(_("Ange en titel för %(name)s.") % {"name": name})
            continue
        cleaned.append((user, title))
    if errors:
        raise ValidationError(errors, code="invalid")
    existing = list(ApprovalStep.objects.filter(statement=locked).order_by("position"))
    first_before = existing[0].approver_id if existing else None
    result = []
    for position, (user, title) in enumerate(cleaned, start=1):
        step = (
            existing[position - 1]
            if position <= len(existing)
            else ApprovalStep(statement=locked, position=position)
        )
        result.append(save_audited(step, actor=actor, data={"approver": user, "title": title}))
    for step in existing[len(cleaned) :]:
        delete_audited(step, actor=actor)
    if cleaned and cleaned[0][0].pk != first_before:
        notifications.approver_turn_later(locked, cleaned[0][0].pk)
    if locked.status != StatementStatus.DRAFT:
        STATEMENT_MOVES.apply(locked, actor=actor, name="reorder", lock=False)
        _refresh(statement, locked)
    return result


@transaction.atomic
def statement_approve(*, actor: User, statement: Statement, version: int | str | None) -> Approval:
    """Attest VERSION of the statement as the approver of the next step in order."""
    locked = _locked(statement)
    if not may_approve_statement(actor, locked.case.organisation_id):
        raise PermissionDenied
    steps = list(ApprovalStep.objects.filter(statement=locked).select_related("approver"))
    own = [step for step in steps if step.approver_id == actor.pk]
    if not own:
        raise PermissionDenied
    _check_not_decided(locked)
    if not statement_attestation.has_content(locked):
        raise ValidationError(_(statement_attestation.EMPTY_MESSAGE), code="empty")
    if str(version) != str(locked.current_version):
        raise ValidationError(
            _(
                "Du försökte attestera version %(version)s, men dokumentet har ändrats och är "
                "nu version %(current)s. Läs den nya versionen innan du attesterar."
            )
            % {"version": version, "current": locked.current_version},
            code="stale",
        )
    verification = statement_attestation.verify(locked)
    if not verification.intact or verification.version is None:
        raise ValidationError(
            _(
                "Dokumentets innehåll stämmer inte med den sparade versionen och kan inte "
                "attesteras."
            ),
            code="broken",
        )
    if verification.version.created_by_id == actor.pk:
        raise ValidationError(
            _(
                "Du har skrivit den här versionen och kan därför inte attestera den. "
                "Någon annan måste attestera."
            ),
            code="author",
        )
    step = statement_attestation.next_step(locked)
    if step is None:
        raise ValidationError(_("Dokumentet är redan attesterat av alla."), code="done")
    if step.approver_id != actor.pk:
        approved = {a.step_id for a in verification.valid_approvals}
        if all(step.pk in approved for step in own):
            raise ValidationError(_("Du har redan attesterat den här versionen."), code="done")
        raise ValidationError(
            _("Det är inte din tur att attestera. Först ska %(name)s (%(title)s) attestera.")
            % {
                "name": step.approver.get_full_name() or step.approver.get_username(),
                "title": step.title,
            },
            code="order",
        )
    previous = signing.chain_order(
        list(Approval.objects.filter(step__statement=locked, version=verification.version))
    )
    approval = Approval(
        step=step,
        version=verification.version,
        approver_name=actor.get_full_name() or actor.get_username(),
        approver_title=step.title,
        content_hash=verification.version.content_hash,
        approved_at=timezone.now(),
        previous_signature=previous[-1].signature if previous else "",
    )
    approval.signature = signing.sign_approval(approval, locked.pk)
    approval = save_audited(
        approval,
        actor=actor,
        data={},
        message=_("Attesterade version %(number)s") % {"number": locked.current_version},
    )
    following = statement_attestation.next_step(locked)
    done = following is None
    if following is not None and following.approver_id is not None:
        notifications.approver_turn_later(locked, following.approver_id)
    STATEMENT_MOVES.apply(
        locked, actor=actor, name="attest_last" if done else "attest_step", lock=False
    )
    _refresh(statement, locked)
    return approval
