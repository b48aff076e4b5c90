"""What a signed-in person has to do now, across consultations and planning ("Mina uppgifter").

Each section is one query (two for the approvals, whose order is checked in Python), so the
page costs a fixed number of queries whatever the size of the city. Roles decide what is
listed: editors and org admins write and answer for their organisations, approvers attest
and sign off when it is their turn, coordinators review.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mrplan.accounts.models import Role
from mrplan.accounts.permissions import WRITE_ROLES, roles_for
from mrplan.consultations.models import (
    ApprovalStep,
    ConsultationRecipient,
    ConsultationStatus,
    RecipientStatus,
    Statement,
    StatementStatus,
)
from mrplan.planning.models import PeriodStatus, Report, ReportStatus


@dataclass
class Task:
    title: str
    url: str
    context: str
    due: datetime.date | None

    @property
    def overdue(self) -> bool:
        return self.due is not None and self.due < timezone.localdate()


@dataclass
class Section:
    key: str
    heading: Any
    empty: Any
    tasks: list[Task] = field(default_factory=list)
    # A page that handles the whole section (e.g. the review queue), shown under the heading.
    more_url: str = ""
    more_label: Any = ""


def _organisations(user: Any, roles: Iterable[str]) -> list[int]:
    mine = roles_for(user).by_organisation
    wanted = {str(role) for role in roles}
    return [pk for pk, held in mine.items() if held & wanted]


def _by_due(tasks: list[Task]) -> list[Task]:
    return sorted(tasks, key=lambda task: (task.due is None, task.due or datetime.date.max))


def remisser_to_answer(user: Any) -> list[Task]:
    """Open remisser that one of my organisations prepares the answer to."""
    writers = _organisations(user, WRITE_ROLES)
    recipients = (
        ConsultationRecipient.objects.filter(
            Q(preparing_organisation_id__in=writers)
            | Q(preparing_organisation__isnull=True, organisation_id__in=writers),
            status=RecipientStatus.PENDING,
            consultation__status=ConsultationStatus.SENT,
        )
        .select_related("consultation", "organisation")
        .order_by("consultation__deadline", "pk")
    )
    return [
        Task(
            recipient.consultation.title,
            recipient.consultation.get_absolute_url(),
            str(_("Svar från %(name)s") % {"name": recipient.organisation.name}),
            recipient.consultation.deadline,
        )
        for recipient in recipients
    ]


def statements_to_finish(user: Any) -> list[Task]:
    """Tjänsteutlåtanden of my organisations still being written."""
    statements = (
        Statement.objects.filter(
            case__organisation_id__in=_organisations(user, WRITE_ROLES),
            status=StatementStatus.DRAFT,
        )
        .select_related("case__consultation_recipient__consultation")
        .order_by("pk")
    )
    tasks = []
    for statement in statements:
        recipient = statement.case.consultation_recipient
        deadline = recipient.consultation.deadline if recipient is not None else None
        tasks.append(
            Task(statement.title, statement.get_absolute_url(), statement.diary_number, deadline)
        )
    return _by_due(tasks)


def approvals_waiting(user: Any) -> list[Task]:
    """Statements where it is my turn to attest (every earlier step has attested)."""
    steps = list(
        ApprovalStep.objects.filter(
            statement__approval_steps__approver=user,
            statement__status__in=[StatementStatus.DRAFT, StatementStatus.IN_APPROVAL],
        )
        .select_related("statement__case__consultation_recipient__consultation")
        .prefetch_related("approvals__version")
        .order_by("statement_id", "position")
        .distinct()
    )
    by_statement: dict[int, list[ApprovalStep]] = {}
    for step in steps:
        by_statement.setdefault(step.statement_id, []).append(step)
    tasks = []
    for ordered in by_statement.values():
        statement = ordered[0].statement
        for step in ordered:
            done = any(
                approval.voided_at is None and approval.version.number == statement.current_version
                for approval in step.approvals.all()
            )
            if done:
                continue
            if step.approver_id == user.pk:
                recipient = statement.case.consultation_recipient
                tasks.append(
                    Task(
                        statement.title,
                        statement.get_absolute_url(),
                        statement.diary_number,
                        recipient.consultation.deadline if recipient is not None else None,
                    )
                )
            break  # only the first step not yet done is anyone's turn
    return _by_due(tasks)


def decisions_to_record(user: Any) -> list[Task]:
    """Attested statements of my organisations waiting for the nämnd's decision."""
    statements = Statement.objects.filter(
        case__organisation_id__in=_organisations(user, WRITE_ROLES),
        status=StatementStatus.APPROVED,
    ).order_by("meeting_date", "pk")
    return [
        Task(statement.title, statement.get_absolute_url(), statement.diary_number, None)
        for statement in statements
    ]


def _report_task(report: Report) -> Task:
    period = report.period
    return Task(
        f"{report.organisation.name}: {report.action_plan.title}",
        report.get_absolute_url(),
        f"{period.name} {period.planning_year.year}",
        period.deadline,
    )


def _reports() -> Any:
    return Report.objects.select_related(
        "organisation", "action_plan", "period__planning_year"
    ).order_by("period__deadline", "organisation__name", "pk")


def reports_to_write(user: Any) -> list[Task]:
    """Draft and returned reports of my organisations in open periods."""
    reports = _reports().filter(
        organisation_id__in=_organisations(user, WRITE_ROLES),
        status__in=[ReportStatus.DRAFT, ReportStatus.RETURNED],
        period__status=PeriodStatus.OPEN,
    )
    return [_report_task(report) for report in reports]


def reports_to_sign_off(user: Any) -> list[Task]:
    """Reports waiting for my organisation's internal sign-off (approvers)."""
    reports = _reports().filter(
        organisation_id__in=_organisations(user, {Role.APPROVER}),
        status=ReportStatus.AWAITING_SIGN_OFF,
    )
    return [_report_task(report) for report in reports]


def reports_to_review(user: Any) -> list[Task]:
    """Submitted reports waiting for the coordinating office's review (coordinators)."""
    if not roles_for(user).is_coordinator:
        return []
    return [_report_task(report) for report in _reports().filter(status=ReportStatus.SUBMITTED)]


def worklist(user: Any) -> list[Section]:
    """Return every section of USER's work, each sorted by due date."""
    return [
        Section(
            "remisser",
            _("Remisser att besvara"),
            _("Inga remisser väntar på svar från dina organisationer."),
            remisser_to_answer(user),
        ),
        Section(
            "utlatanden",
            _("Tjänsteutlåtanden att skriva klart"),
            _("Inga tjänsteutlåtanden är under arbete."),
            statements_to_finish(user),
        ),
        Section(
            "attest",
            _("Att attestera (din tur)"),
            _("Inget väntar på din attest."),
            approvals_waiting(user),
        ),
        Section(
            "beslut",
            _("Beslut att registrera"),
            _("Inga attesterade tjänsteutlåtanden väntar på beslut."),
            decisions_to_record(user),
        ),
        Section(
            "rapporter",
            _("Rapporter att skriva"),
            _("Inga rapporter att skriva eller rätta."),
            reports_to_write(user),
        ),
        Section(
            "intern-attest",
            _("Rapporter att attestera internt"),
            _("Inga rapporter väntar på din interna attest."),
            reports_to_sign_off(user),
        ),
        Section(
            "granska",
            _("Rapporter att granska"),
            _("Inga inskickade rapporter väntar på granskning."),
            reports_to_review(user),
            more_url=reverse("planning-review-queue") if roles_for(user).is_coordinator else "",
            more_label=_("Granska och godkänn flera på en gång"),
        ),
    ]
