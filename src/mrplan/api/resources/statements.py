"""Endpoints for statements (tjänsteutlåtanden): read, edit, versions, attest, verify.

The same rules as the statement pages, through the same permission helper and actions.
Every endpoint needs a signed-in caller (401 otherwise). Coordinators and members of the
case's organisation read (others get 404); the organisation's editors and administrators
and coordinators edit (others 403); each approver attests only their own step, in order.
A request that is well formed but cannot be done now (a stale version, a decided
statement, an approval out of turn) is 409 with a Swedish message; bad data is 400. A
refusal changes nothing.
"""

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router, Status

from mrplan.accounts.models import User
from mrplan.api.auth import USER_AUTH
from mrplan.api.common import (
    DETAIL_ERRORS,
    WRITE_ERRORS,
    signed_in,
)
from mrplan.api.schemas.statements import (
    ApprovalOut,
    ApproveIn,
    ExternalApprovalOut,
    HeaderOut,
    SectionOut,
    StatementOut,
    StatementPatchIn,
    StepOut,
    VerificationOut,
    VersionOut,
)
from mrplan.consultations.actions import statements as actions
from mrplan.consultations.models import STATEMENT_HEADER_FIELDS as HEADER_FIELDS
from mrplan.consultations.models import STATEMENT_SECTIONS, Statement
from mrplan.consultations.permissions import get_statement_for_actor
from mrplan.consultations.statements import selectors as statement_selectors
from mrplan.consultations.statements.attestation import verify

router = Router(tags=["Tjänsteutlåtanden"], auth=USER_AUTH)


# Refusals of a well-formed request that cannot be done now (409); any other is bad data.
STATEMENT_CONFLICT_CODES = frozenset(
    {"stale", "decided", "order", "done", "broken", "empty", "author", "declined", "closed"}
)


T = TypeVar("T")


def _load(user: User, statement_id: int, *, write: bool = False) -> Statement:
    """Check access with the pages' helper, then load the statement with its attestation."""
    statement = get_statement_for_actor(user, statement_id, write=write)
    return statement_selectors.statement_for_page(statement.pk)


def _user_name(user: Any) -> str:
    return str(user.get_full_name() or user.get_username())


def _statement_out(statement: Statement) -> StatementOut:
    verification = verify(statement)
    checks = {check.approval.pk: check for check in verification.approvals}
    steps = []
    next_approver_id = None
    for step in statement.approval_steps.all():
        approvals = []
        for approval in step.approvals.all():
            check = checks.get(approval.pk)
            approvals.append(
                ApprovalOut(
                    id=approval.pk,
                    name=approval.approver_name,
                    title=approval.approver_title,
                    approved_at=approval.approved_at,
                    version=approval.version.number,
                    content_hash=approval.content_hash,
                    valid=bool(check and check.valid),
                    voided_at=approval.voided_at,
                    reason=check.reason if check else "",
                )
            )
        if next_approver_id is None and not any(a.valid for a in approvals):
            next_approver_id = step.approver_id
        steps.append(
            StepOut(
                position=step.position,
                approver_id=step.approver_id,
                approver=_user_name(step.approver),
                title=step.title,
                approvals=approvals,
            )
        )
    return StatementOut(
        id=statement.pk,
        case_id=statement.case_id,
        organisation_id=statement.case.organisation_id,
        status=statement.status,
        current_version=statement.current_version,
        content_hash=verification.version.content_hash if verification.version else None,
        header=HeaderOut(**{name: getattr(statement, name) for name in HEADER_FIELDS}),
        sections=[
            SectionOut(field=name, heading=str(heading), text=getattr(statement, name))
            for name, heading in STATEMENT_SECTIONS
        ],
        signatures=list(statement.signatures or []),
        answers=dict(statement.answers or {}),
        approval_steps=steps,
        next_approver_id=next_approver_id if statement.status != "decided" else None,
        external_approvals=[
            ExternalApprovalOut(
                name=row.get("name", ""), title=row.get("title", ""), date=row.get("date", "")
            )
            for row in statement.external_approvals or []
        ],
    )


