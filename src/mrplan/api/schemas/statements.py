"""Statements (tjänsteutlåtanden): contents, versions, attestation and its verification."""

import datetime

from ninja import Field, Schema
from pydantic import ConfigDict


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
