"""Who may see and change an organisation, its departments and its members."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from mrplan.accounts.models import Role
from mrplan.accounts.permissions import roles_for
from mrplan.accounts.types import Actor
from mrplan.core.lookups import primary_key
from mrplan.organisations.models import Department, Organisation


def may_create_organisation(user: Actor) -> bool:
    """Only coordinators add organisations to the city's structure."""
    return roles_for(user).is_coordinator


def may_change_structure(user: Actor) -> bool:
    """Only coordinators change an organisation's kind or where it belongs."""
    return roles_for(user).is_coordinator


def may_edit_organisation(user: Actor, organisation: Organisation) -> bool:
    """Coordinators, and the organisation's own administrators, edit its details."""
    roles = roles_for(user)
    return roles.is_coordinator or roles.has(organisation.pk, Role.ORG_ADMIN)


def may_manage_members(user: Actor, organisation: Organisation) -> bool:
    """Coordinators, and the organisation's own administrators, grant and revoke roles."""
    return may_edit_organisation(user, organisation)


def may_see_members(user: Actor, organisation: Organisation) -> bool:
    """Coordinators and the organisation's own members see who works in it."""
    roles = roles_for(user)
    return roles.is_coordinator or roles.is_member(organisation.pk)


def may_see_history(user: Actor, organisation: Organisation) -> bool:
    """Coordinators and the organisation's own members see its history."""
    return may_see_members(user, organisation)


def get_organisation_for_actor(
    actor: Actor, key: int | str, *, write: bool = False
) -> Organisation:
    """Return the organisation KEY (its slug, or its id if an int); with WRITE, only for
    those who may edit it.

    Every organisation is public. Write views sit behind @login_required, so an anonymous
    user only reaches the PermissionDenied here if a view forgot it.
    """
    lookup = {"slug": key} if isinstance(key, str) else {"pk": primary_key(key)}
    organisation = get_object_or_404(Organisation.objects.select_related("parent"), **lookup)
    if write and not may_edit_organisation(actor, organisation):
        raise PermissionDenied
    return organisation


def get_organisation_for_user(
    request: HttpRequest, slug: str, *, write: bool = False
) -> Organisation:
    """Return the organisation SLUG; with WRITE, only for those who may edit it."""
    return get_organisation_for_actor(request.user, slug, write=write)


def get_members_organisation_for_actor(
    actor: Actor, slug: str, *, write: bool = False
) -> Organisation:
    """Return the organisation SLUG for its member pages; with WRITE, for its managers only."""
    organisation = get_object_or_404(Organisation.objects.select_related("parent"), slug=slug)
    allowed = (
        may_manage_members(actor, organisation) if write else may_see_members(actor, organisation)
    )
    if not allowed:
        raise PermissionDenied
    return organisation


def get_members_organisation_for_user(
    request: HttpRequest, slug: str, *, write: bool = False
) -> Organisation:
    """Return the organisation SLUG for its member pages; with WRITE, for its managers only."""
    return get_members_organisation_for_actor(request.user, slug, write=write)


def get_department_for_actor(
    actor: Actor, slug: str, pk: int, *, write: bool = False
) -> Department:
    """Return department PK of the organisation SLUG; with WRITE, only for its editors."""
    department = get_object_or_404(
        Department.objects.select_related("organisation"), pk=pk, organisation__slug=slug
    )
    if write and not may_edit_organisation(actor, department.organisation):
        raise PermissionDenied
    return department


def get_department_for_user(
    request: HttpRequest, slug: str, pk: int, *, write: bool = False
) -> Department:
    """Return department PK of the organisation SLUG; with WRITE, only for its editors."""
    return get_department_for_actor(request.user, slug, pk, write=write)


def get_organisation_history_for_user(request: HttpRequest, key: str) -> Organisation:
    """Return organisation KEY (its id) if the user may see its history."""
    organisation = get_object_or_404(Organisation, pk=primary_key(key))
    if not may_see_history(request.user, organisation):
        raise PermissionDenied
    return organisation


def get_department_history_for_user(request: HttpRequest, key: str) -> Department:
    """Return department KEY (its id) if the user may see its organisation's history."""
    department = get_object_or_404(
        Department.objects.select_related("organisation"), pk=primary_key(key)
    )
    if not may_see_history(request.user, department.organisation):
        raise PermissionDenied
    return department
