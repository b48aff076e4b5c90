"""Write observations back out in Kolada API v3 format (the inverse of imports.parse_kolada)."""

import json
from typing import Any

from mrplan.knowledge.imports import GENDER_DIMENSION
from mrplan.knowledge.models import Dataset, Observation, PeriodKind

GENDER_ORDER = {"T": 0, "K": 1, "M": 2}
GENDER_LABELS = {
    "kvinnor": "K",
    "kvinna": "K",
    "flickor": "K",
    "män": "M",
    "man": "M",
    "pojkar": "M",
}


def kolada_document(dataset: Dataset) -> dict[str, Any]:
    """Return every yearly, unsuppressed figure of DATASET as a Kolada API v3 response.

    A measure without a Kolada code is named by its slug and an area without a code by its
    name (both are what our importer matches on). Sex goes in Kolada's "gender"; a breakdown
    Kolada has no field for goes in an extra member, "breakdown": {dimension: group}, which
    Kolada's own clients ignore and our importer reads back. Suppressed cells are left out,
    as Kolada leaves out figures it does not publish.
    """
    observations = (
        Observation.objects.filter(
            measure__dataset=dataset,
            suppressed=False,
            value__isnull=False,
            period__kind=PeriodKind.YEAR,
        )
        .select_related("measure", "area", "period")
        .prefetch_related("dimension_values__dimension")
        .order_by("measure__pk", "area__pk", "period__start", "breakdown_key")
    )
    entries: dict[tuple[str, str, int], list[dict[str, Any]]] = {}
    for observation in observations:
        gender = "T"
        other: dict[str, str] = {}
        for value in observation.dimension_values.all():
            code = value.code or GENDER_LABELS.get(value.label.strip().lower(), "")
            if value.dimension.name == GENDER_DIMENSION and code in ("K", "M"):
                gender = code
            else:
                other[value.dimension.name] = value.label
        item: dict[str, Any] = {"gender": gender, "value": observation.value}
        if observation.count is not None:
            item["count"] = observation.count
        if other:
            item["breakdown"] = dict(sorted(other.items()))
        measure, area = observation.measure, observation.area
        key = (measure.code or measure.slug, area.code or area.name, observation.period.start.year)
        entries.setdefault(key, []).append(item)
    values = [
        {
            "kpi": kpi,
            "municipality": municipality,
            "period": period,
            "values": sorted(
                items,
                key=lambda item: (
                    GENDER_ORDER[item["gender"]],
                    sorted(item.get("breakdown", {}).items()),
                ),
            ),
        }
        for (kpi, municipality, period), items in entries.items()
    ]
    return {"values": values, "count": len(values), "next_page": None}


def kolada_json(dataset: Dataset) -> bytes:
    return json.dumps(kolada_document(dataset), ensure_ascii=False, indent=2).encode()
