"""Edits through the real forms are audited with every changed field, before and after."""

import datetime
from decimal import Decimal
from typing import Any

from django.urls import reverse

from mrplan.collaboration import actions
from mrplan.core.models import AuditEvent
from tests.base import BaseTestCase
from tests.factories import TargetGroupFactory
from tests.test_planning_support import PlanningTestCase


def form_data(response: Any) -> dict[str, Any]:
    """Return the POST data a browser would send for the form on RESPONSE, unchanged."""
    form = response.context["form"]
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        if field.disabled or getattr(field.widget, "input_type", "") == "file":
            continue
        value = form[name].value()
        if value is None:
            continue
        if isinstance(value, bool):
            if value:
                data[name] = "on"
            continue
        if isinstance(value, (list, tuple)):
            data[name] = [str(item) for item in value]
        else:
            data[name] = str(value)
    return data


class AuditedEditTestCase(BaseTestCase):
    """Edit an object through its page and check the audit event it leaves."""

    def edit(self, user: Any, url: str, changes: dict[str, Any], **extra: Any) -> Any:
        client = self.client_for(user)
        page = client.get(url)
        assert page.status_code == 200, page.status_code
        data = {**form_data(page), **changes, **extra}
        response = client.post(url, data)
        assert response.status_code == 302, response.content.decode()[:3000]
        return response

    def assert_audited(self, instance: Any, expected: dict[str, list[Any]]) -> None:
        event = (
            AuditEvent.objects.filter(verb="update", object_id=str(instance.pk))
            .filter(content_type__model=instance._meta.model_name)
            .first()
        )
        assert event is not None, "no update event"
        for name, pair in expected.items():
            assert event.shown_changes.get(name) == pair, (name, event.shown_changes)


