"""Two-factor sign-in: who must use it, and the audited writes that set it up or remove it.

A user's second factor is a TOTP app (django-otp's TOTPDevice) with single-use backup
codes (a StaticDevice). Whether a sign-in still needs its second step is decided once,
at sign-in, and kept in the session, so that ordinary pages cost no extra queries.
"""

import base64
from typing import Any

import segno
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from mrplan.accounts.models import Membership, Role, SecurityPolicy, User
from mrplan.accounts.permissions import roles_for
from mrplan.core import audit
from mrplan.core.actions import save_audited

# What a signed-in session still has to do: "verify" a code, or "enrol" a device first.
PENDING_SESSION_KEY = "mrplan_two_factor"
VERIFY = "verify"
ENROL = "enrol"

BACKUP_CODE_COUNT = 10
# The roles whose holders the coordinator can oblige to use two-factor sign-in.
REQUIRED_ROLES = (Role.COORDINATOR, Role.ORG_ADMIN, Role.APPROVER)


def is_required_for(user: User) -> bool:
    """Return True when the policy obliges USER to sign in with two factors."""
    if not SecurityPolicy.current().require_two_factor:
        return False
    # Not roles_for(): that caches on the user object, and this runs at sign-in.
    return (
        user.is_superuser or Membership.objects.filter(user=user, role__in=REQUIRED_ROLES).exists()
    )


def totp_device(user: User) -> TOTPDevice | None:
    """Return USER's confirmed authenticator app, if any."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def backup_device(user: User) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, confirmed=True).first()


def is_enabled_for(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def _pending_step(user: User, backend: str) -> str | None:
    """Return what a new session of USER (signed in through BACKEND) still owes, if anything."""
    if "oidc" in backend.lower() and settings.MRPLAN_SSO_COUNTS_AS_TWO_FACTOR:
        return None
    if is_enabled_for(user):
        return VERIFY
    if is_required_for(user):
        return ENROL
    return None


def note_sign_in(request: HttpRequest, user: User) -> None:
    """Decide at sign-in whether the session must verify a code or enrol a device first."""
    request.session.pop(PENDING_SESSION_KEY, None)
    step = _pending_step(user, getattr(user, "backend", "") or "")
    if step:
        request.session[PENDING_SESSION_KEY] = step


def _apply_to_open_sessions(request: HttpRequest | None) -> int:
    """Send the open, unverified sessions that now owe a second step to that step."""
    if request is not None and request.user.is_authenticated:
        user = request.user
        assert isinstance(user, User)
        if not request.session.get(DEVICE_ID_SESSION_KEY):
            step = _pending_step(user, request.session.get(BACKEND_SESSION_KEY, ""))
            if step:
                request.session[PENDING_SESSION_KEY] = step
    if settings.SESSION_ENGINE != "django.contrib.sessions.backends.db":
        return 0  # other stores cannot be searched; the rule applies from the next sign-in
    store = SessionStore()
    flagged = 0
    current = request.session.session_key if request is not None else None
    for session in Session.objects.filter(expire_date__gt=timezone.now()).exclude(
        session_key=current
    ):
        data = session.get_decoded()
        user_id = data.get(SESSION_KEY)
        if not user_id or data.get(DEVICE_ID_SESSION_KEY) or data.get(PENDING_SESSION_KEY):
            continue
        holder = User.objects.filter(pk=user_id).first()
        step = _pending_step(holder, data.get(BACKEND_SESSION_KEY, "")) if holder else None
        if step:
            data[PENDING_SESSION_KEY] = step
            # Written directly so that the session keeps its expiry.
            Session.objects.filter(pk=session.pk).update(session_data=store.encode(data))
            flagged += 1
    return flagged


def _mark_verified(request: HttpRequest, device: Any) -> None:
    otp_login(request, device)
    request.session.pop(PENDING_SESSION_KEY, None)


def secret_text(device: TOTPDevice) -> str:
    """Return the device's key in base32, in groups of four, for typing into an app."""
    raw = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    """Return the device's otpauth:// address as an inline SVG QR code (made here, no CDN)."""
    code = segno.make(device.config_url, error="m")
    svg: str = code.svg_inline(
        scale=4, border=4, dark="#000", light="#fff", title=_("QR-kod för autentiseringsappen")
    )
    return svg


# The key being enrolled is kept in the session until a code confirms it, so that
# showing the enrolment page writes nothing to the database.
ENROL_KEY_SESSION_KEY = "mrplan_two_factor_key"


