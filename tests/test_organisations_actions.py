from django.core.exceptions import PermissionDenied, ValidationError

from mrplan.core.models import AuditEvent
from mrplan.organisations import actions
from mrplan.organisations.models import Department, Organisation
from tests.base import BaseTestCase
from tests.factories import DepartmentFactory


class OrganisationCreateTests(BaseTestCase):
    def test_a_coordinator_creates_an_organisation_with_a_slug_from_its_name(self) -> None:
        organisation = actions.organisation_create(
            actor=self.coordinator,
            data={
                "name": "  Äldrenämnden ",
                "kind": "specialist_committee",
                "diary_prefix": " ÄLN ",
            },
        )
        self.assertEqual(organisation.name, "Äldrenämnden")
        self.assertEqual(organisation.slug, "aldrenamnden")
        self.assertEqual(organisation.diary_prefix, "ÄLN")
        event = AuditEvent.objects.get(verb="create", object_id=str(organisation.pk))
        self.assertEqual(event.actor, self.coordinator)
        self.assertEqual(event.changes["name"], [None, "Äldrenämnden"])

    def test_it_refuses_anyone_but_a_coordinator(self) -> None:
        for user in (self.org_admin, self.editor, self.nobody):
            with self.assertRaises(PermissionDenied):
                actions.organisation_create(
                    actor=user, data={"name": "Ny nämnd", "kind": "specialist_committee"}
                )
        self.assertFalse(Organisation.objects.filter(name="Ny nämnd").exists())

    def test_it_gives_a_free_slug_when_two_names_slugify_alike(self) -> None:
        organisation = actions.organisation_create(
            actor=self.coordinator, data={"name": "Kulturnämnden!", "kind": "specialist_committee"}
        )
        self.assertEqual(organisation.slug, "kulturnamnden-2")

    def test_it_never_takes_a_reserved_slug(self) -> None:
        organisation = actions.organisation_create(
            actor=self.coordinator, data={"name": "Ny", "kind": "specialist_committee"}
        )
        self.assertEqual(organisation.slug, "ny-2")

    def test_it_refuses_a_name_without_letters_or_a_taken_name(self) -> None:
        with self.assertRaisesMessage(ValidationError, "minst en bokstav"):
            actions.organisation_create(
                actor=self.coordinator, data={"name": "!!!", "kind": "specialist_committee"}
            )
        with self.assertRaisesMessage(ValidationError, "finns redan en organisation"):
            actions.organisation_create(
                actor=self.coordinator,
                data={"name": "kulturnämnden", "kind": "specialist_committee"},
            )

    def test_an_administration_needs_a_parent(self) -> None:
        with self.assertRaisesMessage(ValidationError, "måste höra till en nämnd"):
            actions.organisation_create(
                actor=self.coordinator, data={"name": "Ny förvaltning", "kind": "administration"}
            )
        self.assertFalse(Organisation.objects.filter(name="Ny förvaltning").exists())
        self.assertFalse(AuditEvent.objects.filter(object_repr="Ny förvaltning").exists())


class OrganisationUpdateTests(BaseTestCase):
    def test_an_org_admin_edits_details_and_the_diary_prefix(self) -> None:
        actions.organisation_update(
            actor=self.org_admin,
            organisation=self.org,
            data={"phone": "08-508 00 000", "diary_prefix": " HÄS ", "email": "ha@example.org"},
        )
        self.org.refresh_from_db()
        self.assertEqual(self.org.diary_prefix, "HÄS")
        self.assertEqual(self.org.phone, "08-508 00 000")
        event = AuditEvent.objects.get(verb="update", object_id=str(self.org.pk))
        self.assertEqual(event.changes["diary_prefix"], ["HÄ", "HÄS"])
        self.assertEqual(event.actor, self.org_admin)

    def test_an_org_admin_may_not_change_kind_or_parent(self) -> None:
        with self.assertRaises(PermissionDenied):
            actions.organisation_update(
                actor=self.org_admin, organisation=self.org, data={"kind": "specialist_committee"}
            )
        with self.assertRaises(PermissionDenied):
            actions.organisation_update(
                actor=self.org_admin, organisation=self.org, data={"parent": self.council}
            )
        self.org.refresh_from_db()
        self.assertEqual(self.org.kind, "administration")
        self.assertEqual(self.org.parent, self.district)

    def test_an_org_admin_may_resubmit_unchanged_kind_and_parent(self) -> None:
        actions.organisation_update(
            actor=self.org_admin,
            organisation=self.org,
            data={"kind": "administration", "parent": self.district, "short_name": "HÄ sdf"},
        )
        self.org.refresh_from_db()
        self.assertEqual(self.org.short_name, "HÄ sdf")

    def test_a_coordinator_moves_an_organisation(self) -> None:
        actions.organisation_update(
            actor=self.coordinator, organisation=self.other_org, data={"parent": self.district}
        )
        self.other_org.refresh_from_db()
        self.assertEqual(self.other_org.parent, self.district)

    def test_it_refuses_editors_outsiders_and_admins_of_other_organisations(self) -> None:
        for user in (self.editor, self.reader, self.outsider, self.nobody):
            with self.assertRaises(PermissionDenied):
                actions.organisation_update(
                    actor=user, organisation=self.org, data={"phone": "123"}
                )
        with self.assertRaises(PermissionDenied):
            actions.organisation_update(
                actor=self.org_admin, organisation=self.other_org, data={"phone": "123"}
            )
        self.assertFalse(AuditEvent.objects.filter(verb="update").exists())

    def test_it_refuses_a_diary_prefix_another_organisation_uses_whatever_the_case(self) -> None:
        with self.assertRaisesMessage(ValidationError, "används redan av Hägersten-Älvsjö"):
            actions.organisation_update(
                actor=self.coordinator, organisation=self.other_org, data={"diary_prefix": "hä"}
            )
        self.other_org.refresh_from_db()
        self.assertEqual(self.other_org.diary_prefix, "")

    def test_it_refuses_a_diary_prefix_with_odd_characters(self) -> None:
        with self.assertRaisesMessage(ValidationError, "bokstäver, siffror och bindestreck"):
            actions.organisation_update(
                actor=self.org_admin, organisation=self.org, data={"diary_prefix": "HÄ/1"}
            )

    def test_several_organisations_may_have_no_prefix(self) -> None:
        actions.organisation_update(
            actor=self.coordinator, organisation=self.org, data={"diary_prefix": "  "}
        )
        self.org.refresh_from_db()
        self.assertEqual(self.org.diary_prefix, "")

    def test_it_refuses_a_parent_that_belongs_to_the_organisation(self) -> None:
        with self.assertRaisesMessage(ValidationError, "underorganisationer"):
            actions.organisation_update(
                actor=self.coordinator, organisation=self.district, data={"parent": self.org}
            )
        self.district.refresh_from_db()
        self.assertIsNone(self.district.parent)

    def test_it_records_nothing_when_nothing_changed(self) -> None:
        actions.organisation_update(
            actor=self.org_admin, organisation=self.org, data={"diary_prefix": "HÄ"}
        )
        self.assertFalse(AuditEvent.objects.filter(verb="update").exists())

    def test_it_refuses_unknown_fields(self) -> None:
        with self.assertRaises(ValueError):
            actions.organisation_update(
                actor=self.coordinator, organisation=self.org, data={"slug": "annat"}
            )


