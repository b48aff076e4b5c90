"""Every write in the collaboration app: check permission, validate, save and audit."""

import json
from collections.abc import Mapping
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from mrplan.accounts.models import User
from mrplan.collaboration import permissions, selectors
from mrplan.collaboration.models import (
    Collaboration,
    ContactPerson,
    Dialogue,
    DialogueAttendance,
    Material,
    Participation,
    Partner,
    TrainingOffer,
    TrainingSession,
)
from mrplan.core import audit, uploads
from mrplan.core.actions import save_audited
from mrplan.core.models import AuditEvent, AuditPersonalData

Data = Mapping[str, Any]

# The fields each action accepts, in the order the forms show them (collaboration/forms.py
# uses these lists as its Meta.fields, so a field is added in one place).
PARTNER_FIELDS = [
    "name",
    "organisation_number",
    "kind",
    "registered_by",
    "description",
    "target_groups",
    "districts",
    "area_text",
    "website",
]
CONTACT_FIELDS = ["name", "role", "email", "phone", "legal_basis", "purpose"]
COLLABORATION_FIELDS = [
    "title",
    "organisations",
    "partners",
    "form",
    "start_date",
    "end_date",
    "purpose",
    "activities",
    "development_areas",
]
DIALOGUE_FIELDS = [
    "title",
    "date",
    "organisations",
    "partners",
    "raised",
    "response",
    "follow_up",
    "activities",
]
MATERIAL_FIELDS = [
    "title",
    "description",
    "audience",
    "language",
    "file",
    "url",
    "target_groups",
    "version",
    "is_public",
]
OFFER_FIELDS = ["topic", "description", "form", "length_hours"]
SESSION_FIELDS = ["offer", "date", "organiser", "place"]


def _pick(data: Data, fields: list[str]) -> dict[str, Any]:
    return {name: data[name] for name in fields if name in data}


def _check_own_organisations(actor: User, organisations: Any) -> None:
    """Refuse a record that names none of the organisations the actor writes for."""
    ids = [organisation.pk for organisation in organisations or []]
    if not ids:
        raise ValidationError({"organisations": _("Välj minst en av stadens organisationer.")})
    if not permissions.may_write_in(actor, ids):
        raise ValidationError(
            {
                "organisations": _(
                    "Välj minst en organisation där du är redaktör eller administratör."
                )
            }
        )


# Partners and contact persons


def partner_create(*, actor: User, data: Data) -> Partner:
    if not permissions.may_create(actor):
        raise PermissionDenied
    registered_by = data.get("registered_by")
    if registered_by is not None and not permissions.may_write_in(actor, [registered_by.pk]):
        raise ValidationError(
            {"registered_by": _("Välj en organisation där du är redaktör eller administratör.")}
        )
    return save_audited(Partner(), actor=actor, data=_pick(data, PARTNER_FIELDS))


def partner_update(*, actor: User, partner: Partner, data: Data) -> Partner:
    if not permissions.may_edit_partner(actor, partner):
        raise PermissionDenied
    fields = [name for name in PARTNER_FIELDS if name != "registered_by"]
    return save_audited(partner, actor=actor, data=_pick(data, fields))


def contact_create(*, actor: User, partner: Partner, data: Data) -> ContactPerson:
    if not permissions.may_edit_contacts(actor, partner):
        raise PermissionDenied
    values = {**_pick(data, CONTACT_FIELDS), "partner": partner, "last_used_at": timezone.now()}
    return save_audited(ContactPerson(), actor=actor, data=values)


def contact_update(*, actor: User, contact: ContactPerson, data: Data) -> ContactPerson:
    if not permissions.may_edit_contacts(actor, contact.partner):
        raise PermissionDenied
    values = {**_pick(data, CONTACT_FIELDS), "last_used_at": timezone.now()}
    return save_audited(contact, actor=actor, data=values)


def contacts_read(*, actor: User, partner: Partner) -> None:
    """Log that ACTOR was shown PARTNER's contact persons (personal data): who, when, which."""
    audit.record_read(actor=actor, instance=partner, message=_("Kontaktpersonerna visades."))


def contact_mark_used(*, actor: User, contact: ContactPerson) -> ContactPerson:
    """Record that the contact is still in use, so it is no longer flagged for review."""
    if not permissions.may_edit_contacts(actor, contact.partner):
        raise PermissionDenied
    return save_audited(contact, actor=actor, data={"last_used_at": timezone.now()})


def _same_person(contact: ContactPerson) -> "Q":
    """Match every contact row that is the same person as CONTACT (same e-mail, else same name)."""
    if contact.email:
        return Q(email__iexact=contact.email)
    return Q(name=contact.name, email="")


