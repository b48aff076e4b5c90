"""Atom feeds of approved reports and consultations: city-wide, per organisation and plan."""

from xml.etree import ElementTree

from django.utils import timezone

from mrplan.consultations.models import ConsultationStatus
from mrplan.planning.models import Report, ReportStatus
from mrplan.public import actions
from tests.consultations_support import make_consultation
from tests.test_planning_support import PlanningTestCase

ATOM = "{http://www.w3.org/2005/Atom}"


class FeedTests(PlanningTestCase):
    def entries(self, url: str) -> list[dict[str, str]]:
        response = self.client_for(None).get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("application/atom+xml")
        root = ElementTree.fromstring(response.content)  # noqa: S314 (our own feed)
        return [
            {
                "title": entry.findtext(f"{ATOM}title") or "",
                "link": entry.find(f"{ATOM}link").get("href"),  # type: ignore[union-attr]
                "id": entry.findtext(f"{ATOM}id") or "",
            }
            for entry in root.findall(f"{ATOM}entry")
        ]

    def report(self, *, approved: bool, published: bool, code: str = "T1") -> Report:
        report = Report.objects.create(
            organisation=self.org,
            action_plan=self.action_plan,
            period=self.periods[code],
            status=ReportStatus.APPROVED if approved else ReportStatus.SUBMITTED,
            reviewed_at=timezone.now() if approved else None,
        )
        if published:
            actions.publish(actor=self.coordinator, obj=report)
        return report

    def test_only_approved_and_published_reports_are_in_the_report_feeds(self) -> None:
        shown = self.report(approved=True, published=True)
        self.report(approved=True, published=False, code="T2")
        entries = self.entries("/oppet/flode/rapporter/")
        assert [entry["id"] for entry in entries] == [f"mrplan-report-{shown.pk}"]
        assert self.org.name in entries[0]["title"]
        assert f"/oppet/organisationer/{self.org.slug}/" in entries[0]["link"]
        per_org = self.entries(f"/oppet/flode/rapporter/organisation/{self.org.slug}/")
        assert len(per_org) == 1
        assert self.entries(f"/oppet/flode/rapporter/organisation/{self.other_org.slug}/") == []
        per_plan = self.entries(f"/oppet/flode/rapporter/handlingsplan/{self.action_plan.slug}/")
        assert len(per_plan) == 1

    def test_only_sent_published_consultations_are_in_the_consultation_feeds(self) -> None:
        sent = make_consultation(
            self.slk, [self.district], status=ConsultationStatus.SENT, title="Remiss om parker"
        )
        sent.is_published = True
        sent.action_plan = self.action_plan
        sent.save()
        draft = make_consultation(self.slk, [self.district], title="Utkast till remiss")
        draft.is_published = True
        draft.save()
        titles = [entry["title"] for entry in self.entries("/oppet/flode/remisser/")]
        assert titles == ["Remiss om parker"]
        assert self.entries(f"/oppet/flode/remisser/organisation/{self.district.slug}/")
        assert self.entries(f"/oppet/flode/remisser/organisation/{self.other_org.slug}/") == []
        assert self.entries(f"/oppet/flode/remisser/handlingsplan/{self.action_plan.slug}/")

    def test_unknown_scopes_are_404_and_english_feeds_are_english(self) -> None:
        client = self.client_for(None)
        assert client.get("/oppet/flode/rapporter/organisation/finns-inte/").status_code == 404
        assert client.get("/oppet/flode/rapporter/nagot/annat/").status_code == 404
        self.action_plan.is_published = False
        self.action_plan.save()
        assert (
            client.get(f"/oppet/flode/remisser/handlingsplan/{self.action_plan.slug}/").status_code
            == 404
        )
        english = client.get("/en/oppet/flode/remisser/").content.decode()
        assert "Consultations: the whole city" in english


class JournalistPathTests(PlanningTestCase):
    def test_an_organisation_page_links_to_its_public_plans_reports_and_feeds(self) -> None:
        goal = self.make_goal(title="Publicerat mål")
        actions.publish(actor=self.coordinator, obj=goal)
        self.make_goal(organisation=self.other_org, title="Opublicerat mål")
        response = self.client_for(None).get(self.org.get_absolute_url())
        html = response.content.decode()
        assert f'href="/oppet/organisationer/{self.org.slug}/2026/"' in html
        assert f'href="/oppet/flode/rapporter/organisation/{self.org.slug}/"' in html
        assert 'type="application/atom+xml"' in html
        other = self.client_for(None).get(self.other_org.get_absolute_url()).content.decode()
        assert f"/oppet/organisationer/{self.other_org.slug}/2026/" not in other
        assert "har inte publicerat någon plan" in other


class PublicChangeLogTests(PlanningTestCase):
    def test_the_plan_page_shows_changes_since_publication_without_values_or_drafts(self) -> None:
        from mrplan.core.actions import save_audited

        goal = self.make_goal(title="Utkast zqxdraftword")
        save_audited(goal, actor=self.editor, data={"title": "Minska rasismen"}, message="")
        actions.publish(actor=self.coordinator, obj=goal)
        goal.refresh_from_db()
        save_audited(
            goal, actor=self.editor, data={"description": "Ny text zqxsecretvalue"}, message=""
        )
        response = self.client_for(None).get(f"/oppet/organisationer/{self.org.slug}/2026/")
        html = response.content.decode()
        assert "Senast uppdaterad:" in html and 'id="andringar"' in html
        log = html[html.index('id="andringar"') :]
        assert "Mål: Minska rasismen ändrades (beskrivning)" in log
        assert "publicerades" in log
        assert "zqxsecretvalue" not in log  # values are never listed
        assert "zqxdraftword" not in html  # nothing from before publication
        assert self.editor.username not in log  # nor who made the change
