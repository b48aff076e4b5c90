"""Personal data: contacts stay private; a coordinator exports, erases and reviews them."""

import datetime
import json

from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from mrplan.collaboration import actions
from mrplan.collaboration.models import ContactPerson
from mrplan.core.models import AuditEvent
from tests.base import BaseTestCase

NAME = "Testa Kontaktsson"
EMAIL = "testa.kontaktsson@example.org"


class GdprTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.partner = actions.partner_create(
            actor=cls.coordinator,
            data={
                "name": "Föreningen Exempel",
                "organisation_number": "802000-0009",
                "kind": "association",
                "registered_by": cls.org,
            },
        )
        cls.other_partner = actions.partner_create(
            actor=cls.coordinator,
            data={
                "name": "Stiftelsen Prov",
                "organisation_number": "802400-1235",
                "kind": "foundation",
            },
        )
        cls.contact = actions.contact_create(
            actor=cls.editor,
            partner=cls.partner,
            data={
                "name": NAME,
                "email": EMAIL,
                "phone": "08-123 45",
                "legal_basis": "consent",
                "purpose": "Dialogmöten",
            },
        )
        cls.same_person = actions.contact_create(
            actor=cls.coordinator,
            partner=cls.other_partner,
            data={
                "name": NAME,
                "email": EMAIL,
                "legal_basis": "consent",
                "purpose": "Referensgrupp",
            },
        )
        actions.material_create(
            actor=cls.coordinator,
            data={
                "title": "Öppen broschyr",
                "audience": "public",
                "language": "sv",
                "url": "https://example.org/a",
                "is_public": True,
            },
        )

    def test_contacts_never_appear_on_public_pages(self) -> None:
        client = self.client_for(None)
        for url in ["/samverkan/", "/samverkan/material/", "/"]:
            response = client.get(url, follow=True)
            assert response.status_code == 200
            assert NAME not in response.content.decode()
            assert EMAIL not in response.content.decode()

    def test_a_coordinator_exports_everything_held_about_a_person(self) -> None:
        response = self.client_for(self.coordinator).get(
            reverse("collaboration-contact-export", args=[self.contact.pk])
        )
        assert response.status_code == 200
        assert "attachment" in response["Content-Disposition"]
        data = json.loads(response.content)
        assert {row["partner"] for row in data["contacts"]} == {
            "Föreningen Exempel",
            "Stiftelsen Prov",
        }
        assert data["contacts"][0]["email"] == EMAIL
        assert len(data["history"]) >= 2

    def test_only_coordinators_export_or_erase(self) -> None:
        for name in ["collaboration-contact-export", "collaboration-contact-erase"]:
            url = reverse(name, args=[self.contact.pk])
            assert self.client_for(self.editor).get(url).status_code == 403
            if name.endswith("erase"):
                assert self.client_for(self.editor).post(url).status_code == 403
            assert self.client_for(None).get(url).status_code == 302
        assert ContactPerson.objects.count() == 2

    def test_a_coordinator_erases_a_person_and_the_audit_keeps_no_data(self) -> None:
        ids = [str(self.contact.pk), str(self.same_person.pk)]
        response = self.client_for(self.coordinator).post(
            reverse("collaboration-contact-erase", args=[self.contact.pk])
        )
        self.assertRedirects(response, self.partner.get_absolute_url())
        assert not ContactPerson.objects.exists()
        events = AuditEvent.objects.filter(object_id__in=ids, content_type__model="contactperson")
        assert events.filter(verb="delete").count() == 2
        dumped = json.dumps(
            [[e.object_repr, e.changes, e.message] for e in events], ensure_ascii=False
        )
        assert NAME not in dumped
        assert EMAIL not in dumped
        assert "08-123" not in dumped

    def test_contacts_not_used_for_the_review_period_are_flagged(self) -> None:
        old = timezone.now() - datetime.timedelta(days=400)
        ContactPerson.objects.filter(pk=self.contact.pk).update(last_used_at=old)
        client = self.client_for(self.coordinator)
        url = reverse("collaboration-contact-review")
        response = client.get(url)
        self.assertContains(response, "Föreningen Exempel")
        assert "Stiftelsen Prov" not in response.content.decode()
        with override_settings(COLLABORATION_CONTACT_REVIEW_DAYS=500):
            assert "Föreningen Exempel" not in client.get(url).content.decode()
        client.post(
            reverse("collaboration-contact-mark-used", args=[self.contact.pk]), {"next": "review"}
        )
        assert "Föreningen Exempel" not in client.get(url).content.decode()
        assert self.client_for(self.editor).get(url).status_code == 403
