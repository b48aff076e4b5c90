"""Speed targets for pages at city scale (run with `make bench`, not part of `make test`).

Each benchmark builds a city larger than Stockholm's, renders a page a number of times and
compares the median against its target. Query counts are asserted in the unit tests; here
we watch the wall-clock time of the whole request.
"""

import statistics
import time
from collections.abc import Callable

import pytest
from django.test import Client

from mrplan.organisations.models import Organisation
from tests.factories import (
    ActionPlanFactory,
    DevelopmentAreaFactory,
    FocusAreaFactory,
    ProgrammeFactory,
)

ROUNDS = 15


def median_seconds(request: Callable[[], object]) -> float:
    request()  # warm caches and templates
    timings = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        request()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def report(name: str, seconds: float, target: float) -> None:
    print(f"\n{name}: median {seconds * 1000:.1f} ms (target {target * 1000:.0f} ms)")
    assert seconds < target, f"{name} took {seconds:.3f}s, target {target}s"


@pytest.mark.django_db
def test_organisation_directory_with_600_organisations() -> None:
    Organisation.objects.bulk_create(
        Organisation(name=f"Nämnd {n}", slug=f"namnd-{n}", kind="specialist_committee")
        for n in range(600)
    )
    client = Client()
    report(
        "organisation directory, 600 organisations",
        median_seconds(lambda: client.get("/organisationer/")),
        target=0.5,
    )


@pytest.mark.django_db
def test_action_plan_page_with_40_development_areas() -> None:
    programme = ProgrammeFactory()
    focus_areas = [FocusAreaFactory(programme=programme) for _ in range(3)]
    plan = ActionPlanFactory(programme=programme)
    for _ in range(40):
        DevelopmentAreaFactory(action_plan=plan, focus_areas=focus_areas)
    client = Client()
    report(
        "action plan page, 40 development areas",
        median_seconds(lambda: client.get(plan.get_absolute_url())),
        target=0.3,
    )


@pytest.mark.django_db
def test_programme_api_list() -> None:
    programme = ProgrammeFactory()
    for _ in range(3):
        FocusAreaFactory(programme=programme)
    for _ in range(30):
        ActionPlanFactory(programme=programme)
    client = Client()
    report(
        "GET /api/v1/programmes/",
        median_seconds(lambda: client.get("/api/v1/programmes/")),
        target=0.3,
    )
