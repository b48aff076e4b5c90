"""The reviewing coordinator's comments on single goals and activities of a report."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from mrplan.core.forms import add_errors
from mrplan.core.types import AuthenticatedHttpRequest
from mrplan.planning import review_comments
from mrplan.planning.models import Activity, Goal
from mrplan.planning.permissions import get_report_for_user
from mrplan.planning.views._common import render_comment_page


class ItemCommentForm(forms.Form):
    subject = forms.ChoiceField(
        label=gettext_lazy("Mål eller aktivitet"),
        error_messages={"required": gettext_lazy("Välj ett mål eller en aktivitet.")},
    )
    text = forms.CharField(
        label=gettext_lazy("Kommentar"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": gettext_lazy("Skriv en kommentar.")},
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        subject = self.fields["subject"]
        assert isinstance(subject, forms.ChoiceField)
        subject.choices = [("", _("Välj …")), *choices]

    def target(self) -> dict[str, Any]:
        kind, _sep, pk = self.cleaned_data["subject"].partition("-")
        if kind == "goal":
            return {"goal": Goal.objects.get(pk=pk)}
        return {"activity": Activity.objects.get(pk=pk)}


@login_required
@require_http_methods(["GET", "POST"])
def review_comment_create(
    request: AuthenticatedHttpRequest, slug: str, year: int, pk: int
) -> HttpResponse:
    """Comment on one goal or activity of a submitted report (coordinators); ?om= preselects."""
    report = get_report_for_user(request, slug, year, pk, review=True)
    posting = request.method == "POST"
    form = ItemCommentForm(
        request.POST if posting else None,
        choices=review_comments.subjects(report),
        initial={"subject": request.GET.get("om", "")},
    )
    if posting and form.is_valid():
        try:
            review_comments.review_comment_add(
                actor=request.user, report=report, text=form.cleaned_data["text"], **form.target()
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Kommentaren är sparad och visas för organisationen."))
            return redirect(f"{report.get_absolute_url()}#granskningskommentarer")
    return render_comment_page(
        request,
        report,
        form,
        title=_("Kommentera ett mål eller en aktivitet"),
        button=_("Spara kommentaren"),
    )
