"""Who may see and change the knowledge base.

Read: anonymous visitors see published datasets only (others do not exist for them: 404);
signed-in users see every dataset and the qualitative records. Write: coordinators only;
write views sit behind @login_required, so anonymous visitors are sent to the login page.
"""

from typing import Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404, HttpRequest

from mrplan.accounts.permissions import roles_for
from mrplan.accounts.types import Actor
from mrplan.core.lookups import primary_key
from mrplan.knowledge import selectors
from mrplan.knowledge.models import Dataset, Measure, QualitativeRecord


def may_edit(user: Actor) -> bool:
    """Only coordinators change the knowledge base (and the system: see observations_import)."""
    return roles_for(user).is_coordinator


def check_may_edit(actor: Actor) -> None:
    """Raise PermissionDenied unless ACTOR may change the knowledge base."""
    if not may_edit(actor):
        raise PermissionDenied


def may_see_history(user: Actor) -> bool:
    roles = roles_for(user)
    return roles.is_coordinator or bool(roles.by_organisation)


def get_dataset_for_actor(actor: Actor, key: int | str, *, write: bool = False) -> Dataset:
    """Return dataset KEY (its slug, or its id if an int) if ACTOR may see it (and, with
    WRITE, change it)."""
    lookup = {"slug": key} if isinstance(key, str) else {"pk": primary_key(key)}
    try:
        dataset = selectors.datasets_visible_to(actor).get(**lookup)
    except ObjectDoesNotExist:
        raise Http404 from None
    if write:
        check_may_edit(actor)
    return dataset


def get_dataset_for_user(request: HttpRequest, slug: str, *, write: bool = False) -> Dataset:
    """Return dataset SLUG if the user may see it (and, with WRITE, change it)."""
    return get_dataset_for_actor(request.user, slug, write=write)


def get_measure_for_actor(actor: Actor, pk: Any) -> Measure:
    """Return measure PK if ACTOR may see its dataset."""
    try:
        return Measure.objects.select_related("dataset").get(
            pk=primary_key(pk), dataset__in=selectors.datasets_visible_to(actor)
        )
    except ObjectDoesNotExist:
        raise Http404 from None


def get_record_for_actor(actor: Actor, pk: Any, *, write: bool = False) -> QualitativeRecord:
    """Return qualitative record PK if ACTOR may see it (those who work in the city)."""
    if not roles_for(actor).is_internal:
        raise Http404
    try:
        record = selectors.records().get(pk=primary_key(pk))
    except ObjectDoesNotExist:
        raise Http404 from None
    if write:
        check_may_edit(actor)
    return record


def get_record_for_user(request: HttpRequest, pk: Any, *, write: bool = False) -> QualitativeRecord:
    """Return qualitative record PK if the user may see it (those who work in the city)."""
    return get_record_for_actor(request.user, pk, write=write)


def _history(request: HttpRequest, obj: Any) -> Any:
    if not may_see_history(request.user):
        raise PermissionDenied
    return obj


def get_dataset_history_for_user(request: HttpRequest, key: str) -> Dataset:
    """Return dataset KEY (its id) if the user may see its history."""
    try:
        dataset = selectors.datasets_visible_to(request.user).get(pk=primary_key(key))
    except ObjectDoesNotExist:
        raise Http404 from None
    return _history(request, dataset)


def get_record_history_for_user(request: HttpRequest, key: str) -> QualitativeRecord:
    """Return qualitative record KEY if the user may see its history."""
    return _history(request, get_record_for_user(request, key))
