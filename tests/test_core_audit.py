from django.core.exceptions import ValidationError

from mrplan.core.actions import delete_audited, save_audited
from mrplan.core.models import AuditEvent
from mrplan.organisations.models import Department
from tests.base import BaseTestCase


class SaveAuditedTests(BaseTestCase):
    def test_it_records_a_creation_and_each_changed_field_before_and_after(self) -> None:
        department = save_audited(
            Department(organisation=self.org), actor=self.editor, data={"name": "Förskola"}
        )
        save_audited(department, actor=self.editor, data={"name": "Avdelningen för förskola"})
        events = list(AuditEvent.objects.filter(object_id=str(department.pk)).order_by("id"))
        self.assertEqual([e.verb for e in events], ["create", "update"])
        self.assertEqual(events[0].changes, {"name": [None, "Förskola"]})
        self.assertEqual(events[1].changes, {"name": ["Förskola", "Avdelningen för förskola"]})
        self.assertEqual(events[1].actor, self.editor)

    def test_it_writes_nothing_when_nothing_changed(self) -> None:
        department = save_audited(
            Department(organisation=self.org), actor=self.editor, data={"name": "Förskola"}
        )
        save_audited(department, actor=self.editor, data={"name": "Förskola"})
        self.assertEqual(AuditEvent.objects.filter(object_id=str(department.pk)).count(), 1)

    def test_it_writes_nothing_for_invalid_data(self) -> None:
        with self.assertRaises(ValidationError):
            save_audited(Department(organisation=self.org), actor=self.editor, data={"name": ""})
        self.assertFalse(Department.objects.exists())
        self.assertFalse(AuditEvent.objects.exists())

    def test_it_records_a_deletion(self) -> None:
        department = Department.objects.create(organisation=self.org, name="Förskola")
        delete_audited(department, actor=self.coordinator)
        self.assertFalse(Department.objects.exists())
        event = AuditEvent.objects.get()
        self.assertEqual((event.verb, event.object_repr), ("delete", "Förskola"))
