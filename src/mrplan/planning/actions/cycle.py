"""The planning cycle: years, their reporting periods, and opening and closing them.

A planning year has no status of its own: it is open while any of its periods is. A period
is open or closed, and PERIOD_MOVES is the one rule for moving between the two.
"""

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mrplan.accounts.models import User
from mrplan.core.actions import save_audited
from mrplan.core.transitions import Transition, TransitionTable
from mrplan.planning.actions._checks import check_fields, check_period_open, stripped
from mrplan.planning.models import (
    FIRST_YEAR,
    LAST_YEAR,
    PeriodStatus,
    PlanningYear,
    ReportingPeriod,
)
from mrplan.planning.permissions import check_manage_cycle

# Stockholm's cycle: (code, name, (years after the planning year, month, day) of the deadline).
# The names are data (in Swedish, like the rest of the city's texts): editable per year.
DEFAULT_PERIODS: list[tuple[str, str, tuple[int, int, int]]] = [
    ("VP", "Verksamhetsplan", (0, 1, 31)),
    ("T1", "Tertialrapport 1", (0, 5, 15)),
    ("T2", "Tertialrapport 2", (0, 9, 15)),
    ("VB", "Verksamhetsberättelse", (1, 2, 15)),
]

PERIOD_FIELDS = frozenset({"code", "name", "deadline"})

# A period is created open; these are the only ways it moves after that.
PERIOD_MOVES: TransitionTable[ReportingPeriod] = TransitionTable(
    ReportingPeriod,
    "status",
    {
        "open": Transition(
            {PeriodStatus.CLOSED}, PeriodStatus.OPEN, gettext_lazy("Perioden är redan öppen.")
        ),
        "close": Transition(
            {PeriodStatus.OPEN}, PeriodStatus.CLOSED, gettext_lazy("Perioden är redan stängd.")
        ),
    },
)


def default_deadline(year: int, offset: tuple[int, int, int]) -> datetime.date:
    years_after, month, day = offset
    return datetime.date(year + years_after, month, day)


def _validate_year(year: Any) -> int:
    if not isinstance(year, int) or isinstance(year, bool) or not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(
            {
                "year": _("Ange ett år mellan %(first)d och %(last)d.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR}
            }
        )
    if PlanningYear.objects.filter(year=year).exists():
        raise ValidationError({"year": _("Planeringsåret %(year)d finns redan.") % {"year": year}})
    return year


@transaction.atomic
def planning_year_create(*, actor: User, year: int) -> PlanningYear:
    """Add a planning year with Stockholm's default periods VP, T1, T2 and VB, all open."""
    check_manage_cycle(actor)
    year = _validate_year(year)
    planning_year = save_audited(PlanningYear(), actor=actor, data={"year": year})
    for position, (code, name, offset) in enumerate(DEFAULT_PERIODS):
        save_audited(
            ReportingPeriod(planning_year=planning_year, position=position),
            actor=actor,
            data={
                "code": code,
                "name": name,
                "deadline": default_deadline(year, offset),
                # The initial state, recorded with the creation; later moves are PERIOD_MOVES.
                "status": PeriodStatus.OPEN,
            },
        )
    return planning_year


def _validate_period(period: ReportingPeriod, data: Mapping[str, Any]) -> None:
    errors: dict[str, str] = {}
    code = data.get("code", period.code)
    if not code:
        errors["code"] = _("Koden måste anges.")
    else:
        others = ReportingPeriod.objects.filter(planning_year_id=period.planning_year_id)
        if period.pk is not None:
            others = others.exclude(pk=period.pk)
        if any(
            other.casefold() == code.casefold() for other in others.values_list("code", flat=True)
        ):
            errors["code"] = _("Det finns redan en period med koden %(code)s det året.") % {
                "code": code
            }
    if not data.get("name", period.name):
        errors["name"] = _("Namnet måste anges.")
    if not data.get("deadline", period.deadline):
        errors["deadline"] = _("Ange sista dag för rapporteringen.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def reporting_period_create(
    *, actor: User, planning_year: PlanningYear, data: Mapping[str, Any]
) -> ReportingPeriod:
    """Add a reporting period to a year (for a city whose cycle differs from Stockholm's)."""
    check_manage_cycle(actor)
    check_fields(data, PERIOD_FIELDS, "period")
    data = stripped(data, frozenset({"code", "name"}))
    last = planning_year.periods.aggregate(last=Max("position"))["last"]
    period = ReportingPeriod(planning_year=planning_year, position=0 if last is None else last + 1)
    _validate_period(period, data)
    # Created open (the initial state, recorded with the creation); later moves are
    # PERIOD_MOVES.
    return save_audited(period, actor=actor, data={**data, "status": PeriodStatus.OPEN})


@transaction.atomic
def reporting_period_update(
    *, actor: User, period: ReportingPeriod, data: Mapping[str, Any]
) -> ReportingPeriod:
    """Change a period's code, name or deadline; a closed period must be opened first."""
    check_manage_cycle(actor)
    check_fields(data, PERIOD_FIELDS, "period")
    check_period_open(period)
    data = stripped(data, frozenset({"code", "name"}))
    _validate_period(period, data)
    return save_audited(period, actor=actor, data=data)


@transaction.atomic
def reporting_period_open(*, actor: User, period: ReportingPeriod) -> ReportingPeriod:
    """Open a closed period so that its reports can be written again."""
    check_manage_cycle(actor)
    return PERIOD_MOVES.apply(period, actor=actor, name="open")


@transaction.atomic
def reporting_period_close(*, actor: User, period: ReportingPeriod) -> ReportingPeriod:
    """Close a period: its reports become read-only."""
    check_manage_cycle(actor)
    return PERIOD_MOVES.apply(period, actor=actor, name="close")
