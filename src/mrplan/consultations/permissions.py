"""Who may see and change consultations, cases, statements and decisions.

Consultations: coordinators see and manage all of them (create, edit while draft, send).
Members of a recipient organisation, and of the förvaltning that prepares its answer
(routing.py), see a consultation once it has been sent; their editors and administrators
may answer or decline it.

Cases, statements and decisions belong to one organisation's diary. Read: coordinators
and the organisation's own members (approvers and readers included). Write: the
organisation's editors and administrators, and coordinators.

What a signed-in user may not see does not exist for them (404); what they see but may
not change is refused (403). Anonymous users see nothing (404); every view sits behind
@login_required, so they are sent to the login page before they get here. The one public
exception: the verification of a decided statement answering a published consultation
(statement_is_public).
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.http import Http404, HttpRequest

from mrplan.accounts.permissions import WRITE_ROLES, roles_for
from mrplan.accounts.types import Actor
from mrplan.consultations import routing
from mrplan.consultations.models import (
    Case,
    Consultation,
    ConsultationDocument,
    ConsultationRecipient,
    ConsultationStatus,
    Decision,
    Statement,
)
from mrplan.core.lookups import get_or_404, primary_key
from mrplan.organisations.models import Organisation

# -- predicates ----------------------------------------------------------------


def may_manage_consultations(user: Actor) -> bool:
    """Only coordinators create, edit and send consultations."""
    return roles_for(user).is_coordinator


def may_read_organisation(user: Actor, organisation_id: int | None) -> bool:
    """Coordinators and the organisation's members read its diary, statements and decisions."""
    roles = roles_for(user)
    return roles.is_coordinator or roles.is_member(organisation_id)


def may_write_organisation(user: Actor, organisation_id: int | None) -> bool:
    """Coordinators and the organisation's editors and administrators write in its diary."""
    roles = roles_for(user)
    return roles.is_coordinator or roles.has(organisation_id, *WRITE_ROLES)


def may_answer(user: Actor, organisation_id: int | None) -> bool:
    """The recipient's editors and administrators decline (or answer) a consultation."""
    return roles_for(user).has(organisation_id, *WRITE_ROLES)


def may_see_recipient(user: Actor, recipient: ConsultationRecipient) -> bool:
    """Coordinators, and members of the recipient or its preparing organisation once sent."""
    roles = roles_for(user)
    if roles.is_coordinator:
        return True
    if recipient.consultation.status == ConsultationStatus.DRAFT:
        return False
    return any(roles.is_member(pk) for pk in routing.organisation_ids(recipient))


def may_answer_recipient(user: Actor, recipient: ConsultationRecipient) -> bool:
    """The editors and administrators of the recipient or its preparing organisation."""
    return any(may_answer(user, pk) for pk in routing.organisation_ids(recipient))


def may_act_for_recipient(user: Actor, recipient: ConsultationRecipient) -> bool:
    """Decline or re-open: the recipient's writers, or a coordinator on their behalf."""
    return may_answer_recipient(user, recipient) or may_manage_consultations(user)


def check_manage_consultations(actor: Actor) -> None:
    if not may_manage_consultations(actor):
        raise PermissionDenied


def check_write_organisation(actor: Actor, organisation_id: int | None) -> None:
    if not may_write_organisation(actor, organisation_id):
        raise PermissionDenied


# -- querysets -----------------------------------------------------------------


def consultations_visible_to(user: Actor) -> "models.QuerySet[Consultation]":
    """Coordinators see all consultations; members of a recipient see the sent ones."""
    roles = roles_for(user)
    queryset = Consultation.objects.select_related("sender", "programme", "action_plan")
    if roles.is_coordinator:
        return queryset
    if not roles.authenticated:
        return queryset.none()
    own = list(roles.by_organisation)
    return queryset.filter(
        (Q(recipients__organisation_id__in=own) | Q(recipients__preparing_organisation_id__in=own))
        & ~Q(status=ConsultationStatus.DRAFT)
    ).distinct()


def cases_visible_to(user: Actor) -> "models.QuerySet[Case]":
    """Coordinators see every diary; members see their own organisations' diaries."""
    roles = roles_for(user)
    queryset = Case.objects.select_related(
        "organisation", "case_officer", "consultation_recipient__consultation"
    )
    if roles.is_coordinator:
        return queryset
    if not roles.authenticated:
        return queryset.none()
    return queryset.filter(organisation_id__in=list(roles.by_organisation))


# -- helpers -------------------------------------------------------------------


def get_consultation_for_actor(actor: Actor, pk: Any, *, write: bool = False) -> Consultation:
    """Return consultation PK if ACTOR may see it (and, with WRITE, manage it)."""
    consultation = get_or_404(consultations_visible_to(actor), pk=primary_key(pk))
    if write:
        check_manage_consultations(actor)
    return consultation


def get_consultation_for_user(
    request: HttpRequest, pk: Any, *, write: bool = False
) -> Consultation:
    """Return consultation PK if the user may see it (and, with WRITE, manage it)."""
    return get_consultation_for_actor(request.user, pk, write=write)


