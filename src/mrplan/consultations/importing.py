"""Import an existing tjänsteutlåtande: a case with the file's diary number and its statement.

The parser (parsing.py) reads the file; this module finds the organisation (by the diary
number's prefix, or as given), refuses a diary number that is already taken, registers the
case through the diary and creates the statement through statement_create, so permissions,
validation, the first version and the audit log work as for a statement written in mrplan.

An attestation block in the file ("Detta dokument har godkänts digitalt av …") was made in
another system, against a text whose hash mrplan never computed. It is not turned into
Approval rows (those are bound to a hash mrplan computed when the approver approved).
It is kept as the statement's external_approvals: part of the document as printed (on the
page, in the PDF and .docx, and in the content hash from now on), shown as "attesterat i
ett annat system", and cleared by the first edit. The statement then counts as attested
(it can be decided) as long as it has no approval steps of its own. The import is also
noted in the history, naming the approvers and dates as the file states them.
"""

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mrplan.accounts.models import User
from mrplan.consultations.actions.statements import statement_create
from mrplan.consultations.diary import register_case
from mrplan.consultations.models import Case, Statement
from mrplan.consultations.parsing import (
    SECTION_KEYS,
    Approval,
    ParsedStatement,
    Signature,
)
from mrplan.consultations.permissions import check_write_organisation
from mrplan.core import audit
from mrplan.organisations.models import Organisation

MESSAGE_MAX_CHARS = 500
_RECIPIENT_RE = re.compile(r"\btill\s+(?P<recipient>.+)$", re.IGNORECASE)


@dataclass
class ImportResult:
    statement: Statement
    missing: list[str] = field(default_factory=list)
    attestation: list[str] = field(default_factory=list)


def _date(value: Any) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def parsed_from_dict(data: dict[str, Any]) -> ParsedStatement:
    """Rebuild a ParsedStatement from its to_dict() form (as kept in the session)."""
    attested_at = data.get("attested_at")
    return ParsedStatement(
        title=data.get("title", ""),
        subtitle=data.get("subtitle", ""),
        document_kind=data.get("document_kind", ""),
        diary_number=data.get("diary_number", ""),
        diary_prefix=data.get("diary_prefix", ""),
        diary_year=data.get("diary_year"),
        diary_serial=data.get("diary_serial"),
        document_date=_date(data.get("document_date")),
        organisation=data.get("organisation", ""),
        department=data.get("department", ""),
        case_officer=data.get("case_officer", ""),
        case_officer_phone=data.get("case_officer_phone", ""),
        addressee=data.get("addressee", ""),
        meeting_date=_date(data.get("meeting_date")),
        address_lines=list(data.get("address_lines", [])),
        email=data.get("email", ""),
        website=data.get("website", ""),
        sections={key: data.get("sections", {}).get(key, "") for key in SECTION_KEYS},
        section_headings=dict(data.get("section_headings", {})),
        signatures=[Signature(**row) for row in data.get("signatures", [])],
        attachments=list(data.get("attachments", [])),
        approvals=[
            Approval(row["name"], row["title"], datetime.date.fromisoformat(row["date"]))
            for row in data.get("approvals", [])
        ],
        attested_at=datetime.datetime.fromisoformat(attested_at) if attested_at else None,
        missing=list(data.get("missing", [])),
        unrecognised=list(data.get("unrecognised", [])),
        unknown_headings={
            key: list(value) for key, value in dict(data.get("unknown_headings", {})).items()
        },
    )


def find_organisation(parsed: ParsedStatement, slug: str = "") -> Organisation:
    """Return the organisation named by SLUG, or the one whose diary prefix the file uses."""
    if slug:
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            raise ValidationError(
                _("Det finns ingen organisation med adressnamnet ”%(slug)s”.") % {"slug": slug}
            )
        return organisation
    if not parsed.diary_prefix:
        raise ValidationError(
            _("Filen har inget diarienummer. Ange vilken organisation ärendet hör till.")
        )
    organisation = Organisation.objects.filter(diary_prefix=parsed.diary_prefix).first()
    if organisation is None:
        raise ValidationError(
            _(
                "Ingen organisation har diarieprefixet ”%(prefix)s”. Ange vilken organisation "
                "ärendet hör till."
            )
            % {"prefix": parsed.diary_prefix}
        )
    return organisation


