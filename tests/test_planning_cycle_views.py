from django.urls import reverse

from mrplan.planning import actions
from mrplan.planning.models import PlanningYear, ReportingPeriod
from tests.test_planning_support import PlanningTestCase


class YearListTests(PlanningTestCase):
    url = reverse("planning-year-list")

    def test_signed_in_users_see_the_years_periods_and_plans(self) -> None:
        self.make_goal()
        response = self.client_for(self.reader).get(self.url)
        self.assertContains(response, "Tertialrapport 1")
        self.assertContains(response, "2026-05-15")
        self.assertContains(response, "Hägersten-Älvsjö stadsdelsförvaltning, plan 2026")
        self.assertNotContains(response, "Nytt planeringsår")
        self.assertNotContains(response, ">Stäng<")

    def test_coordinators_get_the_management_buttons(self) -> None:
        response = self.client_for(self.coordinator).get(self.url)
        self.assertContains(response, "Nytt planeringsår")
        self.assertContains(response, "Lägg till en period 2026")
        self.assertContains(response, '/stang/">Stäng<span')

    def test_anonymous_visitors_get_the_login_page(self) -> None:
        response = self.client_for(None).get(self.url)
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("accounts-login"), response["Location"])


class YearCreateTests(PlanningTestCase):
    url = reverse("planning-year-create")

    def test_a_coordinator_creates_a_year(self) -> None:
        response = self.client_for(self.coordinator).post(self.url, {"year": "2027"})
        self.assertRedirects(
            response, reverse("planning-year-list") + "#ar-2027", fetch_redirect_response=False
        )
        self.assertEqual(PlanningYear.objects.get(year=2027).periods.count(), 4)

    def test_bad_input_is_re_rendered_and_nothing_created(self) -> None:
        client = self.client_for(self.coordinator)
        self.assertContains(
            client.post(self.url, {"year": "2026"}),
            "Planeringsåret 2026 finns redan",
            status_code=400,
        )
        self.assertContains(
            client.post(self.url, {"year": "tjugo"}),
            "Ange ett årtal med fyra siffror",
            status_code=400,
        )
        self.assertEqual(PlanningYear.objects.count(), 1)

    def test_others_are_forbidden(self) -> None:
        for user in (self.org_admin, self.editor, self.nobody):
            self.assertEqual(
                self.client_for(user).post(self.url, {"year": "2027"}).status_code, 403
            )
        self.assertEqual(self.client_for(None).get(self.url).status_code, 302)
        self.assertFalse(PlanningYear.objects.filter(year=2027).exists())


class PeriodViewTests(PlanningTestCase):
    def test_a_coordinator_closes_and_opens_a_period(self) -> None:
        period = self.periods["T1"]
        client = self.client_for(self.coordinator)
        client.post(reverse("planning-period-close", args=[period.pk]))
        period.refresh_from_db()
        self.assertEqual(period.status, "closed")
        again = client.post(reverse("planning-period-close", args=[period.pk]))
        self.assertContains(again, "Perioden är redan stängd", status_code=400)
        client.post(reverse("planning-period-open", args=[period.pk]))
        period.refresh_from_db()
        self.assertEqual(period.status, "open")

    def test_others_cannot_close_or_open(self) -> None:
        url = reverse("planning-period-close", args=[self.periods["T1"].pk])
        for user in (self.org_admin, self.editor, self.outsider):
            self.assertEqual(self.client_for(user).post(url).status_code, 403)
        self.assertEqual(self.client_for(None).post(url).status_code, 302)
        for user in (self.org_admin, self.editor, self.outsider):
            self.assertEqual(self.client_for(user).get(url).status_code, 403)
        self.assertFalse(ReportingPeriod.objects.filter(status="closed").exists())

    def test_closing_asks_first_and_lists_the_unreviewed_reports(self) -> None:
        self.make_activity()
        waiting = self.make_report("T1")
        actions.report_submit(actor=self.editor, report=waiting)
        period = self.periods["T1"]
        url = reverse("planning-period-close", args=[period.pk])
        client = self.client_for(self.coordinator)
        year_page = client.get(reverse("planning-year-list"))
        self.assertContains(year_page, f'href="{url}"')
        confirm = client.get(url)
        self.assertContains(confirm, "1 rapport är inte granskad")
        self.assertContains(confirm, waiting.get_absolute_url())
        period.refresh_from_db()
        self.assertEqual(period.status, "open")
        client.post(url)
        period.refresh_from_db()
        self.assertEqual(period.status, "closed")

    def test_a_coordinator_changes_a_deadline_and_bad_input_changes_nothing(self) -> None:
        period = self.periods["T2"]
        url = reverse("planning-period-edit", args=[period.pk])
        client = self.client_for(self.coordinator)
        bad = client.post(url, {"code": "T1", "name": "Tertialrapport 2", "deadline": "2026-09-30"})
        self.assertContains(bad, "Det finns redan en period med koden T1", status_code=400)
        client.post(url, {"code": "T2", "name": "Tertialrapport 2", "deadline": "2026-09-30"})
        period.refresh_from_db()
        self.assertEqual(str(period.deadline), "2026-09-30")
        self.assertEqual(self.client_for(self.editor).get(url).status_code, 403)

    def test_a_coordinator_adds_a_period(self) -> None:
        url = reverse("planning-period-create", args=[2026])
        client = self.client_for(self.coordinator)
        client.post(url, {"code": "T3", "name": "Tertialrapport 3", "deadline": "2026-12-01"})
        self.assertTrue(ReportingPeriod.objects.filter(code="T3").exists())
        self.assertEqual(
            client.get(reverse("planning-period-create", args=[2031])).status_code, 404
        )
        self.assertEqual(self.client_for(self.editor).get(url).status_code, 403)
