"""An indicator's own public page: a permalink, its chart as SVG or PNG, and an embed.

The indicator is looked up in its organisation's public plan for the year (the same
selector as the plan page), so it shows exactly what the plan page shows and nothing else.
"""

from typing import Any

import cairosvg
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET

from mrplan.knowledge import comparison
from mrplan.knowledge.charts import render_line_chart
from mrplan.public import selectors
from mrplan.public.selectors import OrganisationPlan, PublicIndicator

PNG_WIDTH = 1200


def _find(slug: str, year: int, pk: int) -> tuple[OrganisationPlan, PublicIndicator]:
    page = selectors.organisation_plan(slug=slug, year=year)
    if page is None:
        raise Http404
    for goal in page.goals:
        for item in goal.indicators:
            if item.indicator.pk == pk:
                return page, item
    raise Http404


def _svg(item: PublicIndicator) -> str:
    if item.chart is None:
        raise Http404
    return str(render_line_chart(item.chart, chart_id=f"indikator-{item.indicator.pk}-diagram"))


def _context(request: HttpRequest, page: OrganisationPlan, item: PublicIndicator) -> dict[str, Any]:
    args = [page.organisation.slug, page.planning_year.year, item.indicator.pk]
    permalink = request.build_absolute_uri(reverse("public-indicator", args=args))
    embed = request.build_absolute_uri(reverse("public-indicator-embed", args=args))
    districts = comparison.for_indicator(item.indicator)
    return {
        "comparison": districts,
        "comparison_svg": (
            districts.chart_svg(chart_id=f"indikator-{item.indicator.pk}-stadsdelar")
            if districts
            else ""
        ),
        "comparison_query": comparison.filter_query(districts) if districts else "",
        "page": page,
        "item": item,
        "indicator": item.indicator,
        "svg": _svg(item) if item.chart is not None else "",
        "permalink": permalink,
        "embed_url": embed,
        "embed_code": f'<iframe src="{embed}" title="{item.indicator.name}" '
        'width="640" height="480" loading="lazy"></iframe>',
        "chart_svg_url": reverse("public-indicator-chart", args=[*args, "svg"]),
        "chart_png_url": reverse("public-indicator-chart", args=[*args, "png"]),
    }


@require_GET
def indicator_detail(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    """Show one published indicator: facts, chart, table, downloads, permalink and embed."""
    page, item = _find(slug, year, pk)
    context = _context(request, page, item)
    context["crumbs"] = [
        (reverse("public-start"), _("Öppen redovisning")),
        (
            reverse("public-organisation-plan", args=[slug, year]),
            f"{page.organisation.name} {year}",
        ),
        (None, item.indicator.name),
    ]
    return render(request, "public/indicator_detail.html", context)


@require_GET
def indicator_chart(request: HttpRequest, slug: str, year: int, pk: int, fmt: str) -> HttpResponse:
    """Send the indicator's chart as an SVG file or a PNG picture."""
    if fmt not in ("svg", "png"):
        raise Http404
    _page, item = _find(slug, year, pk)
    svg = _svg(item)
    filename = f"indikator-{pk}.{fmt}"
    if fmt == "svg":
        response = HttpResponse(
            '<?xml version="1.0" encoding="utf-8"?>\n' + svg,
            content_type="image/svg+xml; charset=utf-8",
        )
    else:
        png = cairosvg.svg2png(bytestring=svg.encode(), output_width=PNG_WIDTH)
        response = HttpResponse(png, content_type="image/png")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@xframe_options_exempt
@require_GET
def indicator_embed(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    """A minimal page with the chart and its table, for others to show in an iframe."""
    page, item = _find(slug, year, pk)
    response = render(request, "public/indicator_embed.html", _context(request, page, item))
    # Anyone may frame this page (django-csp reads this; every other page stays 'none').
    response._csp_replace = {"frame-ancestors": ["*"]}  # type: ignore[attr-defined]
    return response