class DepartmentActionTests(BaseTestCase):
    def test_an_org_admin_adds_renames_and_removes_a_department(self) -> None:
        department = actions.department_create(
            actor=self.org_admin, organisation=self.org, name=" Avdelningen för förskola "
        )
        self.assertEqual(department.name, "Avdelningen för förskola")
        actions.department_update(
            actor=self.org_admin, department=department, name="Avdelningen för förskola och fritid"
        )
        department.refresh_from_db()
        self.assertEqual(department.name, "Avdelningen för förskola och fritid")
        actions.department_delete(actor=self.org_admin, department=department)
        self.assertFalse(Department.objects.filter(pk=department.pk).exists())
        verbs = set(
            AuditEvent.objects.filter(content_type__model="department").values_list(
                "verb", flat=True
            )
        )
        self.assertEqual(verbs, {"create", "update", "delete"})
        # The organisation's own history tells the story too.
        self.assertEqual(
            AuditEvent.objects.filter(
                content_type__model="organisation", object_id=str(self.org.pk)
            ).count(),
            3,
        )

    def test_a_coordinator_may_add_a_department_anywhere(self) -> None:
        actions.department_create(
            actor=self.coordinator, organisation=self.other_org, name="Avdelningen för kultur"
        )
        self.assertTrue(self.other_org.departments.filter(name="Avdelningen för kultur").exists())

    def test_it_refuses_editors_and_outsiders(self) -> None:
        department = DepartmentFactory(organisation=self.org, name="Nämndkansliet")
        for user in (self.editor, self.approver, self.outsider, self.nobody):
            with self.assertRaises(PermissionDenied):
                actions.department_create(actor=user, organisation=self.org, name="Ny")
            with self.assertRaises(PermissionDenied):
                actions.department_update(actor=user, department=department, name="Ny")
            with self.assertRaises(PermissionDenied):
                actions.department_delete(actor=user, department=department)
        self.assertEqual(
            list(self.org.departments.values_list("name", flat=True)), ["Nämndkansliet"]
        )

    def test_it_refuses_an_empty_or_duplicate_name(self) -> None:
        department = DepartmentFactory(organisation=self.org, name="Nämndkansliet")
        other = DepartmentFactory(organisation=self.org, name="Avdelningen för äldreomsorg")
        with self.assertRaisesMessage(ValidationError, "Namnet måste anges"):
            actions.department_create(actor=self.org_admin, organisation=self.org, name="   ")
        with self.assertRaisesMessage(ValidationError, "finns redan en avdelning"):
            actions.department_create(
                actor=self.org_admin, organisation=self.org, name="NÄMNDKANSLIET"
            )
        with self.assertRaisesMessage(ValidationError, "finns redan en avdelning"):
            actions.department_update(actor=self.org_admin, department=other, name=department.name)
        self.assertEqual(self.org.departments.count(), 2)

    def test_the_same_name_may_exist_in_another_organisation(self) -> None:
        DepartmentFactory(organisation=self.org, name="Nämndkansliet")
        actions.department_create(
            actor=self.coordinator, organisation=self.other_org, name="Nämndkansliet"
        )
        self.assertEqual(Department.objects.filter(name="Nämndkansliet").count(), 2)
