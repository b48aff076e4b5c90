"""Evidence links: link a plan's goals, activities and indicators to measures and records;
the goals that rest on no evidence; permission-checked downloads of record files."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mrplan.accounts.permissions import roles_for
from mrplan.core.forms import add_errors
from mrplan.core.types import AuthenticatedHttpRequest
from mrplan.knowledge import evidence
from mrplan.knowledge.models import Area, EvidenceLink, Measure, Observation, QualitativeRecord
from mrplan.knowledge.permissions import get_record_for_user
from mrplan.planning.models import Goal, Indicator
from mrplan.planning.permissions import get_goal_for_user, get_report_for_user
from mrplan.planning.views.reports import save_posted_draft


class LinkForm(forms.Form):
    target = forms.ChoiceField(
        label=gettext_lazy("Mål, aktivitet eller indikator"),
        help_text=gettext_lazy("Det som bygger på underlaget."),
    )
    note = forms.CharField(
        label=gettext_lazy("Kommentar"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("Vad underlaget visar för just det här (frivilligt)."),
    )

    def __init__(self, data: Any, *, user: Any) -> None:
        super().__init__(data)
        self.fields["target"].choices = [  # type: ignore[attr-defined]
            ("", "---------"),
            *evidence.linkable_targets(user),
        ]


class IndicatorSourceForm(forms.Form):
    indicator = forms.ChoiceField(
        label=gettext_lazy("Indikator"),
        help_text=gettext_lazy("Indikatorn som ska hämta sina värden från måttet."),
    )
    area = forms.ChoiceField(label=gettext_lazy("Område"))
    breakdown = forms.ChoiceField(
        label=gettext_lazy("Indelning"),
        required=False,
        help_text=gettext_lazy("Tom: måttets totalvärde."),
    )

    def __init__(self, data: Any, *, user: Any, measure: Measure) -> None:
        super().__init__(data)
        indicators = [
            (group, [choice for choice in choices if choice[0].startswith("indicator:")])
            for group, choices in evidence.linkable_targets(user)
        ]
        self.fields["indicator"].choices = [  # type: ignore[attr-defined]
            ("", "---------"),
            *[(group, choices) for group, choices in indicators if choices],
        ]
        cells = Observation.objects.filter(measure=measure)
        area_ids = cells.values("area_id")
        self.fields["area"].choices = [  # type: ignore[attr-defined]
            ("", "---------"),
            *Area.objects.filter(pk__in=area_ids).order_by("name").values_list("pk", "name"),
        ]
        keys = sorted(set(cells.exclude(breakdown_key="").values_list("breakdown_key", flat=True)))
        self.fields["breakdown"].choices = [  # type: ignore[attr-defined]
            ("", _("Totalt")),
            *[(key, key) for key in keys],
        ]


def _key(value: Any) -> int | None:
    text = str(value or "")
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 18 else None


def _evidence_for(request: AuthenticatedHttpRequest) -> Measure | QualitativeRecord:
    """Return the measure (?matt=) or record (?underlag=) to link, if the user may see it."""
    source = request.POST if request.method == "POST" else request.GET
    measure_pk, record_pk = _key(source.get("matt")), _key(source.get("underlag"))
    if measure_pk is not None:
        found = Measure.objects.select_related("dataset").filter(pk=measure_pk).first()
        if found is None:
            raise Http404
        return found
    if record_pk is not None:
        return get_record_for_user(request, record_pk)
    raise Http404


def _measure_url(measure: Measure) -> str:
    return reverse("knowledge-measure", args=[measure.dataset.slug, measure.slug])


@login_required
@require_http_methods(["GET", "POST"])
def link_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Link a measure or a qualitative record to a goal, activity or indicator."""
    if not evidence.may_link_any(request.user):
        raise PermissionDenied
    item = _evidence_for(request)
    form = LinkForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        target = evidence.resolve_target(form.cleaned_data["target"])
        if target is None:
            raise Http404
        try:
            evidence.evidence_link_create(
                actor=request.user,
                target=target,
                measure=item if isinstance(item, Measure) else None,
                record=item if isinstance(item, QualitativeRecord) else None,
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Underlaget är kopplat till %(target)s.") % {"target": target}
            )
            return redirect(
                _measure_url(item) if isinstance(item, Measure) else item.get_absolute_url()
            )
    back = _measure_url(item) if isinstance(item, Measure) else item.get_absolute_url()
    name = item.name if isinstance(item, Measure) else item.title
    return render(
        request,
        "knowledge/evidence_link_form.html",
        {
            "form": form,
            "item": item,
            "item_name": name,
            "is_measure": isinstance(item, Measure),
            "back": back,
            "crumbs": [
                (reverse("knowledge-dataset-list"), _("Kunskapsunderlag")),
                (back, name),
                (None, _("Koppla till planen")),
            ],
            "nav": "knowledge",
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_source_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Let an indicator take its values from a measure (?matt=): one area, one breakdown."""
    if not evidence.may_link_any(request.user):
        raise PermissionDenied
    item = _evidence_for(request)
    if not isinstance(item, Measure):
        raise Http404
    form = IndicatorSourceForm(
        request.POST if request.method == "POST" else None, user=request.user, measure=item
    )
    if request.method == "POST" and form.is_valid():
        indicator = evidence.resolve_target(form.cleaned_data["indicator"])
        area = Area.objects.filter(pk=form.cleaned_data["area"]).first()
        if not isinstance(indicator, Indicator) or area is None:
            raise Http404
        try:
            evidence.indicator_source_set(
                actor=request.user,
                indicator=indicator,
                measure=item,
                area=area,
                breakdown=form.cleaned_data["breakdown"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("%(indicator)s hämtar nu sina värden från måttet.") % {"indicator": indicator},
            )
            return redirect(_measure_url(item))
    back = _measure_url(item)
    return render(
        request,
        "knowledge/indicator_source_form.html",
        {
            "form": form,
            "item": item,
            "back": back,
            "crumbs": [
                (reverse("knowledge-dataset-list"), _("Kunskapsunderlag")),
                (back, item.name),
                (None, _("Hämta en indikators värden")),
            ],
            "nav": "knowledge",
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def link_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Remove an evidence link; back to where the user came from."""
    try:
        link = EvidenceLink.objects.select_related(
            "goal", "activity", "indicator__goal", "measure__dataset", "record"
        ).get(pk=pk)
    except ObjectDoesNotExist:
        raise Http404 from None
    evidence.evidence_link_delete(actor=request.user, link=link)
    messages.success(request, _("Kopplingen är borttagen."))
    if link.measure is not None:
        return redirect(_measure_url(link.measure))
    assert link.record is not None
    return redirect(link.record)


@login_required
@require_GET
def goal_evidence(request: AuthenticatedHttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    """The evidence behind one goal (the same block as on the organisation's plan)."""
    goal = get_goal_for_user(request, slug, year, pk)
    return render(
        request,
        "knowledge/evidence_goal.html",
        {
            "goal": goal,
            "crumbs": [
                (goal.get_absolute_url(), goal.title),
                (None, _("Kunskapsunderlag")),
            ],
            "nav": "knowledge",
        },
    )


@login_required
@require_GET
def goals_without_evidence(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Coordinators: the goals that rest on no evidence, newest year first."""
    if not roles_for(request.user).is_coordinator:
        raise PermissionDenied
    year = _key(request.GET.get("ar"))
    goals: list[Goal] = list(evidence.goals_without_evidence(year))
    return render(
        request,
        "knowledge/evidence_missing.html",
        {
            "goals": goals,
            "year": year,
            "crumbs": [
                (reverse("knowledge-dataset-list"), _("Kunskapsunderlag")),
                (None, _("Mål utan kunskapsunderlag")),
            ],
            "nav": "knowledge",
        },
    )


@login_required
@require_GET
def record_file(request: AuthenticatedHttpRequest, pk: int, file_pk: int) -> FileResponse:
    """Download a qualitative record's file, for those who may read the record."""
    record = get_record_for_user(request, pk)
    found = record.files.filter(pk=file_pk).first()
    if found is None:
        raise Http404
    try:
        handle = found.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=found.name)


@login_required
@require_POST
def report_values_from_source(
    request: AuthenticatedHttpRequest, slug: str, year: int, pk: int
) -> HttpResponse:
    """Fill a report's sourced indicators from the knowledge base (the report's writers)."""
    report = get_report_for_user(request, slug, year, pk, write=True)
    # The button sends the report form along: keep what was typed by saving it first.
    refused = save_posted_draft(request, report) if report.is_editable else None
    if refused is not None:
        return refused
    try:
        result = evidence.indicator_values_from_source(actor=request.user, report=report)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(report)
    if result.filled:
        messages.success(request, result.summary)
    else:
        messages.info(request, result.summary)
    for note in result.skipped:
        messages.warning(request, note)
    return redirect(report)