def enrolment_start(*, request: HttpRequest, user: User) -> TOTPDevice:
    """Return an unsaved app device for USER, with the key kept in the session."""
    if is_enabled_for(user):
        raise ValidationError(_("Tvåstegsverifiering är redan påslagen."))
    key = request.session.get(ENROL_KEY_SESSION_KEY)
    if not key:
        key = random_hex(20)
        request.session[ENROL_KEY_SESSION_KEY] = key
    return TOTPDevice(user=user, key=key, name=str(_("Autentiseringsapp")), confirmed=False)


def _new_backup_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=str(_("Reservkoder")), confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def enrolment_confirm(*, request: HttpRequest, user: User, code: str) -> list[str]:
    """Confirm USER's app with a code from it; return the new backup codes (shown once)."""
    key = request.session.get(ENROL_KEY_SESSION_KEY)
    if not key or is_enabled_for(user):
        raise ValidationError(_("Börja om: öppna sidan för att aktivera tvåstegsverifiering."))
    # Saved unconfirmed on the first try, so that wrong codes are counted and slowed down.
    # (No transaction around the check: a refused code must still count.)
    device, _created = TOTPDevice.objects.get_or_create(
        user=user,
        key=key,
        confirmed=False,
        defaults={"name": str(_("Autentiseringsapp"))},
    )
    allowed, _details = device.verify_is_allowed()
    if not allowed:
        raise ValidationError(_("För många felaktiga koder. Vänta en stund och försök sedan igen."))
    if not device.verify_token(code.replace(" ", "")):
        raise ValidationError(
            _("Koden stämmer inte. Kontrollera att klockan i telefonen går rätt och försök igen.")
        )
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        codes = _new_backup_codes(user)
        audit.record(
            actor=user,
            verb="update",
            instance=user,
            changes={"tvåstegsverifiering": [False, True]},
            message=_("Aktiverade tvåstegsverifiering"),
        )
    request.session.pop(ENROL_KEY_SESSION_KEY, None)
    _mark_verified(request, device)
    return codes


def verify(*, request: HttpRequest, user: User, code: str) -> bool:
    """Check a code from the app or a backup code; mark the session verified if it fits."""
    code = code.replace(" ", "").strip()
    for device in (totp_device(user), backup_device(user)):
        if device is None:
            continue
        allowed, _details = device.verify_is_allowed()
        if not allowed:
            raise ValidationError(
                _("För många felaktiga koder. Vänta en stund och försök sedan igen.")
            )
        with transaction.atomic():
            matched = device.verify_token(code)
        if matched:
            _mark_verified(request, device)
            if isinstance(device, StaticDevice):
                audit.record(
                    actor=user,
                    verb="login",
                    instance=user,
                    message=_("Använde en reservkod"),
                )
            return True
    return False


@transaction.atomic
def backup_codes_renew(*, request: HttpRequest, user: User) -> list[str]:
    """Replace USER's backup codes (only in a session verified with two factors)."""
    if not user.is_verified() or not is_enabled_for(user):  # type: ignore[attr-defined]
        raise PermissionDenied
    codes = _new_backup_codes(user)
    audit.record(actor=user, verb="update", instance=user, message=_("Skapade nya reservkoder"))
    return codes


def disable(*, request: HttpRequest, user: User, code: str) -> None:
    """Turn two-factor sign-in off for USER, after a valid code; not when it is required."""
    if is_required_for(user):
        raise ValidationError(_("Din roll kräver tvåstegsverifiering, så den kan inte stängas av."))
    # (No transaction around the check: a refused code must still count.)
    if not verify(request=request, user=user, code=code):
        raise ValidationError(_("Koden stämmer inte."))
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        audit.record(
            actor=user,
            verb="update",
            instance=user,
            changes={"tvåstegsverifiering": [True, False]},
            message=_("Stängde av tvåstegsverifiering"),
        )
    request.session.pop(DEVICE_ID_SESSION_KEY, None)


def security_policy_update(
    *, actor: User, require_two_factor: bool, request: HttpRequest | None = None
) -> SecurityPolicy:
    """Set whether coordinators, org admins and approvers must use two-factor sign-in.

    Turning it on also sends the open sessions of those users to enrol (or verify)
    at their next request, the acting coordinator's own (REQUEST) included.
    """
    if not roles_for(actor).is_coordinator:
        raise PermissionDenied
    policy = save_audited(
        SecurityPolicy.current(), actor=actor, data={"require_two_factor": require_two_factor}
    )
    if require_two_factor:
        _apply_to_open_sessions(request)
    return policy
