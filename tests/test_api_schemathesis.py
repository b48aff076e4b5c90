"""Schemathesis against /api/v1/openapi.json: generated requests never cause a server error."""

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from mrplan.accounts.actions import token_create
from mrplan.wsgi import application
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Iterator[None]:
    """Keep the test's database connection open across the WSGI calls.

    Django closes connections at the end of each request when they are not in autocommit,
    which inside a test's transaction would close PostgreSQL's connection mid-test. The test
    client switches this off; schemathesis calls the WSGI application directly, so do it here.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=3,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_no_operation_answers_with_a_server_error(case: Any) -> None:
    # As a coordinator, so that the requests get past the permission checks.
    coordinator = UserFactory()
    MembershipFactory(
        user=coordinator,
        organisation=OrganisationFactory(kind="coordinating_office"),
        role="coordinator",
    )
    _token, raw = token_create(actor=coordinator, name="schemathesis")
    response = case.call(headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.text[:500]}"
