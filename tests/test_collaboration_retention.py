"""The retention job: contact persons unused past the review and grace periods are deleted."""

import datetime
from io import StringIO

from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from mrplan.collaboration import actions
from mrplan.collaboration.models import ContactPerson
from mrplan.core.models import AuditEvent, AuditPersonalData
from tests.base import BaseTestCase


@override_settings(COLLABORATION_CONTACT_REVIEW_DAYS=365, COLLABORATION_CONTACT_RETENTION_DAYS=90)
class RetentionTests(BaseTestCase):
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

    def contact(self, name: str, days_unused: int) -> ContactPerson:
        contact = actions.contact_create(
            actor=self.coordinator,
            partner=self.partner,
            data={
                "name": name,
                "email": f"{name}@example.org",
                "legal_basis": "consent",
                "purpose": "Möten",
            },
        )
        used = timezone.now() - datetime.timedelta(days=days_unused)
        ContactPerson.objects.filter(pk=contact.pk).update(last_used_at=used)
        return contact

    def test_it_deletes_contacts_unused_past_review_and_grace_and_keeps_the_rest(self) -> None:
        gone = self.contact("gammal", 365 + 91)
        in_review = self.contact("granskas", 365 + 10)
        fresh = self.contact("aktuell", 10)
        out = StringIO()
        call_command("purge_contacts", stdout=out)
        assert set(ContactPerson.objects.values_list("pk", flat=True)) == {in_review.pk, fresh.pk}
        assert "1" in out.getvalue()
        event = AuditEvent.objects.get(verb="delete", object_id=str(gone.pk))
        assert event.actor_name == "system"
        assert "gammal@example.org" not in str(event.changes) + event.object_repr + event.message
        assert not AuditPersonalData.objects.filter(event__object_id=str(gone.pk)).exists()

    def test_a_dry_run_deletes_nothing(self) -> None:
        self.contact("gammal", 365 + 91)
        out = StringIO()
        call_command("purge_contacts", "--dry-run", stdout=out)
        assert ContactPerson.objects.count() == 1
        assert "Föreningen Exempel" in out.getvalue()
