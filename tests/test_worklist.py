"""Mina uppgifter: each person's work across consultations and planning, with due dates."""

import datetime

from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from mrplan.consultations.models import ConsultationStatus, StatementStatus
from mrplan.planning import actions
from mrplan.planning.models import ReportStatus
from tests.consultations_support import make_case, make_consultation, make_statement
from tests.test_planning_support import PlanningTestCase

URL = "/mina-uppgifter/"


class WorklistTests(PlanningTestCase):
    def titles(self, user, key: str) -> list[str]:  # type: ignore[no-untyped-def]
        response = self.client_for(user).get(URL)
        assert response.status_code == 200
        [section] = [s for s in response.context["sections"] if s.key == key]
        return [task.title for task in section.tasks]

    def remiss(self, title: str, days: int):  # type: ignore[no-untyped-def]
        consultation = make_consultation(
            self.slk,
            [self.district],
            status=ConsultationStatus.SENT,
            title=title,
            deadline=timezone.localdate() + datetime.timedelta(days=days),
        )
        recipient = consultation.recipients.get()
        recipient.preparing_organisation = self.org
        recipient.save()
        return consultation

    def test_anonymous_visitors_are_sent_to_sign_in(self) -> None:
        response = self.client_for(None).get(URL)
        assert response.status_code == 302 and "/logga-in/" in response["Location"]

    def test_editors_see_remisser_their_forvaltning_prepares_soonest_first(self) -> None:
        self.remiss("Senare remiss", 30)
        self.remiss("Tidigare remiss", 5)
        assert self.titles(self.editor, "remisser") == ["Tidigare remiss", "Senare remiss"]
        assert self.titles(self.org_admin, "remisser") == ["Tidigare remiss", "Senare remiss"]
        # Not another organisation's editor, not a reader, not someone without a role.
        for user in (self.outsider, self.reader, self.nobody):
            assert self.titles(user, "remisser") == []

    def test_an_overdue_task_says_so_in_words(self) -> None:
        self.remiss("Försenad remiss", -3)
        page = self.client_for(self.editor).get(URL).content.decode()
        assert "Försenad: skulle vara klar" in page

    def test_an_approver_sees_a_statement_only_when_it_is_their_turn(self) -> None:
        case = make_case(self.org, 701)
        statement = make_statement(case, approvers=[self.approver, self.org_admin], approved=False)
        statement.status = StatementStatus.IN_APPROVAL
        statement.save()
        assert self.titles(self.approver, "attest") == [statement.title]
        assert self.titles(self.org_admin, "attest") == []  # second in the order: not yet

    def test_editors_see_reports_to_write_and_coordinators_reports_to_review(self) -> None:
        self.make_goal()
        draft = self.make_report("T1")
        assert self.titles(self.editor, "rapporter") == [
            f"{self.org.name}: {draft.action_plan.title}"
        ]
        assert self.titles(self.outsider, "rapporter") == []
        submitted = self.make_report("T2", status=ReportStatus.SUBMITTED)
        assert self.titles(self.coordinator, "granska") == [
            f"{self.org.name}: {submitted.action_plan.title}"
        ]
        assert self.titles(self.editor, "granska") == []

    @override_settings(MRPLAN_READER_CACHE_SECONDS=0)  # the selectors' own cost
    def test_the_page_costs_the_same_queries_for_little_and_much_work(self) -> None:
        client = self.client_for(self.editor)
        self.remiss("En", 5)
        client.get(URL)
        with self.assertNumQueries(8) as few:  # session, user, roles, one per section
            client.get(URL)
        for number in range(6):
            self.remiss(f"Remiss {number}", number + 1)
            make_statement(make_case(self.org, 800 + number))
        with self.assertNumQueries(len(few.captured_queries)):
            response = client.get(URL)
        assert len(response.context["sections"][0].tasks) == 7

    def test_it_is_linked_for_signed_in_users_and_speaks_english(self) -> None:
        page = self.client_for(self.editor).get(reverse("core-home")).content.decode()
        assert f'href="{URL}"' in page
        english = self.client_for(self.editor).get("/en" + URL).content.decode()
        assert "My tasks" in english and "Consultations to answer" in english

    # The page's body is cached per reader (accounts/reader_cache.py); new work shows at once.

    @override_settings(MRPLAN_READER_CACHE_SECONDS=300)
    def test_a_second_visit_costs_the_same_few_queries_for_little_and_much_work(self) -> None:
        client = self.client_for(self.editor)
        self.remiss("En", 5)
        client.get(URL)
        with self.assertNumQueries(3):  # session, user, roles: the body is cached
            client.get(URL)
        for number in range(6):
            self.remiss(f"Remiss {number}", number + 1)
        assert "Remiss 5" in client.get(URL).content.decode()  # rendered again
        with self.assertNumQueries(3):
            assert "Remiss 5" in client.get(URL).content.decode()

    @override_settings(MRPLAN_READER_CACHE_SECONDS=300)
    def test_a_report_written_and_sent_through_the_actions_shows_at_once(self) -> None:
        client = self.client_for(self.editor)
        self.make_goal()
        client.get(URL)
        assert "Inga rapporter att skriva" in client.get(URL).content.decode()
        report = actions.report_create(
            actor=self.editor,
            organisation=self.org,
            action_plan=self.action_plan,
            period=self.periods["T1"],
        )
        page = client.get(URL).content.decode()
        assert report.get_absolute_url() in page
        client.get(URL)
        actions.report_submit(actor=self.editor, report=report)
        page = client.get(URL).content.decode()
        assert report.get_absolute_url() not in page
        assert "Inga rapporter att skriva" in page

    @override_settings(MRPLAN_READER_CACHE_SECONDS=300)
    def test_each_reader_sees_their_own_work(self) -> None:
        self.make_goal()
        report = self.make_report("T1")
        assert report.get_absolute_url() in self.client_for(self.editor).get(URL).content.decode()
        self.client_for(self.editor).get(URL)
        assert report.get_absolute_url() not in (
            self.client_for(self.outsider).get(URL).content.decode()
        )
