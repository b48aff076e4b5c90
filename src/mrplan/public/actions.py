"""Publishing: put goals, activities, indicators, approved reports and sent consultations on
the public site (of a consultation, only the decided answers are ever shown).

Publishing changes two columns only (is_published, published_at) with an UPDATE of those
columns, not a full save: a publish must never overwrite an edit someone saved a moment
earlier, nor raise the version an open edit form carries. Each change is recorded in the
object's history as an update of is_published, before → after.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mrplan.accounts.models import User
from mrplan.consultations.models import Consultation, ConsultationStatus
from mrplan.core import audit
from mrplan.core.actions import save_audited
from mrplan.planning import selectors as planning_selectors
from mrplan.planning.models import Indicator, Report, ReportStatus
from mrplan.public.models import PublicationRule, RuleKind
from mrplan.public.permissions import Publishable, check_manage_rules, check_publish

NOT_APPROVED = gettext_lazy(
    "Rapporten är inte godkänd och kan inte publiceras. Bara godkända rapporter publiceras."
)
GOAL_NOT_PUBLISHED = gettext_lazy(
    "Publicera målet först: en indikator visas bara tillsammans med sitt mål."
)
CONSULTATION_NOT_SENT = gettext_lazy(
    "Remissen är inte skickad och kan inte publiceras. Skicka den först."
)


def _set_published(
    obj: Publishable, *, actor: User | None, published: bool, message: str = ""
) -> bool:
    """Set OBJ's publication flag and record it; return whether anything changed."""
    if obj.is_published == published:
        return False
    if isinstance(obj, Consultation):
        # A consultation has no publication date (the consultations app owns its model).
        Consultation.objects.filter(pk=obj.pk).update(is_published=published)
        obj.is_published = published
    else:
        published_at = timezone.now() if published else None
        type(obj).objects.filter(pk=obj.pk).update(
            is_published=published, published_at=published_at
        )
        obj.is_published = published
        obj.published_at = published_at
    audit.record(
        actor=actor,
        verb="update",
        instance=obj,
        changes={"is_published": [not published, published]},
        message=message,
    )
    return True


def check_publishable(obj: Publishable) -> None:
    """Refuse to publish a report that is not approved, or an indicator without its goal."""
    if isinstance(obj, Report) and obj.status != ReportStatus.APPROVED:
        raise ValidationError(NOT_APPROVED, code="not_approved")
    if isinstance(obj, Indicator) and not obj.goal.is_published:
        raise ValidationError(GOAL_NOT_PUBLISHED, code="goal_not_published")
    if isinstance(obj, Consultation) and obj.status == ConsultationStatus.DRAFT:
        raise ValidationError(CONSULTATION_NOT_SENT, code="not_sent")


@transaction.atomic
def publish(*, actor: User, obj: Publishable) -> Publishable:
    """Publish OBJ on the public site (see permissions.may_publish for who may)."""
    check_publish(actor, obj)
    check_publishable(obj)
    _set_published(obj, actor=actor, published=True)
    return obj


@transaction.atomic
def unpublish(*, actor: User, obj: Publishable) -> Publishable:
    """Take OBJ off the public site; it stays in the plan as it is."""
    check_publish(actor, obj)
    _set_published(obj, actor=actor, published=False)
    return obj


# Rules


def rules() -> dict[str, bool]:
    """Return whether each rule is on (a rule without a row is off)."""
    stored = dict(PublicationRule.objects.values_list("kind", "enabled"))
    return {kind: bool(stored.get(kind, False)) for kind in RuleKind.values}


@transaction.atomic
def publication_rule_set(*, actor: User, kind: str, enabled: bool) -> PublicationRule:
    """Switch the publication rule KIND on or off (coordinators)."""
    check_manage_rules(actor)
    if kind not in RuleKind.values:
        raise ValidationError(_("Det finns ingen sådan publiceringsregel."), code="invalid")
    rule = PublicationRule.objects.filter(kind=kind).first()
    if rule is None:
        return save_audited(PublicationRule(), actor=actor, data={"kind": kind, "enabled": enabled})
    return save_audited(rule, actor=actor, data={"enabled": enabled})


def publish_report_and_plan(
    report: Report, *, actor: User | None, report_too: bool, plan_too: bool
) -> int:
    """Publish an approved REPORT and/or the goals, activities and indicators it covers.

    Return how many objects were published. No permission check: the callers are the
    report approval (done by a coordinator) and the demo loader.
    """
    if report.status != ReportStatus.APPROVED:
        return 0
    count = 0
    if report_too:
        count += _set_published(
            report, actor=actor, published=True, message=_("Publicerad enligt publiceringsregeln.")
        )
    if plan_too:
        message = _("Publicerad när rapporten %(report)s godkändes.") % {"report": report}
        goals = list(planning_selectors.scope_goals(report).filter(is_published=False))
        for goal in goals:
            count += _set_published(goal, actor=actor, published=True, message=message)
        for activity in planning_selectors.scope_activities(report).filter(is_published=False):
            count += _set_published(activity, actor=actor, published=True, message=message)
        # Only indicators whose goal is now published: an indicator never shows alone.
        indicators = planning_selectors.scope_indicators(report).filter(
            is_published=False, goal__is_published=True
        )
        for indicator in indicators:
            count += _set_published(indicator, actor=actor, published=True, message=message)
    return count


def apply_publication_rules_for_report(report: Report, actor: User) -> int:
    """Publish what the coordinator's rules say should follow REPORT's approval."""
    active = rules()
    return publish_report_and_plan(
        report,
        actor=actor,
        report_too=active[RuleKind.APPROVED_REPORTS],
        plan_too=active[RuleKind.PLANS_WITH_APPROVED_REPORT],
    )


def withdraw_report_publication(report: Report, actor: User) -> None:
    """Take a reopened report off the public site: it is no longer approved."""
    _set_published(
        report,
        actor=actor,
        published=False,
        message=_("Avpublicerad eftersom rapporten öppnades igen."),
    )