class CollaborationEditAuditTests(AuditedEditTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.group = TargetGroupFactory(name="Unga")
        cls.partner = actions.partner_create(
            actor=cls.coordinator,
            data={
                "name": "Föreningen Exempel",
                "organisation_number": "802000-0009",
                "kind": "association",
                "description": "Gammal beskrivning",
                "registered_by": cls.org,
            },
        )
        cls.contact = actions.contact_create(
            actor=cls.coordinator,
            partner=cls.partner,
            data={
                "name": "Testa Kontaktsson",
                "email": "testa@example.org",
                "phone": "08-123",
                "legal_basis": "public_task",
                "purpose": "Kallelser",
            },
        )
        cls.collaboration = actions.collaboration_create(
            actor=cls.editor,
            data={
                "title": "Läxhjälp",
                "organisations": [cls.org],
                "partners": [cls.partner],
                "form": "iop",
                "start_date": datetime.date(2026, 1, 1),
                "purpose": "Gammalt syfte",
            },
        )
        cls.dialogue = actions.dialogue_create(
            actor=cls.editor,
            data={
                "title": "Dialog",
                "date": datetime.date(2026, 2, 1),
                "organisations": [cls.org],
                "partners": [cls.partner],
                "raised": "Gammalt",
            },
        )
        cls.offer = actions.training_offer_create(
            actor=cls.coordinator,
            data={"topic": "Grunder", "form": "lecture", "length_hours": Decimal("2")},
        )
        cls.session = actions.training_session_create(
            actor=cls.coordinator,
            data={"offer": cls.offer, "date": datetime.date(2026, 3, 1), "organiser": cls.org},
        )

    def test_a_contact_edit_records_email_and_phone(self) -> None:
        url = reverse("collaboration-contact-edit", args=[self.contact.pk])
        self.edit(self.editor, url, {"email": "ny@example.org", "phone": "08-999"})
        self.assert_audited(
            self.contact,
            {"email": ["testa@example.org", "ny@example.org"], "phone": ["08-123", "08-999"]},
        )

    def test_a_partner_edit_records_each_changed_field(self) -> None:
        url = reverse("collaboration-partner-edit", args=[self.partner.pk])
        self.edit(
            self.editor,
            url,
            {"name": "Föreningen Ny", "description": "Ny", "target_groups": [self.group.pk]},
        )
        self.assert_audited(
            self.partner,
            {
                "name": ["Föreningen Exempel", "Föreningen Ny"],
                "description": ["Gammal beskrivning", "Ny"],
                "target_groups": [[], ["Unga"]],
            },
        )

    def test_a_collaboration_edit_records_each_changed_field(self) -> None:
        url = reverse("collaboration-collaboration-edit", args=[self.collaboration.pk])
        self.edit(self.editor, url, {"title": "Läxhjälp 2", "purpose": "Nytt syfte"})
        self.assert_audited(
            self.collaboration,
            {"title": ["Läxhjälp", "Läxhjälp 2"], "purpose": ["Gammalt syfte", "Nytt syfte"]},
        )

    def test_a_dialogue_edit_records_each_changed_field(self) -> None:
        url = reverse("collaboration-dialogue-edit", args=[self.dialogue.pk])
        self.edit(self.editor, url, {"title": "Dialog 2", "raised": "Nytt", "date": "2026-02-02"})
        self.assert_audited(
            self.dialogue,
            {
                "title": ["Dialog", "Dialog 2"],
                "raised": ["Gammalt", "Nytt"],
                "date": ["2026-02-01", "2026-02-02"],
            },
        )

    def test_a_material_edit_records_each_changed_field(self) -> None:
        material = actions.material_create(
            actor=self.coordinator,
            data={
                "title": "Broschyr",
                "audience": "staff",
                "language": "sv",
                "url": "https://example.org/a",
            },
        )
        url = reverse("collaboration-material-edit", args=[material.pk])
        self.edit(self.coordinator, url, {"title": "Broschyr 2", "version": "2"})
        self.assert_audited(material, {"title": ["Broschyr", "Broschyr 2"], "version": ["", "2"]})

    def test_a_training_offer_edit_records_each_changed_field(self) -> None:
        url = reverse("collaboration-training-offer-edit", args=[self.offer.pk])
        self.edit(self.coordinator, url, {"topic": "Fördjupning", "length_hours": "3"})
        self.assert_audited(
            self.offer, {"topic": ["Grunder", "Fördjupning"], "length_hours": ["2", "3"]}
        )

    def test_a_training_session_edit_records_each_changed_field(self) -> None:
        url = reverse("collaboration-training-session-edit", args=[self.session.pk])
        self.edit(self.coordinator, url, {"place": "Aulan", "date": "2026-03-02"})
        self.assert_audited(
            self.session, {"place": ["", "Aulan"], "date": ["2026-03-01", "2026-03-02"]}
        )

    def test_the_register_extract_lists_the_edit(self) -> None:
        url = reverse("collaboration-contact-edit", args=[self.contact.pk])
        self.edit(self.editor, url, {"email": "ny@example.org"})
        extract = self.client_for(self.coordinator).get(
            reverse("collaboration-contact-export", args=[self.contact.pk])
        )
        text = extract.content.decode()
        assert "testa@example.org" in text and "ny@example.org" in text


class OtherAppsEditAuditTests(AuditedEditTestCase):
    def test_a_target_group_edit_records_each_changed_field(self) -> None:
        group = TargetGroupFactory(name="Unga", description="Gammal")
        url = reverse("programmes-target-group-edit", args=[group.pk])
        self.edit(self.coordinator, url, {"name": "Unga vuxna", "description": "Ny"})
        self.assert_audited(
            group, {"name": ["Unga", "Unga vuxna"], "description": ["Gammal", "Ny"]}
        )

    def test_an_organisation_edit_records_each_changed_field(self) -> None:
        url = reverse("organisations-edit", args=[self.org.slug])
        before = self.org.name
        self.edit(self.coordinator, url, {"name": "Hägersten-Liljeholmens förvaltning"})
        self.assert_audited(self.org, {"name": [before, "Hägersten-Liljeholmens förvaltning"]})


class PlanningEditAuditTests(PlanningTestCase, AuditedEditTestCase):
    def test_a_goal_edit_records_each_changed_field(self) -> None:
        goal = self.make_goal(title="Före")
        url = reverse("planning-goal-edit", args=[self.org.slug, 2026, goal.pk])
        self.edit(self.editor, url, {"title": "Efter"})
        self.assert_audited(goal, {"title": ["Före", "Efter"]})
