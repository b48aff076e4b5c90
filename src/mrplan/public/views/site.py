"""The public site: no login, published content only, Swedish first, readable URLs.

Anything unpublished or unknown is a 404, never a 403, so that nobody learns it exists.
Malformed query parameters give a 400 page that says what was wrong.
"""

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mrplan.core.types import AuthenticatedHttpRequest
from mrplan.knowledge.charts import render_line_chart
from mrplan.public import actions, selectors
from mrplan.public.changes import public_changes
from mrplan.public.forms import CoverageFilter, RulesForm
from mrplan.public.models import PublicationRule
from mrplan.public.permissions import check_manage_rules, get_publishable_for_user


def _crumbs(*items: tuple[str | None, str]) -> list[tuple[str | None, str]]:
    return [(reverse("public-start"), _("Öppen redovisning")), *items]


def bad_request(request: HttpRequest, errors: list[str]) -> HttpResponse:
    """Return a 400 page that lists what was wrong with the query parameters."""
    return render(request, "public/bad_request.html", {"errors": errors}, status=400)


@require_GET
def start(request: HttpRequest) -> HttpResponse:
    """Show what the city has published and where to find it."""
    context = {
        "overview": selectors.overview(),
        "crumbs": [(None, _("Öppen redovisning"))],
    }
    return render(request, "public/start.html", context)


@require_GET
def organisation_plan(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """Show the published goals, activities and indicators of an organisation for a year."""
    page = selectors.organisation_plan(slug=slug, year=year)
    if page is None:
        raise Http404
    for goal in page.goals:
        for item in goal.indicators:
            if item.chart is not None:
                item.svg = render_line_chart(
                    item.chart, chart_id=f"indikator-{item.indicator.pk}-diagram"
                )
    context = {
        "page": page,
        "changes": public_changes(page.organisation, page.planning_year.year),
        "crumbs": _crumbs(
            (None, f"{page.organisation.name} {page.planning_year.year}"),
        ),
    }
    return render(request, "public/organisation_plan.html", context)


TARGET_GROUP_PAGE_SIZE = 50


@require_GET
def target_groups(request: HttpRequest) -> HttpResponse:
    """Show how many published activities reach each target group (Lämna ingen utanför), and
    the activities of one chosen target group, a page at a time."""
    form = CoverageFilter(request.GET)
    if not form.is_valid():
        return bad_request(
            request, [str(message) for errors in form.errors.values() for message in errors]
        )
    coverage = selectors.target_group_coverage(
        year=form.cleaned_data["ar"], category=form.cleaned_data["kategori"]
    )
    context: dict[str, Any] = {
        "coverage": coverage,
        "form": form,
        "query": _target_group_query(coverage.year, form.cleaned_data["kategori"]),
        "crumbs": _crumbs((None, _("Lämna ingen utanför"))),
    }
    slug = form.cleaned_data["malgrupp"]
    if slug and coverage.year is not None:
        row = next((row for row in coverage.rows if row.target_group.slug == slug), None)
        if row is None:
            return bad_request(request, [_("Det finns ingen sådan målgrupp i urvalet.")])
        paginator = Paginator(
            selectors.target_group_activities(year=coverage.year, target_group=row.target_group),
            TARGET_GROUP_PAGE_SIZE,
        )
        number = form.cleaned_data["sida"] or 1
        if number > paginator.num_pages:
            message = _("Sidan %(page)s finns inte: listan har %(pages)s sidor.")
            return bad_request(request, [message % {"page": number, "pages": paginator.num_pages}])
        page = paginator.page(number)
        base = f"{context['query']}&malgrupp={slug}"
        context |= {
            "chosen": row,
            "page": page,
            "previous_url": f"?{base}&sida={number - 1}" if page.has_previous() else "",
            "next_url": f"?{base}&sida={number + 1}" if page.has_next() else "",
        }
    return render(request, "public/target_groups.html", context)


def _target_group_query(year: int | None, category: str) -> str:
    """Return the query string of the matrix shown, for its links to a target group's list."""
    pairs = [("ar", str(year))] if year is not None else []
    if category:
        pairs.append(("kategori", category))
    return urlencode(pairs)


# Publishing (signed in)


@login_required
@require_http_methods(["GET", "POST"])
def publication(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Let the coordinator switch the publication rules on and off."""
    check_manage_rules(request.user)
    current = actions.rules()
    form = RulesForm(request.POST if request.method == "POST" else None, initial=current)
    if request.method == "POST" and form.is_valid():
        for kind, enabled in form.cleaned_data.items():
            if current.get(kind) != enabled:
                actions.publication_rule_set(actor=request.user, kind=kind, enabled=enabled)
        messages.success(request, _("Publiceringsreglerna är sparade."))
        return redirect("public-publication")
    context: dict[str, Any] = {
        "form": form,
        "rules": list(PublicationRule.objects.order_by("kind")),
        "counts": selectors.published_counts(),
        "crumbs": _crumbs((None, _("Publicering"))),
    }
    return render(request, "public/publication.html", context)


def _change(
    request: AuthenticatedHttpRequest, kind: str, pk: int, *, published: bool
) -> HttpResponse:
    obj = get_publishable_for_user(request, kind, pk)
    run = actions.publish if published else actions.unpublish
    try:
        run(actor=request.user, obj=obj)
    except ValidationError as error:
        context = {"errors": error.messages, "obj": obj}
        return render(request, "public/refused.html", context, status=400)
    if published:
        messages.success(request, _("”%(name)s” är publicerad.") % {"name": obj})
    else:
        messages.success(request, _("”%(name)s” är inte längre publicerad.") % {"name": obj})
    return redirect(obj.get_absolute_url())


@login_required
@require_POST
def publish(request: AuthenticatedHttpRequest, kind: str, pk: int) -> HttpResponse:
    """Publish a goal, an activity, an indicator or an approved report."""
    return _change(request, kind, pk, published=True)


@login_required
@require_POST
def unpublish(request: AuthenticatedHttpRequest, kind: str, pk: int) -> HttpResponse:
    """Take a goal, an activity, an indicator or a report off the public site."""
    return _change(request, kind, pk, published=False)
