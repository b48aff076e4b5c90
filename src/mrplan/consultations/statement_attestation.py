"""Reading a statement's attestation: which approvals hold, what is next, is it intact.

An approval holds ("is valid") while it is not voided, its version is the statement's
current version, and the SHA-256 stored with it still matches both the version's content
and the statement's content as it is now. Any edit voids the approvals (see
actions.statements.statement_update); tampering with the database behind the application's
back is caught here, because the hashes are always recomputed.
"""

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from mrplan.consultations.content import content_hash, statement_content
from mrplan.consultations.models import Approval, ApprovalStep, Statement, StatementVersion


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

    @property
    def valid_approvals(self) -> list[Approval]:
        return [check.approval for check in self.approvals if check.valid]

    @property
    def external_approvals(self) -> list[dict[str, str]]:
        """Approvals the imported document carries from another system (not hash-verified)."""
        return list(self.statement.external_approvals or [])

    @property
    def attested_externally(self) -> bool:
        """Whether the statement stands attested by the other system it was imported from.

        True when it carries external approvals, has no approval steps of its own, and is
        still the version as imported (any edit clears them; the hash covers them).
        """
        return (
            bool(self.external_approvals)
            and not list(self.statement.approval_steps.all())
            and self.statement.current_version == 1
        )

    @property
    def fully_approved(self) -> bool:
        steps = list(self.statement.approval_steps.all())
        if not steps:
            return self.attested_externally
        approved_steps = {approval.step_id for approval in self.valid_approvals}
        return all(step.pk in approved_steps for step in steps)

    def as_json(self) -> dict[str, Any]:
        statement = self.statement
        return {
            "statement": statement.pk,
            "diary_number": statement.diary_number,
            "title": statement.title,
            "current_version": statement.current_version,
            "current_hash": self.current_hash,
            "stored_hash": self.version.content_hash if self.version else None,
            "intact": self.intact,
            "fully_approved": self.fully_approved,
            "external_approvals": [
                {**row, "hash_verified": False} for row in self.external_approvals
            ],
            "attested_externally": self.attested_externally,
            "approvals": [
                {
                    "position": check.approval.step.position,
                    "name": check.approval.approver_name,
                    "title": check.approval.approver_title,
                    "approved_at": check.approval.approved_at.isoformat(),
                    "version": check.approval.version.number,
                    "content_hash": check.approval.content_hash,
                    "valid": check.valid,
                    "reason": check.reason,
                }
                for check in self.approvals
            ],
        }


VOID_REASON = "Dokumentet ändrades efter attesteringen"


def _approvals(statement: Statement) -> list[Approval]:
    """Return the statement's approvals, using prefetched steps when the selector gave them."""
    return sorted(
        (approval for step in statement.approval_steps.all() for approval in step.approvals.all()),
        key=lambda approval: (approval.step.position, approval.approved_at),
    )


def _current_version(statement: Statement) -> StatementVersion | None:
    return (
        StatementVersion.objects.filter(statement=statement, number=statement.current_version)
        .only("pk", "number", "content", "content_hash", "statement_id")
        .first()
    )


def verify(statement: Statement) -> Verification:
    """Recompute the hashes of the statement's content and of each approved version."""
    current_hash = content_hash(statement_content(statement))
    version = _current_version(statement)
    version_hash = content_hash(version.content) if version else ""
    intact = (
        version is not None
        and version.content_hash == version_hash
        and version.content_hash == current_hash
    )
    checks = []
    recomputed: dict[int, str] = {}
    for approval in _approvals(statement):
        approved = approval.version
        if approved.pk not in recomputed:
            recomputed[approved.pk] = content_hash(approved.content)
        if approval.voided_at is not None:
            checks.append(ApprovalCheck(approval, False, approval.void_reason or VOID_REASON))
        elif approved.number != statement.current_version:
            checks.append(ApprovalCheck(approval, False, _("Gäller en äldre version")))
        elif not (approval.content_hash == recomputed[approved.pk] == current_hash):
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

    An imported statement with no approval steps counts as approved when it carries the
    approvals of the system it came from and has not been edited since the import.
    """
    verification = verify(statement)
    return verification.intact and verification.fully_approved
