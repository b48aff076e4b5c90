"""Write observations back out in Kolada API v3 format (the inverse of imports.parse_kolada)."""

import json
from typing import Any

from mrplan.knowledge.imports import GENDER_DIMENSION
from mrplan.knowledge.models import Dataset, Observation, PeriodKind


def kolada_document(dataset: Dataset) -> dict[str, Any]:
    """Return DATASET's yearly figures for coded measures and areas as a Kolada response.

    Only totals and breakdowns by sex alone fit Kolada's shape; suppressed cells are left
    out, as Kolada leaves out figures it does not publish.
    """
    observations = (
        Observation.objects.filter(
            measure__dataset=dataset,
            suppressed=False,
            period__kind=PeriodKind.YEAR,
        )
        .exclude(measure__code="")
        .exclude(area__code="")
        .select_related("measure", "area", "period")
        .prefetch_related("dimension_values__dimension")
        .order_by("measure__code", "area__code", "period__start", "breakdown_key")
    )
    entries: dict[tuple[str, str, int], list[dict[str, Any]]] = {}
    for observation in observations:
        breakdown = list(observation.dimension_values.all())
        if not breakdown:
            gender = "T"
        elif (
            len(breakdown) == 1
            and breakdown[0].dimension.name == GENDER_DIMENSION
            and breakdown[0].code in ("K", "M")
        ):
            gender = breakdown[0].code
        else:
            continue
        item: dict[str, Any] = {"gender": gender, "value": observation.value}
        if observation.count is not None:
            item["count"] = observation.count
        key = (observation.measure.code, observation.area.code, observation.period.start.year)
        entries.setdefault(key, []).append(item)
    order = {"T": 0, "K": 1, "M": 2}
    values = [
        {
            "kpi": kpi,
            "municipality": municipality,
            "period": period,
            "values": sorted(items, key=lambda item: order[item["gender"]]),
        }
        for (kpi, municipality, period), items in entries.items()
    ]
    return {"values": values, "count": len(values), "next_page": None}


def kolada_json(dataset: Dataset) -> bytes:
    return json.dumps(kolada_document(dataset), ensure_ascii=False, indent=2).encode()
