"""Reading a statement's attestation: which approvals hold, what is next, is it intact.

An approval holds ("is valid") while it is not voided, its version is the statement's
current version, the SHA-256 stored with it still matches both the version's content and
the statement's content as it is now, and its keyed signature and its link to the previous
approval hold (signing.py). Any edit voids the approvals (see
actions.statements.statement_update); tampering with the database behind the application's
back is caught here, because the hashes and signatures are always recomputed.

Approvals printed in an imported document (Statement.external_approvals) are information
only: shown as "Attest enligt importerat dokument – ej verifierad i mrplan", never counted.
A statement is fully approved when every step holds a valid approval and at least the
policy's minimum number of different people have approved (AttestationPolicy).
"""

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from mrplan.consultations import signing
from mrplan.consultations.content import content_hash, statement_content
from mrplan.consultations.models import (
    Approval,
    ApprovalStep,
    AttestationPolicy,
    Statement,
    StatementVersion,
)

DEFAULT_MINIMUM_APPROVERS = 2
IMPORTED_ATTESTATION_LABEL = "Attest enligt importerat dokument – ej verifierad i mrplan"


def minimum_approvers() -> int:
    """Return how many different people must approve a statement (the coordinators' rule)."""
    policy = AttestationPolicy.objects.order_by("pk").first()
    return policy.minimum_approvers if policy is not None else DEFAULT_MINIMUM_APPROVERS


@dataclass
class ApprovalCheck:
    """One approval and whether it still holds, with the reason when it does not."""

    approval: Approval
    valid: bool
    reason: str = ""


@dataclass
class Verification:
    """The outcome of recomputing a statement's hashes."""

    statement: Statement
    current_hash: str
    version: StatementVersion | None
    version_hash: str
    intact: bool
    approvals: list[ApprovalCheck] = field(default_factory=list)
    version_signed: bool = False
    chain_intact: bool = True
    minimum_approvers: int = DEFAULT_MINIMUM_APPROVERS

    @property
    def valid_approvals(self) -> list[Approval]:
        return [check.approval for check in self.approvals if check.valid]

    @property
    def external_approvals(self) -> list[dict[str, str]]:
        """Approvals printed in an imported document: information, never attestation."""
        return list(self.statement.external_approvals or [])

    @property
    def approver_count(self) -> int:
        """How many different people hold a valid approval."""
        return len({approval.step.approver_id for approval in self.valid_approvals})

    @property
    def fully_approved(self) -> bool:
        """Every step approved in the current version, by at least the minimum of people."""
        steps = list(self.statement.approval_steps.all())
        if not steps:
            return False
        approved_steps = {approval.step_id for approval in self.valid_approvals}
        return (
            all(step.pk in approved_steps for step in steps)
            and self.approver_count >= self.minimum_approvers
        )

    def as_json(self) -> dict[str, Any]:
        statement = self.statement
        return {
            "statement": statement.pk,
            "diary_number": statement.diary_number,
            "title": statement.title,
            "current_version": statement.current_version,
            "current_hash": self.current_hash,
            "stored_hash": self.version.content_hash if self.version else None,
            "version_signature": self.version.signature if self.version else None,
            "version_signed": self.version_signed,
            "chain_intact": self.chain_intact,
            "intact": self.intact,
            "fully_approved": self.fully_approved,
            "minimum_approvers": self.minimum_approvers,
            "external_approvals": [
                {**row, "verified": False, "label": IMPORTED_ATTESTATION_LABEL}
                for row in self.external_approvals
            ],
            "approvals": [
                {
                    "position": check.approval.step.position,
                    "name": check.approval.approver_name,
                    "title": check.approval.approver_title,
                    "approved_at": check.approval.approved_at.isoformat(),
                    "version": check.approval.version.number,
                    "content_hash": check.approval.content_hash,
                    "previous_signature": check.approval.previous_signature,
                    "signature": check.approval.signature,
                    "valid": check.valid,
                    "reason": check.reason,
                }
                for check in self.approvals
            ],
        }


VOID_REASON = "Dokumentet ändrades efter attesteringen"
TAMPERED_REASON = gettext_noop("Signaturen stämmer inte: attesteringen har ändrats utanför mrplan")


