"""The plan page's cached body (accounts/reader_cache.py): every write shows at once."""

import datetime
import re
from typing import Any
from unittest import mock

from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from mrplan.accounts.models import Membership, Role
from mrplan.accounts.reader_cache import TOKEN_PLACEHOLDER
from mrplan.planning import actions
from mrplan.planning.actions.reports import ActivityUpdateInput
from mrplan.planning.exports import activity_columns
from mrplan.planning.models import Activity, Goal
from mrplan.public import actions as public_actions
from tests.test_planning_import import ImportTestCase, xlsx


class CountQueries:
    """Count the queries run inside the block (the debug query log is capped at 9,000)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        self.count += 1
        return execute(sql, params, many, context)

    def __enter__(self) -> "CountQueries":
        self._wrapper = connection.execute_wrapper(self)
        self._wrapper.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._wrapper.__exit__(*exc)

    def __len__(self) -> int:
        return self.count


CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')


@override_settings(MRPLAN_READER_CACHE_SECONDS=300)
class PlanCacheTests(ImportTestCase):
    """ImportTestCase gives a goal with one activity in the organisation's 2026 plan."""

    def plan_url(self) -> str:
        return reverse("planning-plan", args=[self.org.slug, 2026])

    def page(self, client: Client) -> str:
        response = client.get(self.plan_url())
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def cached_page(self, client: Client) -> str:
        """Get the page twice, so that the second answer comes from the cache."""
        first = self.page(client)
        with CountQueries() as queries:
            second = self.page(client)
        self.assertLess(len(queries), 8, "the second request should be a cache hit")
        self.assertEqual(_without_tokens(first), _without_tokens(second))
        return second

    def test_a_second_request_is_answered_from_the_cache_with_the_same_page(self) -> None:
        client = self.client_for(self.editor)
        self.assertIn("Utbildning för alla chefer", self.cached_page(client))

    def test_a_hit_costs_the_same_queries_for_a_small_and_a_large_plan(self) -> None:
        client = self.client_for(self.editor)
        self.page(client)
        with CountQueries() as small:
            self.page(client)
        for number in range(15):
            goal = self.make_goal(title=f"Mål {number}")
            for half in ("a", "b"):
                self.make_activity(goal, title=f"Aktivitet {number}{half}")
            self.make_indicator(goal, name=f"Indikator {number}")
        self.page(client)
        with CountQueries() as large:
            self.assertIn("Aktivitet 14b", self.page(client))
        self.assertEqual(len(large), len(small))
        self.assertLess(len(small), 8)

    def test_a_goal_changed_through_its_action_shows_at_once(self) -> None:
        client = self.client_for(self.editor)
        self.cached_page(client)
        actions.goal_update(actor=self.editor, goal=self.goal, data={"title": "Nytt måltitel"})
        self.assertIn("Nytt måltitel", self.page(client))

    def test_an_activity_changed_through_its_action_shows_at_once(self) -> None:
        client = self.client_for(self.editor)
        self.cached_page(client)
        actions.activity_update(
            actor=self.editor,
            activity=self.activity,
            data={"title": "Omdöpt aktivitet", "progress": 85},
            version=self.activity.version,
        )
        page = self.page(client)
        self.assertIn("Omdöpt aktivitet", page)
        self.assertIn("85 %", page)

    def test_new_and_deleted_rows_show_at_once(self) -> None:
        client = self.client_for(self.editor)
        self.cached_page(client)
        indicator = actions.indicator_create(
            actor=self.editor, goal=self.goal, data={"name": "Andel nöjda deltagare"}
        )
        self.assertIn("Andel nöjda deltagare", self.page(client))
        actions.indicator_delete(actor=self.editor, indicator=indicator)
        self.assertNotIn("Andel nöjda deltagare", self.page(client))

    def test_a_new_report_and_each_review_step_show_at_once(self) -> None:
        client = self.client_for(self.editor)
        self.cached_page(client)
        report = actions.report_create(  # bulk_creates its rows after an audited save
            actor=self.editor,
            organisation=self.org,
            action_plan=self.action_plan,
            period=self.periods["T1"],
        )
        self.assertIn(report.get_absolute_url(), self.page(client))
        self.assertIn("Utkast", _reports_section(self.page(client)))
        report = actions.report_submit(actor=self.editor, report=report)
        self.assertIn("Inskickad", _reports_section(self.cached_page(client)))
        report = actions.report_approve(actor=self.coordinator, report=report)
        self.assertIn("Godkänd", _reports_section(self.cached_page(client)))
        actions.report_reopen(actor=self.coordinator, report=report, comment="Rätta siffrorna")
        self.assertIn("Returnerad", _reports_section(self.page(client)))

    def test_publishing_shows_at_once(self) -> None:
        client = self.client_for(self.editor)
        self.assertIn("Publicera", _publication_section(self.cached_page(client)))
        # publish() writes the flag with a bulk UPDATE (no post_save) and an audit event.
        public_actions.publish(actor=self.editor, obj=self.goal)
        self.assertTrue(Goal.objects.get(pk=self.goal.pk).is_published)
        self.assertIn("Avpublicera", _publication_section(self.page(client)))

    def test_an_import_shows_at_once(self) -> None:
        client = self.client_for(self.editor)
        self.cached_page(client)
        content = xlsx(
            activity_columns(),
            [
                self.activity_row(self.activity, progress=70),
                self.activity_row(None, title="Importerad aktivitet"),
            ],
        )
        self.assertEqual(self.preview(client, content).status_code, 200)
        self.assertEqual(self.confirm(client).status_code, 302)
        self.assertTrue(Activity.objects.filter(title="Importerad aktivitet").exists())
        page = self.page(client)
        self.assertIn("Importerad aktivitet", page)
        self.assertIn("70 %", page)

    def test_each_reader_gets_their_own_page(self) -> None:
        editor_page = self.cached_page(self.client_for(self.editor))
        reader_page = self.page(self.client_for(self.reader))
        edit_link = reverse("planning-goal-edit", args=[self.org.slug, 2026, self.goal.pk])
        self.assertIn(edit_link, editor_page)
        self.assertNotIn(edit_link, reader_page)
        self.assertIn("Du kan läsa planen.", reader_page)

    def test_a_changed_role_shows_at_once(self) -> None:
        client = self.client_for(self.editor)
        edit_link = reverse("planning-goal-edit", args=[self.org.slug, 2026, self.goal.pk])
        self.assertIn(edit_link, self.cached_page(client))
        # Memberships are not watched by the data generation: the reader's roles are in the key.
        Membership.objects.filter(user=self.editor, organisation=self.org).update(role=Role.READER)
        self.assertNotIn(edit_link, self.page(client))

    def test_the_page_is_judged_again_the_next_day(self) -> None:
        client = self.client_for(self.editor)
        self.cached_page(client)
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        with (
            mock.patch("mrplan.accounts.reader_cache.timezone.localdate", return_value=tomorrow),
            CountQueries() as queries,
        ):
            self.page(client)
        self.assertGreater(len(queries), 8, "a new day renders the page again")

    def test_each_request_gets_its_own_csrf_token_never_the_placeholder(self) -> None:
        first_client, second_client = self.client_for(self.editor), self.client_for(self.editor)
        first = self.cached_page(first_client)
        second = self.page(second_client)
        self.assertNotIn(TOKEN_PLACEHOLDER, first + second)
        self.assertTrue(CSRF_INPUT.findall(first))
        self.assertTrue(CSRF_INPUT.findall(second))
        # The publication forms work with the token the page carries.
        checking = Client(enforce_csrf_checks=True)
        checking.cookies = second_client.cookies
        checking.force_login(self.editor)
        url = reverse("public-publish", args=["mal", self.goal.pk])
        self.assertIn(url, second)
        page = self.page(checking)
        token = CSRF_INPUT.findall(page)[0]
        response = checking.post(url, {"csrfmiddlewaretoken": token})
        self.assertNotEqual(response.status_code, 403)
        self.assertTrue(Goal.objects.get(pk=self.goal.pk).is_published)

    def test_saving_a_report_renders_the_plan_again(self) -> None:
        client = self.client_for(self.editor)
        report = actions.report_create(
            actor=self.editor,
            organisation=self.org,
            action_plan=self.action_plan,
            period=self.periods["T1"],
        )
        self.cached_page(client)
        actions.report_update(
            actor=self.editor,
            report=report,
            version=report.version,
            activities={self.activity.pk: ActivityUpdateInput(status="ongoing", progress=55)},
        )
        with CountQueries() as queries:
            self.page(client)
        self.assertGreater(len(queries), 8, "a saved report renders the plan again")


def _without_tokens(page: str) -> str:
    return CSRF_INPUT.sub("", page)


def _section(page: str, start: str, end: str) -> str:
    begin = page.index(start)
    stop = page.find(end, begin)
    return page[begin : stop if stop != -1 else len(page)]


def _reports_section(page: str) -> str:
    return _section(page, 'id="rapporter"', 'id="excel"')


def _publication_section(page: str) -> Any:
    return _section(page, 'id="publicering"', 'id="excel"')
