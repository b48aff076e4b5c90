"""Consultations (remisser), their recipients, the diary's cases and decisions."""

import datetime

from ninja import Field, Schema

from mrplan.api.schemas.base import DatabaseId


class RecipientOut(Schema):
    id: int
    organisation_id: int
    organisation: str
    status: str = Field(description="pending, answered, declined eller late (försenad).")
    declined_reason: str
    answered_at: datetime.datetime | None
    case_id: int | None
    diary_number: str | None
    statement_id: int | None


class ConsultationOut(Schema):
    id: int
    title: str
    description: str
    sender: str
    sender_diary_number: str
    programme_id: int | None
    action_plan_id: int | None
    deadline: datetime.date
    status: str
    sent_at: datetime.datetime | None
    questions: list[str]
    recipients: list[RecipientOut]


class ConsultationSummaryOut(Schema):
    id: int
    title: str
    sender: str
    deadline: datetime.date
    status: str
    recipient_count: int
    answered_count: int
    declined_count: int


class CaseOut(Schema):
    id: int
    organisation_id: int
    diary_number: str
    year: int
    serial: int
    title: str
    registered_on: datetime.date
    sender: str
    recipient: str
    case_officer: str | None
    status: str
    consultation_id: int | None


class CaseQuery(Schema):
    q: str = Field("", max_length=100, description="Sök på diarienummer, rubrik eller avsändare.")


class CaseIn(Schema):
    title: str = Field(max_length=300)
    registered_on: datetime.date
    sender: str = Field("", max_length=200)
    recipient: str = Field("", max_length=200)
    diary_number: str = Field(
        "", max_length=40, description="Ett befintligt nummer vid import, t.ex. HÄ 2024/427."
    )


class DeclineIn(Schema):
    reason: str = Field(max_length=2000)


class DecisionIn(Schema):
    committee_id: DatabaseId
    meeting_date: datetime.date
    paragraph: str = Field(max_length=20)
    text: str
    decided_on: datetime.date


class DecisionOut(Schema):
    id: int
    statement_id: int
    committee_id: int
    committee: str
    meeting_date: datetime.date
    paragraph: str
    text: str
    decided_on: datetime.date
