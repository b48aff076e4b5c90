"""Refusals shared by the planning actions: closed periods and closed years."""

from collections.abc import Collection, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from mrplan.planning.models import PeriodStatus, PlanningYear, ReportingPeriod


def check_period_open(period: ReportingPeriod) -> None:
    """Refuse any write into a closed period."""
    if period.status != PeriodStatus.OPEN:
        raise ValidationError(
            _("Perioden %(period)s är stängd och kan inte ändras.")
            % {"period": f"{period.name} {period.planning_year.year}"},
            code="closed",
        )


def check_year_open(planning_year: PlanningYear) -> None:
    """Refuse changes to a year's plan once every one of its periods is closed."""
    if not planning_year.periods.filter(status=PeriodStatus.OPEN).exists():
        raise ValidationError(
            _("Alla perioder för %(year)s är stängda. Planen för året kan inte längre ändras.")
            % {"year": planning_year.year},
            code="closed",
        )


def check_fields(data: Mapping[str, Any], allowed: Collection[str], what: str) -> None:
    """Refuse fields an action does not take (a programming error, not user input)."""
    unknown = set(data).difference(allowed)
    if unknown:
        raise ValueError(f"Unknown {what} fields: {sorted(unknown)}")


def stripped(data: Mapping[str, Any], names: frozenset[str]) -> dict[str, Any]:
    """Return DATA with surrounding whitespace removed from the named text values."""
    return {
        name: value.strip() if name in names and isinstance(value, str) else value
        for name, value in data.items()
    }
