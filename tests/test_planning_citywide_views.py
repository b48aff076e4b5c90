"""The coordinator's city-wide view at /planering/oversikt/."""

from typing import Any
from unittest import mock

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mrplan.planning import citywide
from mrplan.planning.models import ActivityStatus, ReportStatus
from tests.factories import ActionPlanFactory, OrganisationFactory, TargetGroupFactory
from tests.test_planning_support import PlanningTestCase

URL = reverse("planning-citywide")


class CitywideViewTests(PlanningTestCase):
    def get(self, **params: Any) -> Any:
        return self.client_for(self.coordinator).get(URL, {"ar": 2026, **params})

    def test_it_sends_anonymous_visitors_to_the_login_page(self) -> None:
        response = self.client_for(None).get(URL)
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse(settings.LOGIN_URL), response["Location"])

    def test_it_refuses_everyone_but_coordinators(self) -> None:
        for user in (self.org_admin, self.editor, self.approver, self.reader, self.nobody):
            self.assertEqual(self.client_for(user).get(URL).status_code, 403, user)

    def test_it_shows_coverage_with_counts_and_status_text(self) -> None:
        goal = self.make_goal()
        self.make_activity(goal, status=ActivityStatus.DELAYED, progress=10)
        response = self.get()
        self.assertEqual(response.status_code, 200)
        page = response.context["page"]
        row = next(r for r in page.coverage if r.organisation == self.org)
        cell = row.cells[page.areas.index(self.area)]
        self.assertEqual((cell.goals, cell.activities), (1, 1))
        self.assertEqual(cell.summary, [("delayed", "Försenad", 1)])
        self.assertContains(response, "<caption", count=3)
        self.assertContains(response, 'scope="row"')
        self.assertIn(self.other_org, page.organisations_without_plan)
        self.assertNotIn(self.org, page.organisations_without_plan)
        self.assertContains(response, "Inget planerat")

    def test_it_counts_an_activity_once_per_area_whatever_the_route(self) -> None:
        # Through its goal, its own area and its city activity, all the same area: once.
        goal = self.make_goal(development_areas=[self.area, self.children_area])
        activity = self.make_activity(
            goal, development_area=self.area, city_activity=self.city_activity
        )
        activity.target_groups.add(self.target_group)
        self.make_activity(
            development_area=self.other_area, status=ActivityStatus.COMPLETED, progress=100
        )
        page = self.get().context["page"]
        row = next(r for r in page.coverage if r.organisation == self.org)
        cells = {area: row.cells[page.areas.index(area)] for area in page.areas}
        self.assertEqual((cells[self.area].goals, cells[self.area].activities), (1, 1))
        self.assertEqual(
            (cells[self.children_area].goals, cells[self.children_area].activities), (1, 1)
        )
        self.assertEqual(cells[self.other_area].summary, [("completed", "Genomförd", 1)])
        group_row = next(r for r in page.target_groups if r.target_group == self.target_group)
        self.assertEqual(group_row.counts[page.organisations.index(self.org)], 1)

    def test_a_filter_that_leaves_no_development_area_shows_empty_tables(self) -> None:
        self.make_activity(self.make_goal())
        empty_plan = ActionPlanFactory(programme=self.action_plan.programme, title="Utan områden")
        response = self.get(handlingsplan=empty_plan.pk)
        self.assertEqual(response.status_code, 200)
        page = response.context["page"]
        self.assertEqual(page.areas, [])
        self.assertIn(self.org, page.organisations_without_plan)
        self.assertContains(
            response, "Inga organisationer eller utvecklingsområden matchar filtret."
        )

    def test_it_lists_target_groups_no_activity_reaches(self) -> None:
        reached = TargetGroupFactory(name="Antisemitism")
        self.make_activity().target_groups.add(reached)
        page = self.get().context["page"]
        self.assertIn(self.target_group, page.unreached)
        self.assertNotIn(reached, page.unreached)

    def test_it_lists_goals_without_area_and_activities_without_goal(self) -> None:
        loose_goal = self.make_goal(title="Mål utan område", development_areas=[])
        loose = self.make_activity(title="Fristående aktivitet")
        self.make_activity(self.make_goal(), title="Aktivitet under mål")
        page = self.get().context["page"]
        self.assertEqual(page.goals_without_area, [loose_goal])
        self.assertEqual(page.activities_without_goal, [loose])

    def test_it_shows_report_status_per_organisation(self) -> None:
        self.make_goal()
        self.make_report("T1", status=ReportStatus.RETURNED)
        self.make_report("T1", organisation=self.other_org, status=ReportStatus.APPROVED)
        response = self.get(period="T1")
        page = response.context["page"]
        cells = {
            row.organisation: row.cells[page.report_plans.index(self.action_plan)]
            for row in page.reports
        }
        self.assertIn(self.action_plan, page.report_plans)
        self.assertIn(cells[self.org].status, ("returned", "overdue"))
        self.assertEqual(cells[self.other_org].status, "approved")
        # The nämnd plans nothing (its förvaltning does): no report is expected of it.
        self.assertEqual(cells[self.district].status, "not_required")

    def test_it_marks_reports_past_their_deadline_as_overdue(self) -> None:
        self.make_report("VP", status=ReportStatus.DRAFT)
        self.make_report("VP", organisation=self.other_org, status=ReportStatus.SUBMITTED)
        period = self.periods["VP"]
        options = citywide.filter_options()
        filters = citywide.parse_filters({"ar": "2026", "period": "VP"}, options)
        assert filters is not None
        page = citywide.citywide_page(filters, today=period.deadline.replace(year=2030))
        cells = {
            row.organisation: row.cells[page.report_plans.index(self.action_plan)]
            for row in page.reports
        }
        self.assertEqual(cells[self.org].status, "overdue")
        self.assertEqual(cells[self.org].underlying, "Utkast")
        self.assertEqual(cells[self.other_org].status, "submitted")
        self.assertEqual(cells[self.district].status, "not_required")
        self.assertNotIn("not_required", [value for value, _l, _c in page.status_counts])
        early = citywide.citywide_page(filters, today=period.deadline.replace(year=2020))
        cells = {
            row.organisation: row.cells[early.report_plans.index(self.action_plan)]
            for row in early.reports
        }
        self.assertEqual(cells[self.org].status, "draft")
        self.assertEqual(cells[self.district].status, "not_required")

    def test_only_the_organisation_that_plans_is_late(self) -> None:
        self.make_activity()  # the förvaltning plans; its nämnd (self.district) does not
        period = self.periods["VP"]
        filters = citywide.parse_filters({"ar": "2026", "period": "VP"}, citywide.filter_options())
        assert filters is not None
        page = citywide.citywide_page(filters, today=period.deadline.replace(year=2030))
        counts = {value: count for value, _label, count in page.status_counts}
        self.assertEqual(counts.get("overdue"), 1)

    def test_every_submitted_report_is_listed(self) -> None:
        self.make_activity(organisation=self.slk, title="SLK:s egen aktivitet")
        report = self.make_report("T1", organisation=self.slk, status=ReportStatus.SUBMITTED)
        page = self.get(period="T1").context["page"]
        rows = {row.organisation: row for row in page.reports}
        self.assertIn(self.slk, rows)
        cell = rows[self.slk].cells[page.report_plans.index(self.action_plan)]
        self.assertEqual(cell.report, report)

    def test_it_filters_by_action_plan_kind_and_target_group(self) -> None:
        self.make_activity().target_groups.add(self.target_group)
        self.make_activity(development_area=self.other_area, title="Jämställdhet")
        page = self.get(handlingsplan=self.other_plan.pk).context["page"]
        self.assertEqual(page.areas, [self.other_area])
        page = self.get(typ="district_committee").context["page"]
        self.assertEqual(page.organisations, [self.district])
        page = self.get(malgrupp=self.target_group.slug).context["page"]
        self.assertEqual([row.target_group for row in page.target_groups], [self.target_group])
        self.assertEqual(len(page.activities_without_goal), 1)

    def test_it_refuses_bad_filter_values_with_a_swedish_message(self) -> None:
        cases = {
            "ar": ("1999", "Det finns inget planeringsår med det året."),
            "handlingsplan": ("abc", "Handlingsplanen finns inte."),
            "fokusomrade": ("999999", "Fokusområdet finns inte."),
            "typ": ("nonsense", "Okänd typ av organisation."),
            "malgrupp": ("finns-inte", "Målgruppen finns inte."),
            "period": ("T9", "Perioden finns inte det året."),
        }
        for name, (value, message) in cases.items():
            response = self.get(**{name: value})
            self.assertEqual(response.status_code, 400, name)
            self.assertContains(response, message, status_code=400)

    def test_it_costs_a_fixed_number_of_queries(self) -> None:
        def count() -> int:
            client = self.client_for(self.coordinator)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(URL, {"ar": 2026, "period": "T1"})
            self.assertEqual(response.status_code, 200)
            return len(queries)

        self.make_activity(self.make_goal()).target_groups.add(self.target_group)
        small = count()
        for index in range(4):
            organisation = OrganisationFactory(kind="district_committee")
            group = TargetGroupFactory()
            goal = self.make_goal(organisation, title=f"Mål {index}")
            self.make_activity(goal, title=f"Aktivitet {index}").target_groups.add(group)
            self.make_activity(
                organisation=organisation, city_activity=self.city_activity, title=f"S {index}"
            )
            self.make_report("T1", organisation=organisation)
        self.assertEqual(count(), small)

    def test_it_shows_the_organisations_a_page_at_a_time(self) -> None:
        for index in range(3):
            OrganisationFactory(kind="district_committee", name=f"Ö-nämnd {index}")
        self.make_activity(self.make_goal())
        with mock.patch.object(citywide, "ORGANISATIONS_PER_PAGE", 2):
            first = self.get(period="T1")
            last = self.get(period="T1", sida="99")
            bad = self.get(sida="noll")
        page = first.context["page"]
        names = [o.name for o in citywide._organisations(page.filters)]
        self.assertEqual((page.page_number, page.page_count), (1, -(-len(names) // 2)))
        self.assertEqual([o.name for o in page.organisations], names[:2])
        self.assertEqual([row.organisation.name for row in page.coverage], names[:2])
        self.assertEqual([row.organisation.name for row in page.reports], names[:2])
        self.assertTrue(all(len(row.counts) == 2 for row in page.target_groups))
        # The summaries cover every organisation, not only the page.
        self.assertIn("Ö-nämnd 2", [o.name for o in page.organisations_without_plan])
        self.assertNotIn(self.org, page.organisations_without_plan)
        self.assertContains(first, 'rel="next"')
        self.assertNotContains(first, 'rel="prev"')
        end = last.context["page"]
        self.assertEqual(end.page_number, end.page_count)
        self.assertEqual([o.name for o in end.organisations], names[(end.page_count - 1) * 2 :])
        self.assertContains(last, 'rel="prev"')
        self.assertContains(bad, "Sidan finns inte.", status_code=400)

    def test_a_page_of_organisations_costs_the_same_queries_for_few_and_many(self) -> None:
        def count(page: int) -> int:
            client = self.client_for(self.coordinator)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(URL, {"ar": 2026, "period": "T1", "sida": page})
            self.assertEqual(response.status_code, 200)
            self.assertEqual(response.context["page"].page_number, page)
            return len(queries)

        with mock.patch.object(citywide, "ORGANISATIONS_PER_PAGE", 2):
            self.make_activity(self.make_goal()).target_groups.add(self.target_group)
            few = count(1)
            for index in range(7):
                organisation = OrganisationFactory(kind="district_committee")
                goal = self.make_goal(organisation, title=f"Mål {index}")
                self.make_activity(goal, title=f"A {index}").target_groups.add(self.target_group)
                self.make_activity(
                    organisation=organisation, city_activity=self.city_activity, title=f"S {index}"
                )
                if index % 2:
                    self.make_report("T1", organisation=organisation)
            self.assertEqual(count(1), few)
            self.assertEqual(count(3), few)

    def test_it_counts_the_tables_for_the_organisations_of_the_page_only(self) -> None:
        for index in range(3):
            organisation = OrganisationFactory(kind="district_committee", name=f"Ö-nämnd {index}")
            self.make_activity(self.make_goal(organisation, title=f"Mål {index}"))
        counted: list[set[int]] = []
        real = citywide._activity_area_counts

        def spy(activities: Any, area_ids: list[int]) -> Any:
            counted.append(set(activities.values_list("organisation_id", flat=True)))
            return real(activities, area_ids)

        with (
            mock.patch.object(citywide, "ORGANISATIONS_PER_PAGE", 2),
            mock.patch.object(citywide, "_activity_area_counts", spy),
        ):
            page = self.get(period="T1").context["page"]
        shown = {o.pk for o in page.organisations}
        self.assertEqual(len(shown), 2)
        self.assertTrue(counted and counted[0] <= shown, counted)

    def test_a_target_group_reached_on_another_page_is_reached(self) -> None:
        group = TargetGroupFactory(name="Romer")
        later = OrganisationFactory(kind="district_committee", name="Ö-nämnd sist")
        self.make_activity(self.make_goal(later, title="Mål sist")).target_groups.add(group)
        with mock.patch.object(citywide, "ORGANISATIONS_PER_PAGE", 1):
            response = self.get(period="T1")
        page = response.context["page"]
        self.assertNotIn(later, page.organisations)
        row = next(row for row in page.target_groups if row.target_group == group)
        self.assertTrue(row.reached)
        self.assertEqual(sum(row.counts), 0)  # not on this page
        self.assertNotIn(group, page.unreached)

    def test_report_status_counts_cover_every_organisation(self) -> None:
        for index in range(3):
            organisation = OrganisationFactory(kind="district_committee", name=f"Ö-nämnd {index}")
            self.make_activity(self.make_goal(organisation, title=f"Mål {index}"))
            self.make_report("T1", organisation=organisation, status=ReportStatus.SUBMITTED)
        with mock.patch.object(citywide, "ORGANISATIONS_PER_PAGE", 1):
            page = self.get(period="T1").context["page"]
        counts = {status: n for status, _label, n in page.status_counts}
        self.assertGreaterEqual(counts.get(ReportStatus.SUBMITTED, 0), 3)
        self.assertEqual(len(page.reports), 1)

    def test_the_year_list_links_to_it_for_coordinators_only(self) -> None:
        link = f'href="{URL}"'
        response = self.client_for(self.coordinator).get(reverse("planning-year-list"))
        self.assertContains(response, link)
        response = self.client_for(self.editor).get(reverse("planning-year-list"))
        self.assertNotContains(response, link)
