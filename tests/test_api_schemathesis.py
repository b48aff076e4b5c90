"""Schemathesis against /api/v1/openapi.json: generated requests never cause a server error."""

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from mrplan.accounts.actions import token_create
from mrplan.wsgi import application
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


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
