"""Endpoints for statements (tjänsteutlåtanden): read, edit, versions, attest, verify.

The same rules as the statement pages, through the same permission helper and actions.
Every endpoint needs a signed-in caller (401 otherwise). Coordinators and members of the
case's organisation read (others get 404); the organisation's editors and administrators
and coordinators edit (others 403); each approver attests only their own step, in order.
A request that is well formed but cannot be done now (a stale version, a decided
statement, an approval out of turn) is 409 with a Swedish message; bad data is 400. A
refusal changes nothing.
"""

import datetime
from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from pydantic import ConfigDict

from mrplan.accounts.models import User
from mrplan.api.auth import USER_AUTH
from mrplan.api.schemas import ErrorOut
from mrplan.consultations.actions import statements as actions
from mrplan.consultations.models import STATEMENT_HEADER_FIELDS as HEADER_FIELDS
from mrplan.consultations.models import STATEMENT_SECTIONS, Statement
from mrplan.consultations.permissions import get_statement_for_user
from mrplan.consultations.statements import selectors as statement_selectors
from mrplan.consultations.statements.attestation import verify

router = Router(tags=["Tjänsteutlåtanden"], auth=USER_AUTH)

READ = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}
WRITE = {**READ, 400: ErrorOut, 403: ErrorOut, 409: ErrorOut}

# Refusals of a well-formed request that cannot be done now (409); any other is bad data.
CONFLICT_CODES = frozenset(
    {"stale", "decided", "order", "done", "broken", "empty", "author", "declined", "closed"}
)

T = TypeVar("T")


class Signature(Schema):
    name: str = Field(max_length=200)
    title: str = Field("", max_length=200)
    organisation: str = Field("", max_length=200)


class HeaderOut(Schema):
    organisation_name: str
    administration_name: str
    department_name: str
    document_date: datetime.date | None
    diary_number: str
    case_officer_name: str
    case_officer_phone: str
    addressee_name: str
    meeting_date: datetime.date | None
    title: str
    subtitle: str


class SectionOut(Schema):
    field: str = Field(description="Fältets namn, t.ex. decision_proposal.")
    heading: str
    text: str


class ApprovalOut(Schema):
    id: int
    name: str
    title: str
    approved_at: datetime.datetime
    version: int
    content_hash: str
    valid: bool
    voided_at: datetime.datetime | None
    reason: str = Field(description="Varför attesteringen inte längre gäller (tom när den gäller).")


class StepOut(Schema):
    position: int
    approver_id: int
    approver: str
    title: str
    approvals: list[ApprovalOut]


class ExternalApprovalOut(Schema):
    name: str
    title: str
    date: str


class StatementOut(Schema):
    id: int
    case_id: int
    organisation_id: int
    status: str
    current_version: int
    content_hash: str | None = Field(description="SHA-256 för den aktuella versionen.")
    header: HeaderOut
    sections: list[SectionOut]
    signatures: list[dict[str, str]]
    answers: dict[str, str] = Field(description="Svar per remissfråga (frågans id).")
    approval_steps: list[StepOut]
    next_approver_id: int | None
    external_approvals: list[ExternalApprovalOut]


