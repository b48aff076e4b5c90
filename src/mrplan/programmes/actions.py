"""Writes to the programme structure and the target groups.

Each action checks that the actor is a coordinator (PermissionDenied otherwise), validates
(ValidationError with Swedish messages, nothing written) and saves through save_audited,
which records every changed field before and after. DATA holds model field names; an
update changes only the fields it names.

A programme's and an action plan's status records decisions taken elsewhere (KS sends a
draft on remiss, KF adopts it, a later programme replaces it), so the coordinator may set
any status from any other, also to correct a mistake; PROGRAMME_MOVES and
ACTION_PLAN_MOVES name each move, and an update that changes the status makes that move
(audited under its kind, "programme.adopt") together with the other fields.
"""

import copy
from collections.abc import Collection, Iterable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mrplan.accounts.models import User
from mrplan.core.actions import delete_audited, save_audited
from mrplan.core.transitions import Transition, TransitionTable
from mrplan.programmes.models import (
    ActionPlan,
    CityActivity,
    DevelopmentArea,
    FocusArea,
    Programme,
    Status,
    TargetGroup,
)
from mrplan.programmes.permissions import check_may_edit

# The fields each action accepts, in the order the forms show them (programmes/forms.py uses
# these lists as its Meta.fields, so a field is added in one place).
PROGRAMME_FIELDS = (
    "title",
    "short_title",
    "slug",
    "goal",
    "summary",
    "status",
    "is_published",
    "adopted_by",
    "adopted_on",
    "valid_from",
    "valid_until",
    "replaces",
)
FOCUS_AREA_FIELDS = ("title", "description", "position")
ACTION_PLAN_FIELDS = (
    "title",
    "slug",
    "goal",
    "summary",
    "status",
    "is_published",
    "valid_from",
    "valid_until",
    "special_focus",
    "sdg_targets",
    "position",
)
DEVELOPMENT_AREA_FIELDS = (
    "title",
    "description",
    "focus_areas",
    "target_groups",
    "sdg_targets",
    "position",
)
CITY_ACTIVITY_FIELDS = ("title", "description", "responsible", "target_groups", "position")
TARGET_GROUP_FIELDS = ("name", "slug", "category", "parent", "description", "position")

# Programme pages live at /program/<slug>/, next to these fixed addresses.
RESERVED_PROGRAMME_SLUGS = frozenset(
    {
        "ny",
        "malgrupper",
        "agenda-2030",
        "fokusomraden",
        "handlingsplaner",
        "utvecklingsomraden",
        "aktiviteter",
    }
)

M = TypeVar("M", bound=models.Model)

# The move that leads to each status; each may start from any other status (see above).
MOVE_TO = {
    Status.DRAFT: "back_to_draft",
    Status.ON_CONSULTATION: "send_on_consultation",
    Status.ADOPTED: "adopt",
    Status.REPLACED: "replace",
}


def _status_moves(refusals: Mapping[str, Any]) -> dict[str, Transition]:
    return {
        name: Transition(set(Status.values) - {target}, target, refusals[target])
        for target, name in MOVE_TO.items()
    }


PROGRAMME_MOVES: TransitionTable[Programme] = TransitionTable(
    Programme,
    "status",
    _status_moves(
        {
            Status.DRAFT: gettext_lazy("Programmet är redan ett utkast."),
            Status.ON_CONSULTATION: gettext_lazy("Programmet är redan på remiss."),
            Status.ADOPTED: gettext_lazy("Programmet är redan antaget."),
            Status.REPLACED: gettext_lazy("Programmet är redan ersatt."),
        }
    ),
)
ACTION_PLAN_MOVES: TransitionTable[ActionPlan] = TransitionTable(
    ActionPlan,
    "status",
    _status_moves(
        {
            Status.DRAFT: gettext_lazy("Handlingsplanen är redan ett utkast."),
            Status.ON_CONSULTATION: gettext_lazy("Handlingsplanen är redan på remiss."),
            Status.ADOPTED: gettext_lazy("Handlingsplanen är redan antagen."),
            Status.REPLACED: gettext_lazy("Handlingsplanen är redan ersatt."),
        }
    ),
)

_TEXT_FIELDS = {"title", "short_title", "goal", "summary", "description", "name", "slug"}


