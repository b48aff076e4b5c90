"""The analysis page of a measure: chart, table, equity gap and downloads of the same numbers."""

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from mrplan.knowledge import analysis, charts, comparison, evidence
from mrplan.knowledge.models import ILLUSTRATIVE_LABEL, Measure, breakdown_key
from mrplan.knowledge.permissions import get_dataset_for_user
from mrplan.planning.exports import to_csv, to_xlsx


def get_measure_for_user(request: HttpRequest, slug: str, measure_slug: str) -> Measure:
    """Return measure MEASURE_SLUG of dataset SLUG if the visitor may see the dataset."""
    dataset = get_dataset_for_user(request, slug)
    try:
        measure = dataset.measures.get(slug=measure_slug)
    except ObjectDoesNotExist:
        raise Http404 from None
    measure.dataset = dataset
    return measure


def _analyse(request: HttpRequest, measure: Measure) -> tuple[Any, analysis.Analysis | None]:
    context = analysis.MeasureContext(measure)
    form = analysis.FilterForm(request.GET, context=context)
    if not form.is_valid():
        return form, None
    return form, analysis.build(measure, context, form.cleaned_data, request.user)


def _compare(form: Any, measure: Measure) -> comparison.Comparison | None:
    """Return the district comparison for the breakdown the (valid) selection fixes."""
    context: analysis.MeasureContext = form.context
    compare = form.cleaned_data.get("jamfor")
    pairs = [
        (dimension.slug, value)
        for dimension in context.dimensions
        if dimension.slug != compare
        and (value := form.cleaned_data.get(analysis.DIMENSION_PREFIX + dimension.slug))
    ]
    return comparison.district_comparison(
        measure, breakdown_key(pairs), dimensions=context.dimensions
    )


@require_GET
def measure_detail(request: HttpRequest, slug: str, measure_slug: str) -> HttpResponse:
    """Show a measure over time: filters, chart with target lines, table, gap, downloads."""
    measure = get_measure_for_user(request, slug, measure_slug)
    form, result = _analyse(request, measure)
    dataset = measure.dataset
    districts = _compare(form, measure) if result is not None else None
    context: dict[str, Any] = {
        "comparison": districts,
        "comparison_svg": districts.chart_svg() if districts else "",
        "dataset": dataset,
        "measure": measure,
        "form": form,
        "analysis": result,
        "chart": charts.render_line_chart(result.chart()) if result and result.series else None,
        "illustrative_label": ILLUSTRATIVE_LABEL,
        "query": request.GET.urlencode(),
        "may_link": evidence.may_link_any(request.user),
        "links": evidence.links_to(measure=measure) if request.user.is_authenticated else [],
        "crumbs": [
            (reverse("knowledge-dataset-list"), _("Kunskapsunderlag")),
            (dataset.get_absolute_url(), dataset.title),
            (None, measure.name),
        ],
        "nav": "knowledge",
    }
    return render(request, "knowledge/measure.html", context, status=400 if form.errors else 200)


def _invalid_selection(form: Any) -> HttpResponse:
    """Answer 400 with the form's errors when a download's selection is invalid."""
    return HttpResponse(
        _("Urvalet är ogiltigt: %(errors)s")
        % {"errors": " ".join(str(e) for errors in form.errors.values() for e in errors)},
        status=400,
        content_type="text/plain; charset=utf-8",
    )


@require_GET
def measure_export(request: HttpRequest, slug: str, measure_slug: str, fmt: str) -> HttpResponse:
    """Download exactly the table the page shows for the same selection, as CSV or XLSX."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    measure = get_measure_for_user(request, slug, measure_slug)
    form, result = _analyse(request, measure)
    if result is None:
        return _invalid_selection(form)
    filename = f"{measure.dataset.slug}-{measure.slug}"
    if fmt == "csv":
        content = to_csv(analysis.export_columns(result), analysis.export_rows(result))
        content_type = "text/csv; charset=utf-8"
    else:
        content = to_xlsx(
            measure.name, analysis.export_columns(result), analysis.export_rows(result)
        )
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


@require_GET
def comparison_export(request: HttpRequest, slug: str, measure_slug: str, fmt: str) -> HttpResponse:
    """Download the district comparison the page shows, as CSV, XLSX or JSON."""
    if fmt not in ("csv", "xlsx", "json"):
        raise Http404
    measure = get_measure_for_user(request, slug, measure_slug)
    form, result = _analyse(request, measure)
    if result is None:
        return _invalid_selection(form)
    districts = _compare(form, measure)
    if districts is None:
        raise Http404
    filename = f"{measure.dataset.slug}-{measure.slug}-stadsdelar"
    if fmt == "json":
        response: HttpResponse = JsonResponse(
            comparison.export_json(districts), json_dumps_params={"ensure_ascii": False}
        )
    else:
        columns = comparison.export_columns(districts)
        rows = comparison.export_rows(districts)
        if fmt == "csv":
            response = HttpResponse(to_csv(columns, rows), content_type="text/csv; charset=utf-8")
        else:
            response = HttpResponse(
                to_xlsx(measure.name, columns, rows),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
