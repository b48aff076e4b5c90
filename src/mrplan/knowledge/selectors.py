"""Reads for the knowledge pages, each with its related rows loaded up front."""

from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from mrplan.accounts.permissions import roles_for
from mrplan.knowledge.models import (
    Area,
    Dataset,
    Measure,
    MicrodataBatch,
    QualitativeRecord,
)


def datasets_visible_to(user: Any) -> QuerySet[Dataset]:
    """Return the datasets USER may see: all when signed in, otherwise the published ones."""
    datasets = Dataset.objects.all()
    if not roles_for(user).is_internal:
        datasets = datasets.published()
    return datasets


def dataset_list(user: Any) -> QuerySet[Dataset]:
    """Return the visible datasets with their number of measures and observations."""
    return datasets_visible_to(user).annotate(
        measure_count=Count("measures", distinct=True),
        observation_count=Count("measures__observations", distinct=True),
    )


def measures_of(dataset: Dataset) -> QuerySet[Measure]:
    """Return DATASET's measures with their observation counts and period span."""
    return dataset.measures.annotate(observation_count=Count("observations"))


def records() -> QuerySet[QualitativeRecord]:
    """Return the qualitative records with organisation, target groups and files loaded."""
    return QualitativeRecord.objects.select_related("organisation").prefetch_related(
        "target_groups", Prefetch("files")
    )


def microdata_batches(dataset: Dataset) -> QuerySet[MicrodataBatch]:
    """Return the kept microdata of DATASET without the rows themselves (one query)."""
    return (
        MicrodataBatch.objects.filter(dataset=dataset)
        .defer("rows")
        .select_related("measure", "uploaded_by")
    )


def areas() -> QuerySet[Area]:
    """Return every area with its organisation, the city first, then districts by name."""
    return Area.objects.select_related("organisation").order_by("kind", "name")
