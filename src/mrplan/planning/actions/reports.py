"""Period reports: create with carry-over, fill in, and move through the review workflow.

draft → submitted → returned (with a comment) → submitted → approved. An approved report
is locked until a coordinator reopens it (back to returned, with a comment). Every
transition is an action below and is recorded in the report's history.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mrplan.accounts.models import User
from mrplan.core import audit
from mrplan.core.actions import save_audited
from mrplan.core.transitions import Transition, TransitionTable
from mrplan.organisations.models import Organisation
from mrplan.planning import selectors, signals
from mrplan.planning.actions._checks import check_period_open
from mrplan.planning.actions.plan import claim_activity_version
from mrplan.planning.models import (
    ActivityStatus,
    ActivityUpdate,
    GoalAnalysis,
    IndicatorValue,
    Report,
    ReportingPeriod,
    ReportStatus,
    SignOffSetting,
    validate_status_and_progress,
)
from mrplan.planning.notifications import notify_report_move
from mrplan.planning.permissions import check_review, check_sign_off, check_write
from mrplan.planning.snapshots import snapshot_create
from mrplan.programmes.models import ActionPlan

# The one table of the report workflow. Every move is an action below that names its row;
# other code (notifications, the review queue) hooks into those actions. Moves tagged
# "review" may finish after the period is closed; every other move needs it open.
REPORT_MOVES: TransitionTable[Report] = TransitionTable(
    Report,
    "status",
    {
        "submit": Transition(
            {ReportStatus.DRAFT, ReportStatus.RETURNED},
            ReportStatus.SUBMITTED,
            gettext_lazy("Rapporten kan inte skickas in: den har status %(status)s."),
        ),
        "submit_for_sign_off": Transition(
            {ReportStatus.DRAFT, ReportStatus.RETURNED},
            ReportStatus.AWAITING_SIGN_OFF,
            gettext_lazy("Rapporten kan inte skickas in: den har status %(status)s."),
        ),
        "sign_off": Transition(
            {ReportStatus.AWAITING_SIGN_OFF},
            ReportStatus.SUBMITTED,
            gettext_lazy(
                "Rapporten kan inte attesteras: den har status %(status)s. "
                "Bara rapporter som väntar på intern attest kan attesteras."
            ),
            contested=True,
            tags={"review"},
        ),
        "withdraw": Transition(
            {ReportStatus.AWAITING_SIGN_OFF, ReportStatus.SUBMITTED},
            ReportStatus.DRAFT,
            gettext_lazy(
                "Rapporten kan inte dras tillbaka: den har status %(status)s. "
                "En rapport kan dras tillbaka bara innan granskningen har börjat."
            ),
        ),
        "return": Transition(
            {ReportStatus.SUBMITTED},
            ReportStatus.RETURNED,
            gettext_lazy(
                "Rapporten kan inte returneras: den har status %(status)s. "
                "Bara inskickade rapporter kan returneras."
            ),
            contested=True,
            tags={"review"},
        ),
        "approve": Transition(
            {ReportStatus.SUBMITTED},
            ReportStatus.APPROVED,
            gettext_lazy(
                "Rapporten kan inte godkännas: den har status %(status)s. "
                "Bara inskickade rapporter kan godkännas."
            ),
            contested=True,
            tags={"review"},
        ),
        "reopen": Transition(
            {ReportStatus.APPROVED},
            ReportStatus.RETURNED,
            gettext_lazy(
                "Rapporten kan inte öppnas igen: den har status %(status)s. "
                "Bara godkända rapporter kan öppnas igen."
            ),
        ),
    },
    already_done=gettext_lazy("Rapporten har redan granskats."),
)
TRANSITIONS = REPORT_MOVES.moves


def next_statuses(status: str) -> frozenset[str]:
    """Return the states a report in STATUS may move to (read from REPORT_MOVES)."""
    return REPORT_MOVES.next_states(status)


STALE_REPORT = gettext_lazy(
    "Rapporten har ändrats sedan du öppnade den. Ingenting sparades: "
    "öppna rapporten igen för att se den senaste versionen och gör om dina ändringar."
)


def field_name(kind: str, pk: int, part: str) -> str:
    """Return the form field name for one part of a report, e.g. activity-12-status.

    The actions key their validation errors by these names so that a form shows each error
    next to its field.
    """
    return f"{kind}-{pk}-{part}"


def check_transition(report: Report, *, name: str) -> None:
    """Refuse a move that REPORT_MOVES does not allow from the report's status."""
    REPORT_MOVES.check(report, name)


