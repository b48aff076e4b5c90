"""E-mail reminders about period reports that are due within REMINDER_DAYS or overdue.

Sent by `mrplan send_reminders` (meant for cron) to the editors and administrators of each
organisation with a report left to hand in for an open period (who must report is
selectors.reporting_obligations); an organisation with no one to remind is escalated to
the coordinators. Each organisation gets at
most one reminder per period a day: what was sent is recorded in ReminderSent.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from mrplan.accounts.models import Membership, Role, User
from mrplan.organisations.models import Organisation, OrganisationKind
from mrplan.planning.models import (
    HANDED_IN_STATUSES,
    PeriodStatus,
    ReminderSent,
    Report,
    ReportingPeriod,
    plan_url,
)
from mrplan.planning.selectors import reporting_obligations
from mrplan.programmes.models import ActionPlan

REMINDER_DAYS = 14
RECIPIENT_ROLES = (Role.EDITOR, Role.ORG_ADMIN)
DONE_STATUSES = HANDED_IN_STATUSES


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
    # Sent to the coordinators because the organisation has no one to remind.
    escalated: bool = False
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
    obligations = reporting_obligations(year_ids)
    plan_ids = {plan_id for found in obligations.values() for plan_id in found}
    plan_objects = ActionPlan.objects.in_bulk(list(plan_ids))
    # (organisation, year) -> the action plans it plans against that year.
    plans: dict[tuple[int, int], dict[int, ActionPlan]] = {
        key: {plan_id: plan_objects[plan_id] for plan_id in found}
        for key, found in obligations.items()
    }
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
    # Nobody to remind in the organisation: the coordinators hear about it instead.
    coordinators = [
        membership.user
        for membership in Membership.objects.filter(
            role=Role.COORDINATOR,
            organisation__kind=OrganisationKind.COORDINATING_OFFICE,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("user__username")
        if membership.user.email
    ]
    coordinators = list({user.pk: user for user in coordinators}.values())
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
            recipients=list(recipients[org_id].values()) or coordinators,
            escalated=not recipients[org_id],
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