def get_consultation_document_for_actor(actor: Actor, pk: Any) -> ConsultationDocument:
    """Return the attached file PK if ACTOR may see its consultation."""
    document = get_or_404(
        ConsultationDocument.objects.select_related("consultation"), pk=primary_key(pk)
    )
    if not consultations_visible_to(actor).filter(pk=document.consultation_id).exists():
        raise Http404
    return document


def get_consultation_document_for_user(request: HttpRequest, pk: Any) -> ConsultationDocument:
    """Return the attached file PK if the user may see its consultation."""
    return get_consultation_document_for_actor(request.user, pk)


def get_recipient_for_actor(actor: Actor, pk: Any, *, write: bool = False) -> ConsultationRecipient:
    """Return recipient PK if ACTOR may see it; WRITE (decline, re-open) is for the editors
    and administrators of the recipient or its preparing organisation, and coordinators."""
    recipient = get_or_404(
        ConsultationRecipient.objects.select_related(
            "consultation__sender", "organisation", "preparing_organisation"
        ),
        pk=primary_key(pk),
    )
    if not may_see_recipient(actor, recipient):
        raise Http404
    if write and not may_act_for_recipient(actor, recipient):
        raise PermissionDenied
    return recipient


def get_recipient_for_user(
    request: HttpRequest, pk: Any, *, write: bool = False
) -> ConsultationRecipient:
    """Return recipient PK if the user may see it (see get_recipient_for_actor)."""
    return get_recipient_for_actor(request.user, pk, write=write)


def get_organisation_diary_for_actor(
    actor: Actor, slug: str, *, write: bool = False
) -> Organisation:
    """Return organisation SLUG if ACTOR may read its diary (and, with WRITE, register)."""
    organisation = get_or_404(Organisation.objects.all(), slug=slug)
    if not may_read_organisation(actor, organisation.pk):
        raise Http404
    if write:
        check_write_organisation(actor, organisation.pk)
    return organisation


def get_organisation_diary_for_user(
    request: HttpRequest, slug: str, *, write: bool = False
) -> Organisation:
    """Return organisation SLUG if the user may read its diary (and, with WRITE, register)."""
    return get_organisation_diary_for_actor(request.user, slug, write=write)


def get_case_for_actor(actor: Actor, pk: Any, *, write: bool = False) -> Case:
    """Return case PK if ACTOR may read its organisation's diary (and, with WRITE, write)."""
    case = get_or_404(cases_visible_to(actor), pk=primary_key(pk))
    if write:
        check_write_organisation(actor, case.organisation_id)
    return case


def get_case_for_user(request: HttpRequest, pk: Any, *, write: bool = False) -> Case:
    """Return case PK if the user may read its organisation's diary (and, with WRITE, write)."""
    return get_case_for_actor(request.user, pk, write=write)


def get_statement_for_actor(actor: Actor, pk: Any, *, write: bool = False) -> Statement:
    """Return statement PK if ACTOR may read it (and, with WRITE, change it).

    Read: coordinators and members of the case's organisation (approvers included).
    Write: the organisation's editors and administrators, and coordinators.
    """
    statement = get_or_404(
        Statement.objects.select_related(
            "case__organisation",
            "case__case_officer",
            "case__consultation_recipient__consultation",
        ),
        pk=primary_key(pk),
    )
    if not may_read_organisation(actor, statement.case.organisation_id):
        raise Http404
    if write:
        check_write_organisation(actor, statement.case.organisation_id)
    return statement


def get_statement_for_user(request: HttpRequest, pk: Any, *, write: bool = False) -> Statement:
    """Return statement PK if the user may read it (and, with WRITE, change it)."""
    return get_statement_for_actor(request.user, pk, write=write)


def statement_is_public(statement: Statement) -> bool:
    """Whether anyone may verify STATEMENT: the one public rule, `Statement.published()`."""
    return Statement.objects.published().filter(pk=statement.pk).exists()


def get_verifiable_statement_for_actor(actor: Actor, pk: Any) -> Statement:
    """Return statement PK for its verification page: public when statement_is_public,
    otherwise only for those who may read the statement (404 for everyone else)."""
    statement = get_or_404(
        Statement.objects.select_related("case__consultation_recipient__consultation"),
        pk=primary_key(pk),
    )
    if statement_is_public(statement):
        return statement
    if not may_read_organisation(actor, statement.case.organisation_id):
        raise Http404
    return statement


def get_verifiable_statement(request: HttpRequest, pk: Any) -> Statement:
    """Return statement PK for its verification page (see get_verifiable_statement_for_actor)."""
    return get_verifiable_statement_for_actor(request.user, pk)


def get_decision_for_actor(actor: Actor, pk: Any, *, write: bool = False) -> Decision:
    """Return decision PK if ACTOR may read its statement's organisation."""
    decision = get_or_404(
        Decision.objects.select_related(
            "committee", "recorded_by", "statement__case__organisation"
        ),
        pk=primary_key(pk),
    )
    organisation_id = decision.statement.case.organisation_id
    if not may_read_organisation(actor, organisation_id):
        raise Http404
    if write:
        check_write_organisation(actor, organisation_id)
    return decision


def get_decision_for_user(request: HttpRequest, pk: Any, *, write: bool = False) -> Decision:
    """Return decision PK if the user may read its statement's organisation."""
    return get_decision_for_actor(request.user, pk, write=write)
