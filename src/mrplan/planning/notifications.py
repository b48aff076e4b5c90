"""E-mail the people who act next when a report moves through the review workflow.

| move                 | who hears about it                                        |
|----------------------|-----------------------------------------------------------|
| submit_for_sign_off  | the organisation's approvers (internal sign-off)          |
| submit, sign_off     | the coordinators (the report has reached SLK)             |
| sign_off             | also the organisation's editors (it went on to SLK)       |
| return               | the organisation's editors, with the comment and the      |
|                      | coordinator's comments on single goals and activities     |
| approve              | the organisation's editors                                |

The report actions call `notify_report_move` inside their transaction; the e-mail is built
and sent only after the commit (`transaction.on_commit`), so a refused or rolled-back move
sends nothing and one move sends one e-mail per language. Django's mail API hands it to
the outbox backend, which delivers it as a background job. Whoever made the move is not
told about it.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from mrplan.accounts.models import Membership, Role, User
from mrplan.organisations.models import OrganisationKind
from mrplan.planning.models import Report
from mrplan.planning.permissions import WRITE_ROLES
from mrplan.planning.review_comments import comment_lines

# The moves that send e-mail, and the roles of the organisation that hear about each.
ORGANISATION_ROLES: dict[str, frozenset[str]] = {
    "submit_for_sign_off": frozenset({Role.APPROVER}),
    "sign_off": WRITE_ROLES,
    "return": WRITE_ROLES,
    "approve": WRITE_ROLES,
}
# The moves after which the report lies with the coordinators (SLK).
REACHES_COORDINATORS = frozenset({"submit", "sign_off"})
NOTIFIED_MOVES = frozenset(ORGANISATION_ROLES) | REACHES_COORDINATORS


def recipient_language(user: User) -> str:
    """Return the language to write to USER in.

    Accounts do not record a language yet, so everyone gets the city's language (Swedish);
    this is the one place to change when they do.
    """
    return settings.LANGUAGE_CODE


def _organisation_people(organisation_id: int, roles: Iterable[str]) -> list[User]:
    memberships = Membership.objects.filter(
        organisation_id=organisation_id, role__in=list(roles), user__is_active=True
    ).select_related("user")
    return [membership.user for membership in memberships]


def _coordinators() -> list[User]:
    memberships = Membership.objects.filter(
        role=Role.COORDINATOR,
        organisation__kind=OrganisationKind.COORDINATING_OFFICE,
        user__is_active=True,
    ).select_related("user")
    return [membership.user for membership in memberships]


def recipients(report: Report, move: str, *, actor_id: int | None) -> list[User]:
    """Return who hears about MOVE of REPORT: active people with an address, not the actor."""
    people: list[User] = []
    if move in ORGANISATION_ROLES:
        people += _organisation_people(report.organisation_id, ORGANISATION_ROLES[move])
    if move in REACHES_COORDINATORS:
        people += _coordinators()
    unique = {user.pk: user for user in people if user.email and user.pk != actor_id}
    return sorted(unique.values(), key=lambda user: user.email)


def render_report_move(report: Report, move: str, *, language: str) -> tuple[str, str]:
    """Return the subject and body of the e-mail about MOVE of REPORT, in LANGUAGE."""
    context = {
        "report": report,
        "move": move,
        "link": settings.SITE_URL.rstrip("/") + report.get_absolute_url(),
        "comment_lines": comment_lines(report) if move == "return" else [],
    }
    with translation.override(language):
        subject = render_to_string("planning/email/report_move_subject.txt", context)
        body = render_to_string("planning/email/report_move_body.txt", context)
    return " ".join(subject.split()), body


def send_report_move(report_id: int, move: str, *, actor_id: int | None) -> int:
    """E-mail everyone who hears about MOVE of the report; return how many were written to."""
    report = Report.objects.select_related(
        "organisation", "action_plan", "period__planning_year", "reviewed_by"
    ).get(pk=report_id)
    by_language: dict[str, list[str]] = defaultdict(list)
    for user in recipients(report, move, actor_id=actor_id):
        by_language[recipient_language(user)].append(user.email)
    for language, addresses in sorted(by_language.items()):
        subject, body = render_report_move(report, move, language=language)
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, bcc=addresses).send()
    return sum(len(addresses) for addresses in by_language.values())


def notify_report_move(report: Report, move: str, *, actor: User) -> None:
    """After the commit, e-mail the people who act next on MOVE of REPORT (see the table)."""
    if move not in NOTIFIED_MOVES:
        return
    report_id, actor_id = report.pk, actor.pk
    transaction.on_commit(lambda: send_report_move(report_id, move, actor_id=actor_id))
