"""The opt-in benchmark headers: server time and query count per answer (docs/performance.md)."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory

from mrplan.core.middleware import BenchHeadersMiddleware
from mrplan.organisations.models import Organisation

BENCH = "mrplan.core.middleware.BenchHeadersMiddleware"


def _middleware_with_env(value: str | None) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k != "MRPLAN_BENCH_HEADERS"}
    if value is not None:
        env["MRPLAN_BENCH_HEADERS"] = value
    env["DJANGO_SETTINGS_MODULE"] = "mrplan.settings"
    out = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.MIDDLEWARE[0])"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.split()


def test_off_by_default() -> None:
    assert BENCH not in settings.MIDDLEWARE
    assert _middleware_with_env(None) != [BENCH]
    assert _middleware_with_env("0") != [BENCH]


def test_the_environment_variable_switches_it_on_first_in_the_chain() -> None:
    assert _middleware_with_env("1") == [BENCH]


@pytest.mark.django_db
def test_no_headers_on_an_ordinary_answer() -> None:
    response = Client().get("/healthz")
    assert "Server-Timing" not in response.headers
    assert "X-Mrplan-Queries" not in response.headers


def _view_with_queries(n: int):  # type: ignore[no-untyped-def]
    def view(request: HttpRequest) -> HttpResponse:
        for _ in range(n):
            list(Organisation.objects.all()[:1])
        return HttpResponse("ok")

    return view


@pytest.mark.django_db
@pytest.mark.parametrize("queries", [0, 1, 3])
def test_counts_the_queries_of_the_request(queries: int) -> None:
    Organisation.objects.create(name="Nämnd", slug="namnd", kind="specialist_committee")
    response = BenchHeadersMiddleware(_view_with_queries(queries))(RequestFactory().get("/"))
    assert response.headers["X-Mrplan-Queries"] == str(queries)
    timing = response.headers["Server-Timing"]
    app, db = (part.strip() for part in timing.split(","))
    assert app.startswith("app;dur=")
    assert db.startswith("db;dur=")
    assert float(db.split("=")[1]) <= float(app.split("=")[1])


@pytest.mark.django_db
def test_queries_outside_the_request_are_not_counted() -> None:
    middleware = BenchHeadersMiddleware(_view_with_queries(2))
    middleware(RequestFactory().get("/"))
    list(Organisation.objects.all())  # after the request: the wrapper is gone
    assert not connection.execute_wrappers
    response = middleware(RequestFactory().get("/"))
    assert response.headers["X-Mrplan-Queries"] == "2"


@pytest.mark.django_db
def test_through_the_whole_middleware_chain(settings) -> None:  # type: ignore[no-untyped-def]
    settings.MIDDLEWARE = [BENCH, *settings.MIDDLEWARE]
    response = Client().get("/organisationer/")
    assert response.status_code == 200
    assert int(response.headers["X-Mrplan-Queries"]) >= 1
    assert response.headers["Server-Timing"].startswith("app;dur=")
