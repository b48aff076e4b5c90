"""The diary: numbering cases `<prefix> <year>/<serial>`, unique, never reused, under load."""

import datetime
import threading

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client, TransactionTestCase
from django.urls import reverse

from mrplan.consultations.diary import register_case
from mrplan.consultations.models import Case, DiarySequence
from mrplan.core.models import AuditEvent
from tests.base import BaseTestCase
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

DAY = datetime.date(2024, 5, 17)


class RegisterCaseTests(BaseTestCase):
    def register(self, **kwargs):  # type: ignore[no-untyped-def]
        arguments = {
            "actor": self.editor,
            "organisation": self.org,
            "title": "Remiss om program för mänskliga rättigheter",
            "registered_on": DAY,
        }
        arguments.update(kwargs)
        return register_case(**arguments)

    def test_it_numbers_cases_with_prefix_year_and_serial(self) -> None:
        first = self.register()
        second = self.register(sender="Kommunstyrelsen")
        self.assertEqual(first.diary_number, "HÄ 2024/1")
        self.assertEqual(second.diary_number, "HÄ 2024/2")
        self.assertEqual(second.sender, "Kommunstyrelsen")

    def test_it_starts_each_year_afresh(self) -> None:
        self.register()
        case = self.register(registered_on=datetime.date(2025, 1, 2))
        self.assertEqual(case.diary_number, "HÄ 2025/1")

    def test_it_records_an_audit_event(self) -> None:
        case = self.register()
        event = AuditEvent.objects.get(object_id=str(case.pk), verb="create")
        self.assertEqual(event.actor, self.editor)
        self.assertEqual(event.changes["diary_number"], [None, "HÄ 2024/1"])

    def test_it_registers_an_explicit_number_and_never_reuses_it(self) -> None:
        imported = self.register(diary_number="HÄ 2024/427")
        self.assertEqual((imported.year, imported.serial), (2024, 427))
        self.assertEqual(self.register().diary_number, "HÄ 2024/428")

    def test_it_keeps_the_sequence_when_an_older_number_is_imported(self) -> None:
        self.register(diary_number="HÄ 2024/689")
        self.register(diary_number="HÄ 2024/427")
        self.assertEqual(self.register().diary_number, "HÄ 2024/690")

    def test_it_refuses_a_duplicate_number_and_changes_nothing(self) -> None:
        self.register(diary_number="HÄ 2024/427")
        events = AuditEvent.objects.count()
        with self.assertRaises(ValidationError) as raised:
            self.register(diary_number="HÄ 2024/427", title="Annat ärende")
        self.assertIn("Diarienumret HÄ 2024/427 finns redan", str(raised.exception))
        self.assertEqual(Case.objects.count(), 1)
        self.assertEqual(AuditEvent.objects.count(), events)

    def test_it_refuses_a_number_with_another_prefix(self) -> None:
        with self.assertRaises(ValidationError) as raised:
            self.register(diary_number="KS 2024/5")
        self.assertIn("Diarienumret ska skrivas som HÄ 2024/427", str(raised.exception))
        self.assertFalse(Case.objects.exists())

    def test_it_refuses_an_organisation_without_a_prefix(self) -> None:
        with self.assertRaises(ValidationError) as raised:
            self.register(actor=self.coordinator, organisation=self.other_org)
        self.assertIn("har inget diarieprefix", str(raised.exception))
        self.assertFalse(Case.objects.exists())
        self.assertFalse(DiarySequence.objects.exists())

    def test_it_refuses_an_empty_title(self) -> None:
        with self.assertRaises(ValidationError):
            self.register(title="  ")
        self.assertFalse(Case.objects.exists())

    def test_it_refuses_readers_approvers_and_outsiders(self) -> None:
        for user in (self.reader, self.approver, self.outsider, self.nobody):
            with self.subTest(user=user.username), self.assertRaises(PermissionDenied):
                self.register(actor=user)
        self.assertFalse(Case.objects.exists())

    def test_it_lets_coordinators_and_org_admins_register(self) -> None:
        self.register(actor=self.coordinator)
        self.register(actor=self.org_admin)
        self.assertEqual(Case.objects.count(), 2)


class ConcurrentRegistrationTests(TransactionTestCase):
    """Parallel registrations each get their own serial (PostgreSQL locks; SQLite retries)."""

    THREADS = 8
    PER_THREAD = 5

    def test_parallel_registrations_get_distinct_consecutive_serials(self) -> None:
        organisation = OrganisationFactory(name="Parallella förvaltningen", diary_prefix="PF")
        user = UserFactory(username="parallell")
        MembershipFactory(user=user, organisation=organisation, role="editor")
        errors: list[BaseException] = []
        start = threading.Barrier(self.THREADS)

        def worker(number: int) -> None:
            try:
                start.wait()
                for index in range(self.PER_THREAD):
                    register_case(
                        actor=user,
                        organisation=organisation,
                        title=f"Ärende {number}.{index}",
                        registered_on=DAY,
                    )
            except BaseException as error:  # noqa: BLE001 - reported below
                errors.append(error)
            finally:
                connection.close()

        threads = [threading.Thread(target=worker, args=(n,)) for n in range(self.THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(errors, [])
        total = self.THREADS * self.PER_THREAD
        serials = sorted(
            Case.objects.filter(organisation=organisation).values_list("serial", flat=True)
        )
        self.assertEqual(serials, list(range(1, total + 1)))
        self.assertEqual(DiarySequence.objects.get(organisation=organisation).last_serial, total)
        numbers = set(Case.objects.values_list("diary_number", flat=True))
        self.assertEqual(len(numbers), total)

    def test_parallel_requests_to_the_register_page_get_distinct_serials(self) -> None:
        organisation = OrganisationFactory(name="Parallella kontoret", diary_prefix="PK")
        user = UserFactory(username="parallell.webb")
        MembershipFactory(user=user, organisation=organisation, role="editor")
        url = reverse("consultations-case-create", args=[organisation.slug])
        clients = []
        for _number in range(4):
            client = Client()
            client.force_login(user)
            clients.append(client)
        statuses: list[int] = []
        start = threading.Barrier(len(clients))

        def worker(client: Client, number: int) -> None:
            try:
                start.wait()
                for index in range(3):
                    response = client.post(
                        url,
                        {"title": f"Skrivelse {number}.{index}", "registered_on": "2024-05-17"},
                    )
                    statuses.append(response.status_code)
            finally:
                connection.close()

        threads = [
            threading.Thread(target=worker, args=(client, n)) for n, client in enumerate(clients)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(statuses, [302] * 12)
        serials = sorted(
            Case.objects.filter(organisation=organisation).values_list("serial", flat=True)
        )
        self.assertEqual(serials, list(range(1, 13)))