def check_importable(*, actor: User, parsed: ParsedStatement, organisation: Organisation) -> None:
    """Refuse, with a Swedish message, what statement_import would refuse (nothing is saved)."""
    check_write_organisation(actor, organisation.pk)
    if not organisation.diary_prefix:
        raise ValidationError(
            _("%(organisation)s har inget diarieprefix och kan inte registrera ärenden.")
            % {"organisation": organisation.name}
        )
    if parsed.diary_number:
        if parsed.diary_prefix != organisation.diary_prefix:
            raise ValidationError(
                _(
                    "Diarienumret %(number)s hör inte till %(organisation)s, vars "
                    "diarieprefix är %(prefix)s."
                )
                % {
                    "number": parsed.diary_number,
                    "organisation": organisation.name,
                    "prefix": organisation.diary_prefix,
                }
            )
        year, serial = parsed.diary_year or 0, parsed.diary_serial or 0
        if Case.objects.filter(organisation=organisation, year=year, serial=serial).exists():
            raise ValidationError(
                _(
                    "Diarienumret %(number)s finns redan i %(organisation)s diarium. "
                    "Tjänsteutlåtandet har inte importerats."
                )
                % {"number": parsed.diary_number, "organisation": organisation.name}
            )


def _case_officer(organisation: Organisation, name: str) -> User | None:
    """Return the organisation's member called NAME ("Jens Westlund"), if exactly one."""
    first, _space, last = name.strip().partition(" ")
    if not first or not last:
        return None
    matches = list(
        User.objects.filter(
            memberships__organisation=organisation,
            first_name__iexact=first,
            last_name__iexact=last,
        ).distinct()[:2]
    )
    return matches[0] if len(matches) == 1 else None


def _recipient(parsed: ParsedStatement) -> str:
    """Return whom the statement answers, from a subtitle "Yttrande till kommunstyrelsen"."""
    match = _RECIPIENT_RE.search(parsed.subtitle)
    if match is None:
        return ""
    text = match["recipient"].strip().rstrip(".")
    return text[:1].upper() + text[1:]


def statement_data(parsed: ParsedStatement) -> dict[str, Any]:
    """Return the statement fields the file fills in (header fields only where found)."""
    header = {
        "administration_name": parsed.organisation,
        "department_name": parsed.department,
        "document_date": parsed.document_date,
        "case_officer_name": parsed.case_officer,
        "case_officer_phone": parsed.case_officer_phone,
        "addressee_name": parsed.addressee,
        "meeting_date": parsed.meeting_date,
        "title": parsed.title,
        "subtitle": parsed.subtitle,
    }
    data: dict[str, Any] = {name: value for name, value in header.items() if value}
    data.update({key: parsed.sections.get(key, "") for key in SECTION_KEYS})
    data["signatures"] = [signature._asdict() for signature in parsed.signatures]
    data["external_approvals"] = [
        {"name": approval.name, "title": approval.title, "date": approval.date.isoformat()}
        for approval in parsed.approvals
    ]
    return data


def attestation_lines(parsed: ParsedStatement) -> list[str]:
    """Return the file's attestation block as lines: "Name, title YYYY-MM-DD"."""
    return [
        f"{approval.name}, {approval.title} {approval.date.isoformat()}"
        if approval.title
        else f"{approval.name} {approval.date.isoformat()}"
        for approval in parsed.approvals
    ]


def _history_message(parsed: ParsedStatement, source_name: str) -> str:
    message = (
        _("Importerat från filen %(name)s.") % {"name": source_name}
        if source_name
        else _("Importerat från fil.")
    )
    lines = attestation_lines(parsed)
    if lines:
        message += " " + _(
            "Filen var godkänd digitalt i ett annat system (attesteringen gäller inte "
            "någon version i mrplan): %(lines)s."
        ) % {"lines": "; ".join(lines)}
        if parsed.attested_at is not None:
            message += " " + _("Tidsstämpel i filen: %(stamp)s.") % {
                "stamp": parsed.attested_at.isoformat()
            }
    if len(message) > MESSAGE_MAX_CHARS:
        message = message[: MESSAGE_MAX_CHARS - 1] + "…"
    return message


@transaction.atomic
def statement_import(
    *,
    actor: User,
    parsed: ParsedStatement,
    organisation: Organisation,
    source_name: str = "",
) -> ImportResult:
    """Register a case with the file's diary number and create its statement from PARSED.

    Refused (ValidationError or PermissionDenied, nothing saved) when the actor may not
    write in the organisation's diary or the diary number is taken or not the organisation's.
    """
    check_importable(actor=actor, parsed=parsed, organisation=organisation)
    title = (parsed.title or _("Importerat tjänsteutlåtande"))[:300]
    case = register_case(
        actor=actor,
        organisation=organisation,
        title=title,
        registered_on=parsed.document_date or timezone.localdate(),
        recipient=_recipient(parsed),
        case_officer=_case_officer(organisation, parsed.case_officer),
        diary_number=parsed.diary_number,
    )
    data = statement_data(parsed)
    data["title"] = title
    statement = statement_create(actor=actor, case=case, data=data)
    audit.record(
        actor=actor,
        verb="update",
        instance=statement,
        message=_history_message(parsed, source_name),
    )
    return ImportResult(
        statement=statement, missing=list(parsed.missing), attestation=attestation_lines(parsed)
    )