class StatementPatchIn(Schema):
    """The version the change is made against, and only the fields to change."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(description="Den version ändringen utgår från (current_version).")
    organisation_name: str | None = Field(None, max_length=200)
    administration_name: str | None = Field(None, max_length=200)
    department_name: str | None = Field(None, max_length=200)
    document_date: datetime.date | None = None
    diary_number: str | None = Field(None, max_length=40)
    case_officer_name: str | None = Field(None, max_length=150)
    case_officer_phone: str | None = Field(None, max_length=40)
    addressee_name: str | None = Field(None, max_length=200)
    meeting_date: datetime.date | None = None
    title: str | None = Field(None, max_length=300)
    subtitle: str | None = Field(None, max_length=300)
    decision_proposal: str | None = None
    summary: str | None = None
    background: str | None = None
    matter: str | None = None
    preparation_text: str | None = None
    views: str | None = None
    attachments_text: str | None = None
    signatures: list[Signature] | None = None
    answers: dict[str, str] | None = None


class ApproveIn(Schema):
    version: int = Field(description="Den version du har läst och attesterar.")


class VersionOut(Schema):
    number: int
    created_at: datetime.datetime
    created_by: str | None
    content_hash: str


class VerificationApprovalOut(Schema):
    position: int
    name: str
    title: str
    approved_at: str
    version: int
    content_hash: str
    previous_signature: str
    signature: str
    valid: bool
    reason: str


class VerificationExternalOut(ExternalApprovalOut):
    verified: bool = Field(description="Alltid false: attest enligt importerat dokument.")
    label: str


class VerificationOut(Schema):
    statement: int
    diary_number: str
    title: str
    current_version: int
    current_hash: str
    stored_hash: str | None
    version_signature: str | None
    version_signed: bool
    chain_intact: bool
    intact: bool
    fully_approved: bool
    minimum_approvers: int
    external_approvals: list[VerificationExternalOut]
    approvals: list[VerificationApprovalOut]


def _load(request: HttpRequest, statement_id: int, *, write: bool = False) -> Statement:
    """Check access with the pages' helper, then load the statement with its attestation."""
    statement = get_statement_for_user(request, statement_id, write=write)
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
    if any(item.code in CONFLICT_CODES for item in error.error_list):
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
    response={200: StatementOut, **READ},
    summary="Visa ett tjänsteutlåtande",
    description="Sidhuvud, avsnitt, underskrifter, svar, status och attestering: stegen i "
    "ordning med sina attesteringar (valid anger om de fortfarande gäller).",
)
def statement_detail(request: HttpRequest, statement_id: int) -> StatementOut:
    return _statement_out(_load(request, statement_id))


@router.patch(
    "/statements/{statement_id}",
    response={200: StatementOut, **WRITE},
    summary="Ändra ett tjänsteutlåtande",
    description="Ange `version` (den du utgick från) och bara de fält som ska ändras. Varje "
    "ändring blir en ny version och upphäver attesteringarna. Har någon sparat efter dig, "
    "eller är utlåtandet beslutat, svarar API:et 409 och ingenting sparas.",
)
def statement_patch(request: HttpRequest, statement_id: int, body: StatementPatchIn) -> Any:
    statement = _load(request, statement_id, write=True)
    data = body.dict(exclude_unset=True)
    version = data.pop("version")
    result = _run(
        lambda: actions.statement_update(
            actor=cast(User, request.user), statement=statement, data=data, version=version
        )
    )
    if isinstance(result, Status):
        return result
    return _statement_out(statement_selectors.statement_for_page(statement.pk))


@router.get(
    "/statements/{statement_id}/versions",
    response={200: list[VersionOut], **READ},
    summary="Lista ett tjänsteutlåtandes versioner",
    description="Nyaste först, med kontrollsumman (SHA-256) för varje version.",
)
def statement_versions(request: HttpRequest, statement_id: int) -> list[VersionOut]:
    statement = get_statement_for_user(request, statement_id)
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
    response={200: StatementOut, **WRITE},
    summary="Attestera ett tjänsteutlåtande",
    description="Bara den som står näst i tur bland attesterarna, och bara den version som "
    "anges i `version` om den fortfarande är den aktuella (annars 409). Den som inte är "
    "attesterare för utlåtandet får 403.",
)
def statement_approve(request: HttpRequest, statement_id: int, body: ApproveIn) -> Any:
    statement = _load(request, statement_id)
    result = _run(
        lambda: actions.statement_approve(
            actor=cast(User, request.user), statement=statement, version=body.version
        )
    )
    if isinstance(result, Status):
        return result
    return _statement_out(statement_selectors.statement_for_page(statement.pk))


@router.get(
    "/statements/{statement_id}/verify",
    response={200: VerificationOut, **READ},
    summary="Kontrollera ett tjänsteutlåtande",
    description="Räknar om kontrollsummorna och svarar om dokumentet är oförändrat och vilka "
    "attesteringar som gäller; samma svar som verifieringssidans JSON.",
)
def statement_verify(request: HttpRequest, statement_id: int) -> dict[str, Any]:
    return verify(_load(request, statement_id)).as_json()