def lock_report(report: Report) -> Report:
    """Lock REPORT's row until the transaction ends and reload it, so moves take turns.

    Whoever comes second sees the first one's result and is refused instead of both
    succeeding (and both landing in the history).
    """
    return REPORT_MOVES.lock(report)


def _transition(
    report: Report,
    *,
    actor: User,
    name: str,
    data: Mapping[str, Any],
    message: str = "",
) -> Report:
    lock_report(report)
    check_transition(report, name=name)
    if "review" not in REPORT_MOVES[name].tags:
        check_period_open(report.period)
    Report.objects.filter(pk=report.pk).update(version=F("version") + 1)
    report.version += 1
    return REPORT_MOVES.apply(
        report, actor=actor, name=name, data=data, message=message, lock=False
    )


def check_editable(report: Report) -> None:
    """Refuse changes to a report that is submitted, approved or in a closed period."""
    check_period_open(report.period)
    if report.status == ReportStatus.APPROVED:
        raise ValidationError(
            _("Rapporten är godkänd och låst. En samordnare kan öppna den igen."), code="locked"
        )
    if report.status in (ReportStatus.SUBMITTED, ReportStatus.AWAITING_SIGN_OFF):
        raise ValidationError(
            _(
                "Rapporten är inskickad och väntar på granskning. Den kan ändras igen om "
                "samordnaren returnerar den."
            ),
            code="locked",
        )


# Create, with carry-over


@transaction.atomic
def report_create(
    *, actor: User, organisation: Organisation, action_plan: ActionPlan, period: ReportingPeriod
) -> Report:
    """Start a report, filled in from the plan: each activity's status and progress as it
    stands, and each indicator's latest reported value, so that nobody types them again."""
    check_write(actor, organisation.pk)
    check_period_open(period)
    if Report.objects.filter(
        organisation=organisation, action_plan=action_plan, period=period
    ).exists():
        raise ValidationError(
            _("Det finns redan en rapport om %(plan)s för %(period)s.")
            % {"plan": action_plan, "period": f"{period.name} {period.planning_year.year}"},
            code="unique",
        )
    report = save_audited(
        Report(),
        actor=actor,
        data={
            "organisation": organisation,
            "action_plan": action_plan,
            "period": period,
            "status": ReportStatus.DRAFT,
        },
        message=_("Ifylld med aktiviteternas status och de senast rapporterade värdena."),
    )
    ActivityUpdate.objects.bulk_create(
        ActivityUpdate(
            report=report, activity=activity, status=activity.status, progress=activity.progress
        )
        for activity in selectors.scope_activities(report).order_by("pk")
    )
    indicator_ids = list(selectors.scope_indicators(report).values_list("pk", flat=True))
    last = selectors.last_indicator_values(
        organisation_id=organisation.pk, indicator_ids=indicator_ids, before=period
    )
    IndicatorValue.objects.bulk_create(
        IndicatorValue(report=report, indicator_id=indicator_id, category=category, value=value)
        for (indicator_id, category), value in sorted(last.items())
    )
    # Indicators that take their values from a measure are filled from the knowledge base
    # (knowledge receives the signal: planning does not import it).
    signals.report_created.send(sender=Report, report=report, actor=actor)
    return report


# Fill in


@dataclass(frozen=True)
class ActivityUpdateInput:
    status: str
    progress: int | None
    comment: str = ""


def _validate_contents(
    report: Report,
    *,
    activities: Mapping[int, ActivityUpdateInput],
    indicator_values: Mapping[tuple[int, str], Decimal | None],
    analyses: Mapping[int, str],
) -> selectors.ReportPage:
    """Check every part against the report's scope; return what the report covers."""
    page = selectors.report_page(report)
    known_activities = {entry.activity.pk: entry.activity for entry in page.activity_entries}
    known_indicators = {
        entry.indicator.pk: entry.indicator.categories for entry in page.indicator_entries
    }
    known_goals = {section.goal.pk for section in page.goals}
    errors: dict[str, list[str]] = {}
    for activity_id, update in activities.items():
        if activity_id not in known_activities:
            errors.setdefault("__all__", []).append(_("En aktivitet hör inte till rapporten."))
            continue
        if update.status not in ActivityStatus.values:
            errors[field_name("activity", activity_id, "status")] = [_("Välj en status i listan.")]
            continue
        if update.progress is None or not 0 <= update.progress <= 100:
            errors[field_name("activity", activity_id, "progress")] = [
                _("Ange framdriften som ett tal mellan 0 och 100.")
            ]
            continue
        try:
            validate_status_and_progress(update.status, update.progress)
        except ValidationError as error:
            errors[field_name("activity", activity_id, "progress")] = error.messages
    for indicator_id, category in indicator_values:
        if category not in known_indicators.get(indicator_id, []):
            errors.setdefault("__all__", []).append(
                _("En indikator eller kategori hör inte till rapporten.")
            )
    for goal_id in analyses:
        if goal_id not in known_goals:
            errors.setdefault("__all__", []).append(_("Ett mål hör inte till rapporten."))
    if errors:
        raise ValidationError(errors)
    return page


