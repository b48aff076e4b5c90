"""Writes about users: memberships and API tokens, each audited."""

import secrets
from datetime import timedelta
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from mrplan.accounts.models import (
    TOKEN_DEFAULT_LIFETIME_DAYS,
    TOKEN_LIFETIME_DAYS,
    ApiToken,
    Membership,
    User,
    hash_token,
)
from mrplan.accounts.permissions import roles_for
from mrplan.accounts.throttling import client_address
from mrplan.core import audit
from mrplan.core.actions import save_audited
from mrplan.core.models import AuditEvent

if TYPE_CHECKING:  # accounts sits below organisations in the app graph
    from mrplan.organisations.models import Organisation


def _check_may_manage_members(actor: User, organisation: "Organisation") -> None:
    roles = roles_for(actor)
    if not (roles.is_coordinator or roles.has(organisation.pk, "org_admin")):
        raise PermissionDenied


@transaction.atomic
def membership_create(
    *, actor: User, user: User, organisation: "Organisation", role: str, title: str = ""
) -> Membership:
    """Give USER a role in ORGANISATION (never by USER themselves: separation of duties)."""
    _check_may_manage_members(actor, organisation)
    if getattr(actor, "pk", None) == user.pk:
        raise ValidationError(
            {
                "user": _(
                    "Du kan inte ge dig själv en roll. Be en annan administratör eller en "
                    "samordnare att göra det."
                )
            },
            code="self_grant",
        )
    if role == "coordinator" and not roles_for(actor).is_coordinator:
        raise PermissionDenied
    if role == "coordinator" and organisation.kind != "coordinating_office":
        raise ValidationError({"role": _("Samordnare finns bara på det samordnande kontoret.")})
    if Membership.objects.filter(user=user, organisation=organisation, role=role).exists():
        raise ValidationError({"role": _("Användaren har redan den rollen i organisationen.")})
    membership = Membership(user=user, organisation=organisation)
    membership = save_audited(membership, actor=actor, data={"role": role, "title": title})
    audit.record(
        actor=actor,
        verb="grant",
        instance=organisation,
        changes={"roll": [None, f"{user.get_username()}: {membership.get_role_display()}"]},
    )
    return membership


@transaction.atomic
def membership_delete(*, actor: User, membership: Membership) -> None:
    """Take a role away."""
    _check_may_manage_members(actor, membership.organisation)
    if membership.role == "coordinator" and not roles_for(actor).is_coordinator:
        # As only coordinators grant the coordinator role, only they take it away.
        raise PermissionDenied
    audit.record(
        actor=actor,
        verb="revoke",
        instance=membership.organisation,
        changes={
            "roll": [f"{membership.user.get_username()}: {membership.get_role_display()}", None]
        },
    )
    audit.record(actor=actor, verb="delete", instance=membership)
    membership.delete()


@transaction.atomic
def token_create(
    *,
    actor: User,
    name: str,
    scope: str = ApiToken.Scope.READ,
    days: int = TOKEN_DEFAULT_LIFETIME_DAYS,
) -> tuple[ApiToken, str]:
    """Create a personal API token; return it with the raw key, which is shown only once."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Ange ett namn.")})
    if scope not in ApiToken.Scope.values:
        raise ValidationError({"scope": _("Välj om nyckeln bara får läsa eller även ändra.")})
    if days not in TOKEN_LIFETIME_DAYS:
        raise ValidationError({"days": _("Välj hur länge nyckeln ska gälla.")})
    raw = "mrp_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=actor,
        name=name,
        prefix=raw[:8],
        key_hash=hash_token(raw),
        scope=scope,
        expires_at=timezone.now() + timedelta(days=days),
    )
    audit.record(
        actor=actor,
        verb="token",
        instance=token,
        changes={
            "scope": [None, token.get_scope_display()],
            "expires_at": [None, token.expires_at.date().isoformat()],
        },
        message=_("Skapade API-nyckel"),
    )
    return token, raw


@transaction.atomic
def tokens_revoke_all(*, user: User, reason: str) -> int:
    """Delete all of USER's API tokens (after a password change or reset); return how many."""
    tokens = list(user.api_tokens.all())
    for token in tokens:
        audit.record(actor=user, verb="delete", instance=token, message=str(reason))
    user.api_tokens.all().delete()
    return len(tokens)


@transaction.atomic
def token_delete(*, actor: User, token: ApiToken) -> None:
    """Revoke one of the actor's own tokens."""
    if token.user_id != actor.pk:
        raise PermissionDenied
    audit.record(actor=actor, verb="delete", instance=token, message=_("Tog bort API-nyckel"))
    token.delete()


def _sign_in_method(user: User) -> str:
    backend = getattr(user, "backend", "") or ""
    return _("e-legitimation/SSO") if "oidc" in backend.lower() else _("lösenord")


def sign_in_record(*, user: User, request: HttpRequest | None) -> AuditEvent:
    """Record that USER signed in (how, and from which address)."""
    return audit.record(
        actor=user,
        verb=AuditEvent.Verb.LOGIN,
        instance=user,
        message=_("Inloggning med %(method)s från %(address)s")
        % {"method": _sign_in_method(user), "address": client_address(request) or "?"},
    )


def sign_in_failure_record(
    *, username: str, request: HttpRequest | None, second_factor: bool = False
) -> AuditEvent:
    """Record a failed sign-in under the username that was tried; never the password."""
    username = username.strip()[:150]
    user = User.objects.filter(username__iexact=username).first() if username else None
    return AuditEvent.objects.create(
        actor=None,
        actor_name=_("anonym"),
        verb=AuditEvent.Verb.LOGIN_FAILED,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(user.pk) if user else "",
        object_repr=username,
        message=(
            _("Fel engångskod från %(address)s")
            if second_factor
            else _("Misslyckad inloggning från %(address)s")
        )
        % {"address": client_address(request) or "?"},
    )


@transaction.atomic
def sso_link(*, user: User, subject: str) -> User:
    """Link USER's account to the identity the SSO provider knows as SUBJECT."""
    before = user.sso_subject
    User.objects.filter(pk=user.pk).update(sso_subject=subject)
    user.sso_subject = subject
    audit.record(
        actor=user,
        verb=AuditEvent.Verb.UPDATE,
        instance=user,
        changes={"sso_subject": [before, subject]},
        message=_("Kopplade kontot till e-legitimation/SSO"),
    )
    return user


def sso_user_created_record(*, user: User) -> AuditEvent:
    """Record that a first SSO sign-in created USER's account (with no roles)."""
    return audit.record(
        actor=user,
        verb=AuditEvent.Verb.CREATE,
        instance=user,
        changes={"username": [None, user.username], "sso_subject": [None, user.sso_subject]},
        message=_("Kontot skapades vid första inloggningen med e-legitimation/SSO"),
    )
