"""Roll activities up into a goal's, an organisation's and an action plan's progress.

The rules, also shown to users next to each figure:

- Progress is the mean of the activities' progress weighted by their weight (with every
  weight 1 it is the plain mean). Cancelled activities are left out.
- Each activity is assessed on a date: completed is on track, delayed is delayed; one not
  started or ongoing is compared with where a steady pace between its start and end dates
  would have it. More than LAG_AT_RISK percentage points behind is at risk, more than
  LAG_DELAYED behind is delayed. Without both dates it is taken to be on track.
- A group's assessment is the weighted mean of its activities' scores (on track 1, at
  risk ½, delayed 0): at least ON_TRACK_SCORE is "I fas", at least AT_RISK_SCORE is "Risk
  för försening", below that "Försenad".
- An action plan's progress is the plain mean over its organisations, each counted once
  however many activities it has, so that one large organisation does not hide the rest.

Colour always comes with a text label: the Swedish green / yellow / red convention.
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from mrplan.planning.models import ActivityStatus

LAG_AT_RISK = 10
LAG_DELAYED = 25
ON_TRACK_SCORE = 0.8
AT_RISK_SCORE = 0.5


@dataclass(frozen=True)
class Level:
    """A traffic-light assessment: a colour name, its text label and its CSS class."""

    colour: str
    label: str | Promise
    css_class: str
    score: float | None


ON_TRACK = Level("green", _("I fas"), "status-ok", 1.0)
AT_RISK = Level("yellow", _("Risk för försening"), "status-warn", 0.5)
DELAYED = Level("red", _("Försenad"), "status-bad", 0.0)
NO_ASSESSMENT = Level("grey", _("Ingen bedömning"), "status-draft", None)

METHOD = _("Viktat medelvärde av aktiviteternas framdrift. Inställda aktiviteter räknas inte.")
PLAN_METHOD = _("Medelvärde av organisationernas framdrift; varje organisation väger lika.")


class ActivityLike(Protocol):
    status: str
    progress: int
    weight: int
    start_date: datetime.date | None
    end_date: datetime.date | None


def expected_progress(activity: ActivityLike, on: datetime.date) -> float | None:
    """Return where a steady pace would have ACTIVITY on ON, or None without both dates."""
    start, end = activity.start_date, activity.end_date
    if start is None or end is None:
        return None
    if on <= start:
        return 0.0
    if on >= end:
        return 100.0
    return 100.0 * (on - start).days / max((end - start).days, 1)


def activity_level(activity: ActivityLike, on: datetime.date) -> Level:
    """Return ACTIVITY's assessment on ON (cancelled activities have none)."""
    if activity.status == ActivityStatus.CANCELLED:
        return NO_ASSESSMENT
    if activity.status == ActivityStatus.COMPLETED:
        return ON_TRACK
    if activity.status == ActivityStatus.DELAYED:
        return DELAYED
    expected = expected_progress(activity, on)
    if expected is None:
        return ON_TRACK
    lag = expected - activity.progress
    if lag > LAG_DELAYED:
        return DELAYED
    if lag > LAG_AT_RISK:
        return AT_RISK
    return ON_TRACK


class PeriodLike(Protocol):
    deadline: datetime.date


def assessment_date(period: PeriodLike | None, today: datetime.date) -> datetime.date:
    """Return the date an assessment is made on: a report's period end, the live plan today.

    A period ends on its deadline (sista dag). Every page, the compiled report, the public
    site and the API assess a report on this date, so that they agree.
    """
    return period.deadline if period is not None else today


def level_for_score(score: float | None) -> Level:
    """Return the assessment for a weighted score between 0 and 1."""
    if score is None:
        return NO_ASSESSMENT
    if score >= ON_TRACK_SCORE:
        return ON_TRACK
    if score >= AT_RISK_SCORE:
        return AT_RISK
    return DELAYED


@dataclass(frozen=True)
class Rollup:
    """The rolled-up progress (0–100, or None when nothing counts) and its assessment."""

    progress: float | None
    score: float | None
    counted: int
    excluded: int
    total_weight: int
    method: str | Promise = METHOD

    @property
    def level(self) -> Level:
        return level_for_score(self.score)

    @property
    def percent(self) -> int | None:
        """Return the progress rounded to a whole percent, for display."""
        return None if self.progress is None else round(self.progress)


def rollup(activities: Iterable[ActivityLike], *, on: datetime.date) -> Rollup:
    """Roll ACTIVITIES up: weighted progress and assessment, cancelled ones left out."""
    total_weight = 0
    weighted_progress = 0.0
    weighted_score = 0.0
    counted = excluded = 0
    for activity in activities:
        if activity.status == ActivityStatus.CANCELLED:
            excluded += 1
            continue
        # An activity as a report has it is assessed at that report's period end.
        level = activity_level(activity, getattr(activity, "assessed_on", None) or on)
        weight = activity.weight
        counted += 1
        total_weight += weight
        weighted_progress += weight * activity.progress
        weighted_score += weight * (level.score or 0.0)
    if total_weight == 0:
        return Rollup(None, None, counted, excluded, 0)
    return Rollup(
        weighted_progress / total_weight,
        weighted_score / total_weight,
        counted,
        excluded,
        total_weight,
    )


def combine(parts: Sequence[Rollup]) -> Rollup:
    """Roll up PARTS (one per organisation) with each part counting once."""
    assessed = [part for part in parts if part.progress is not None and part.score is not None]
    counted = sum(part.counted for part in parts)
    excluded = sum(part.excluded for part in parts)
    total_weight = sum(part.total_weight for part in parts)
    if not assessed:
        return Rollup(None, None, counted, excluded, total_weight, PLAN_METHOD)
    return Rollup(
        sum(part.progress or 0.0 for part in assessed) / len(assessed),
        sum(part.score or 0.0 for part in assessed) / len(assessed),
        counted,
        excluded,
        total_weight,
        PLAN_METHOD,
    )
