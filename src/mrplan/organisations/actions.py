"""Writes to organisations and their departments, each checked, validated and audited."""

import re
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.text import slugify
from django.utils.translation import gettext as _

from mrplan.accounts.models import User
from mrplan.core import audit
from mrplan.core.actions import delete_audited, save_audited
from mrplan.organisations.models import Department, Organisation
from mrplan.organisations.permissions import (
    may_change_structure,
    may_create_organisation,
    may_edit_organisation,
)

# What an organisation's own administrator may change; coordinators may change everything.
DETAIL_FIELDS = frozenset(
    {"name", "short_name", "description", "email", "phone", "address", "website", "diary_prefix"}
)
STRUCTURE_FIELDS = frozenset({"kind", "parent"})

# Path segments under /organisationer/ that an organisation's slug must not take.
RESERVED_SLUGS = frozenset({"ny"})

DIARY_PREFIX_PATTERN = re.compile(r"^[^\W_]+(-[^\W_]+)*$")


def _clean_text(data: Mapping[str, Any]) -> dict[str, Any]:
    """Return DATA with surrounding whitespace removed from its text values."""
    return {
        name: value.strip() if name in DETAIL_FIELDS and isinstance(value, str) else value
        for name, value in data.items()
    }


def _validate_diary_prefix(prefix: str, *, organisation: Organisation) -> None:
    """Refuse a prefix that another organisation uses, compared without regard to case."""
    if not prefix:
        return
    if not DIARY_PREFIX_PATTERN.match(prefix):
        raise ValidationError(
            {
                "diary_prefix": _(
                    "Diarieprefixet får bara innehålla bokstäver, siffror och bindestreck."
                )
            }
        )
    # Compared in Python: SQLite folds only ASCII case, and a city has few prefixes.
    others = Organisation.objects.exclude(diary_prefix="")
    if organisation.pk is not None:
        others = others.exclude(pk=organisation.pk)
    for name, other_prefix in others.values_list("name", "diary_prefix"):
        if other_prefix.casefold() == prefix.casefold():
            raise ValidationError(
                {
                    "diary_prefix": _("Diarieprefixet ”%(prefix)s” används redan av %(name)s.")
                    % {"prefix": other_prefix, "name": name}
                }
            )


def _validate_name(name: str, *, organisation: Organisation) -> None:
    """Require a name, and give a clear message for a taken one instead of the database's."""
    if not name:
        raise ValidationError({"name": _("Namnet måste anges.")})
    others = Organisation.objects.filter(name__iexact=name)
    if organisation.pk is not None:
        others = others.exclude(pk=organisation.pk)
    if others.exists():
        raise ValidationError({"name": _("Det finns redan en organisation med det namnet.")})


def _validate_parent(parent: Organisation | None, *, organisation: Organisation) -> None:
    """Refuse a parent that would make the organisation belong to itself, directly or not."""
    ancestor = parent
    seen: set[int] = set()
    while ancestor is not None and organisation.pk is not None:
        if ancestor.pk == organisation.pk:
            raise ValidationError(
                {
                    "parent": _(
                        "En organisation kan inte höra till sig själv "
                        "eller till en av sina egna underorganisationer."
                    )
                }
            )
        if ancestor.pk in seen:
            break
        seen.add(ancestor.pk)
        ancestor = ancestor.parent


def _unique_slug(name: str) -> str:
    """Return a free slug for NAME, with a number appended if needed."""
    base = slugify(name)[:190]
    if not base:
        raise ValidationError({"name": _("Namnet måste innehålla minst en bokstav eller siffra.")})
    slug, number = base, 1
    while slug in RESERVED_SLUGS or Organisation.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def organisation_create(*, actor: User, data: Mapping[str, Any]) -> Organisation:
    """Add an organisation to the city's structure (coordinators only).

    DATA holds the fields of Organisation except slug, which is made from the name.
    """
    if not may_create_organisation(actor):
        raise PermissionDenied
    unknown = set(data) - DETAIL_FIELDS - STRUCTURE_FIELDS
    if unknown:
        raise ValueError(f"Unknown organisation fields: {sorted(unknown)}")
    data = _clean_text(data)
    organisation = Organisation()
    _validate_name(data.get("name", ""), organisation=organisation)
    _validate_diary_prefix(data.get("diary_prefix", ""), organisation=organisation)
    slug = _unique_slug(data["name"])
    return save_audited(organisation, actor=actor, data={**data, "slug": slug})