def _approvals(statement: Statement) -> list[Approval]:
    """Return the statement's approvals, using prefetched steps when the selector gave them."""
    return sorted(
        (approval for step in statement.approval_steps.all() for approval in step.approvals.all()),
        key=lambda approval: (approval.step.position, approval.approved_at),
    )


def _current_version(statement: Statement) -> StatementVersion | None:
    return (
        StatementVersion.objects.filter(statement=statement, number=statement.current_version)
        .only("pk", "number", "content", "content_hash", "signature", "statement_id")
        .first()
    )


def _broken_links(statement: Statement, approvals: list[Approval]) -> set[int]:
    """Return the ids of approvals whose signature or link to the previous one fails.

    Each version's approvals form one chain (signing.py), so removing, adding or reordering
    an approval of the current version breaks it.
    """
    broken: set[int] = set()
    previous: dict[int, str] = {}
    for approval in signing.chain_order(approvals):
        expected = previous.get(approval.version_id, "")
        if approval.previous_signature != expected or not signing.approval_signed(
            approval, statement.pk
        ):
            broken.add(approval.pk)
        previous[approval.version_id] = approval.signature
    return broken


def verify(statement: Statement) -> Verification:
    """Recompute the hashes and signatures of the statement's content and each approval."""
    current_hash = content_hash(statement_content(statement))
    version = _current_version(statement)
    version_hash = content_hash(version.content) if version else ""
    version_signed = version is not None and signing.version_signed(version)
    approvals = _approvals(statement)
    broken = _broken_links(statement, approvals)
    current_broken = any(
        approval.pk in broken and approval.version.number == statement.current_version
        for approval in approvals
    )
    intact = (
        version is not None
        and version.content_hash == version_hash
        and version.content_hash == current_hash
        and version_signed
        and not current_broken
    )
    checks = []
    recomputed: dict[int, str] = {}
    for approval in approvals:
        approved = approval.version
        if approved.pk not in recomputed:
            recomputed[approved.pk] = content_hash(approved.content)
        if approval.pk in broken:
            checks.append(ApprovalCheck(approval, False, _(TAMPERED_REASON)))
        elif approval.voided_at is not None:
            checks.append(ApprovalCheck(approval, False, approval.void_reason or VOID_REASON))
        elif approved.number != statement.current_version:
            checks.append(ApprovalCheck(approval, False, _("Gäller en äldre version")))
        elif not (approval.content_hash == recomputed[approved.pk] == current_hash) or not (
            version_signed
        ):
            checks.append(
                ApprovalCheck(approval, False, _("Innehållet stämmer inte med det attesterade"))
            )
        else:
            checks.append(ApprovalCheck(approval, True))
    return Verification(
        statement=statement,
        current_hash=current_hash,
        version=version,
        version_hash=version_hash,
        intact=intact,
        approvals=checks,
        version_signed=version_signed,
        chain_intact=not current_broken,
        minimum_approvers=minimum_approvers(),
    )


# The sections a writer fills in; the decision proposal and header come pre-filled.
WRITTEN_FIELDS = ("summary", "background", "matter", "preparation_text", "views")


def has_content(statement: Statement) -> bool:
    """Whether the statement says anything beyond its pre-filled header and proposal."""
    if any(str(getattr(statement, name) or "").strip() for name in WRITTEN_FIELDS):
        return True
    return any(str(answer or "").strip() for answer in (statement.answers or {}).values())


EMPTY_MESSAGE = gettext_noop(
    "Tjänsteutlåtandet är tomt. Skriv minst en sektion (till exempel sammanfattning eller "
    "förvaltningens synpunkter) innan det attesteras eller beslutas."
)


def standing_approvals(statement: Statement) -> list[Approval]:
    """Return the approvals that are not voided and are of the current version."""
    return [
        approval
        for approval in _approvals(statement)
        if approval.voided_at is None and approval.version.number == statement.current_version
    ]


def next_step(statement: Statement) -> ApprovalStep | None:
    """Return the first step in order without a standing approval, or None when all have one."""
    approved = {approval.step_id for approval in standing_approvals(statement)}
    for step in statement.approval_steps.all():
        if step.pk not in approved:
            return step
    return None


def is_fully_approved(statement: Statement) -> bool:
    """Whether every step holds a valid approval of the intact current version.

    Approvals printed in an imported document never count (see the module docstring).
    """
    verification = verify(statement)
    return verification.intact and verification.fully_approved
