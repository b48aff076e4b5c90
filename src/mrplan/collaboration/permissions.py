"""Who may see and change partners, contacts, collaborations, dialogues, material and training.

Everything here is for signed-in users, except information material marked public.
Writes: editors and administrators of the organisations concerned, and coordinators;
material and training offers only coordinators.
"""

from collections.abc import Iterable
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404

from mrplan.accounts.permissions import WRITE_ROLES, roles_for
from mrplan.accounts.types import Actor
from mrplan.collaboration.models import (
    Collaboration,
    ContactPerson,
    Dialogue,
    Material,
    Partner,
    TrainingOffer,
    TrainingSession,
)
from mrplan.core.lookups import primary_key

M = TypeVar("M", bound=models.Model)


class LoginRequired(Http404):
    """An anonymous user reached a page that needs signing in.

    Pages catch it and offer the login (login_redirect); anywhere else (the API) it is a
    404, like everything else an anonymous caller may not see.
    """


def login_redirect(request: HttpRequest) -> HttpResponseRedirect:
    return redirect_to_login(request.get_full_path())


def may_read(user: Actor) -> bool:
    """Everyone who works in the city reads partners, collaborations, dialogues and training."""
    return roles_for(user).is_internal


def is_coordinator(user: Actor) -> bool:
    return roles_for(user).is_coordinator


def may_write_in(user: Actor, organisation_ids: Iterable[int | None]) -> bool:
    """Coordinators, and editors or administrators of one of ORGANISATION_IDS."""
    roles = roles_for(user)
    return roles.is_coordinator or any(roles.has(pk, *WRITE_ROLES) for pk in organisation_ids)


def writable_organisation_ids(user: Actor) -> set[int]:
    """Return the organisations where USER is an editor or administrator."""
    roles = roles_for(user)
    return {pk for pk, held in roles.by_organisation.items() if held & WRITE_ROLES}


def may_create(user: Actor) -> bool:
    """Coordinators, and editors or administrators of any organisation, register new things."""
    return is_coordinator(user) or bool(writable_organisation_ids(user))


def partner_organisation_ids(partner: Partner) -> set[int]:
    """Return the organisations concerned by PARTNER: who registered it and who works with it."""
    ids = set(
        Collaboration.organisations.through.objects.filter(
            collaboration__partners=partner
        ).values_list("organisation_id", flat=True)
    )
    ids |= set(
        Dialogue.organisations.through.objects.filter(dialogue__partners=partner).values_list(
            "organisation_id", flat=True
        )
    )
    if partner.registered_by_id:
        ids.add(partner.registered_by_id)
    return ids


def may_edit_partner(user: Actor, partner: Partner) -> bool:
    return may_write_in(user, partner_organisation_ids(partner))


def may_see_contacts(user: Actor, partner: Partner) -> bool:
    """Contacts are personal data: for coordinators and the organisation that registered them.

    Working with a partner (linking it to one's own collaboration or dialogue) gives no
    access to the people the registering organisation keeps in touch with.
    """
    roles = roles_for(user)
    return roles.is_coordinator or roles.is_member(partner.registered_by_id)


def may_edit_contacts(user: Actor, partner: Partner) -> bool:
    """Coordinators, and editors or administrators of the organisation that registered PARTNER."""
    return may_write_in(user, [partner.registered_by_id])


def may_manage_personal_data(user: Actor) -> bool:
    """Only coordinators export and erase what is held about a person, and review old contacts."""
    return is_coordinator(user)


def may_edit_collaboration(user: Actor, collaboration: Collaboration) -> bool:
    return may_write_in(user, [o.pk for o in collaboration.organisations.all()])


def may_edit_dialogue(user: Actor, dialogue: Dialogue) -> bool:
    return may_write_in(user, [o.pk for o in dialogue.organisations.all()])


def may_manage_library(user: Actor) -> bool:
    """Only the coordinating office keeps the material library and the training offers."""
    return is_coordinator(user)


def may_edit_session(user: Actor, session: TrainingSession) -> bool:
    return may_write_in(user, [session.organiser_id])


def may_record_participation(user: Actor, organisation_id: int | None) -> bool:
    return may_write_in(user, [organisation_id])


def check_reader(actor: Actor) -> None:
    """Raise LoginRequired for an anonymous ACTOR, PermissionDenied unless they may read."""
    if actor is None or not actor.is_authenticated:
        raise LoginRequired
    if not may_read(actor):
        raise PermissionDenied


def _get(actor: Actor, queryset: "models.QuerySet[M]", key: Any) -> M:
    check_reader(actor)
    return get_object_or_404(queryset, pk=primary_key(key))


def get_partner_for_actor(
    actor: Actor, key: Any, *, write: bool = False, contacts: bool = False
) -> Partner:
    """Return partner KEY; with WRITE, only for those who may edit it; with CONTACTS, only
    for those who may see its contact persons."""
    partner = _get(actor, Partner.objects.select_related("registered_by"), key)
    if write and not may_edit_partner(actor, partner):
        raise PermissionDenied
    if contacts and not may_see_contacts(actor, partner):
        raise PermissionDenied
    return partner


