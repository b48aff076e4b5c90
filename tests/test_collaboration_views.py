"""Collaboration pages: partners, collaborations, dialogues, material, training and the overview."""

import datetime
import re
import tempfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from mrplan.collaboration import actions
from mrplan.collaboration.models import (
    Collaboration,
    Dialogue,
    Material,
    Participation,
    Partner,
    TrainingOffer,
)
from mrplan.core.models import AuditEvent
from tests.base import BaseTestCase
from tests.factories import TargetGroupFactory

NUMBER = "802000-0009"
OTHER_NUMBER = "802400-1235"


class CollaborationViewTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.group = TargetGroupFactory(name="Unga")
        cls.partner = actions.partner_create(
            actor=cls.coordinator,
            data={
                "name": "Föreningen Exempel",
                "organisation_number": NUMBER,
                "kind": "association",
                "registered_by": cls.org,
                "target_groups": [cls.group],
            },
        )
        cls.contact = actions.contact_create(
            actor=cls.coordinator,
            partner=cls.partner,
            data={
                "name": "Testa Kontaktsson",
                "email": "testa@example.org",
                "legal_basis": "public_task",
                "purpose": "Kallelser till dialogmöten",
            },
        )


class PartnerViewTests(CollaborationViewTestCase):
    def test_it_lists_partners_to_signed_in_users_in_fixed_queries(self) -> None:
        for n, number in enumerate(["802500-0012", "802510-0028", "802520-0034"]):
            actions.partner_create(
                actor=self.coordinator,
                data={"name": f"Partner {n}", "organisation_number": number, "kind": "foundation"},
            )
        client = self.client_for(self.reader)
        with self.assertNumQueries(7):
            response = client.get(reverse("collaboration-partner-list"))
        assert response.status_code == 200
        self.assertContains(response, "Föreningen Exempel")
        assert "Testa Kontaktsson" not in response.content.decode()

    def test_it_sends_anonymous_visitors_to_the_login_page(self) -> None:
        for name, args in [
            ("collaboration-partner-list", []),
            ("collaboration-partner-detail", [self.partner.pk]),
        ]:
            response = self.client_for(None).get(reverse(name, args=args))
            assert response.status_code == 302
            assert "/konto/logga-in/" in response["Location"]

    def test_it_shows_contacts_only_to_the_organisations_concerned(self) -> None:
        url = reverse("collaboration-partner-detail", args=[self.partner.pk])
        for user in [self.reader, self.coordinator]:
            self.assertContains(self.client_for(user).get(url), "testa@example.org")
        assert self.client_for(self.nobody).get(url).status_code == 403
        for user in [self.outsider]:
            response = self.client_for(user).get(url)
            assert response.status_code == 200
            assert "Testa Kontaktsson" not in response.content.decode()
            assert "testa@example.org" not in response.content.decode()

    def test_it_answers_404_for_a_missing_partner(self) -> None:
        response = self.client_for(self.reader).get(
            reverse("collaboration-partner-detail", args=[9999])
        )
        assert response.status_code == 404

    def test_an_editor_registers_a_partner(self) -> None:
        response = self.client_for(self.editor).post(
            reverse("collaboration-partner-create"),
            {
                "name": "Ny förening",
                "organisation_number": OTHER_NUMBER,
                "kind": "association",
                "registered_by": self.org.pk,
            },
        )
        partner = Partner.objects.get(organisation_number=OTHER_NUMBER)
        self.assertRedirects(response, partner.get_absolute_url())
        assert AuditEvent.objects.filter(object_id=str(partner.pk), verb="create").exists()

    def test_it_links_a_duplicate_to_the_existing_partner(self) -> None:
        response = self.client_for(self.editor).post(
            reverse("collaboration-partner-create"),
            {
                "name": "Dubblett",
                "organisation_number": NUMBER,
                "kind": "association",
                "registered_by": self.org.pk,
            },
        )
        assert response.status_code == 400
        self.assertContains(
            response, "Det finns redan en partner med det organisationsnumret", status_code=400
        )
        self.assertContains(response, self.partner.get_absolute_url(), status_code=400)
        assert Partner.objects.count() == 1

    def test_it_refuses_a_bad_organisation_number_in_swedish(self) -> None:
        response = self.client_for(self.editor).post(
            reverse("collaboration-partner-create"),
            {
                "name": "Fel",
                "organisation_number": "802000-0006",
                "kind": "association",
                "registered_by": self.org.pk,
            },
        )
        self.assertContains(response, "kontrollsiffran stämmer inte", status_code=400)
        assert Partner.objects.count() == 1

    def test_it_refuses_the_create_form_to_a_reader(self) -> None:
        response = self.client_for(self.reader).get(reverse("collaboration-partner-create"))
        assert response.status_code == 403

    def test_an_outsider_may_not_edit_the_partner(self) -> None:
        url = reverse("collaboration-partner-edit", args=[self.partner.pk])
        assert self.client_for(self.outsider).get(url).status_code == 403
        assert self.client_for(self.editor).get(url).status_code == 200


