"""What changed on a public page since it was published: "last updated" and a change log.

The log lists the audited changes of the page's published objects made at or after their
publication: when, which object, what kind of change and which fields. It never shows
values, who made the change, or anything from before publication (a draft stays a draft).
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext as _

from mrplan.core.models import AuditEvent
from mrplan.organisations.models import Organisation
from mrplan.planning.models import Activity, Goal, Report
from mrplan.public.selectors import published_activities, published_goals, published_reports

MAX_ENTRIES = 20
# Bookkeeping fields that say nothing to a reader.
HIDDEN_FIELDS = {"version", "updated_at", "created_at", "published_at", "position"}


@dataclass
class ChangeEntry:
    when: datetime.datetime
    kind: str
    title: str
    what: str
    fields: list[str] = field(default_factory=list)


@dataclass
class PublicChanges:
    last_updated: datetime.datetime | None
    entries: list[ChangeEntry]


def _label(model: type[Model], name: str) -> str:
    if name == "is_published":
        return ""
    try:
        return str(getattr(model._meta.get_field(name), "verbose_name", ""))
    except FieldDoesNotExist:
        return ""


def _describe(event: AuditEvent, model: type[Model]) -> tuple[str, list[str]]:
    changes = event.changes or {}
    if set(changes) == {"is_published"}:
        published = bool(changes["is_published"][1])
        return (_("publicerades") if published else _("avpublicerades")), []
    labels = [
        label for name in changes if name not in HIDDEN_FIELDS and (label := _label(model, name))
    ]
    verbs = {"create": _("skapades"), "update": _("ändrades"), "delete": _("togs bort")}
    return str(verbs.get(event.verb, event.get_verb_display())), labels


def public_changes(organisation: Organisation, year: int) -> PublicChanges:
    """Return the public change log of ORGANISATION's plan for YEAR (four queries)."""
    objects: dict[tuple[int, str], tuple[type[Model], Any, str]] = {}
    kinds: dict[type[Model], tuple[str, QuerySet[Any]]] = {
        Goal: (_("Mål"), published_goals().filter(planning_year__year=year)),
        Activity: (_("Aktivitet"), published_activities().filter(planning_year__year=year)),
        Report: (_("Rapport"), published_reports().filter(period__planning_year__year=year)),
    }
    content_types = ContentType.objects.get_for_models(*kinds)
    condition = Q()
    for model, (kind, queryset) in kinds.items():
        content_type = content_types[model]
        for pk, published_at, title in queryset.filter(organisation=organisation).values_list(
            "pk", "published_at", "title" if model is not Report else "period__name"
        ):
            objects[(content_type.pk, str(pk))] = (model, published_at, f"{kind}: {title}")
            if published_at is not None:
                condition |= Q(
                    content_type=content_type, object_id=str(pk), created_at__gte=published_at
                )
    if not objects or not condition:
        return PublicChanges(last_updated=None, entries=[])
    events = AuditEvent.objects.filter(condition).order_by("-created_at", "-pk")[:MAX_ENTRIES]
    entries = []
    for event in events:
        model, _published_at, title = objects[(event.content_type_id, event.object_id)]
        what, fields = _describe(event, model)
        entries.append(ChangeEntry(event.created_at, str(kinds[model][0]), title, what, fields))
    return PublicChanges(
        last_updated=entries[0].when if entries else None,
        entries=entries,
    )
