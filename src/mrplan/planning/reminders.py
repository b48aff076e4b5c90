"""E-mail reminders about period reports that are due within REMINDER_DAYS or overdue.

Sent by `mrplan send_reminders` (meant for cron) to the editors and administrators of each
organisation with a report left to hand in for an open period. Each organisation gets at
most one reminder per period a day: what was sent is recorded in ReminderSent.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone, translation

from mrplan.accounts.models import Membership, Role, User
from mrplan.organisations.models import Organisation
from mrplan.planning.models import (
    Activity,
    Goal,
    PeriodStatus,
    ReminderSent,
    Report,
    ReportingPeriod,
    ReportStatus,
    plan_url,
)
from mrplan.programmes.models import ActionPlan, DevelopmentArea

REMINDER_DAYS = 14
RECIPIENT_ROLES = (Role.EDITOR, Role.ORG_ADMIN)
DONE_STATUSES = (ReportStatus.SUBMITTED, ReportStatus.APPROVED)


@dataclass
class PendingReport:
    action_plan: ActionPlan
    report: Report | None


@dataclass
class Reminder:
    organisation: Organisation
    period: ReportingPeriod
    pending: list[PendingReport]
    overdue: bool
    days_left: int
    recipients: list[User] = field(default_factory=list)
    already_sent: bool = False

    @property
    def link(self) -> str:
        return settings.SITE_URL.rstrip("/") + plan_url(
            self.organisation.slug, self.period.planning_year.year
        )


def due_reminders(today: datetime.date | None = None) -> list[Reminder]:
    """Return the reminders due on TODAY, sent or not (a fixed number of queries)."""
    today = today or timezone.localdate()
    periods = list(
        ReportingPeriod.objects.filter(
            status=PeriodStatus.OPEN,
            deadline__lte=today + datetime.timedelta(days=REMINDER_DAYS),
        )
        .select_related("planning_year")
        .order_by("deadline", "position")
    )
    if not periods:
        return []
    year_ids = {period.planning_year_id for period in periods}
    areas = DevelopmentArea.objects.select_related("action_plan")
    goals = Goal.objects.filter(planning_year_id__in=year_ids).prefetch_related(
        Prefetch("development_areas", queryset=areas)
    )
    # (organisation, year) -> the action plans it plans against that year.
    plans: dict[tuple[int, int], dict[int, ActionPlan]] = defaultdict(dict)
    goal_plans: dict[int, list[ActionPlan]] = {}
    for goal in goals:
        goal_plans[goal.pk] = [area.action_plan for area in goal.development_areas.all()]
        for plan in goal_plans[goal.pk]:
            plans[(goal.organisation_id, goal.planning_year_id)][plan.pk] = plan
    activities = Activity.objects.filter(planning_year_id__in=year_ids).select_related(
        "development_area__action_plan", "city_activity__development_area__action_plan"
    )
    for activity in activities:
        key = (activity.organisation_id, activity.planning_year_id)
        found = list(goal_plans.get(activity.goal_id or 0, []))
        if activity.development_area is not None:
            found.append(activity.development_area.action_plan)
        if activity.city_activity is not None:
            found.append(activity.city_activity.development_area.action_plan)
        for plan in found:
            plans[key][plan.pk] = plan
    reports = Report.objects.filter(period__in=periods).select_related("action_plan")
    by_key: dict[tuple[int, int, int], Report] = {}
    for report in reports:
        by_key[(report.organisation_id, report.period_id, report.action_plan_id)] = report

    wanted: list[tuple[int, ReportingPeriod, list[PendingReport]]] = []
    for period in periods:
        organisation_ids = {
            org_id for (org_id, year_id) in plans if year_id == period.planning_year_id
        } | {org_id for (org_id, period_id, _plan) in by_key if period_id == period.pk}
        for org_id in sorted(organisation_ids):
            candidates = plans.get((org_id, period.planning_year_id), {}) | {
                plan_id: report.action_plan
                for (o, p, plan_id), report in by_key.items()
                if o == org_id and p == period.pk
            }
            pending = []
            for plan in sorted(candidates.values(), key=lambda p: (p.position, p.title)):
                existing = by_key.get((org_id, period.pk, plan.pk))
                if existing is None or existing.status not in DONE_STATUSES:
                    pending.append(PendingReport(plan, existing))
            if pending:
                wanted.append((org_id, period, pending))
    if not wanted:
        return []

    org_ids = {org_id for org_id, _period, _pending in wanted}
    organisations = {o.pk: o for o in Organisation.objects.filter(pk__in=org_ids)}
    recipients: dict[int, dict[int, User]] = defaultdict(dict)
    memberships = Membership.objects.filter(
        organisation_id__in=org_ids, role__in=RECIPIENT_ROLES, user__is_active=True
    ).select_related("user")
    for membership in memberships.order_by("user__username"):
        if membership.user.email:
            recipients[membership.organisation_id][membership.user_id] = membership.user
    sent = set(
        ReminderSent.objects.filter(date=today, organisation_id__in=org_ids).values_list(
            "organisation_id", "period_id"
        )
    )
    return [
        Reminder(
            organisation=organisations[org_id],
            period=period,
            pending=pending,
            overdue=period.deadline < today,
            days_left=(period.deadline - today).days,
            recipients=list(recipients[org_id].values()),
            already_sent=(org_id, period.pk) in sent,
        )
        for org_id, period, pending in wanted
    ]


def render_reminder(reminder: Reminder) -> tuple[str, str]:
    """Return the Swedish subject and body of REMINDER's e-mail."""
    with translation.override(settings.LANGUAGE_CODE):
        context = {"reminder": reminder, "site_url": settings.SITE_URL}
        subject = render_to_string("planning/email/reminder_subject.txt", context)
        body = render_to_string("planning/email/reminder_body.txt", context)
    return " ".join(subject.split()), body


def send_reminder(reminder: Reminder, today: datetime.date) -> bool:
    """Record and send REMINDER unless it was already sent TODAY; return whether it was."""
    if reminder.already_sent or not reminder.recipients:
        return False
    subject, body = render_reminder(reminder)
    try:
        with transaction.atomic():
            ReminderSent.objects.create(
                organisation=reminder.organisation,
                period=reminder.period,
                date=today,
                recipients=", ".join(user.email for user in reminder.recipients),
            )
            send_mail(
                subject,
                body,
                settings.DEFAULT_FROM_EMAIL,
                [user.email for user in reminder.recipients],
            )
    except IntegrityError:  # another run got there first
        return False
    return True
