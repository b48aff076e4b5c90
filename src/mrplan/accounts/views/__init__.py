"""The signed-in user's own page: memberships and personal API tokens."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mrplan.accounts import actions
from mrplan.accounts.forms import TokenForm
from mrplan.accounts.models import ApiToken
from mrplan.core.types import AuthenticatedHttpRequest


class SignInView(auth_views.LoginView):
    """The password sign-in page, with the SSO button when SSO is configured."""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["oidc_enabled"] = settings.MRPLAN_OIDC_ENABLED
        return context


def _memberships_page(
    request: AuthenticatedHttpRequest, token_form: TokenForm, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "accounts/memberships.html",
        {
            "memberships": request.user.memberships.select_related("organisation"),
            "tokens": request.user.api_tokens.all(),
            "token_form": token_form,
            "oidc_enabled": settings.MRPLAN_OIDC_ENABLED,
        },
        status=status,
    )


@login_required
def memberships(request: AuthenticatedHttpRequest) -> HttpResponse:
    """List the user's roles per organisation and their API tokens."""
    return _memberships_page(request, TokenForm())


@login_required
@require_POST
def token_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _memberships_page(request, form, status=400)
    token, raw = actions.token_create(
        actor=request.user,
        name=form.cleaned_data["name"],
        scope=form.cleaned_data["scope"],
        days=form.cleaned_data["days"],
    )
    response = render(request, "accounts/token_created.html", {"token": token, "raw": raw})
    # The raw key is on this page only: no browser or proxy may keep a copy.
    add_never_cache_headers(response)
    return response


@login_required
@require_POST
def token_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    actions.token_delete(actor=request.user, token=token)
    messages.success(request, _("API-nyckeln är borttagen."))
    return redirect("accounts-memberships")