def contact_export(*, actor: User, contact: ContactPerson) -> dict[str, Any]:
    """Return everything held about CONTACT's person: their contact rows and their history."""
    if not permissions.may_manage_personal_data(actor):
        raise PermissionDenied
    rows = list(ContactPerson.objects.filter(_same_person(contact)).select_related("partner"))
    content_type = ContentType.objects.get_for_model(ContactPerson)
    events = (
        AuditEvent.objects.filter(
            content_type=content_type, object_id__in=[str(row.pk) for row in rows]
        )
        .select_related("personal")
        .order_by("created_at", "pk")
    )
    export = {
        "exported_at": timezone.now(),
        "person": {"name": contact.name, "email": contact.email},
        "contacts": [
            {
                "id": row.pk,
                "partner": row.partner.name,
                "partner_organisation_number": row.partner.organisation_number,
                "name": row.name,
                "role": row.role,
                "email": row.email,
                "phone": row.phone,
                "legal_basis": row.get_legal_basis_display(),
                "purpose": row.purpose,
                "last_used_at": row.last_used_at,
                "created_at": row.created_at,
                "updated_at": row.updated_at,
            }
            for row in rows
        ],
        "history": [
            {
                "contact_id": event.object_id,
                "when": event.created_at,
                "who": event.actor_name,
                "what": event.get_verb_display(),
                "changes": event.shown_changes,
            }
            for event in events
        ],
    }
    audit.record(
        actor=actor,
        verb=AuditEvent.Verb.UPDATE,
        instance=contact,
        message=_("Personuppgifterna exporterades (registerutdrag)."),
    )
    # Round-trip through JSON so that dates become strings, as in the download.
    result: dict[str, Any] = json.loads(json.dumps(export, cls=DjangoJSONEncoder))
    return result


ERASED = "[raderad]"


@transaction.atomic
def contact_erase(*, actor: User, contact: ContactPerson) -> int:
    """Erase every row about CONTACT's person and their values in the history; return the count.

    The audit trail is append-only: its events stay as they are (they hold no personal
    values), and the erasure itself is a new event. What goes are the contact rows and the
    personal values kept apart from the events (AuditPersonalData).
    """
    if not permissions.may_manage_personal_data(actor):
        raise PermissionDenied
    rows = list(ContactPerson.objects.filter(_same_person(contact)).select_related("partner"))
    content_type = ContentType.objects.get_for_model(ContactPerson)
    ids = [str(row.pk) for row in rows]
    AuditPersonalData.objects.filter(
        event__content_type=content_type, event__object_id__in=ids
    ).delete()
    for row in rows:
        AuditEvent.objects.create(
            actor=actor,
            actor_name=actor.get_username(),
            verb=AuditEvent.Verb.DELETE,
            content_type=content_type,
            object_id=str(row.pk),
            object_repr=ERASED,
            changes={},
            message=_(
                "Personuppgifterna raderades på begäran (GDPR) – kontaktperson hos %(partner)s."
            )
            % {"partner": row.partner.name},
        )
    ContactPerson.objects.filter(pk__in=[row.pk for row in rows]).delete()
    return len(rows)


@transaction.atomic
def contacts_purge(*, actor: User | None = None, dry_run: bool = False) -> list[ContactPerson]:
    """Delete the contact persons kept past retention, with their values in the history.

    Run by the retention job (`mrplan purge_contacts`): contacts unused for the review
    period were listed for review; those still unused after the grace period go.
    """
    rows = list(selectors.contacts_past_retention())
    if dry_run or not rows:
        return rows
    content_type = ContentType.objects.get_for_model(ContactPerson)
    AuditPersonalData.objects.filter(
        event__content_type=content_type, event__object_id__in=[str(row.pk) for row in rows]
    ).delete()
    for row in rows:
        AuditEvent.objects.create(
            actor=None,
            actor_name="system",
            verb=AuditEvent.Verb.DELETE,
            content_type=content_type,
            object_id=str(row.pk),
            object_repr=ERASED,
            message=_("Gallrad: kontaktperson hos %(partner)s, oanvänd längre än bevarandetiden.")
            % {"partner": row.partner.name},
        )
    ContactPerson.objects.filter(pk__in=[row.pk for row in rows]).delete()
    return rows


# Collaborations and dialogues


def collaboration_create(*, actor: User, data: Data) -> Collaboration:
    if not permissions.may_create(actor):
        raise PermissionDenied
    _check_own_organisations(actor, data.get("organisations"))
    return save_audited(Collaboration(), actor=actor, data=_pick(data, COLLABORATION_FIELDS))


def collaboration_update(*, actor: User, collaboration: Collaboration, data: Data) -> Collaboration:
    if not permissions.may_edit_collaboration(actor, collaboration):
        raise PermissionDenied
    if "organisations" in data:
        _check_own_organisations(actor, data["organisations"])
    return save_audited(collaboration, actor=actor, data=_pick(data, COLLABORATION_FIELDS))


def _validate_attendance(attendance: Mapping[Any, int]) -> None:
    for count in attendance.values():
        if count is None or count < 0:
            raise ValidationError({"attendance": _("Antalet invånare kan inte vara negativt.")})


