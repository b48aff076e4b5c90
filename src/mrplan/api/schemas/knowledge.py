"""The knowledge base: datasets, measures and observations.

A suppressed observation is never given away: its value, n and interval are null.
"""

from ninja import Schema

from mrplan.knowledge.models import Observation


class DatasetOut(Schema):
    id: int
    slug: str
    title: str
    source: str
    publisher: str
    method_note: str
    licence: str
    update_frequency: str
    is_published: bool
    is_illustrative: bool
    measure_count: int


class MeasureOut(Schema):
    id: int
    dataset_id: int
    slug: str
    name: str
    code: str
    unit: str
    definition: str
    direction: str
    observation_count: int


class ObservationOut(Schema):
    id: int
    area: str
    area_code: str
    area_code_scheme: str
    period: str
    breakdown: dict[str, str]
    breakdown_key: str
    value: float | None
    n: int | None
    ci_low: float | None
    ci_high: float | None
    suppressed: bool

    @staticmethod
    def resolve_area(obj: Observation) -> str:
        return obj.area.name

    @staticmethod
    def resolve_area_code(obj: Observation) -> str:
        return obj.area.code

    @staticmethod
    def resolve_area_code_scheme(obj: Observation) -> str:
        return obj.area.code_scheme

    @staticmethod
    def resolve_period(obj: Observation) -> str:
        return obj.period.label

    @staticmethod
    def resolve_breakdown(obj: Observation) -> dict[str, str]:
        return {v.dimension.name: v.label for v in obj.dimension_values.all()}

    @staticmethod
    def resolve_value(obj: Observation) -> float | None:
        return None if obj.suppressed else obj.value

    @staticmethod
    def resolve_n(obj: Observation) -> int | None:
        return None if obj.suppressed else obj.count

    @staticmethod
    def resolve_ci_low(obj: Observation) -> float | None:
        return None if obj.suppressed else obj.ci_low

    @staticmethod
    def resolve_ci_high(obj: Observation) -> float | None:
        return None if obj.suppressed else obj.ci_high
