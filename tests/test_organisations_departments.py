from django.urls import reverse

from mrplan.core.models import AuditEvent
from mrplan.organisations.models import Department
from tests.base import BaseTestCase
from tests.factories import DepartmentFactory


class DepartmentViewTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.department = DepartmentFactory(organisation=cls.org, name="Nämndkansliet")

    def create_url(self) -> str:
        return reverse("organisations-department-create", args=[self.org.slug])

    def edit_url(self, department: Department | None = None) -> str:
        department = department or self.department
        return reverse(
            "organisations-department-edit", args=[department.organisation.slug, department.pk]
        )

    def delete_url(self, department: Department | None = None) -> str:
        department = department or self.department
        return reverse(
            "organisations-department-delete", args=[department.organisation.slug, department.pk]
        )

    def test_an_org_admin_adds_a_department(self) -> None:
        client = self.client_for(self.org_admin)
        self.assertEqual(client.get(self.create_url()).status_code, 200)
        response = client.post(self.create_url(), {"name": "Avdelningen för förskola"})
        self.assertRedirects(response, self.org.get_absolute_url())
        department = self.org.departments.get(name="Avdelningen för förskola")
        self.assertTrue(
            AuditEvent.objects.filter(verb="create", object_id=str(department.pk)).exists()
        )

    def test_an_org_admin_renames_a_department(self) -> None:
        client = self.client_for(self.org_admin)
        response = client.get(self.edit_url())
        self.assertContains(response, 'value="Nämndkansliet"')
        response = client.post(self.edit_url(), {"name": "Kansliet"})
        self.assertRedirects(response, self.org.get_absolute_url())
        self.department.refresh_from_db()
        self.assertEqual(self.department.name, "Kansliet")
        event = AuditEvent.objects.get(verb="update", object_id=str(self.department.pk))
        self.assertEqual(event.changes["name"], ["Nämndkansliet", "Kansliet"])

    def test_deleting_asks_for_confirmation_first(self) -> None:
        client = self.client_for(self.coordinator)
        response = client.get(self.delete_url())
        self.assertContains(response, "Vill du ta bort avdelningen Nämndkansliet")
        self.assertTrue(Department.objects.filter(pk=self.department.pk).exists())
        response = client.post(self.delete_url())
        self.assertRedirects(response, self.org.get_absolute_url())
        self.assertFalse(Department.objects.filter(pk=self.department.pk).exists())
        self.assertTrue(
            AuditEvent.objects.filter(verb="delete", object_id=str(self.department.pk)).exists()
        )

    def test_it_refuses_editors_readers_and_outsiders(self) -> None:
        for user in (self.editor, self.approver, self.reader, self.outsider, self.nobody):
            client = self.client_for(user)
            for url in (self.create_url(), self.edit_url(), self.delete_url()):
                self.assertEqual(client.get(url).status_code, 403, (user, url))
                self.assertEqual(client.post(url, {"name": "X"}).status_code, 403, (user, url))
        self.assertEqual(
            list(self.org.departments.values_list("name", flat=True)), ["Nämndkansliet"]
        )
        self.assertFalse(AuditEvent.objects.exists())

    def test_an_org_admin_cannot_touch_another_organisations_departments(self) -> None:
        other = DepartmentFactory(organisation=self.other_org, name="Avdelningen för kultur")
        client = self.client_for(self.org_admin)
        self.assertEqual(client.post(self.delete_url(other)).status_code, 403)
        self.assertTrue(Department.objects.filter(pk=other.pk).exists())

    def test_anonymous_visitors_are_sent_to_log_in(self) -> None:
        for url in (self.create_url(), self.edit_url(), self.delete_url()):
            response = self.client.post(url, {"name": "X"})
            self.assertRedirects(response, f"{reverse('accounts-login')}?next={url}")
        self.assertTrue(Department.objects.filter(pk=self.department.pk).exists())

    def test_a_department_under_the_wrong_organisation_or_unknown_id_is_not_found(self) -> None:
        client = self.client_for(self.coordinator)
        wrong = reverse(
            "organisations-department-edit", args=[self.other_org.slug, self.department.pk]
        )
        self.assertEqual(client.get(wrong).status_code, 404)
        unknown = reverse("organisations-department-delete", args=[self.org.slug, 999999])
        self.assertEqual(client.post(unknown).status_code, 404)

    def test_bad_input_is_shown_in_swedish_and_nothing_is_saved(self) -> None:
        client = self.client_for(self.org_admin)
        response = client.post(self.create_url(), {"name": ""})
        self.assertContains(response, "Detta fält måste fyllas i.", status_code=400)
        response = client.post(self.create_url(), {"name": "  "})
        self.assertContains(response, "Detta fält måste fyllas i.", status_code=400)
        response = client.post(self.create_url(), {"name": "nämndkansliet"})
        self.assertContains(response, "finns redan en avdelning", status_code=400)
        response = client.post(self.edit_url(), {"name": "x" * 201})
        self.assertContains(response, "som mest 200 tecken", status_code=400)
        self.assertEqual(
            list(self.org.departments.values_list("name", flat=True)), ["Nämndkansliet"]
        )
        self.assertFalse(AuditEvent.objects.exists())