class CollaborationAndDialogueViewTests(CollaborationViewTestCase):
    def collaboration_post(self, **overrides):  # type: ignore[no-untyped-def]
        data = {
            "title": "Referensgrupp för unga",
            "organisations": [self.org.pk],
            "partners": [self.partner.pk],
            "form": "reference_group",
            "start_date": "2025-01-01",
            "end_date": "2025-12-31",
            "purpose": "Unga påverkar.",
        }
        data.update(overrides)
        return data

    def test_an_editor_records_a_collaboration(self) -> None:
        response = self.client_for(self.editor).post(
            reverse("collaboration-collaboration-create"), self.collaboration_post()
        )
        collaboration = Collaboration.objects.get()
        self.assertRedirects(response, collaboration.get_absolute_url())
        self.assertContains(
            self.client_for(self.reader).get(collaboration.get_absolute_url()),
            "Referensgrupp för unga",
        )

    def test_it_refuses_dates_out_of_order_and_unknown_organisations(self) -> None:
        client = self.client_for(self.editor)
        url = reverse("collaboration-collaboration-create")
        response = client.post(url, self.collaboration_post(end_date="2024-01-01"))
        self.assertContains(
            response, "Slutdatumet kan inte vara före startdatumet", status_code=400
        )
        response = client.post(url, self.collaboration_post(organisations=[99999]))
        assert response.status_code == 400
        assert "Välj ett giltigt alternativ" in response.content.decode()
        assert not Collaboration.objects.exists()

    def test_it_refuses_a_reader(self) -> None:
        response = self.client_for(self.reader).post(
            reverse("collaboration-collaboration-create"), self.collaboration_post()
        )
        assert response.status_code == 403
        assert not Collaboration.objects.exists()

    def test_it_lists_collaborations_in_fixed_queries(self) -> None:
        for n in range(3):
            actions.collaboration_create(
                actor=self.editor,
                data={
                    "title": f"Samarbete {n}",
                    "organisations": [self.org],
                    "partners": [self.partner],
                    "form": "grant",
                    "start_date": datetime.date(2025, 1, 1),
                    "purpose": "Syfte",
                },
            )
        client = self.client_for(self.reader)
        with self.assertNumQueries(9):
            response = client.get(reverse("collaboration-collaboration-list"))
        self.assertContains(response, "Samarbete 2")

    def test_an_editor_records_a_dialogue_with_residents(self) -> None:
        response = self.client_for(self.editor).post(
            reverse("collaboration-dialogue-create"),
            {
                "title": "Dialog med unga",
                "date": "2025-04-01",
                "organisations": [self.org.pk],
                "partners": [self.partner.pk],
                "raised": "Fler mötesplatser.",
                "response": "Vi öppnade en fritidsgård.",
                "group_1": self.group.pk,
                "count_1": "15",
            },
        )
        dialogue = Dialogue.objects.get()
        self.assertRedirects(response, dialogue.get_absolute_url())
        page = self.client_for(self.reader).get(dialogue.get_absolute_url())
        self.assertContains(page, "Vi gjorde")
        self.assertContains(page, "Unga: 15")

    def test_it_refuses_a_negative_resident_count(self) -> None:
        response = self.client_for(self.editor).post(
            reverse("collaboration-dialogue-create"),
            {
                "title": "Dialog",
                "date": "2025-04-01",
                "organisations": [self.org.pk],
                "raised": "Något",
                "group_1": self.group.pk,
                "count_1": "-3",
            },
        )
        self.assertContains(response, "Antalet invånare kan inte vara negativt", status_code=400)
        assert not Dialogue.objects.exists()

    def test_it_lists_dialogues_in_fixed_queries(self) -> None:
        for n in range(3):
            actions.dialogue_create(
                actor=self.editor,
                data={
                    "title": f"Dialog {n}",
                    "date": datetime.date(2025, 1, n + 1),
                    "organisations": [self.org],
                    "raised": "x",
                },
                attendance={self.group: n + 1},
            )
        client = self.client_for(self.reader)
        with self.assertNumQueries(9):
            response = client.get(reverse("collaboration-dialogue-list"))
        self.assertContains(response, "Svar saknas")