def _status_label(status: str | None) -> str | None:
    return str(ActivityStatus(status).label) if status else None


def _display(value: Any) -> Any:
    return None if value in ("", None) else str(value)


@transaction.atomic
def report_update(
    *,
    actor: User,
    report: Report,
    version: int,
    activities: Mapping[int, ActivityUpdateInput] | None = None,
    indicator_values: Mapping[tuple[int, str], Decimal | None] | None = None,
    analyses: Mapping[int, str] | None = None,
) -> Report:
    """Save a report opened at VERSION: activity updates, indicator values, goal analyses.

    An activity's new status and progress are also written to the activity itself when the
    report is in the year's current period (or later) and no report for a later period
    covers it, so the plan shows the latest follow-up and never an older period's.
    """
    check_write(actor, report.organisation_id)
    check_editable(report)
    activities = activities or {}
    indicator_values = indicator_values or {}
    analyses = {goal_id: text.strip() for goal_id, text in (analyses or {}).items()}
    page = _validate_contents(
        report, activities=activities, indicator_values=indicator_values, analyses=analyses
    )
    known_activities = {entry.activity.pk: entry.activity for entry in page.activity_entries}
    indicator_names = {entry.indicator.pk: entry.indicator.name for entry in page.indicator_entries}
    goal_titles = {section.goal.pk: section.goal.title for section in page.goals}
    claimed = Report.objects.filter(pk=report.pk, version=version).update(version=F("version") + 1)
    if not claimed:
        raise ValidationError(STALE_REPORT, code="stale")
    report.version = version + 1

    changes: dict[str, list[Any]] = {}
    existing = {u.activity_id: u for u in ActivityUpdate.objects.filter(report=report)}
    newer = set(
        ActivityUpdate.objects.filter(
            selectors.later_periods(report.period, "report__period__"),
            activity_id__in=list(activities),
        ).values_list("activity_id", flat=True)
    )
    live = selectors.writes_to_live_plan(report.period, timezone.localdate())
    for activity_id, given in activities.items():
        activity = known_activities[activity_id]
        update = existing.get(activity_id) or ActivityUpdate(report=report, activity=activity)
        before = (update.status, update.progress, update.comment) if update.pk else None
        after: tuple[str, int, str] = (given.status, given.progress or 0, given.comment.strip())
        if before == after:
            continue
        update.status, update.progress, update.comment = after
        update.full_clean()
        update.save()
        old_status, old_progress, old_comment = before or (None, None, None)
        for label, old, new in (
            (_("status"), _status_label(old_status), _status_label(given.status)),
            (_("framdrift"), old_progress, given.progress),
            (_("kommentar"), old_comment, after[2]),
        ):
            if old != new:
                changes[f"{activity.title} – {label}"] = [_display(old), _display(new)]
        if live and activity_id not in newer and (activity.status, activity.progress) != after[:2]:
            claim_activity_version(activity, activity.version)
            save_audited(
                activity,
                actor=actor,
                data={"status": given.status, "progress": given.progress},
                message=_("Från rapporten %(report)s.") % {"report": report},
            )

    stored = {(v.indicator_id, v.category): v for v in IndicatorValue.objects.filter(report=report)}
    for (indicator_id, category), value in indicator_values.items():
        row = stored.get((indicator_id, category))
        old_value = row.value if row else None
        if old_value == value:
            continue
        if value is None and row is not None:
            row.delete()
        elif value is not None:
            row = row or IndicatorValue(report=report, indicator_id=indicator_id, category=category)
            row.value = value
            row.full_clean()
            row.save()
        label = f" ({category})" if category else ""
        changes[f"{indicator_names[indicator_id]}{label}"] = [
            _display(old_value),
            _display(value),
        ]

    stored_analyses = {a.goal_id: a for a in GoalAnalysis.objects.filter(report=report)}
    for goal_id, text in analyses.items():
        analysis = stored_analyses.get(goal_id) or GoalAnalysis(report=report, goal_id=goal_id)
        old_text = analysis.text if analysis.pk else ""
        if old_text == text:
            continue
        analysis.text = text
        analysis.save()
        changes[_("analys: %(goal)s") % {"goal": goal_titles[goal_id]}] = [
            _display(old_text),
            _display(text),
        ]

    report.save(update_fields=["version", "updated_at"])
    if changes:
        audit.record(actor=actor, verb="update", instance=report, changes=changes)
    return report