def _conflict(error: ValidationError) -> str | None:
    """Return the message of a refusal that is answered 409, or None for bad data (400)."""
    if hasattr(error, "error_dict"):
        return None
    if any(item.code in STATEMENT_CONFLICT_CODES for item in error.error_list):
        return " ".join(str(message) for message in error.messages)
    return None


def _run(change: Callable[[], T]) -> T | Status:
    """Run CHANGE; answer 409 for a refusal of the moment, let bad data through as 400."""
    try:
        return change()
    except ValidationError as error:
        message = _conflict(error)
        if message is None:
            raise
        return Status(409, {"detail": message})


@router.get(
    "/statements/{statement_id}",
    operation_id="mrplan_api_statements_statement_detail",
    response={200: StatementOut, **DETAIL_ERRORS},
    summary="Visa ett tjänsteutlåtande",
    description="Sidhuvud, avsnitt, underskrifter, svar, status och attestering: stegen i "
    "ordning med sina attesteringar (valid anger om de fortfarande gäller).",
)
def statement_detail(request: HttpRequest, statement_id: int) -> StatementOut:
    return _statement_out(_load(signed_in(request), statement_id))


@router.patch(
    "/statements/{statement_id}",
    operation_id="mrplan_api_statements_statement_patch",
    response={200: StatementOut, **WRITE_ERRORS},
    summary="Ändra ett tjänsteutlåtande",
    description="Ange `version` (den du utgick från) och bara de fält som ska ändras. Varje "
    "ändring blir en ny version och upphäver attesteringarna. Har någon sparat efter dig, "
    "eller är utlåtandet beslutat, svarar API:et 409 och ingenting sparas.",
)
def statement_patch(request: HttpRequest, statement_id: int, body: StatementPatchIn) -> Any:
    user = signed_in(request)
    statement = _load(user, statement_id, write=True)
    data = body.dict(exclude_unset=True)
    version = data.pop("version")
    result = _run(
        lambda: actions.statement_update(
            actor=user, statement=statement, data=data, version=version
        )
    )
    if isinstance(result, Status):
        return result
    return _statement_out(statement_selectors.statement_for_page(statement.pk))


@router.get(
    "/statements/{statement_id}/versions",
    operation_id="mrplan_api_statements_statement_versions",
    response={200: list[VersionOut], **DETAIL_ERRORS},
    summary="Lista ett tjänsteutlåtandes versioner",
    description="Nyaste först, med kontrollsumman (SHA-256) för varje version.",
)
def statement_versions(request: HttpRequest, statement_id: int) -> list[VersionOut]:
    statement = get_statement_for_actor(signed_in(request), statement_id)
    return [
        VersionOut(
            number=version.number,
            created_at=version.created_at,
            created_by=_user_name(version.created_by) if version.created_by else None,
            content_hash=version.content_hash,
        )
        for version in statement_selectors.versions_for(statement)
    ]


@router.post(
    "/statements/{statement_id}/approve",
    operation_id="mrplan_api_statements_statement_approve",
    response={200: StatementOut, **WRITE_ERRORS},
    summary="Attestera ett tjänsteutlåtande",
    description="Bara den som står näst i tur bland attesterarna, och bara den version som "
    "anges i `version` om den fortfarande är den aktuella (annars 409). Den som inte är "
    "attesterare för utlåtandet får 403.",
)
def statement_approve(request: HttpRequest, statement_id: int, body: ApproveIn) -> Any:
    user = signed_in(request)
    statement = _load(user, statement_id)
    result = _run(
        lambda: actions.statement_approve(actor=user, statement=statement, version=body.version)
    )
    if isinstance(result, Status):
        return result
    return _statement_out(statement_selectors.statement_for_page(statement.pk))


@router.get(
    "/statements/{statement_id}/verify",
    operation_id="mrplan_api_statements_statement_verify",
    response={200: VerificationOut, **DETAIL_ERRORS},
    summary="Kontrollera ett tjänsteutlåtande",
    description="Räknar om kontrollsummorna och svarar om dokumentet är oförändrat och vilka "
    "attesteringar som gäller; samma svar som verifieringssidans JSON.",
)
def statement_verify(request: HttpRequest, statement_id: int) -> dict[str, Any]:
    return verify(_load(signed_in(request), statement_id)).as_json()
