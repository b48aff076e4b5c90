"""Comments by the reviewing coordinator on single goals and activities of a submitted report.

They are shown to the organisation's editors on the report and belong in the e-mail that
returns a report (see comment_lines).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from mrplan.accounts.models import User
from mrplan.core import audit
from mrplan.core.actions import save_audited
from mrplan.planning import selectors
from mrplan.planning.models import Activity, Goal, Report, ReportStatus, ReviewComment
from mrplan.planning.permissions import check_review


def review_comments(report: Report) -> QuerySet[ReviewComment]:
    """Return the report's review comments, oldest first, with what they are about."""
    return ReviewComment.objects.filter(report=report).select_related("goal", "activity", "author")


def comments_as_shown(
    comments: list[ReviewComment], page: selectors.ReportPage
) -> list[tuple[ReviewComment, str]]:
    """Return each comment with its subject named as PAGE names it.

    An approved report's page comes from its snapshot, so a goal or activity renamed in
    the plan since keeps the name it had when the report was approved.
    """
    goals = {section.goal.pk: section.goal.title for section in page.goals}
    activities = {entry.activity.pk: entry.activity.title for entry in page.activity_entries}
    shown = []
    for comment in comments:
        if comment.goal_id is not None and comment.goal_id in goals:
            subject = f"{_('Mål')}: {goals[comment.goal_id]}"
        elif comment.activity_id is not None and comment.activity_id in activities:
            subject = f"{_('Aktivitet')}: {activities[comment.activity_id]}"
        else:
            subject = comment.subject
        shown.append((comment, subject))
    return shown


def comment_lines(report: Report) -> list[str]:
    """Return one line per comment ("Mål: … – text"), for the return e-mail's context."""
    return [f"{comment.subject} – {comment.text}" for comment in review_comments(report)]


def subjects(report: Report) -> list[tuple[str, str]]:
    """Return ("goal-<id>" / "activity-<id>", label) for everything the report covers."""
    page = selectors.report_page(report)
    choices = [(f"goal-{s.goal.pk}", f"{_('Mål')}: {s.goal.title}") for s in page.goals]
    choices += [
        (f"activity-{e.activity.pk}", f"{_('Aktivitet')}: {e.activity.title}")
        for e in page.activity_entries
    ]
    return choices


@transaction.atomic
def review_comment_add(
    *,
    actor: User,
    report: Report,
    text: str,
    goal: Goal | None = None,
    activity: Activity | None = None,
) -> ReviewComment:
    """Comment on one goal or activity of a report under review (coordinators)."""
    check_review(actor)
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError(
            _("Kommentarer på mål och aktiviteter skrivs medan rapporten granskas."),
            code="not_submitted",
        )
    covered = {key for key, _label in subjects(report)}
    key = f"goal-{goal.pk}" if goal is not None else f"activity-{activity.pk}" if activity else ""
    if key not in covered:
        raise ValidationError(_("Välj ett mål eller en aktivitet som rapporten tar upp."))
    comment = save_audited(
        ReviewComment(report=report, author=actor),
        actor=actor,
        data={"goal": goal, "activity": activity, "text": text.strip()},
    )
    # The report's own history shows the comment too.
    audit.record(
        actor=actor,
        verb="update",
        instance=report,
        message=_("Kommentar om %(subject)s: %(text)s")
        % {"subject": comment.subject, "text": comment.text},
    )
    return comment
