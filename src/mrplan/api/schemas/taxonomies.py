"""The shared taxonomies: target groups and the goals of Agenda 2030."""

from typing import Any

from ninja import Schema

from mrplan.programmes.models import TargetGroup, TargetGroupCategory


class TargetGroupRefOut(Schema):
    id: int
    name: str
    slug: str
    category: TargetGroupCategory


class TargetGroupOut(TargetGroupRefOut):
    category_label: str
    parent_id: int | None
    description: str
    position: int

    @staticmethod
    def resolve_category_label(obj: TargetGroup) -> str:
        return str(obj.get_category_display())


class SdgTargetOut(Schema):
    code: str
    title: str
    text: str


class SdgGoalOut(Schema):
    id: int
    number: int
    title: str
    description: str
    targets: list[SdgTargetOut]

    @staticmethod
    def resolve_targets(obj: Any) -> list[Any]:
        return list(obj.targets.all())
