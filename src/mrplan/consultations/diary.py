"""The diary: register cases with numbers `<prefix> <year>/<serial>`, unique and never reused.

Serials come from one DiarySequence row per organisation and year, locked with
SELECT … FOR UPDATE inside the transaction, so concurrent registrations wait for each other
and each gets the next serial. The row itself is created under a savepoint: when two
registrations race to create it, the loser's insert fails on the unique constraint and it
locks the winner's row instead. SQLite has no row locks but serialises writers; a writer
that finds the database locked starts its transaction again (only when register_case owns
the transaction: inside a caller's transaction the caller decides).
"""

import contextlib
import datetime
import random
import re
import threading
import time
from collections.abc import Iterator
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mrplan.accounts.models import User
from mrplan.consultations import permissions
from mrplan.consultations.models import Case, ConsultationRecipient, DiarySequence
from mrplan.core.actions import save_audited
from mrplan.organisations.models import Organisation

LOCKED_SECONDS = 30
DIARY_NUMBER_PATTERN = re.compile(
    r"^\s*(?P<prefix>\S+)\s+(?P<year>\d{4})\s*/\s*(?P<serial>\d{1,9})\s*$"
)


def format_diary_number(prefix: str, year: int, serial: int) -> str:
    return f"{prefix} {year}/{serial}"


def parse_diary_number(organisation: Organisation, text: str) -> tuple[int, int]:
    """Return (year, serial) of TEXT, a diary number of ORGANISATION, or raise ValidationError."""
    match = DIARY_NUMBER_PATTERN.match(text or "")
    if match is None or match["prefix"] != organisation.diary_prefix:
        raise ValidationError(
            {
                "diary_number": _(
                    "Diarienumret ska skrivas som %(example)s (prefix, år och löpnummer)."
                )
                % {"example": format_diary_number(organisation.diary_prefix or "HÄ", 2024, 427)}
            }
        )
    serial = int(match["serial"])
    if serial < 1:
        raise ValidationError({"diary_number": _("Löpnumret måste vara minst 1.")})
    return int(match["year"]), serial


def _locked_sequence(organisation: Organisation, year: int) -> DiarySequence:
    """Return ORGANISATION's sequence for YEAR, locked until the transaction ends."""
    lookup = {"organisation": organisation, "year": year}
    sequence = DiarySequence.objects.select_for_update().filter(**lookup).first()
    if sequence is not None:
        return sequence
    try:
        with transaction.atomic():  # a savepoint: losing the race must not spoil the outer work
            DiarySequence.objects.create(**lookup)
    except IntegrityError:
        pass  # another registration created it first; lock theirs
    return DiarySequence.objects.select_for_update().get(**lookup)


_SQLITE_WRITE_LOCK = threading.Lock()


@contextlib.contextmanager
def _sqlite_writer(vendor: str) -> Iterator[None]:
    if vendor != "sqlite":
        yield
        return
    with _SQLITE_WRITE_LOCK:
        yield


def _retrying(work: Any) -> Any:
    """Run WORK in its own transaction, again when SQLite says the database is locked."""
    if transaction.get_connection().in_atomic_block:
        return work()
    deadline = time.monotonic() + LOCKED_SECONDS
    connection = transaction.get_connection()
    while True:
        try:
            # SQLite has one writer at a time: within a process, wait our turn here rather
            # than collide; across processes the retry below handles "database is locked".
            with _sqlite_writer(connection.vendor), transaction.atomic():
                return work()
        except OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            # Random back-off, so that waiting writers do not wake up in lockstep.
            time.sleep(random.uniform(0.005, 0.05))  # noqa: S311 - not for security


def register_case(
    *,
    actor: User,
    organisation: Organisation,
    title: str,
    registered_on: datetime.date,
    sender: str = "",
    recipient: str = "",
    case_officer: Any = None,
    consultation_recipient: ConsultationRecipient | None = None,
    diary_number: str = "",
    check_permission: bool = True,
) -> Case:
    """Register a case in ORGANISATION's diary with the next serial of REGISTERED_ON's year.

    With DIARY_NUMBER (an import, e.g. "HÄ 2024/427") that exact number is used: a
    duplicate is refused and the sequence moves past it, so it is never handed out again.
    CHECK_PERMISSION is turned off only by other actions that checked their own rules.
    """
    if check_permission:
        permissions.check_write_organisation(actor, organisation.pk)
    prefix = organisation.diary_prefix.strip()
    if not prefix:
        raise ValidationError(
            _(
                "%(organisation)s har inget diarieprefix. Ange ett prefix för organisationen "
                "innan ärenden kan registreras."
            )
            % {"organisation": organisation.name}
        )
    if registered_on is None:
        raise ValidationError({"registered_on": _("Ange registreringsdatum.")})
    if registered_on > timezone.localdate():
        raise ValidationError(
            {"registered_on": _("Registreringsdatumet kan inte ligga i framtiden.")}
        )
    explicit = parse_diary_number(organisation, diary_number) if diary_number.strip() else None
    if explicit is not None and explicit[0] != registered_on.year:
        raise ValidationError(
            {
                "diary_number": _(
                    "Året i diarienumret (%(number_year)s) stämmer inte med "
                    "registreringsdatumet (%(date)s)."
                )
                % {"number_year": explicit[0], "date": registered_on.isoformat()}
            }
        )

    def work() -> Case:
        if explicit is None:
            year = registered_on.year
            sequence = _locked_sequence(organisation, year)
            serial = sequence.last_serial + 1
        else:
            year, serial = explicit
            sequence = _locked_sequence(organisation, year)
            number = format_diary_number(prefix, year, serial)
            if Case.objects.filter(organisation=organisation, year=year, serial=serial).exists():
                raise ValidationError(
                    {"diary_number": _("Diarienumret %(number)s finns redan.") % {"number": number}}
                )
        if serial > sequence.last_serial:
            sequence.last_serial = serial
            sequence.save(update_fields=["last_serial"])
        case = Case(organisation=organisation)
        return save_audited(
            case,
            actor=actor,
            data={
                "year": year,
                "serial": serial,
                "diary_number": format_diary_number(prefix, year, serial),
                "title": title.strip(),
                "registered_on": registered_on,
                "sender": sender.strip(),
                "recipient": recipient.strip(),
                "case_officer": case_officer,
                "consultation_recipient": consultation_recipient,
            },
            message=_("Registrerat i diariet."),
        )

    return _retrying(work)
