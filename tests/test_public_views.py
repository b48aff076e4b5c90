from decimal import Decimal
from unittest import mock

from django.urls import reverse

from mrplan.planning.models import (
    ActivityUpdate,
    Goal,
    GoalAnalysis,
    IndicatorValue,
    Milestone,
    Report,
)
from mrplan.public import actions
from mrplan.public.models import PublicationRule
from mrplan.public.views import site
from tests.test_planning_support import PlanningTestCase


class PublicPlanTestCase(PlanningTestCase):
    def publish_plan(self, organisation=None, *, goals: int = 1, suffix: str = "") -> Report:  # type: ignore[no-untyped-def]
        """Create GOALS published goals, each with a published activity and indicator, and
        an approved, published T1 report with values."""
        organisation = organisation or self.org
        for number in range(goals):
            goal = self.make_goal(organisation, title=f"Publicerat mål {number}{suffix}")
            activity = self.make_activity(goal, title=f"Publicerad aktivitet {number}{suffix}")
            activity.target_groups.set([self.target_group])
            Milestone.objects.create(activity=activity, date=self.date(5, 1), title="Halvvägs")
            indicator = self.make_indicator(
                goal,
                name=f"Publicerad indikator {number}{suffix}",
                breakdown_dimension="Kön",
                breakdown_categories=["Kvinnor", "Män"],
                target_value=Decimal(80),
                target_year=2026,
            )
            for obj in (goal, activity, indicator):
                actions.publish(actor=self.coordinator, obj=obj)
        report = self.make_report("T1", organisation=organisation, status="approved")
        for value in IndicatorValue.objects.filter(report=report):
            value.delete()
        for indicator in Goal.objects.get(title=f"Publicerat mål 0{suffix}").indicators.all():
            IndicatorValue.objects.create(report=report, indicator=indicator, value=Decimal(42))
            IndicatorValue.objects.create(
                report=report, indicator=indicator, category="Kvinnor", value=Decimal(41)
            )
        actions.publish(actor=self.coordinator, obj=report)
        return report

    def url(self, slug: str | None = None, year: int = 2026) -> str:
        return reverse("public-organisation-plan", args=[slug or self.org.slug, year])


