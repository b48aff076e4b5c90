"""Public consultations, action plans with progress, easy-read summaries and the
accessibility statement. No login except to edit an easy-read summary; anything unpublished
or unknown is a 404.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from mrplan.core.http import client_address
from mrplan.core.types import AuthenticatedHttpRequest
from mrplan.planning.models import FIRST_YEAR, LAST_YEAR
from mrplan.programmes.models import ActionPlan
from mrplan.public import accessibility, easyread
from mrplan.public.models import EasyReadKind
from mrplan.public.selectors import pages as selectors
from mrplan.public.views.site import bad_request


def _crumbs(*items: tuple[str | None, str]) -> list[tuple[str | None, str]]:
    return [(reverse("public-start"), _("Öppen redovisning")), *items]


# Consultations


@require_GET
def consultation_list(request: HttpRequest) -> HttpResponse:
    """List the published consultations with how many have answered."""
    context = {
        "consultations": list(selectors.consultation_list()),
        "crumbs": _crumbs((None, _("Remisser"))),
    }
    return render(request, "public/consultation_list.html", context)


@require_GET
def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show a published consultation, its decided answers and the compilation."""
    page = selectors.consultation_page(pk)
    if page is None:
        raise Http404
    compilation = page.compilation
    context = {
        "page": page,
        "consultation": page.consultation,
        "compilation": compilation,
        "late": compilation.count("late"),
        "pending": compilation.count("pending"),
        "declined": compilation.count("declined"),
        "themes_note": _(
            "Temana räknas fram ur de beslutade svarens sammanfattning, förvaltningens "
            "synpunkter och svaren på remissfrågorna med en fast ordlista."
        ),
        "crumbs": _crumbs(
            (reverse("public-consultation-list"), _("Remisser")),
            (None, page.consultation.title),
        ),
    }
    return render(request, "public/consultation_detail.html", context)


@require_GET
def consultation_document(request: HttpRequest, pk: int) -> FileResponse:
    """Download a file sent with a published consultation."""
    document = selectors.published_document(pk)
    if document is None or not document.file:
        raise Http404
    name = document.original_name or (document.file.name or "").rsplit("/", 1)[-1]
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=name)


# Action plans


class YearFilter(forms.Form):
    """?ar=<year> on the action plan page; optional."""

    ar = forms.IntegerField(
        required=False,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        error_messages={
            "invalid": gettext_lazy("Året ska anges med fyra siffror, till exempel 2026."),
            "min_value": gettext_lazy("Året kan inte vara tidigare än %(limit_value)s."),
            "max_value": gettext_lazy("Året kan inte vara senare än %(limit_value)s."),
        },
    )


@require_GET
def action_plan_list(request: HttpRequest) -> HttpResponse:
    """List the published action plans."""
    context = {
        "action_plans": list(selectors.action_plan_list()),
        "crumbs": _crumbs((None, _("Handlingsplaner"))),
    }
    return render(request, "public/action_plan_list.html", context)


@require_GET
def action_plan_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """Show a published action plan, its development areas and its progress for a year."""
    form = YearFilter(request.GET)
    if not form.is_valid():
        return bad_request(
            request, [str(message) for errors in form.errors.values() for message in errors]
        )
    page = selectors.action_plan_page(slug=slug, year=form.cleaned_data["ar"])
    if page is None:
        raise Http404
    context = {
        "page": page,
        "action_plan": page.action_plan,
        "crumbs": _crumbs(
            (reverse("public-action-plan-list"), _("Handlingsplaner")),
            (None, page.action_plan.title),
        ),
    }
    return render(request, "public/action_plan_detail.html", context)


# Easy-read summaries


@require_GET
def easy_read_list(request: HttpRequest) -> HttpResponse:
    """List the easy-read summaries."""
    context = {
        "summaries": selectors.easy_read_list(),
        "crumbs": _crumbs((None, _("Lättläst"))),
    }
    return render(request, "public/easyread_list.html", context)


