"""The audit trail is append-only: no code path changes or removes an event."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from mrplan.collaboration import actions
from mrplan.core import audit
from mrplan.core.models import AppendOnlyError, AuditEvent, AuditPersonalData
from tests.base import BaseTestCase
from tests.factories import UserFactory

NAME = "Testa Kontaktsson"
EMAIL = "testa@example.org"


class AppendOnlyTests(BaseTestCase):
    def setUp(self) -> None:
        self.event = audit.record(actor=self.coordinator, verb="update", instance=self.org)

    def test_an_event_cannot_be_saved_again_or_deleted(self) -> None:
        self.event.message = "Ändrad i efterhand"
        with pytest.raises(AppendOnlyError):
            self.event.save()
        with pytest.raises(AppendOnlyError):
            self.event.delete()
        assert AuditEvent.objects.get(pk=self.event.pk).message == ""

    def test_events_cannot_be_updated_or_deleted_in_bulk(self) -> None:
        with pytest.raises(AppendOnlyError):
            AuditEvent.objects.filter(pk=self.event.pk).update(message="x")
        with pytest.raises(AppendOnlyError):
            AuditEvent.objects.filter(pk=self.event.pk).delete()
        with pytest.raises(AppendOnlyError):
            AuditEvent.objects.bulk_update([self.event], ["message"])
        assert AuditEvent.objects.filter(pk=self.event.pk, message="").exists()

    def test_the_database_refuses_changes_on_postgresql(self) -> None:
        if connection.vendor != "postgresql":
            # SQLite has no such triggers; the Python guards above are what protects it.
            assert not hasattr(connection, "pg_version")
            return
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = 'core_auditevent'::regclass"
            )
            names = {row[0] for row in cursor.fetchall()}
        for name in ("audit_append_only_update", "audit_append_only_delete"):
            assert any(name in found for found in names), names
        for sql in (
            "UPDATE core_auditevent SET message = 'x' WHERE id = %s",
            "DELETE FROM core_auditevent WHERE id = %s",
        ):
            with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as c:
                c.execute(sql, [self.event.pk])
        assert AuditEvent.objects.filter(pk=self.event.pk, message="").exists()

    def test_deleting_a_user_keeps_their_events_under_their_name(self) -> None:
        user = UserFactory(username="tillfallig")
        event = audit.record(actor=user, verb="update", instance=self.org)
        user.delete()
        kept = AuditEvent.objects.get(pk=event.pk)
        assert kept.actor is None
        assert kept.actor_name == "tillfallig"


class PersonalDataInTheTrailTests(BaseTestCase):
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
        cls.contact = actions.contact_create(
            actor=cls.coordinator,
            partner=cls.partner,
            data={"name": NAME, "email": EMAIL, "legal_basis": "consent", "purpose": "Möten"},
        )

    def test_contact_values_live_apart_from_the_event_and_are_erased_without_touching_it(
        self,
    ) -> None:
        event = AuditEvent.objects.get(content_type__model="contactperson", verb="create")
        assert EMAIL not in str(event.changes) and NAME not in event.object_repr
        assert event.shown_changes["email"] == [None, EMAIL]
        assert AuditPersonalData.objects.filter(event=event).exists()
        before = AuditEvent.objects.count()
        response = self.client_for(self.coordinator).post(
            reverse("collaboration-contact-erase", args=[self.contact.pk])
        )
        assert response.status_code == 302
        assert not AuditPersonalData.objects.exists()
        kept = AuditEvent.objects.get(pk=event.pk)
        assert (kept.object_repr, kept.changes) == (event.object_repr, event.changes)
        assert AuditEvent.objects.count() == before + 1  # the erasure itself

    def test_reading_the_contacts_is_logged_with_who_and_which_partner(self) -> None:
        self.client_for(self.reader).get(
            reverse("collaboration-partner-detail", args=[self.partner.pk])
        )
        self.client_for(self.coordinator).get(
            f"/api/v1/collaboration/partners/{self.partner.pk}/contacts"
        )
        reads = AuditEvent.objects.filter(verb="read").order_by("pk")
        assert [(e.actor, e.object_id, e.content_type.model) for e in reads] == [
            (self.reader, str(self.partner.pk), "partner"),
            (self.coordinator, str(self.partner.pk), "partner"),
        ]

    def test_a_partner_page_without_contacts_for_the_reader_logs_nothing(self) -> None:
        self.client_for(self.outsider).get(
            reverse("collaboration-partner-detail", args=[self.partner.pk])
        )
        assert not AuditEvent.objects.filter(verb="read").exists()