class OrganisationPlanTests(PublicPlanTestCase):
    def test_anyone_reads_the_published_plan_with_a_chart_and_a_table(self) -> None:
        self.publish_plan()
        response = self.client_for(None).get(self.url())
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Publicerat mål 0")
        self.assertContains(response, "Publicerad aktivitet 0")
        self.assertContains(response, "Halvvägs")
        self.assertContains(response, "Afrofobi")
        self.assertContains(response, 'role="img"')
        self.assertContains(response, '<title id="indikator-')
        self.assertContains(response, "<td>42,00</td>")
        self.assertContains(response, "<td>41,00</td>")
        self.assertContains(response, "Målvärde 80 (2026)")
        self.assertContains(response, "Pågår")  # status from the published report, as text

    def test_drafts_never_appear(self) -> None:
        report = self.publish_plan()
        self.make_goal(title="Hemligt utkastmål")
        draft_activity = self.make_activity(title="Opublicerad aktivitet")
        draft_activity.target_groups.set([self.target_group])
        indicator = Goal.objects.get(title="Publicerat mål 0").indicators.get()
        activity = Goal.objects.get(title="Publicerat mål 0").activities.get()
        draft = self.make_report("T2")
        IndicatorValue.objects.filter(report=draft).delete()
        IndicatorValue.objects.create(report=draft, indicator=indicator, value=Decimal("99.5"))
        ActivityUpdate.objects.filter(report=draft, activity=activity).update(
            progress=77, comment="Utkastkommentar"
        )
        GoalAnalysis.objects.create(report=draft, goal=indicator.goal, text="Utkastanalys")
        # An approved report that is not published does not show either.
        unpublished = self.make_report("T2", action_plan=self.other_plan, status="approved")
        self.assertFalse(unpublished.is_published)
        # Nor does a published report once it is no longer approved.
        Report.objects.filter(pk=report.pk).update(status="returned")

        response = self.client_for(None).get(self.url())

        html = response.content.decode()
        for secret in (
            "Hemligt utkastmål",
            "Opublicerad aktivitet",
            "99,5",
            "99.5",
            "Utkastkommentar",
            "Utkastanalys",
            "77 %",
            "<td>42,00</td>",
        ):
            self.assertNotIn(secret, html, secret)
        coverage = self.client_for(None).get(reverse("public-target-groups"))
        self.assertNotContains(coverage, "Opublicerad aktivitet")

    def test_unpublished_or_unknown_plans_are_404_in_swedish(self) -> None:
        self.make_goal()
        self.make_activity()
        for url in (
            self.url(),
            self.url(year=2027),
            self.url(slug="finns-inte"),
            "/oppet/organisationer/x/abc/",
        ):
            with self.subTest(url=url):
                response = self.client_for(None).get(url)
                self.assertEqual(response.status_code, 404)
                self.assertContains(response, "Sidan finns inte", status_code=404)
        # Signed-in users get a 404 too, never a 403.
        self.assertEqual(self.client_for(self.reader).get(self.url()).status_code, 404)

    def test_it_costs_the_same_queries_for_one_goal_and_for_many(self) -> None:
        self.publish_plan(goals=1)
        client = self.client_for(None)
        client.get(self.url())  # warm up caches (content types, sessions)
        # 15 for the plan, 1 for the approved milestones (snapshots), 4 for "last updated"
        # and the change log (public/changes.py).
        with self.assertNumQueries(20) as small:
            client.get(self.url())
        self.publish_plan(self.other_org, goals=6, suffix="b")
        other_url = self.url(self.other_org.slug)
        with self.assertNumQueries(len(small.captured_queries)):
            response = client.get(other_url)
        self.assertContains(response, "Publicerat mål 5b")

    def test_it_costs_the_same_queries_without_indicators_or_approved_reports(self) -> None:
        # A plan of published goals and activities only (no indicators, no approved report,
        # so no updates, values or snapshots) costs what a full plan costs: the reads filter
        # by organisation and year, never by a list of ids that may be empty.
        goal = self.make_goal(self.other_org, title="Mål utan indikatorer")
        activity = self.make_activity(goal, title="Aktivitet utan rapport")
        for obj in (goal, activity):
            actions.publish(actor=self.coordinator, obj=obj)
        self.publish_plan(goals=3)
        client = self.client_for(None)
        client.get(self.url())  # warm up caches (content types, sessions)
        with self.assertNumQueries(20):
            client.get(self.url())
        with self.assertNumQueries(20):
            response = client.get(self.url(self.other_org.slug))
        self.assertContains(response, "Aktivitet utan rapport")