class _Errors:
    """Collect validation errors per field, to raise them all at once."""

    def __init__(self) -> None:
        self.by_field: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.by_field.setdefault(field, []).append(message)

    def merge(self, error: ValidationError) -> None:
        for field, messages in error.message_dict.items():
            self.by_field.setdefault(field, []).extend(messages)

    def raise_any(self) -> None:
        if self.by_field:
            raise ValidationError(self.by_field)


def _save(
    instance: M,
    *,
    actor: User,
    data: dict[str, Any],
    errors: _Errors,
    moves: TransitionTable[M] | None = None,
) -> M:
    """Validate DATA on a copy of INSTANCE, raising every error at once, then save it audited.

    Validating a copy first leaves INSTANCE untouched when the input is refused. When an
    existing INSTANCE changes status, the change is MOVES' move to it, made with the rest.
    """
    trial = copy.copy(instance)
    for name, value in data.items():
        if not instance._meta.get_field(name).many_to_many:
            setattr(trial, name, value)
    try:
        trial.full_clean(exclude=list(errors.by_field))
    except ValidationError as error:
        errors.merge(error)
    errors.raise_any()
    if moves is None or instance.pk is None or "status" not in data:
        return save_audited(instance, actor=actor, data=data)
    rest = {name: value for name, value in data.items() if name != "status"}
    if data["status"] == getattr(instance, "status", None):
        return save_audited(instance, actor=actor, data=rest)
    return moves.apply(instance, actor=actor, name=MOVE_TO[Status(data["status"])], data=rest)


def _prepare(data: Mapping[str, Any], allowed: Collection[str]) -> dict[str, Any]:
    """Return a copy of DATA with text trimmed; unknown fields are a programming error."""
    unknown = set(data).difference(allowed)
    if unknown:
        raise ValueError(f"Unknown fields: {', '.join(sorted(unknown))}")
    cleaned = dict(data)
    for name in _TEXT_FIELDS & set(cleaned):
        value = cleaned[name]
        cleaned[name] = "" if value is None else str(value).strip()
    for name, value in cleaned.items():
        if isinstance(value, models.QuerySet | set | tuple):
            cleaned[name] = list(value)
    return cleaned


def _require(
    data: dict[str, Any], name: str, message: str, errors: _Errors, *, creating: bool
) -> None:
    """Check that the text field NAME is set (when creating) and never emptied."""
    if creating:
        data.setdefault(name, "")
    if name in data and not data[name]:
        errors.add(name, message)