@transaction.atomic
def organisation_update(
    *, actor: User, organisation: Organisation, data: Mapping[str, Any]
) -> Organisation:
    """Change an organisation's details; only coordinators change its kind or parent.

    DATA holds only the fields to change. The slug stays, so links keep working.
    """
    if not may_edit_organisation(actor, organisation):
        raise PermissionDenied
    unknown = set(data) - DETAIL_FIELDS - STRUCTURE_FIELDS
    if unknown:
        raise ValueError(f"Unknown organisation fields: {sorted(unknown)}")
    data = _clean_text(data)
    changes_structure = ("kind" in data and data["kind"] != organisation.kind) or (
        "parent" in data and getattr(data["parent"], "pk", None) != organisation.parent_id
    )
    if changes_structure and not may_change_structure(actor):
        raise PermissionDenied
    if "name" in data:
        _validate_name(data["name"], organisation=organisation)
    if "diary_prefix" in data:
        _validate_diary_prefix(data["diary_prefix"], organisation=organisation)
    if "parent" in data:
        _validate_parent(data["parent"], organisation=organisation)
    return save_audited(organisation, actor=actor, data=data)


def _validate_department_name(name: str, *, department: Department) -> None:
    if not name:
        raise ValidationError({"name": _("Namnet måste anges.")})
    others = Department.objects.filter(organisation_id=department.organisation_id)
    if department.pk is not None:
        others = others.exclude(pk=department.pk)
    # Compared in Python: SQLite folds only ASCII case, and an organisation has few departments.
    if any(other.casefold() == name.casefold() for other in others.values_list("name", flat=True)):
        raise ValidationError(
            {"name": _("Det finns redan en avdelning med det namnet i organisationen.")}
        )


def _record_on_organisation(
    *, actor: User, organisation: Organisation, before: str | None, after: str | None
) -> None:
    """Note a department change in the organisation's own history too."""
    audit.record(
        actor=actor,
        verb="update",
        instance=organisation,
        changes={"avdelning": [before, after]},
    )


@transaction.atomic
def department_create(*, actor: User, organisation: Organisation, name: str) -> Department:
    """Add a department (avdelning) to an organisation."""
    if not may_edit_organisation(actor, organisation):
        raise PermissionDenied
    department = Department(organisation=organisation)
    name = name.strip()
    _validate_department_name(name, department=department)
    department = save_audited(department, actor=actor, data={"name": name})
    _record_on_organisation(actor=actor, organisation=organisation, before=None, after=name)
    return department


@transaction.atomic
def department_update(*, actor: User, department: Department, name: str) -> Department:
    """Rename a department."""
    if not may_edit_organisation(actor, department.organisation):
        raise PermissionDenied
    name = name.strip()
    _validate_department_name(name, department=department)
    before = department.name
    department = save_audited(department, actor=actor, data={"name": name})
    if before != name:
        _record_on_organisation(
            actor=actor, organisation=department.organisation, before=before, after=name
        )
    return department


@transaction.atomic
def department_delete(*, actor: User, department: Department) -> None:
    """Remove a department that nothing refers to."""
    organisation = department.organisation
    if not may_edit_organisation(actor, organisation):
        raise PermissionDenied
    name = department.name
    try:
        with transaction.atomic():
            delete_audited(department, actor=actor)
    except ProtectedError as error:
        raise ValidationError(
            _("Avdelningen används i andra uppgifter och kan inte tas bort.")
        ) from error
    _record_on_organisation(actor=actor, organisation=organisation, before=name, after=None)
