"""PATCH /api/v1/development-areas/{id}: the API's write pattern."""

import json
from typing import Any

from django.test import Client

from mrplan.accounts.actions import token_create
from mrplan.core.models import AuditEvent
from mrplan.programmes.models import DevelopmentArea
from tests.base import BaseTestCase
from tests.factories import (
    ActionPlanFactory,
    DevelopmentAreaFactory,
    FocusAreaFactory,
    ProgrammeFactory,
    TargetGroupFactory,
)


class DevelopmentAreaUpdateTests(BaseTestCase):
    def setUp(self) -> None:
        self.programme = ProgrammeFactory()
        self.knowledge = FocusAreaFactory(programme=self.programme, title="Kunskap och information")
        self.welfare = FocusAreaFactory(programme=self.programme, title="Välfärd och service")
        self.plan = ActionPlanFactory(programme=self.programme, title="Handlingsplan mot rasism")
        self.area = DevelopmentAreaFactory(
            action_plan=self.plan,
            title="Öka kunskapen om rasism och diskriminering",
            description="Före",
            focus_areas=[self.knowledge],
        )
        self.children = TargetGroupFactory(name="Barn och unga", category="age")
        self.url = f"/api/v1/development-areas/{self.area.pk}"
        _token, self.coordinator_key = token_create(
            actor=self.coordinator, name="Import", scope="write"
        )

    def patch(self, body: Any, *, key: str | None = None, client: Client | None = None) -> Any:
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        return (client or self.client).patch(
            self.url,
            body if isinstance(body, str) else json.dumps(body),
            content_type="application/json",
            headers=headers,
        )

    def assert_unchanged(self) -> None:
        area = DevelopmentArea.objects.get(pk=self.area.pk)
        self.assertEqual(area.title, "Öka kunskapen om rasism och diskriminering")
        self.assertEqual(area.description, "Före")
        self.assertEqual(list(area.focus_areas.all()), [self.knowledge])
        self.assertEqual(list(area.target_groups.all()), [])
        self.assertFalse(AuditEvent.objects.filter(verb="update").exists())

    def test_a_coordinator_changes_an_area_with_a_token(self) -> None:
        response = self.patch(
            {
                "title": "  Öka kunskapen om rasism  ",
                "description": "Efter",
                "position": 2,
                "focus_area_ids": [self.knowledge.pk, self.welfare.pk],
                "target_group_ids": [self.children.pk],
            },
            key=self.coordinator_key,
        )
        self.assertEqual(response.status_code, 200, response.content)
        body = response.json()
        self.assertEqual(body["title"], "Öka kunskapen om rasism")
        self.assertEqual(
            sorted(body["focus_area_ids"]), sorted([self.knowledge.pk, self.welfare.pk])
        )
        self.assertEqual(body["target_group_ids"], [self.children.pk])
        area = DevelopmentArea.objects.get(pk=self.area.pk)
        self.assertEqual(
            (area.title, area.description, area.position), ("Öka kunskapen om rasism", "Efter", 2)
        )
        event = AuditEvent.objects.get(verb="update", object_id=str(self.area.pk))
        self.assertEqual(event.actor, self.coordinator)
        self.assertEqual(event.changes["description"], ["Före", "Efter"])

    def test_it_changes_only_the_fields_sent(self) -> None:
        response = self.patch({"description": "Efter"}, client=self.client_for(self.coordinator))
        self.assertEqual(response.status_code, 200)
        area = DevelopmentArea.objects.get(pk=self.area.pk)
        self.assertEqual(area.title, "Öka kunskapen om rasism och diskriminering")
        self.assertEqual(list(area.focus_areas.all()), [self.knowledge])

    def test_it_asks_an_anonymous_caller_to_sign_in(self) -> None:
        response = self.patch({"title": "Nytt"})
        self.assertEqual(response.status_code, 401)
        self.assert_unchanged()

    def test_it_refuses_a_caller_who_is_not_a_coordinator(self) -> None:
        for user in (self.org_admin, self.editor, self.reader, self.nobody):
            _token, key = token_create(actor=user, name="Skript", scope="write")
            response = self.patch({"title": "Nytt"}, key=key)
            self.assertEqual(response.status_code, 403)
            self.assertEqual(
                response.json(), {"detail": "Du har inte behörighet att göra det här."}
            )
        self.assert_unchanged()

    def test_it_refuses_before_looking_at_the_ids_of_a_caller_who_may_not_write(self) -> None:
        response = self.patch({"focus_area_ids": [999999]}, client=self.client_for(self.editor))
        self.assertEqual(response.status_code, 403)

    def test_it_refuses_wrong_types_with_422_in_swedish(self) -> None:
        response = self.patch(
            {"title": 12, "position": "fem", "focus_area_ids": "1", "target_group_ids": [0]},
            key=self.coordinator_key,
        )
        self.assertEqual(response.status_code, 422)
        body = response.json()
        self.assertEqual(
            body["detail"], "Anropet stämmer inte med API:ets beskrivning. Se felen per fält."
        )
        self.assertEqual(
            body["errors"],
            {
                "title": ["Ange en text."],
                "position": ["Ange ett heltal."],
                "focus_area_ids": ["Ange en lista."],
                "target_group_ids.0": ["Värdet måste vara minst 1."],
            },
        )
        self.assert_unchanged()

    def test_it_refuses_unknown_fields_and_explicit_nulls(self) -> None:
        response = self.patch({"titel": "Nytt", "description": None}, key=self.coordinator_key)
        self.assertEqual(response.status_code, 422)
        self.assertEqual(
            response.json()["errors"],
            {
                "titel": ["Fältet finns inte. Kontrollera stavningen."],
                "description": ["Värdet får inte vara null. Utelämna fältet i stället."],
            },
        )
        self.assert_unchanged()

    def test_it_refuses_an_unknown_focus_area_with_400_in_swedish(self) -> None:
        response = self.patch(
            {"title": "Nytt", "focus_area_ids": [self.welfare.pk, 999999, 999998]},
            key=self.coordinator_key,
        )
        self.assertEqual(response.status_code, 400)
        body = response.json()
        self.assertEqual(body["detail"], "Uppgifterna kunde inte sparas. Se felen per fält.")
        self.assertEqual(
            body["errors"],
            {"focus_area_ids": ["Det finns inget fokusområde med id 999998, 999999."]},
        )
        self.assert_unchanged()

    def test_it_refuses_an_unknown_target_group(self) -> None:
        response = self.patch({"target_group_ids": [999999]}, key=self.coordinator_key)
        self.assertEqual(response.status_code, 400)
        self.assertEqual(
            response.json()["errors"],
            {"target_group_ids": ["Det finns ingen målgrupp med id 999999."]},
        )
        self.assert_unchanged()

    def test_it_refuses_a_focus_area_of_another_programme(self) -> None:
        elsewhere = FocusAreaFactory(title="Någon annanstans")
        response = self.patch({"focus_area_ids": [elsewhere.pk]}, key=self.coordinator_key)
        self.assertEqual(response.status_code, 400)
        self.assertIn("focus_area_ids", response.json()["errors"])
        self.assert_unchanged()

    def test_it_refuses_an_empty_title_and_no_focus_area(self) -> None:
        response = self.patch({"title": " ", "focus_area_ids": []}, key=self.coordinator_key)
        self.assertEqual(response.status_code, 400)
        errors = response.json()["errors"]
        self.assertEqual(set(errors), {"title", "focus_area_ids"})
        self.assertIn("titel", errors["title"][0])  # the action's Swedish message
        self.assert_unchanged()

    def test_it_refuses_a_body_that_is_not_json(self) -> None:
        response = self.patch("{title: Nytt", key=self.coordinator_key)
        self.assertEqual(response.status_code, 400)
        self.assertEqual(
            response.json(), {"detail": "Anropets innehåll kunde inte läsas. Skicka giltig JSON."}
        )
        self.assert_unchanged()

    def test_it_refuses_a_body_that_is_not_an_object(self) -> None:
        response = self.patch(["title"], key=self.coordinator_key)
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json()["errors"], {"__all__": ["Ange ett JSON-objekt."]})
        self.assert_unchanged()

    def test_an_unknown_area_is_404(self) -> None:
        self.url = "/api/v1/development-areas/999999"
        response = self.patch({"title": "Nytt"}, key=self.coordinator_key)
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response.json(), {"detail": "Utvecklingsområdet finns inte."})