def _unique_slug(
    model: type[models.Model],
    text: str,
    *,
    exclude_pk: int | None,
    reserved: frozenset[str] = frozenset(),
    fallback: str,
) -> str:
    base = slugify(text)[:180].strip("-") or fallback
    candidate, number = base, 1
    others = model._default_manager.all()
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    while candidate in reserved or others.filter(slug=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _set_slug(
    instance: models.Model,
    data: dict[str, Any],
    errors: _Errors,
    *,
    source: str,
    reserved: frozenset[str] = frozenset(),
    fallback: str,
) -> None:
    """Fill in a free slug from the title when none is given; refuse reserved ones."""
    creating = instance.pk is None
    slug = data.get("slug", "")
    if slug:
        if slug in reserved:
            errors.add("slug", _("Adressnamnet är reserverat. Välj ett annat."))
        return
    if creating or "slug" in data:
        text = str(data.get(source) or getattr(instance, source, ""))
        data["slug"] = _unique_slug(
            type(instance), text, exclude_pk=instance.pk, reserved=reserved, fallback=fallback
        )


# Programmes


def _validate_programme(programme: Programme, data: dict[str, Any], errors: _Errors) -> None:
    _require(data, "title", _("Ange programmets titel."), errors, creating=programme.pk is None)
    _set_slug(
        programme,
        data,
        errors,
        source="title",
        reserved=RESERVED_PROGRAMME_SLUGS,
        fallback="program",
    )
    if programme.pk is not None and any(
        other.pk == programme.pk for other in data.get("replaces", [])
    ):
        errors.add("replaces", _("Ett program kan inte ersätta sig självt."))


@transaction.atomic
def programme_create(*, actor: User, data: Mapping[str, Any]) -> Programme:
    """Create a programme."""
    check_may_edit(actor)
    programme = Programme()
    cleaned = _prepare(data, PROGRAMME_FIELDS)
    errors = _Errors()
    _validate_programme(programme, cleaned, errors)
    return _save(programme, actor=actor, data=cleaned, errors=errors)


@transaction.atomic
def programme_update(*, actor: User, programme: Programme, data: Mapping[str, Any]) -> Programme:
    """Change a programme; a new status is PROGRAMME_MOVES' move to it."""
    check_may_edit(actor)
    cleaned = _prepare(data, PROGRAMME_FIELDS)
    errors = _Errors()
    _validate_programme(programme, cleaned, errors)
    return _save(programme, actor=actor, data=cleaned, errors=errors, moves=PROGRAMME_MOVES)


# Focus areas


def _validate_focus_area(focus_area: FocusArea, data: dict[str, Any], errors: _Errors) -> None:
    _require(data, "title", _("Ange fokusområdets titel."), errors, creating=focus_area.pk is None)
    title = data.get("title")
    if title:
        duplicates = FocusArea.objects.filter(
            programme_id=focus_area.programme_id, title__iexact=title
        ).exclude(pk=focus_area.pk)
        if duplicates.exists():
            errors.add("title", _("Programmet har redan ett fokusområde med den titeln."))


@transaction.atomic
def focus_area_create(*, actor: User, programme: Programme, data: Mapping[str, Any]) -> FocusArea:
    """Add a focus area to PROGRAMME."""
    check_may_edit(actor)
    focus_area = FocusArea(programme=programme)
    cleaned = _prepare(data, FOCUS_AREA_FIELDS)
    errors = _Errors()
    _validate_focus_area(focus_area, cleaned, errors)
    return _save(focus_area, actor=actor, data=cleaned, errors=errors)


@transaction.atomic
def focus_area_update(*, actor: User, focus_area: FocusArea, data: Mapping[str, Any]) -> FocusArea:
    """Change a focus area."""
    check_may_edit(actor)
    cleaned = _prepare(data, FOCUS_AREA_FIELDS)
    errors = _Errors()
    _validate_focus_area(focus_area, cleaned, errors)
    return _save(focus_area, actor=actor, data=cleaned, errors=errors)


# Action plans


def _validate_action_plan(action_plan: ActionPlan, data: dict[str, Any], errors: _Errors) -> None:
    creating = action_plan.pk is None
    _require(data, "title", _("Ange handlingsplanens titel."), errors, creating=creating)
    _set_slug(action_plan, data, errors, source="title", fallback="handlingsplan")


@transaction.atomic
def action_plan_create(*, actor: User, programme: Programme, data: Mapping[str, Any]) -> ActionPlan:
    """Add an action plan to PROGRAMME."""
    check_may_edit(actor)
    action_plan = ActionPlan(programme=programme)
    cleaned = _prepare(data, ACTION_PLAN_FIELDS)
    errors = _Errors()
    _validate_action_plan(action_plan, cleaned, errors)
    return _save(action_plan, actor=actor, data=cleaned, errors=errors)


@transaction.atomic
def action_plan_update(
    *, actor: User, action_plan: ActionPlan, data: Mapping[str, Any]
) -> ActionPlan:
    """Change an action plan; a new status is ACTION_PLAN_MOVES' move to it."""
    check_may_edit(actor)
    cleaned = _prepare(data, ACTION_PLAN_FIELDS)
    errors = _Errors()
    _validate_action_plan(action_plan, cleaned, errors)
    return _save(action_plan, actor=actor, data=cleaned, errors=errors, moves=ACTION_PLAN_MOVES)


# Development areas


def _check_focus_areas(
    action_plan: ActionPlan, focus_areas: Iterable[FocusArea], errors: _Errors
) -> None:
    focus_areas = list(focus_areas)
    if not focus_areas:
        errors.add(
            "focus_areas", _("Välj minst ett fokusområde som utvecklingsområdet svarar mot.")
        )
    for focus_area in focus_areas:
        if focus_area.programme_id != action_plan.programme_id:
            errors.add(
                "focus_areas",
                _("Fokusområdet ”%(title)s” hör till ett annat program än handlingsplanen.")
                % {"title": focus_area.title},
            )


def _validate_development_area(
    development_area: DevelopmentArea, data: dict[str, Any], errors: _Errors
) -> None:
    creating = development_area.pk is None
    _require(data, "title", _("Ange utvecklingsområdets titel."), errors, creating=creating)
    if creating or "focus_areas" in data:
        _check_focus_areas(development_area.action_plan, data.get("focus_areas", []), errors)


@transaction.atomic
def development_area_create(
    *, actor: User, action_plan: ActionPlan, data: Mapping[str, Any]
) -> DevelopmentArea:
    """Add a development area to ACTION_PLAN; it must answer at least one focus area."""
    check_may_edit(actor)
    development_area = DevelopmentArea(action_plan=action_plan)
    cleaned = _prepare(data, DEVELOPMENT_AREA_FIELDS)
    errors = _Errors()
    _validate_development_area(development_area, cleaned, errors)
    return _save(development_area, actor=actor, data=cleaned, errors=errors)


@transaction.atomic
def development_area_update(
    *, actor: User, development_area: DevelopmentArea, data: dict[str, Any]
) -> DevelopmentArea:
    """Change a development area: title, description, position, focus areas, groups, targets."""
    check_may_edit(actor)
    cleaned = _prepare(data, DEVELOPMENT_AREA_FIELDS)
    errors = _Errors()
    _validate_development_area(development_area, cleaned, errors)
    return _save(development_area, actor=actor, data=cleaned, errors=errors)


# City activities


def _validate_city_activity(
    city_activity: CityActivity, data: dict[str, Any], errors: _Errors
) -> None:
    creating = city_activity.pk is None
    _require(data, "title", _("Ange aktivitetens titel."), errors, creating=creating)


@transaction.atomic
def city_activity_create(
    *, actor: User, development_area: DevelopmentArea, data: Mapping[str, Any]
) -> CityActivity:
    """Add an activity the action plan names to DEVELOPMENT_AREA."""
    check_may_edit(actor)
    city_activity = CityActivity(development_area=development_area)
    cleaned = _prepare(data, CITY_ACTIVITY_FIELDS)
    errors = _Errors()
    _validate_city_activity(city_activity, cleaned, errors)
    return _save(city_activity, actor=actor, data=cleaned, errors=errors)


@transaction.atomic
def city_activity_update(
    *, actor: User, city_activity: CityActivity, data: Mapping[str, Any]
) -> CityActivity:
    """Change a city activity."""
    check_may_edit(actor)
    cleaned = _prepare(data, CITY_ACTIVITY_FIELDS)
    errors = _Errors()
    _validate_city_activity(city_activity, cleaned, errors)
    return _save(city_activity, actor=actor, data=cleaned, errors=errors)


@transaction.atomic
def city_activity_delete(*, actor: User, city_activity: CityActivity) -> None:
    """Remove a city activity; the history keeps what it was."""
    check_may_edit(actor)
    delete_audited(city_activity, actor=actor)


# Target groups


def _validate_target_group(
    target_group: TargetGroup, data: dict[str, Any], errors: _Errors
) -> None:
    creating = target_group.pk is None
    _require(data, "name", _("Ange målgruppens namn."), errors, creating=creating)
    name = data.get("name")
    if name and TargetGroup.objects.filter(name__iexact=name).exclude(pk=target_group.pk).exists():
        errors.add("name", _("Det finns redan en målgrupp med det namnet."))
    _set_slug(target_group, data, errors, source="name", fallback="malgrupp")
    parent = data.get("parent")
    if parent is not None and target_group.pk is not None:
        ancestor: TargetGroup | None = parent
        while ancestor is not None:
            if ancestor.pk == target_group.pk:
                errors.add(
                    "parent", _("En målgrupp kan inte höra till sig själv eller sina undergrupper.")
                )
                break
            ancestor = ancestor.parent


@transaction.atomic
def target_group_create(*, actor: User, data: Mapping[str, Any]) -> TargetGroup:
    """Add a target group to the taxonomy."""
    check_may_edit(actor)
    target_group = TargetGroup()
    cleaned = _prepare(data, TARGET_GROUP_FIELDS)
    errors = _Errors()
    _validate_target_group(target_group, cleaned, errors)
    return _save(target_group, actor=actor, data=cleaned, errors=errors)


@transaction.atomic
def target_group_update(
    *, actor: User, target_group: TargetGroup, data: Mapping[str, Any]
) -> TargetGroup:
    """Change a target group."""
    check_may_edit(actor)
    cleaned = _prepare(data, TARGET_GROUP_FIELDS)
    errors = _Errors()
    _validate_target_group(target_group, cleaned, errors)
    return _save(target_group, actor=actor, data=cleaned, errors=errors)
