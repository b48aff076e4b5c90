from django.urls import reverse

from mrplan.core.models import AuditEvent
from mrplan.organisations.models import Organisation
from tests.base import BaseTestCase

CREATE_URL = reverse("organisations-create")


def details(**changes: object) -> dict[str, object]:
    """Return a complete POST for the organisation form."""
    data: dict[str, object] = {
        "name": "Hägersten-Älvsjö stadsdelsförvaltning",
        "short_name": "",
        "diary_prefix": "HÄ",
        "description": "",
        "address": "Kungsklippan 6, 112 25 Stockholm",
        "email": "",
        "phone": "",
        "website": "",
    }
    data.update(changes)
    return data


class CreateTests(BaseTestCase):
    def test_a_coordinator_creates_an_organisation(self) -> None:
        client = self.client_for(self.coordinator)
        self.assertEqual(client.get(CREATE_URL).status_code, 200)
        response = client.post(
            CREATE_URL,
            details(
                name="Kulturförvaltningens bibliotek",
                kind="administration",
                parent=self.other_committee.pk,
                diary_prefix="KUB",
                address="",
                website="example.org",
            ),
        )
        organisation = Organisation.objects.get(name="Kulturförvaltningens bibliotek")
        self.assertRedirects(response, organisation.get_absolute_url())
        self.assertEqual(organisation.parent, self.other_committee)
        self.assertEqual(organisation.website, "https://example.org")
        self.assertTrue(
            AuditEvent.objects.filter(verb="create", object_id=str(organisation.pk)).exists()
        )

    def test_it_refuses_everyone_but_coordinators(self) -> None:
        post = details(name="Ny nämnd", kind="specialist_committee", diary_prefix="")
        for user in (self.org_admin, self.editor, self.outsider, self.nobody):
            client = self.client_for(user)
            self.assertEqual(client.get(CREATE_URL).status_code, 403)
            self.assertEqual(client.post(CREATE_URL, post).status_code, 403)
        self.assertFalse(Organisation.objects.filter(name="Ny nämnd").exists())

    def test_anonymous_visitors_are_sent_to_log_in(self) -> None:
        response = self.client.get(CREATE_URL)
        self.assertRedirects(response, f"{reverse('accounts-login')}?next={CREATE_URL}")

    def test_bad_input_is_shown_in_swedish_and_nothing_is_saved(self) -> None:
        client = self.client_for(self.coordinator)
        count = Organisation.objects.count()
        response = client.post(
            CREATE_URL, details(name="", kind="nonsense", email="inte en adress")
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Formuläret innehåller fel", status_code=400)
        self.assertContains(response, "Detta fält måste fyllas i.", status_code=400)
        self.assertContains(response, "Välj ett giltigt alternativ", status_code=400)
        self.assertContains(response, "Fyll i en giltig e-postadress.", status_code=400)
        response = client.post(
            CREATE_URL, details(name="Ny förvaltning", kind="administration", diary_prefix="")
        )
        self.assertContains(response, "måste höra till en nämnd", status_code=400)
        response = client.post(
            CREATE_URL, details(name="Ny nämnd", kind="specialist_committee", diary_prefix="hä")
        )
        self.assertContains(response, "används redan av", status_code=400)
        self.assertEqual(Organisation.objects.count(), count)
        self.assertFalse(AuditEvent.objects.filter(verb="create").exists())


class EditTests(BaseTestCase):
    def url(self, organisation: Organisation | None = None) -> str:
        return reverse("organisations-edit", args=[(organisation or self.org).slug])

    def test_an_org_admin_edits_contact_details_and_the_diary_prefix(self) -> None:
        client = self.client_for(self.org_admin)
        response = client.get(self.url())
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'value="HÄ"')
        self.assertNotIn("kind", response.context["form"].fields)
        self.assertNotIn("parent", response.context["form"].fields)
        response = client.post(
            self.url(), details(diary_prefix=" HÄS ", phone="08-508 00 000", email="ha@example.org")
        )
        self.assertRedirects(response, self.org.get_absolute_url())
        self.org.refresh_from_db()
        self.assertEqual(self.org.diary_prefix, "HÄS")
        self.assertEqual(self.org.phone, "08-508 00 000")
        event = AuditEvent.objects.get(verb="update", object_id=str(self.org.pk))
        self.assertEqual(event.changes["diary_prefix"], ["HÄ", "HÄS"])

    def test_an_org_admin_cannot_slip_in_a_new_parent(self) -> None:
        response = self.client_for(self.org_admin).post(
            self.url(), details(kind="council", parent=self.council.pk)
        )
        self.assertEqual(response.status_code, 302)
        self.org.refresh_from_db()
        self.assertEqual(self.org.kind, "administration")
        self.assertEqual(self.org.parent, self.district)

    def test_a_coordinator_changes_kind_and_parent(self) -> None:
        response = self.client_for(self.coordinator).post(
            self.url(self.other_org),
            details(
                name="Kulturförvaltningen",
                diary_prefix="",
                address="",
                kind="administration",
                parent=self.district.pk,
            ),
        )
        self.assertEqual(response.status_code, 302)
        self.other_org.refresh_from_db()
        self.assertEqual(self.other_org.parent, self.district)

    def test_it_refuses_editors_readers_outsiders_and_admins_elsewhere(self) -> None:
        for user in (self.editor, self.approver, self.reader, self.outsider, self.nobody):
            client = self.client_for(user)
            self.assertEqual(client.get(self.url()).status_code, 403)
            self.assertEqual(client.post(self.url(), details(phone="1")).status_code, 403)
        response = self.client_for(self.org_admin).post(
            self.url(self.other_org), details(name="Kulturförvaltningen", diary_prefix="")
        )
        self.assertEqual(response.status_code, 403)
        self.org.refresh_from_db()
        self.assertEqual(self.org.phone, "")
        self.assertFalse(AuditEvent.objects.filter(verb="update").exists())

    def test_anonymous_visitors_are_sent_to_log_in(self) -> None:
        response = self.client.post(self.url(), details(phone="1"))
        self.assertRedirects(response, f"{reverse('accounts-login')}?next={self.url()}")

    def test_an_unknown_organisation_is_not_found(self) -> None:
        response = self.client_for(self.coordinator).get(
            reverse("organisations-edit", args=["finns-inte"])
        )
        self.assertEqual(response.status_code, 404)

    def test_bad_input_is_shown_in_swedish_and_nothing_is_saved(self) -> None:
        client = self.client_for(self.org_admin)
        response = client.post(self.url(), details(name="Kulturnämnden"))
        self.assertContains(response, "finns redan en organisation", status_code=400)
        response = client.post(self.url(), details(website="inte en länk med mellanslag"))
        self.assertContains(response, "Fyll i en giltig URL.", status_code=400)
        response = client.post(self.url(), details(diary_prefix="HÄ 2024"))
        self.assertContains(response, "bokstäver, siffror och bindestreck", status_code=400)
        self.org.refresh_from_db()
        self.assertEqual(self.org.name, "Hägersten-Älvsjö stadsdelsförvaltning")
        self.assertEqual(self.org.diary_prefix, "HÄ")
        self.assertFalse(AuditEvent.objects.filter(verb="update").exists())

    def test_a_parent_cycle_is_refused_in_swedish(self) -> None:
        response = self.client_for(self.coordinator).post(
            self.url(self.district),
            details(
                name=self.district.name,
                diary_prefix="",
                kind="district_committee",
                parent=self.org.pk,
            ),
        )
        self.assertContains(response, "underorganisationer", status_code=400)
        self.district.refresh_from_db()
        self.assertIsNone(self.district.parent)
