"""Pages for two-factor sign-in: status, enrol, verify, backup codes, turn off, policy."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from mrplan.accounts import actions, two_factor
from mrplan.accounts.forms import EnrolCodeForm, OneTimeCodeForm, SecurityPolicyForm
from mrplan.accounts.models import SecurityPolicy
from mrplan.accounts.permissions import roles_for
from mrplan.core.types import AuthenticatedHttpRequest


def _next_url(request: AuthenticatedHttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _private(response: HttpResponse) -> HttpResponse:
    """Keep secrets and backup codes out of every cache."""
    add_never_cache_headers(response)
    return response


@login_required
def overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Show whether two-factor sign-in is on, and what the user can do about it."""
    user = request.user
    backup = two_factor.backup_device(user)
    context = {
        "enabled": two_factor.is_enabled_for(user),
        "required": two_factor.is_required_for(user),
        "backup_codes_left": backup.token_set.count() if backup else 0,
        "verified": user.is_verified(),  # type: ignore[attr-defined]
        "form": OneTimeCodeForm(),
    }
    return render(request, "accounts/two_factor.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def enrol(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Show a new key as QR code and text; confirm it with a code from the app."""
    user = request.user
    if two_factor.is_enabled_for(user):
        messages.info(request, _("Tvåstegsverifiering är redan påslagen."))
        return redirect("accounts-two-factor")
    device = two_factor.enrolment_start(request=request, user=user)
    form = EnrolCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = two_factor.enrolment_confirm(
                request=request, user=user, code=form.cleaned_data["code"]
            )
        except ValidationError as error:
            form.add_error("code", error)
        else:
            return _private(
                render(
                    request,
                    "accounts/two_factor_backup_codes.html",
                    {"codes": codes, "next": _next_url(request), "first_time": True},
                )
            )
    context = {
        "qr_code": two_factor.qr_code_svg(device),
        "secret": two_factor.secret_text(device),
        "form": form,
        "next": request.GET.get("next", request.POST.get("next", "")),
        "required": request.session.get(two_factor.PENDING_SESSION_KEY) == two_factor.ENROL,
    }
    status = 400 if form.is_bound and form.errors else 200
    return _private(render(request, "accounts/two_factor_enrol.html", context, status=status))


@login_required
@require_http_methods(["GET", "POST"])
def verify(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Ask for the second step of a sign-in: a code from the app or a backup code."""
    user = request.user
    if not two_factor.is_enabled_for(user):
        return redirect("accounts-two-factor")
    form = OneTimeCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            verified = two_factor.verify(request=request, user=user, code=form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error("code", error)
        else:
            if verified:
                return redirect(_next_url(request))
            actions.sign_in_failure_record(
                username=user.get_username(), request=request, second_factor=True
            )
            form.add_error("code", _("Koden stämmer inte. Försök igen."))
    context = {"form": form, "next": request.GET.get("next", request.POST.get("next", ""))}
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "accounts/two_factor_verify.html", context, status=status)


@login_required
@require_POST
def backup_codes(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Replace the backup codes and show the new ones once."""
    try:
        codes = two_factor.backup_codes_renew(request=request, user=request.user)
    except PermissionDenied:
        messages.error(request, _("Logga in med tvåstegsverifiering först."))
        return redirect("accounts-two-factor")
    return _private(
        render(
            request,
            "accounts/two_factor_backup_codes.html",
            {"codes": codes, "next": reverse("accounts-two-factor"), "first_time": False},
        )
    )


@login_required
@require_POST
def disable(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Turn two-factor sign-in off, after a valid code."""
    form = OneTimeCodeForm(request.POST)
    if form.is_valid():
        try:
            two_factor.disable(request=request, user=request.user, code=form.cleaned_data["code"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Tvåstegsverifiering är avstängd."))
    else:
        messages.error(request, _("Ange en kod för att stänga av tvåstegsverifiering."))
    return redirect("accounts-two-factor")


@login_required
@require_http_methods(["GET", "POST"])
def security_policy(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Let the coordinator require two-factor sign-in for the roles that decide."""
    if not roles_for(request.user).is_coordinator:
        raise PermissionDenied
    policy = SecurityPolicy.current()
    form = SecurityPolicyForm(
        request.POST or None, initial={"require_two_factor": policy.require_two_factor}
    )
    if request.method == "POST" and form.is_valid():
        two_factor.security_policy_update(
            actor=request.user,
            require_two_factor=form.cleaned_data["require_two_factor"],
            request=request,
        )
        messages.success(request, _("Säkerhetsinställningarna är sparade."))
        return redirect("accounts-security-policy")
    return render(request, "accounts/security_policy.html", {"form": form, "policy": policy})
