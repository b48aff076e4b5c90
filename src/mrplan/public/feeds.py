"""Atom feeds to follow along: new approved reports and new consultations (remisser).

Each comes for the whole city, per organisation and per action plan:

    /oppet/flode/rapporter/                       /oppet/flode/remisser/
    /oppet/flode/rapporter/organisation/<slug>/   /oppet/flode/remisser/organisation/<slug>/
    /oppet/flode/rapporter/handlingsplan/<slug>/  /oppet/flode/remisser/handlingsplan/<slug>/

Only what the public site shows is in a feed (approved and published reports, published
and sent consultations), newest first, at most FEED_SIZE entries. An unknown or unpublished
organisation or action plan is 404, like its page.
"""

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from mrplan.consultations.models import Consultation
from mrplan.organisations.models import Organisation
from mrplan.planning.models import Report
from mrplan.programmes import selectors as programme_selectors
from mrplan.programmes.models import ActionPlan
from mrplan.public.selectors import published_reports
from mrplan.public.selectors.pages import published_consultations

FEED_SIZE = 50


class Scope:
    """What a feed is narrowed to: nothing (the city), an organisation or an action plan."""

    def __init__(self, kind: str = "", slug: str = "") -> None:
        self.kind = kind
        self.organisation: Organisation | None = None
        self.action_plan: ActionPlan | None = None
        if kind == "organisation":
            self.organisation = Organisation.objects.filter(slug=slug).first()
            if self.organisation is None:
                raise Http404
        elif kind == "handlingsplan":
            self.action_plan = (
                programme_selectors.action_plans_visible_to(AnonymousUser())
                .filter(slug=slug)
                .first()
            )
            if self.action_plan is None:
                raise Http404
        elif kind:
            raise Http404
        self.slug = slug

    @property
    def name(self) -> str:
        if self.organisation is not None:
            return self.organisation.name
        if self.action_plan is not None:
            return self.action_plan.title
        return _("hela staden")


class _ScopedFeed(Feed):
    feed_type = Atom1Feed
    base: str = ""

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Scope:
        return Scope(kwargs.get("kind", ""), kwargs.get("slug", ""))

    def link(self, obj: Scope) -> str:
        if obj.organisation is not None:
            return obj.organisation.get_absolute_url()
        if obj.action_plan is not None:
            return reverse("public-action-plan", args=[obj.action_plan.slug])
        return reverse(self.base)


class ReportFeed(_ScopedFeed):
    """New approved and published period reports."""

    base = "public-start"

    def title(self, obj: Scope) -> str:
        return _("Godkända rapporter: %(scope)s") % {"scope": obj.name}

    def subtitle(self, obj: Scope) -> str:
        return _("Nya godkända och publicerade uppföljningsrapporter i mrplan.")

    def items(self, obj: Scope) -> QuerySet[Report]:
        reports = published_reports().select_related(
            "organisation", "action_plan", "period__planning_year"
        )
        if obj.organisation is not None:
            reports = reports.filter(organisation=obj.organisation)
        if obj.action_plan is not None:
            reports = reports.filter(action_plan=obj.action_plan)
        return reports.order_by("-reviewed_at", "-pk")[:FEED_SIZE]

    def item_title(self, item: Report) -> str:
        return _("%(organisation)s: %(period)s %(year)s, %(plan)s") % {
            "organisation": item.organisation.name,
            "period": item.period.name,
            "year": item.period.planning_year.year,
            "plan": item.action_plan.title,
        }

    def item_description(self, item: Report) -> str:
        return _("Rapporten för %(period)s är godkänd av stadsledningskontoret.") % {
            "period": item.period.name
        }

    def item_link(self, item: Report) -> str:
        return reverse(
            "public-organisation-plan",
            args=[item.organisation.slug, item.period.planning_year.year],
        )

    def item_guid(self, item: Report) -> str:
        return f"mrplan-report-{item.pk}"

    def item_pubdate(self, item: Report) -> Any:
        return item.reviewed_at or item.updated_at

    def item_updateddate(self, item: Report) -> Any:
        return item.updated_at


class ConsultationFeed(_ScopedFeed):
    """New published consultations that have been sent out."""

    base = "public-consultation-list"

    def title(self, obj: Scope) -> str:
        return _("Remisser: %(scope)s") % {"scope": obj.name}

    def subtitle(self, obj: Scope) -> str:
        return _("Nya remisser som staden har skickat ut.")

    def items(self, obj: Scope) -> QuerySet[Consultation]:
        consultations = published_consultations().select_related("sender")
        if obj.organisation is not None:
            consultations = consultations.filter(
                Q(sender=obj.organisation) | Q(recipients__organisation=obj.organisation)
            ).distinct()
        if obj.action_plan is not None:
            consultations = consultations.filter(action_plan=obj.action_plan)
        return consultations.order_by("-sent_at", "-pk")[:FEED_SIZE]

    def item_title(self, item: Consultation) -> str:
        return item.title

    def item_description(self, item: Consultation) -> str:
        return _("Från %(sender)s. Sista svarsdag %(deadline)s.") % {
            "sender": item.sender.name,
            "deadline": item.deadline.isoformat(),
        }

    def item_link(self, item: Consultation) -> str:
        return reverse("public-consultation-detail", args=[item.pk])

    def item_guid(self, item: Consultation) -> str:
        return f"mrplan-consultation-{item.pk}"

    def item_pubdate(self, item: Consultation) -> Any:
        return item.sent_at or item.created_at

    def item_updateddate(self, item: Consultation) -> Any:
        return item.updated_at