@require_GET
def easy_read_detail(request: HttpRequest, kind: str, slug: str) -> HttpResponse:
    """Show the easy-read summary of a published programme or action plan."""
    target = selectors.easy_read_target(kind, slug, published_only=True)
    if target is None:
        raise Http404
    summary = selectors.easy_read_of(target)
    if summary is None:
        raise Http404
    if isinstance(target, ActionPlan):
        full_url = reverse("public-action-plan", args=[target.slug])
    else:
        full_url = target.get_absolute_url()
    context = {
        "summary": summary,
        "target": target,
        "full_url": full_url,
        "paragraphs": [part.strip() for part in summary.text.split("\n\n") if part.strip()],
        "may_edit": easyread.may_edit_easy_read(request.user),
        "crumbs": _crumbs((reverse("public-easy-read-list"), _("Lättläst")), (None, target.title)),
    }
    return render(request, "public/easyread_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def easy_read_edit(request: AuthenticatedHttpRequest, kind: str, slug: str) -> HttpResponse:
    """Let a coordinator write the easy-read summary of a programme or an action plan."""
    target = easyread.get_easy_read_target_for_user(request, kind, slug)
    summary = selectors.easy_read_of(target)
    initial = {"text": summary.text if summary else ""}
    form = easyread.EasyReadForm(
        request.POST if request.method == "POST" else None, initial=initial
    )
    status = 200
    is_public = selectors.is_public(target)
    if request.method == "POST":
        if form.is_valid():
            try:
                saved = easyread.easy_read_summary_save(
                    actor=request.user, target=target, text=form.cleaned_data["text"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Den lättlästa texten är sparad."))
                if is_public:
                    return redirect(saved.get_absolute_url())
                return redirect(request.path)
        status = 400
    context = {
        "form": form,
        "target": target,
        "summary": summary,
        "kind": EasyReadKind(kind).value,
        "is_public": is_public,
        "crumbs": _crumbs(
            (reverse("public-easy-read-list"), _("Lättläst")),
            (None, _("Redigera lättläst: %(title)s") % {"title": target.title}),
        ),
    }
    return render(request, "public/easyread_form.html", context, status=status)


# The accessibility statement


@require_http_methods(["GET", "POST"])
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    """Show the accessibility statement and take reports of accessibility problems."""
    form = accessibility.AccessibilityReportForm(
        request.POST if request.method == "POST" else None,
        initial={"page_url": request.GET.get("sida", "")[:500]},
    )
    status = 200
    address = client_address(request)
    if request.method == "POST":
        if not accessibility.may_report(address):
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Du har skickat många rapporter på kort tid. Vänta en stund och försök "
                    "igen, eller skriv direkt till %(email)s."
                )
                % {"email": accessibility.contact_email()},
            )
            status = 429
        elif form.is_valid():
            accessibility.accessibility_report_create(actor=request.user, **form.cleaned_data)
            accessibility.count_report(address)
            return redirect("public-accessibility-thanks")
        else:
            status = 400
    context = {
        "form": form,
        "drawn_up": accessibility.STATEMENT_DRAWN_UP,
        "last_reviewed": accessibility.LAST_REVIEWED,
        "digg_url": accessibility.DIGG_REPORT_URL,
        "response_days": settings.ACCESSIBILITY_RESPONSE_DAYS,
        "crumbs": _crumbs((None, _("Tillgänglighet"))),
    }
    return render(request, "public/accessibility.html", context, status=status)


@require_GET
def accessibility_thanks(request: HttpRequest) -> HttpResponse:
    """Thank the visitor for the report."""
    context = {
        "response_days": settings.ACCESSIBILITY_RESPONSE_DAYS,
        "crumbs": _crumbs(
            (reverse("public-accessibility"), _("Tillgänglighet")), (None, _("Tack"))
        ),
    }
    return render(request, "public/accessibility_thanks.html", context)
