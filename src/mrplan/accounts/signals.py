"""Record sign-ins and failed sign-ins in the audit trail (never the password)."""

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from mrplan.accounts import actions, two_factor
from mrplan.accounts.models import User


@receiver(user_logged_in, dispatch_uid="mrplan-audit-sign-in")
def _audit_sign_in(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    # Only a sign-in through a web request is a person signing in; code that logs a user
    # in outside one (a script, the test client's force_login) has a request without a
    # method and is not recorded.
    if request is not None and hasattr(request, "session"):
        two_factor.note_sign_in(request, user)
    if request is None or request.method is None:
        return
    actions.sign_in_record(user=user, request=request)


@receiver(user_login_failed, dispatch_uid="mrplan-audit-failed-sign-in")
def _audit_failed_sign_in(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    if "username" not in credentials:
        # Not a password sign-in: the SSO callback records its own failures.
        return
    actions.sign_in_failure_record(username=str(credentials["username"]), request=request)