def get_partner_for_user(request: HttpRequest, key: Any, *, write: bool = False) -> Partner:
    """Return partner KEY; with WRITE, only for those who may edit it."""
    return get_partner_for_actor(request.user, key, write=write)


def get_contact_for_actor(actor: Actor, key: Any, *, write: bool = False) -> ContactPerson:
    """Return contact person KEY to those who may see (WRITE: edit) its partner's contacts."""
    contact = _get(actor, ContactPerson.objects.select_related("partner"), key)
    allowed = (
        may_edit_contacts(actor, contact.partner)
        if write
        else may_see_contacts(actor, contact.partner)
    )
    if not allowed:
        raise PermissionDenied
    return contact


def get_contact_for_user(request: HttpRequest, key: Any, *, write: bool = False) -> ContactPerson:
    """Return contact person KEY to those who may see (WRITE: edit) its partner's contacts."""
    return get_contact_for_actor(request.user, key, write=write)


def get_collaboration_for_actor(actor: Actor, key: Any, *, write: bool = False) -> Collaboration:
    """Return collaboration KEY; with WRITE, only for those who may edit it."""
    collaboration = _get(actor, Collaboration.objects.all(), key)
    if write and not may_edit_collaboration(actor, collaboration):
        raise PermissionDenied
    return collaboration


def get_collaboration_for_user(
    request: HttpRequest, key: Any, *, write: bool = False
) -> Collaboration:
    """Return collaboration KEY; with WRITE, only for those who may edit it."""
    return get_collaboration_for_actor(request.user, key, write=write)


def get_dialogue_for_actor(actor: Actor, key: Any, *, write: bool = False) -> Dialogue:
    """Return dialogue KEY; with WRITE, only for those who may edit it."""
    dialogue = _get(actor, Dialogue.objects.all(), key)
    if write and not may_edit_dialogue(actor, dialogue):
        raise PermissionDenied
    return dialogue


def get_dialogue_for_user(request: HttpRequest, key: Any, *, write: bool = False) -> Dialogue:
    """Return dialogue KEY; with WRITE, only for those who may edit it."""
    return get_dialogue_for_actor(request.user, key, write=write)


def get_material_for_actor(actor: Actor, key: Any, *, write: bool = False) -> Material:
    """Return material KEY: public material to anyone, the rest to those who work in the
    city; WRITE is for coordinators."""
    material = get_object_or_404(Material, pk=primary_key(key))
    if write:
        check_reader(actor)
        if not may_manage_library(actor):
            raise PermissionDenied
    elif not may_read(actor) and not Material.objects.published().filter(pk=material.pk).exists():
        if actor is None or not actor.is_authenticated:
            raise LoginRequired
        raise Http404
    return material


def get_material_for_user(request: HttpRequest, key: Any, *, write: bool = False) -> Material:
    """Return material KEY: public material to anyone, the rest to signed-in users."""
    return get_material_for_actor(request.user, key, write=write)


def get_offer_for_actor(actor: Actor, key: Any, *, write: bool = False) -> TrainingOffer:
    """Return training offer KEY; with WRITE, for coordinators."""
    offer = _get(actor, TrainingOffer.objects.all(), key)
    if write and not may_manage_library(actor):
        raise PermissionDenied
    return offer


def get_offer_for_user(request: HttpRequest, key: Any, *, write: bool = False) -> TrainingOffer:
    """Return training offer KEY; with WRITE, for coordinators."""
    return get_offer_for_actor(request.user, key, write=write)


def get_session_for_actor(actor: Actor, key: Any, *, write: bool = False) -> TrainingSession:
    """Return training session KEY; with WRITE, only for those who may edit it."""
    session = _get(actor, TrainingSession.objects.select_related("offer", "organiser"), key)
    if write and not may_edit_session(actor, session):
        raise PermissionDenied
    return session


def get_session_for_user(request: HttpRequest, key: Any, *, write: bool = False) -> TrainingSession:
    """Return training session KEY; with WRITE, only for those who may edit it."""
    return get_session_for_actor(request.user, key, write=write)


def _history(getter: Any) -> Any:
    def get(request: HttpRequest, key: str) -> Any:
        try:
            return getter(request, key)
        except LoginRequired:
            raise PermissionDenied from None

    return get


get_partner_history = _history(get_partner_for_user)
get_collaboration_history = _history(get_collaboration_for_user)
get_dialogue_history = _history(get_dialogue_for_user)
get_offer_history = _history(get_offer_for_user)
get_session_history = _history(get_session_for_user)


def get_material_history(request: HttpRequest, key: str) -> Material:
    if not may_read(request.user):
        raise PermissionDenied
    return get_material_for_user(request, key)


def get_contact_history(request: HttpRequest, key: str) -> ContactPerson:
    return _history(get_contact_for_user)(request, key)
