"""Collaboration actions: permissions, validation and the audit trail."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError

from mrplan.collaboration import actions
from mrplan.collaboration.models import (
    Collaboration,
    Dialogue,
    Participation,
    Partner,
    TrainingOffer,
    TrainingSession,
    luhn_ok,
    validate_organisation_number,
)
from mrplan.core.models import AuditEvent
from tests.base import BaseTestCase
from tests.factories import TargetGroupFactory

VALID_NUMBER = "802000-0009"


def partner_data(**overrides):  # type: ignore[no-untyped-def]
    data = {
        "name": "Föreningen Exempel",
        "organisation_number": VALID_NUMBER,
        "kind": "association",
    }
    data.update(overrides)
    return data


class CollaborationActionTestCase(BaseTestCase):
    def make_partner(self, **overrides) -> Partner:  # type: ignore[no-untyped-def]
        return actions.partner_create(
            actor=self.coordinator, data=partner_data(registered_by=self.org, **overrides)
        )

    def collaboration_data(self, partner: Partner, **overrides):  # type: ignore[no-untyped-def]
        data = {
            "title": "Dialogforum mot rasism",
            "organisations": [self.org],
            "partners": [partner],
            "form": "dialogue_forum",
            "start_date": datetime.date(2025, 1, 1),
            "end_date": datetime.date(2025, 12, 31),
            "purpose": "Att lyssna på invånarna.",
        }
        data.update(overrides)
        return data


class PartnerActionTests(CollaborationActionTestCase):
    def test_it_validates_organisation_numbers_with_the_luhn_check(self) -> None:
        assert luhn_ok("8020000009")
        assert not luhn_ok("8020000006")
        validate_organisation_number(VALID_NUMBER)
        for bad in ["802000-0006", "8020000009", "80200-00006", "abcdef-ghij"]:
            with self.assertRaises(ValidationError):
                validate_organisation_number(bad)

    def test_it_creates_a_partner_with_an_audit_event(self) -> None:
        partner = actions.partner_create(
            actor=self.editor, data=partner_data(registered_by=self.org)
        )
        assert AuditEvent.objects.filter(object_id=str(partner.pk), verb="create").exists()

    def test_it_refuses_a_duplicate_organisation_number_in_swedish(self) -> None:
        self.make_partner()
        with self.assertRaises(ValidationError) as caught:
            self.make_partner(name="Annan förening")
        assert "finns redan" in str(caught.exception)
        assert Partner.objects.count() == 1

    def test_it_refuses_a_reader_and_a_user_without_memberships(self) -> None:
        for user in [self.reader, self.nobody]:
            with self.assertRaises(PermissionDenied):
                actions.partner_create(actor=user, data=partner_data())
        assert not Partner.objects.exists()

    def test_it_refuses_registering_for_someone_elses_organisation(self) -> None:
        with self.assertRaises(ValidationError):
            actions.partner_create(actor=self.outsider, data=partner_data(registered_by=self.org))

    def test_only_the_organisations_concerned_edit_a_partner(self) -> None:
        partner = self.make_partner()
        actions.partner_update(actor=self.editor, partner=partner, data={"name": "Nytt namn"})
        with self.assertRaises(PermissionDenied):
            actions.partner_update(actor=self.outsider, partner=partner, data={"name": "X"})
        partner.refresh_from_db()
        assert partner.name == "Nytt namn"


class CollaborationAndDialogueActionTests(CollaborationActionTestCase):
    def test_it_records_a_collaboration(self) -> None:
        partner = self.make_partner()
        collaboration = actions.collaboration_create(
            actor=self.editor, data=self.collaboration_data(partner)
        )
        assert list(collaboration.partners.all()) == [partner]
        assert AuditEvent.objects.filter(object_id=str(collaboration.pk)).exists()

    def test_it_refuses_an_end_before_the_start(self) -> None:
        partner = self.make_partner()
        with self.assertRaises(ValidationError) as caught:
            actions.collaboration_create(
                actor=self.editor,
                data=self.collaboration_data(partner, end_date=datetime.date(2024, 1, 1)),
            )
        assert "Slutdatumet" in str(caught.exception)
        assert not Collaboration.objects.exists()

    def test_it_refuses_a_collaboration_for_organisations_the_actor_does_not_write_for(
        self,
    ) -> None:
        partner = self.make_partner()
        with self.assertRaises(ValidationError):
            actions.collaboration_create(actor=self.outsider, data=self.collaboration_data(partner))
        with self.assertRaises(PermissionDenied):
            actions.collaboration_create(actor=self.reader, data=self.collaboration_data(partner))
        assert not Collaboration.objects.exists()

    def test_it_records_a_dialogue_with_residents_per_target_group(self) -> None:
        group = TargetGroupFactory()
        dialogue = actions.dialogue_create(
            actor=self.editor,
            data={
                "title": "Dialog i Älvsjö",
                "date": datetime.date(2025, 3, 1),
                "organisations": [self.org],
                "raised": "Ni sa",
                "response": "Vi gjorde",
            },
            attendance={group: 12},
        )
        assert dialogue.attendance.get().count == 12

    def test_it_refuses_negative_resident_counts(self) -> None:
        with self.assertRaises(ValidationError):
            actions.dialogue_create(
                actor=self.editor,
                data={
                    "title": "Dialog",
                    "date": datetime.date(2025, 3, 1),
                    "organisations": [self.org],
                    "raised": "Ni sa",
                },
                attendance={TargetGroupFactory(): -1},
            )
        assert not Dialogue.objects.exists()


class TrainingActionTests(BaseTestCase):
    def test_only_coordinators_create_offers(self) -> None:
        data = {"topic": "Rasism och diskriminering", "form": "lecture", "length_hours": 2}
        with self.assertRaises(PermissionDenied):
            actions.training_offer_create(actor=self.editor, data=data)
        offer = actions.training_offer_create(actor=self.coordinator, data=data)
        assert TrainingOffer.objects.get() == offer

    def test_participation_replaces_an_earlier_count_and_refuses_negative_counts(self) -> None:
        offer = actions.training_offer_create(
            actor=self.coordinator, data={"topic": "Ämne", "form": "lecture", "length_hours": 1}
        )
        session = actions.training_session_create(
            actor=self.coordinator,
            data={"offer": offer, "date": datetime.date(2025, 5, 1), "organiser": self.slk},
        )
        for count in [5, 7]:
            actions.participation_record(
                actor=self.editor,
                session=session,
                organisation=self.org,
                staff_group="managers",
                count=count,
            )
        assert Participation.objects.get().count == 7
        with self.assertRaises(ValidationError):
            actions.participation_record(
                actor=self.editor,
                session=session,
                organisation=self.org,
                staff_group="managers",
                count=-1,
            )
        with self.assertRaises(PermissionDenied):
            actions.participation_record(
                actor=self.outsider,
                session=session,
                organisation=self.org,
                staff_group="care",
                count=1,
            )
        assert Participation.objects.get().count == 7
        assert TrainingSession.objects.count() == 1