class StartTests(PublicPlanTestCase):
    def test_it_lists_the_published_plans(self) -> None:
        self.publish_plan()
        self.make_goal(self.other_org, title="Kulturens utkast")
        response = self.client_for(None).get(reverse("public-start"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, self.url())
        self.assertNotContains(response, self.other_org.name)
        self.assertNotContains(response, "Kulturens utkast")

    def test_it_costs_a_fixed_number_of_queries(self) -> None:
        self.publish_plan()
        client = self.client_for(None)
        with self.assertNumQueries(3) as small:
            client.get(reverse("public-start"))
        self.publish_plan(self.other_org, goals=4, suffix="b")
        with self.assertNumQueries(len(small.captured_queries)):
            client.get(reverse("public-start"))


class TargetGroupTests(PublicPlanTestCase):
    def test_it_shows_which_groups_the_published_activities_reach(self) -> None:
        self.publish_plan()
        url = reverse("public-target-groups")
        response = self.client_for(None).get(url, {"ar": "2026"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Afrofobi")
        self.assertContains(response, "Ja")
        # The matrix only counts; each reached group links to the list of its activities.
        self.assertNotContains(response, "Publicerad aktivitet 0")
        link = f"?ar=2026&amp;malgrupp={self.target_group.slug}#aktiviteter"
        self.assertContains(response, link)
        listed = self.client_for(None).get(url, {"ar": "2026", "malgrupp": self.target_group.slug})
        self.assertContains(listed, "Publicerad aktivitet 0")
        self.assertContains(listed, "1 publicerad aktivitet når")

    def test_it_counts_published_activities_per_group_and_organisation(self) -> None:
        self.publish_plan(goals=2)
        self.publish_plan(self.other_org, suffix="b")
        self.make_activity(title="Opublicerad aktivitet").target_groups.set([self.target_group])
        coverage = self.client_for(None).get(reverse("public-target-groups")).context["coverage"]
        self.assertEqual(coverage.years, [2026])
        self.assertEqual(
            [o.name for o in coverage.organisations],
            sorted([self.org.name, self.other_org.name], key=str.casefold),
        )
        row = next(r for r in coverage.rows if r.target_group == self.target_group)
        counts = dict(zip([o.pk for o in coverage.organisations], row.counts, strict=True))
        self.assertEqual(counts, {self.org.pk: 2, self.other_org.pk: 1})
        self.assertEqual(row.total, 3)
        listed = self.client_for(None).get(
            reverse("public-target-groups"), {"malgrupp": self.target_group.slug}
        )
        self.assertEqual(
            sorted(activity.title for activity in listed.context["page"].object_list),
            ["Publicerad aktivitet 0", "Publicerad aktivitet 0b", "Publicerad aktivitet 1"],
        )

    def test_an_organisation_whose_activities_reach_no_group_has_a_column_of_zeros(self) -> None:
        self.publish_plan()
        goal = self.make_goal(self.other_org, title="Mål utan målgrupp")
        activity = self.make_activity(goal, title="Aktivitet utan målgrupp")
        for obj in (goal, activity):
            actions.publish(actor=self.coordinator, obj=obj)
        coverage = self.client_for(None).get(reverse("public-target-groups")).context["coverage"]
        self.assertIn(self.other_org.pk, [o.pk for o in coverage.organisations])
        column = [o.pk for o in coverage.organisations].index(self.other_org.pk)
        self.assertEqual({row.counts[column] for row in coverage.rows}, {0})

    def test_it_lists_a_target_groups_activities_a_page_at_a_time(self) -> None:
        self.publish_plan(goals=3)
        url = reverse("public-target-groups")
        client = self.client_for(None)
        with mock.patch.object(site, "TARGET_GROUP_PAGE_SIZE", 2):
            first = client.get(url, {"malgrupp": self.target_group.slug})
            second = client.get(url, {"malgrupp": self.target_group.slug, "sida": "2"})
            beyond = client.get(url, {"malgrupp": self.target_group.slug, "sida": "3"})
        self.assertEqual(len(first.context["page"].object_list), 2)
        self.assertContains(first, f"malgrupp={self.target_group.slug}&amp;sida=2#aktiviteter")
        self.assertContains(first, "Sida 1 av 2")
        self.assertEqual(len(second.context["page"].object_list), 1)
        self.assertContains(second, 'rel="prev"')
        self.assertEqual(beyond.status_code, 400)
        self.assertContains(beyond, "Sidan 3 finns inte", status_code=400)

    def test_malformed_parameters_give_400_in_swedish(self) -> None:
        self.publish_plan()
        for params in (
            {"ar": "tjugo"},
            {"ar": "99999"},
            {"kategori": "okänd"},
            {"ar": "2026'"},
            {"malgrupp": "finns-inte"},
            {"malgrupp": self.target_group.slug, "sida": "0"},
            {"malgrupp": self.target_group.slug, "sida": "x"},
        ):
            with self.subTest(params=params):
                response = self.client_for(None).get(reverse("public-target-groups"), params)
                self.assertEqual(response.status_code, 400)
                self.assertContains(response, "Felaktig förfrågan", status_code=400)
        response = self.client_for(None).get(reverse("public-target-groups"), {"ar": "x"})
        self.assertContains(response, "Året ska anges med fyra siffror", status_code=400)

    def test_it_costs_a_fixed_number_of_queries(self) -> None:
        self.publish_plan()
        client = self.client_for(None)
        url = reverse("public-target-groups")
        chosen = {"malgrupp": self.target_group.slug}
        # Years, target groups, the counts with the organisations' names; with a chosen
        # target group also the number of its activities and the page of them.
        with self.assertNumQueries(3):
            client.get(url)
        with self.assertNumQueries(5):
            client.get(url, chosen)
        self.publish_plan(self.other_org, goals=5, suffix="b")
        with self.assertNumQueries(3):
            client.get(url)
        with self.assertNumQueries(5):
            response = client.get(url, chosen)
        self.assertEqual(response.context["page"].paginator.count, 6)


class PublishViewTests(PublicPlanTestCase):
    def test_an_editor_publishes_from_the_plan_page(self) -> None:
        goal = self.make_goal()
        client = self.client_for(self.editor)
        page = client.get(reverse("planning-plan", args=[self.org.slug, 2026]))
        publish_url = reverse("public-publish", args=["mal", goal.pk])
        self.assertContains(page, publish_url)

        response = client.post(publish_url)

        self.assertRedirects(response, goal.get_absolute_url(), fetch_redirect_response=False)
        self.assertTrue(Goal.objects.get(pk=goal.pk).is_published)
        response = client.post(reverse("public-unpublish", args=["mal", goal.pk]))
        self.assertFalse(Goal.objects.get(pk=goal.pk).is_published)

    def test_readers_see_no_buttons_and_are_refused(self) -> None:
        goal = self.make_goal()
        client = self.client_for(self.reader)
        page = client.get(reverse("planning-plan", args=[self.org.slug, 2026]))
        self.assertNotContains(page, reverse("public-publish", args=["mal", goal.pk]))
        self.assertEqual(
            client.post(reverse("public-publish", args=["mal", goal.pk])).status_code, 403
        )
        self.assertEqual(
            self.client_for(self.outsider)
            .post(reverse("public-publish", args=["mal", goal.pk]))
            .status_code,
            403,
        )
        anonymous = self.client_for(None).post(reverse("public-publish", args=["mal", goal.pk]))
        self.assertEqual(anonymous.status_code, 302)
        self.assertIn(reverse("accounts-login"), anonymous["Location"])
        self.assertFalse(Goal.objects.get(pk=goal.pk).is_published)

    def test_unknown_kinds_and_ids_are_404(self) -> None:
        client = self.client_for(self.coordinator)
        self.assertEqual(client.post(reverse("public-publish", args=["mal", 999])).status_code, 404)
        self.assertEqual(client.post(reverse("public-publish", args=["allt", 1])).status_code, 404)
        self.assertEqual(client.get(reverse("public-publish", args=["mal", 1])).status_code, 405)

    def test_a_draft_report_is_refused_with_a_swedish_message(self) -> None:
        report = self.make_report("T1")
        client = self.client_for(self.coordinator)
        page = client.get(report.get_absolute_url())
        self.assertContains(page, "Bara godkända rapporter kan publiceras.")
        self.assertNotContains(page, reverse("public-publish", args=["rapport", report.pk]))
        response = client.post(reverse("public-publish", args=["rapport", report.pk]))
        self.assertContains(response, "Rapporten är inte godkänd", status_code=400)
        self.assertFalse(Report.objects.get(pk=report.pk).is_published)

    def test_the_coordinator_publishes_an_approved_report_from_its_page(self) -> None:
        report = self.make_report("T1", status="approved")
        client = self.client_for(self.coordinator)
        url = reverse("public-publish", args=["rapport", report.pk])
        self.assertContains(client.get(report.get_absolute_url()), url)
        client.post(url)
        self.assertTrue(Report.objects.get(pk=report.pk).is_published)
        self.assertNotContains(
            self.client_for(self.editor).get(report.get_absolute_url()),
            reverse("public-unpublish", args=["rapport", report.pk]),
        )


class PublicationRulesViewTests(PublicPlanTestCase):
    def test_the_coordinator_sets_the_rules(self) -> None:
        client = self.client_for(self.coordinator)
        self.assertEqual(client.get(reverse("public-publication")).status_code, 200)
        response = client.post(reverse("public-publication"), {"approved_reports": "on"})
        self.assertRedirects(response, reverse("public-publication"), fetch_redirect_response=False)
        self.assertEqual(
            dict(PublicationRule.objects.values_list("kind", "enabled")),
            {"approved_reports": True},
        )

    def test_others_are_refused(self) -> None:
        for user in (self.org_admin, self.editor, self.nobody):
            with self.subTest(user=user.username):
                response = self.client_for(user).post(
                    reverse("public-publication"), {"approved_reports": "on"}
                )
                self.assertEqual(response.status_code, 403)
        response = self.client_for(None).get(reverse("public-publication"))
        self.assertEqual(response.status_code, 302)
        self.assertFalse(PublicationRule.objects.exists())
