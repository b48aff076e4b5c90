from django.test import TestCase

from mrplan.core.models import AuditEvent
from mrplan.organisations.demo import DEMO_SLUGS, demo_organisation, load_organisations
from mrplan.organisations.models import Department, Organisation


class LoadOrganisationsTests(TestCase):
    def test_it_creates_stockholms_organisations(self) -> None:
        load_organisations()
        districts = Organisation.objects.filter(kind="district_committee")
        self.assertEqual(districts.count(), 11)
        for district in districts:
            children = list(district.children.all())
            self.assertEqual(len(children), 1, district)
            self.assertEqual(children[0].kind, "administration")
            self.assertEqual(
                children[0].name, district.name.replace("stadsdelsnämnd", "stadsdelsförvaltning")
            )
        specialists = Organisation.objects.filter(kind="specialist_committee")
        self.assertGreaterEqual(specialists.count(), 8)
        for committee in specialists:
            self.assertEqual(committee.children.filter(kind="administration").count(), 1)
        self.assertTrue(
            Organisation.objects.filter(name="Trafikkontoret", parent__name="Trafiknämnden")
        )
        holding = Organisation.objects.get(name="Stockholms Stadshus AB")
        self.assertGreaterEqual(holding.children.filter(kind="company_board").count(), 6)
        self.assertTrue(holding.children.filter(name="AB Svenska Bostäder").exists())
        slk = Organisation.objects.get(slug="stadsledningskontoret")
        self.assertEqual((slk.kind, slk.parent.name), ("coordinating_office", "Kommunstyrelsen"))
        self.assertEqual(Organisation.objects.get(kind="council").name, "Kommunfullmäktige")

    def test_hagersten_alvsjo_has_its_prefix_address_and_departments(self) -> None:
        load_organisations()
        ha = demo_organisation("district_administration")
        self.assertEqual(ha.name, "Hägersten-Älvsjö stadsdelsförvaltning")
        self.assertEqual(ha.slug, "hagersten-alvsjo-stadsdelsforvaltning")
        self.assertEqual(ha.diary_prefix, "HÄ")
        self.assertEqual(ha.address, "Kungsklippan 6, 112 25 Stockholm")
        self.assertEqual(ha.parent.name, "Hägersten-Älvsjö stadsdelsnämnd")
        self.assertEqual(ha.departments.count(), 5)
        self.assertTrue(ha.departments.filter(name="Nämndkansliet").exists())
        # Only HÄ is a confirmed prefix.
        self.assertEqual(Organisation.objects.exclude(diary_prefix="").count(), 1)

    def test_every_organisation_is_valid_and_every_demo_slug_exists(self) -> None:
        load_organisations()
        for organisation in Organisation.objects.all():
            organisation.full_clean()
        for key in DEMO_SLUGS:
            self.assertTrue(demo_organisation(key).pk)
        self.assertEqual(demo_organisation("coordinating_office").kind, "coordinating_office")

    def test_it_is_idempotent(self) -> None:
        load_organisations()
        counts = (Organisation.objects.count(), Department.objects.count())
        load_organisations()
        self.assertEqual((Organisation.objects.count(), Department.objects.count()), counts)
        self.assertFalse(AuditEvent.objects.exists())
