"""The collaboration API: signed-in reads, public material for anyone, contacts never leaked."""

import json

from mrplan.collaboration import actions
from tests.base import BaseTestCase

NAME = "Testa Kontaktsson"
EMAIL = "testa.kontaktsson@example.org"


class CollaborationApiTests(BaseTestCase):
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
        actions.contact_create(
            actor=cls.coordinator,
            partner=cls.partner,
            data={"name": NAME, "email": EMAIL, "legal_basis": "consent", "purpose": "Dialogmöten"},
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
        actions.material_create(
            actor=cls.coordinator,
            data={
                "title": "Intern handledning",
                "audience": "staff",
                "language": "sv",
                "url": "https://example.org/b",
            },
        )

    def get(self, user, url):  # type: ignore[no-untyped-def]
        return self.client_for(user).get("/api/v1" + url)

    def test_anonymous_callers_get_only_public_material(self) -> None:
        response = self.get(None, "/collaboration/material/")
        assert response.status_code == 200
        titles = [item["title"] for item in response.json()["items"]]
        assert titles == ["Öppen broschyr"]
        assert self.get(self.reader, "/collaboration/material/").json()["count"] == 2

    def test_anonymous_callers_get_nothing_else(self) -> None:
        for url in [
            "/collaboration/partners/",
            f"/collaboration/partners/{self.partner.pk}",
            "/collaboration/dialogues/",
            "/collaboration/collaborations/",
            "/collaboration/training/sessions/",
            f"/collaboration/partners/{self.partner.pk}/contacts",
        ]:
            response = self.get(None, url)
            assert response.status_code == 401, url
            assert NAME not in response.content.decode()

    def test_contacts_never_appear_in_partner_answers(self) -> None:
        for url in ["/collaboration/partners/", f"/collaboration/partners/{self.partner.pk}"]:
            response = self.get(self.coordinator, url)
            assert response.status_code == 200
            assert NAME not in response.content.decode()
            assert EMAIL not in response.content.decode()

    def test_contacts_only_for_the_organisations_concerned(self) -> None:
        url = f"/collaboration/partners/{self.partner.pk}/contacts"
        response = self.get(self.reader, url)
        assert response.status_code == 200
        assert response.json()[0]["email"] == EMAIL
        for user in [self.outsider, self.nobody]:
            response = self.get(user, url)
            assert response.status_code == 403
            assert EMAIL not in response.content.decode()
            assert "behörighet" in json.loads(response.content)["detail"]

    def test_it_answers_404_in_swedish(self) -> None:
        response = self.get(self.reader, "/collaboration/partners/99999")
        assert response.status_code == 404
        assert response.json()["detail"] == "Partnern finns inte."