@override_settings(MEDIA_ROOT=tempfile.mkdtemp(prefix="mrplan-collaboration-"))
class MaterialViewTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.public = actions.material_create(
            actor=cls.coordinator,
            data={
                "title": "Öppen broschyr",
                "audience": "public",
                "language": "sv",
                "url": "https://example.org/a",
                "is_public": True,
            },
        )
        cls.internal = actions.material_create(
            actor=cls.coordinator,
            data={
                "title": "Intern handledning",
                "audience": "staff",
                "language": "sv",
                "url": "https://example.org/b",
            },
        )

    def test_anonymous_visitors_see_only_public_material(self) -> None:
        client = self.client_for(None)
        response = client.get("/samverkan/material/")
        self.assertContains(response, "Öppen broschyr")
        assert "Intern handledning" not in response.content.decode()
        assert client.get(self.public.get_absolute_url()).status_code == 200
        assert client.get(self.internal.get_absolute_url()).status_code == 302

    def test_signed_in_users_see_and_filter_all_material_in_fixed_queries(self) -> None:
        client = self.client_for(self.reader)
        with self.assertNumQueries(6):
            response = client.get(
                reverse("collaboration-material-list"), {"malgrupp_for_materialet": "staff"}
            )
        self.assertContains(response, "Intern handledning")
        assert "Öppen broschyr" not in response.content.decode()

    def test_only_coordinators_add_material(self) -> None:
        url = reverse("collaboration-material-create")
        assert self.client_for(self.editor).get(url).status_code == 403
        response = self.client_for(self.coordinator).post(
            url,
            {
                "title": "Ny PDF",
                "audience": "staff",
                "language": "sv",
                "file": SimpleUploadedFile(
                    "a.pdf", b"%PDF-1.4 test", content_type="application/pdf"
                ),
            },
        )
        assert response.status_code == 302
        material = Material.objects.get(title="Ny PDF")
        # Stored under a random name; the name people gave it comes back on download.
        assert re.fullmatch(r"collaboration/material/[0-9a-f]{32}\.pdf", material.file.name)
        assert material.original_name == "a.pdf"
        download = self.client_for(self.reader).get(
            reverse("collaboration-material-file", args=[material.pk])
        )
        assert 'filename="a.pdf"' in download["Content-Disposition"]

    def test_it_refuses_uploads_of_the_wrong_type(self) -> None:
        client = self.client_for(self.coordinator)
        url = reverse("collaboration-material-create")
        for upload, message in [
            (SimpleUploadedFile("a.exe", b"MZ..."), "Filändelsen"),
            (SimpleUploadedFile("a.pdf", b"not a pdf"), "stämmer inte med filändelsen"),
        ]:
            response = client.post(
                url, {"title": "Fel", "audience": "staff", "language": "sv", "file": upload}
            )
            self.assertContains(response, message, status_code=400)
        response = client.post(url, {"title": "Fel", "audience": "staff", "language": "sv"})
        self.assertContains(response, "Ladda upp en fil eller ange en länk", status_code=400)
        assert not Material.objects.filter(title="Fel").exists()


class TrainingAndOverviewViewTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.offer = actions.training_offer_create(
            actor=cls.coordinator,
            data={"topic": "Antirasism i praktiken", "form": "workshop", "length_hours": 3},
        )
        cls.session = actions.training_session_create(
            actor=cls.coordinator,
            data={"offer": cls.offer, "date": datetime.date(2025, 9, 1), "organiser": cls.slk},
        )

    def test_an_editor_records_participation_and_the_reach_updates(self) -> None:
        overview = self.client_for(self.coordinator).get(reverse("collaboration-overview"))
        self.assertContains(overview, "Inget deltagande i utbildningar är registrerat")
        self.assertContains(overview, self.org.name)
        response = self.client_for(self.editor).post(
            self.session.get_absolute_url(),
            {"organisation": self.org.pk, "staff_group": "managers", "count": "8"},
        )
        self.assertRedirects(response, self.session.get_absolute_url())
        overview = self.client_for(self.coordinator).get(reverse("collaboration-overview"))
        # Three trained organisations in the base city: SLK and two administrations.
        self.assertContains(overview, "33 % (1 av 3)")
        self.assertContains(overview, "Chefer")

    def test_it_refuses_a_negative_count(self) -> None:
        response = self.client_for(self.editor).post(
            self.session.get_absolute_url(),
            {"organisation": self.org.pk, "staff_group": "managers", "count": "-1"},
        )
        self.assertContains(response, "Antalet deltagare kan inte vara negativt", status_code=400)
        assert not Participation.objects.exists()

    def test_a_reader_may_not_record_participation(self) -> None:
        response = self.client_for(self.reader).post(
            self.session.get_absolute_url(),
            {"organisation": self.org.pk, "staff_group": "managers", "count": "1"},
        )
        assert response.status_code == 403
        assert not Participation.objects.exists()

    def test_only_coordinators_see_the_overview(self) -> None:
        assert (
            self.client_for(self.editor).get(reverse("collaboration-overview")).status_code == 403
        )
        assert self.client_for(None).get(reverse("collaboration-overview")).status_code == 302

    def test_the_training_page_lists_offers_and_sessions(self) -> None:
        response = self.client_for(self.reader).get(reverse("collaboration-training"))
        self.assertContains(response, "Antirasism i praktiken")
        assert TrainingOffer.objects.count() == 1
