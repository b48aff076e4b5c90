"""The permission helpers: who sees and changes consultations, recipients, cases, statements."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from mrplan.consultations import permissions
from mrplan.consultations.models import ConsultationStatus
from tests.base import BaseTestCase
from tests.consultations_support import make_case, make_consultation, make_statement
from tests.factories import OrganisationFactory

READ, FORBIDDEN, HIDDEN = "read", "403", "404"


class PermissionHelperTests(BaseTestCase):
    def request_for(self, user):  # type: ignore[no-untyped-def]
        request = RequestFactory().get("/")
        request.user = user or AnonymousUser()
        return request

    def outcome(self, getter, user, pk, *, write: bool) -> str:  # type: ignore[no-untyped-def]
        try:
            getter(self.request_for(user), pk, write=write)
        except Http404:
            return HIDDEN
        except PermissionDenied:
            return FORBIDDEN
        return READ

    def assert_matrix(self, getter, pk, expected):  # type: ignore[no-untyped-def]
        for name, (read, write) in expected.items():
            user = getattr(self, name) if name != "anonymous" else None
            with self.subTest(user=name):
                self.assertEqual(self.outcome(getter, user, pk, write=False), read)
                self.assertEqual(self.outcome(getter, user, pk, write=True), write)

    def test_statements_are_read_by_members_and_written_by_editors(self) -> None:
        statement = make_statement(make_case(self.org, 689), approvers=[self.approver])
        self.assert_matrix(
            permissions.get_statement_for_user,
            statement.pk,
            {
                "coordinator": (READ, READ),
                "org_admin": (READ, READ),
                "editor": (READ, READ),
                "approver": (READ, FORBIDDEN),
                "reader": (READ, FORBIDDEN),
                "outsider": (HIDDEN, HIDDEN),
                "nobody": (HIDDEN, HIDDEN),
                "anonymous": (HIDDEN, HIDDEN),
            },
        )

    def test_cases_follow_the_same_rules(self) -> None:
        case = make_case(self.org, 427)
        self.assert_matrix(
            permissions.get_case_for_user,
            case.pk,
            {
                "coordinator": (READ, READ),
                "editor": (READ, READ),
                "reader": (READ, FORBIDDEN),
                "outsider": (HIDDEN, HIDDEN),
                "anonymous": (HIDDEN, HIDDEN),
            },
        )

    def test_consultations_are_managed_by_coordinators_and_seen_by_recipients(self) -> None:
        ks = OrganisationFactory(name="Kommunstyrelsen", kind="executive_board")
        sent = make_consultation(ks, [self.org], status=ConsultationStatus.SENT)
        self.assert_matrix(
            permissions.get_consultation_for_user,
            sent.pk,
            {
                "coordinator": (READ, READ),
                "editor": (READ, FORBIDDEN),
                "reader": (READ, FORBIDDEN),
                "outsider": (HIDDEN, HIDDEN),
                "anonymous": (HIDDEN, HIDDEN),
            },
        )
        draft = make_consultation(ks, [self.org], title="Utkast")
        self.assertEqual(
            self.outcome(permissions.get_consultation_for_user, self.editor, draft.pk, write=False),
            HIDDEN,
        )

    def test_recipients_are_declined_by_their_own_writers_or_a_coordinator(self) -> None:
        ks = OrganisationFactory(name="Kommunstyrelsen", kind="executive_board")
        recipient = make_consultation(ks, [self.org], status="sent").recipients.get()
        self.assert_matrix(
            permissions.get_recipient_for_user,
            recipient.pk,
            {
                # A coordinator records a decline on the recipient's behalf (issue 10).
                "coordinator": (READ, READ),
                "editor": (READ, READ),
                "org_admin": (READ, READ),
                "approver": (READ, FORBIDDEN),
                "outsider": (HIDDEN, HIDDEN),
                "anonymous": (HIDDEN, HIDDEN),
            },
        )

    def test_malformed_keys_are_not_found(self) -> None:
        for key in ("abc", "-1", "1" * 30, ""):
            with self.subTest(key=key):
                self.assertEqual(
                    self.outcome(
                        permissions.get_statement_for_user, self.coordinator, key, write=False
                    ),
                    HIDDEN,
                )