# The workflow


def sign_off_required(organisation_id: int) -> bool:
    """Whether the organisation's reports need its approver's sign-off before SLK."""
    return SignOffSetting.objects.filter(organisation_id=organisation_id, required=True).exists()


def check_not_empty(report: Report) -> None:
    """Refuse to send a report that covers nothing: SLK would get an empty report."""
    page = selectors.live_report_page(report)
    if not page.goals and not page.other_activities:
        raise ValidationError(
            _(
                "Rapporten är tom: organisationen har inga mål eller aktiviteter i "
                "handlingsplanen %(plan)s. Lägg till dem i planen innan du skickar in rapporten."
            )
            % {"plan": report.action_plan},
            code="empty",
        )


@transaction.atomic
def report_submit(*, actor: User, report: Report) -> Report:
    """Send a draft or returned report on: to the internal sign-off, if the organisation has
    one, otherwise to the coordinator."""
    check_write(actor, report.organisation_id)
    name = "submit_for_sign_off" if sign_off_required(report.organisation_id) else "submit"
    lock_report(report)
    check_transition(report, name=name)
    check_period_open(report.period)
    check_not_empty(report)
    missing = [
        update.activity.title
        for update in ActivityUpdate.objects.filter(
            report=report, status=ActivityStatus.DELAYED, comment=""
        ).select_related("activity")
    ]
    if missing:
        raise ValidationError(
            _("Förklara i en kommentar varför aktiviteten är försenad: %(titles)s.")
            % {"titles": ", ".join(sorted(missing))},
            code="incomplete",
        )
    report = _transition(
        report,
        actor=actor,
        name=name,
        data={"submitted_at": timezone.now(), "submitted_by": actor},
    )
    notify_report_move(report, name, actor=actor)
    return report


@transaction.atomic
def report_sign_off(*, actor: User, report: Report) -> Report:
    """Sign a report off inside the organisation and send it to the coordinator (approvers)."""
    check_sign_off(actor, report.organisation_id)
    report = _transition(
        report,
        actor=actor,
        name="sign_off",
        data={"signed_off_at": timezone.now(), "signed_off_by": actor},
        message=_("Attesterad inom organisationen."),
    )
    notify_report_move(report, "sign_off", actor=actor)
    return report


@transaction.atomic
def report_withdraw(*, actor: User, report: Report) -> Report:
    """Take a sent report back to draft before anyone has reviewed it (its writers)."""
    check_write(actor, report.organisation_id)
    return _transition(
        report,
        actor=actor,
        name="withdraw",
        data={"submitted_at": None, "submitted_by": None},
        message=_("Dragen tillbaka innan granskningen."),
    )


def _required_comment(comment: str) -> str:
    comment = comment.strip()
    if not comment:
        raise ValidationError(
            {"comment": _("Skriv en kommentar som förklarar vad som ska ändras.")}
        )
    return comment


@transaction.atomic
def report_return(*, actor: User, report: Report, comment: str) -> Report:
    """Send a submitted report back to the organisation with a comment (coordinators)."""
    check_review(actor)
    comment = _required_comment(comment)
    report = _transition(
        report,
        actor=actor,
        name="return",
        data={"review_comment": comment, "reviewed_at": timezone.now(), "reviewed_by": actor},
        message=comment,
    )
    notify_report_move(report, "return", actor=actor)
    return report


@transaction.atomic
def report_approve(*, actor: User, report: Report) -> Report:
    """Approve a submitted report, which locks it and freezes it as approved (coordinators)."""
    check_review(actor)
    report = _transition(
        report,
        actor=actor,
        name="approve",
        data={"review_comment": "", "reviewed_at": timezone.now(), "reviewed_by": actor},
    )
    snapshot_create(report=report, actor=actor)
    signals.report_approved.send(sender=Report, report=report, actor=actor)
    notify_report_move(report, "approve", actor=actor)
    return report


@transaction.atomic
def report_reopen(*, actor: User, report: Report, comment: str) -> Report:
    """Unlock an approved report: back to the organisation as returned (coordinators).

    Its snapshot stays, as the record of what was approved; a new approval adds another.
    """
    check_review(actor)
    comment = _required_comment(comment)
    report = _transition(
        report,
        actor=actor,
        name="reopen",
        data={"review_comment": comment, "reviewed_at": timezone.now(), "reviewed_by": actor},
        message=comment,
    )
    signals.report_reopened.send(sender=Report, report=report, actor=actor)
    return report
