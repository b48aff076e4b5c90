"""The areas figures apply to (the city, the districts) and their codes, edited by coordinators."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from mrplan.core.types import AuthenticatedHttpRequest
from mrplan.knowledge import actions, selectors
from mrplan.knowledge.forms import AreaCodeForm
from mrplan.knowledge.permissions import check_may_edit


def _add_errors(form: AreaCodeForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, ValidationError(errors))
    else:
        form.add_error(None, error)


@login_required
@require_http_methods(["GET"])
def area_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """List the areas with their codes and code systems (coordinators)."""
    check_may_edit(request.user)
    return render(
        request,
        "knowledge/area_list.html",
        {
            "areas": selectors.areas(),
            "crumbs": [
                (reverse("knowledge-dataset-list"), _("Kunskapsunderlag")),
                (None, _("Områden och områdeskoder")),
            ],
            "nav": "knowledge",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def area_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Change an area's code and code system (coordinators); the change is audited."""
    check_may_edit(request.user)
    area = get_object_or_404(selectors.areas(), pk=pk)
    initial = {"code": area.code, "code_scheme": area.code_scheme}
    form = AreaCodeForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.area_update(
                actor=request.user,
                area=area,
                code=form.cleaned_data["code"],
                code_scheme=form.cleaned_data["code_scheme"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Områdeskoden är sparad."))
            return redirect("knowledge-area-list")
    return render(
        request,
        "knowledge/area_form.html",
        {
            "form": form,
            "area": area,
            "crumbs": [
                (reverse("knowledge-dataset-list"), _("Kunskapsunderlag")),
                (reverse("knowledge-area-list"), _("Områden och områdeskoder")),
                (None, area.name),
            ],
            "nav": "knowledge",
        },
        status=400 if form.errors else 200,
    )