def _save_attendance(dialogue: Dialogue, attendance: Mapping[Any, int]) -> None:
    dialogue.attendance.all().delete()
    DialogueAttendance.objects.bulk_create(
        DialogueAttendance(dialogue=dialogue, target_group=group, count=count)
        for group, count in attendance.items()
        if count
    )


def _attendance_text(attendance: Mapping[Any, int]) -> list[str]:
    return sorted(f"{group}: {count}" for group, count in attendance.items() if count)


@transaction.atomic
def dialogue_create(
    *, actor: User, data: Data, attendance: Mapping[Any, int] | None = None
) -> Dialogue:
    """Record a dialogue; ATTENDANCE maps target groups to numbers of residents."""
    if not permissions.may_create(actor):
        raise PermissionDenied
    _check_own_organisations(actor, data.get("organisations"))
    attendance = attendance or {}
    _validate_attendance(attendance)
    dialogue = save_audited(Dialogue(), actor=actor, data=_pick(data, DIALOGUE_FIELDS))
    _save_attendance(dialogue, attendance)
    return dialogue


@transaction.atomic
def dialogue_update(
    *,
    actor: User,
    dialogue: Dialogue,
    data: Data,
    attendance: Mapping[Any, int] | None = None,
) -> Dialogue:
    if not permissions.may_edit_dialogue(actor, dialogue):
        raise PermissionDenied
    if "organisations" in data:
        _check_own_organisations(actor, data["organisations"])
    message = ""
    if attendance is not None:
        _validate_attendance(attendance)
        before = _attendance_text({a.target_group: a.count for a in dialogue.attendance.all()})
        after = _attendance_text(attendance)
        if before != after:
            message = _("Deltagande invånare: %(after)s") % {"after": ", ".join(after) or "–"}
    save_audited(dialogue, actor=actor, data=_pick(data, DIALOGUE_FIELDS), message=message)
    if attendance is not None:
        _save_attendance(dialogue, attendance)
    return dialogue


# Material and training


def _material_data(data: Data) -> dict[str, Any]:
    """Pick the material's fields; a new file brings its name, stored apart from the file."""
    values = _pick(data, MATERIAL_FIELDS)
    file = values.get("file")
    if isinstance(file, UploadedFile):
        values["original_name"] = uploads.original_name(file)
    elif "file" in values and not file:
        values["original_name"] = ""
    return values


def material_create(*, actor: User, data: Data) -> Material:
    if not permissions.may_manage_library(actor):
        raise PermissionDenied
    return save_audited(Material(), actor=actor, data=_material_data(data))


def material_update(*, actor: User, material: Material, data: Data) -> Material:
    if not permissions.may_manage_library(actor):
        raise PermissionDenied
    return save_audited(material, actor=actor, data=_material_data(data))


def training_offer_create(*, actor: User, data: Data) -> TrainingOffer:
    if not permissions.may_manage_library(actor):
        raise PermissionDenied
    return save_audited(TrainingOffer(), actor=actor, data=_pick(data, OFFER_FIELDS))


def training_offer_update(*, actor: User, offer: TrainingOffer, data: Data) -> TrainingOffer:
    if not permissions.may_manage_library(actor):
        raise PermissionDenied
    return save_audited(offer, actor=actor, data=_pick(data, OFFER_FIELDS))


def training_session_create(*, actor: User, data: Data) -> TrainingSession:
    organiser = data.get("organiser")
    if not permissions.may_write_in(actor, [organiser.pk if organiser else None]):
        if not permissions.may_create(actor):
            raise PermissionDenied
        raise ValidationError(
            {"organiser": _("Välj en organisation där du är redaktör eller administratör.")}
        )
    return save_audited(TrainingSession(), actor=actor, data=_pick(data, SESSION_FIELDS))


def training_session_update(
    *, actor: User, session: TrainingSession, data: Data
) -> TrainingSession:
    if not permissions.may_edit_session(actor, session):
        raise PermissionDenied
    organiser = data.get("organiser")
    if organiser is not None and not permissions.may_write_in(actor, [organiser.pk]):
        raise ValidationError(
            {"organiser": _("Välj en organisation där du är redaktör eller administratör.")}
        )
    return save_audited(session, actor=actor, data=_pick(data, SESSION_FIELDS))


def participation_record(
    *, actor: User, session: TrainingSession, organisation: Any, staff_group: str, count: int
) -> Participation:
    """Set how many of ORGANISATION's STAFF_GROUP took part in SESSION (replacing the count)."""
    if not (
        permissions.may_record_participation(actor, organisation.pk if organisation else None)
        or permissions.may_edit_session(actor, session)
    ):
        raise PermissionDenied
    if count is None or count < 0:
        raise ValidationError({"count": _("Antalet deltagare kan inte vara negativt.")})
    participation = Participation.objects.filter(
        session=session, organisation=organisation, staff_group=staff_group
    ).first() or Participation(session=session, organisation=organisation, staff_group=staff_group)
    data = {
        "session": session,
        "organisation": organisation,
        "staff_group": staff_group,
        "count": count,
    }
    return save_audited(participation, actor=actor, data=data)
