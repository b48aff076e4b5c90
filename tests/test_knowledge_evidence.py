"""Evidence links: who may link, the Kunskapsunderlag block, goals without evidence, files."""

import datetime
import shutil
import tempfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.test import RequestFactory, override_settings

from mrplan.core.models import AuditEvent
from mrplan.knowledge import evidence
from mrplan.knowledge.models import (
    Area,
    Dataset,
    EvidenceLink,
    IndicatorSource,
    Measure,
    Observation,
    Period,
    QualitativeFile,
    QualitativeRecord,
)
from tests.test_planning_support import PlanningTestCase

MEDIA = tempfile.mkdtemp(prefix="mrplan-knowledge-evidence-")


@override_settings(MEDIA_ROOT=MEDIA)
class EvidenceTests(PlanningTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.dataset = Dataset.objects.create(title="Enkät", slug="enkat", source="Enkät")
        cls.measure = Measure.objects.create(dataset=cls.dataset, name="Utsatthet", slug="ut")
        cls.record = QualitativeRecord.objects.create(
            date=datetime.date(2025, 3, 1), title="Dialog i Älvsjö", heard="Unga", key_findings="x"
        )

    @classmethod
    def tearDownClass(cls) -> None:
        super().tearDownClass()
        shutil.rmtree(MEDIA, ignore_errors=True)

    def test_an_editor_links_a_measure_to_a_goal_of_the_own_organisation(self) -> None:
        goal = self.make_goal()
        client = self.client_for(self.editor)
        page = client.get("/kunskap/koppla/", {"matt": self.measure.pk})
        assert page.status_code == 200 and f"goal:{goal.pk}" in page.text
        response = client.post(
            "/kunskap/koppla/",
            {"matt": self.measure.pk, "target": f"goal:{goal.pk}", "note": "Bas"},
        )
        assert response.status_code == 302
        link = EvidenceLink.objects.get()
        assert (link.goal, link.measure, link.note, link.created_by) == (
            goal, self.measure, "Bas", self.editor,
        )  # fmt: skip
        assert AuditEvent.objects.filter(verb="create", object_id=str(link.pk)).exists()

    def test_a_coordinator_links_a_record_to_an_activity(self) -> None:
        activity = self.make_activity(self.make_goal())
        response = self.client_for(self.coordinator).post(
            "/kunskap/koppla/", {"underlag": self.record.pk, "target": f"activity:{activity.pk}"}
        )
        assert response.status_code == 302
        assert EvidenceLink.objects.get().activity == activity

    def test_others_may_not_link(self) -> None:
        goal = self.make_goal()
        data = {"matt": self.measure.pk, "target": f"goal:{goal.pk}"}
        for user in (self.reader, self.nobody):
            assert self.client_for(user).post("/kunskap/koppla/", data).status_code == 403
        # An editor elsewhere cannot even choose the goal.
        response = self.client_for(self.outsider).post("/kunskap/koppla/", data)
        assert response.status_code == 400
        anonymous = self.client_for(None).post("/kunskap/koppla/", data)
        assert anonymous.status_code == 302 and "/konto/logga-in/" in anonymous["Location"]
        assert not EvidenceLink.objects.exists()

    def test_bad_input_is_refused_in_swedish_and_nothing_is_saved(self) -> None:
        goal = self.make_goal()
        client = self.client_for(self.editor)
        response = client.post("/kunskap/koppla/", {"matt": self.measure.pk, "target": "goal:x"})
        assert response.status_code == 400 and "Välj ett giltigt alternativ" in response.text
        client.post("/kunskap/koppla/", {"matt": self.measure.pk, "target": f"goal:{goal.pk}"})
        again = client.post(
            "/kunskap/koppla/", {"matt": self.measure.pk, "target": f"goal:{goal.pk}"}
        )
        assert again.status_code == 400 and "Underlaget är redan kopplat." in again.text
        assert client.get("/kunskap/koppla/", {"matt": "999999"}).status_code == 404
        assert EvidenceLink.objects.count() == 1

    def test_unlinking_is_checked_and_audited(self) -> None:
        goal = self.make_goal()
        link = evidence.evidence_link_create(actor=self.editor, target=goal, measure=self.measure)
        url = f"/kunskap/kopplingar/{link.pk}/ta-bort/"
        assert self.client_for(self.outsider).post(url).status_code == 403
        assert self.client_for(self.org_admin).post(url).status_code == 302
        assert not EvidenceLink.objects.exists()
        assert AuditEvent.objects.filter(verb="delete", object_id=str(link.pk)).exists()

    def test_the_block_lists_the_evidence_behind_each_goal_in_fixed_queries(self) -> None:
        goals = [self.make_goal(title=f"Mål {i}") for i in range(4)]
        evidence.evidence_link_create(actor=self.editor, target=goals[0], measure=self.measure)
        indicator = self.make_indicator(goals[1])
        evidence.evidence_link_create(actor=self.editor, target=indicator, record=self.record)
        area = Area.objects.create(name="Älvsjö", kind="district")
        period = Period.objects.create(
            label="2024", kind="year", start="2024-01-01", end="2024-12-31"
        )
        Observation.objects.create(measure=self.measure, area=area, period=period, value=7.5)
        evidence.indicator_source_set(
            actor=self.editor,
            indicator=self.make_indicator(goals[2]),
            measure=self.measure,
            area=area,
        )
        request = RequestFactory().get("/")
        request.user = self.reader
        template = Template(
            "{% load knowledge_evidence %}{% for goal in goals %}"
            "<section>{% goal_evidence goal %}</section>{% endfor %}"
        )
        with self.assertNumQueries(5):  # ids, links, sources, values, roles
            html = template.render(Context({"goals": goals, "request": request}))
        sections = html.split("<section>")[1:]
        assert "Utsatthet" in sections[0]
        assert "Dialog i Älvsjö" in sections[1] and "för indikatorn" in sections[1]
        assert "hämtar värden från Utsatthet (Älvsjö)" in sections[2] and "7,5" in sections[2]
        assert "bygger ännu inte på något kunskapsunderlag" in sections[3]

    def test_the_goal_evidence_page_shows_the_block(self) -> None:
        goal = self.make_goal()
        evidence.evidence_link_create(actor=self.editor, target=goal, measure=self.measure)
        url = f"/kunskap/plan/{self.org.slug}/2026/mal/{goal.pk}/"
        response = self.client_for(self.reader).get(url)
        assert response.status_code == 200 and "Utsatthet" in response.text
        assert self.client_for(None).get(url).status_code == 302
        assert (
            self.client_for(self.reader).get(url.replace(str(goal.pk), "99999")).status_code == 404
        )

    def test_the_coordinator_sees_goals_that_rest_on_no_evidence(self) -> None:
        bare = self.make_goal(title="Utan underlag")
        based = self.make_goal(title="Med underlag")
        evidence.evidence_link_create(
            actor=self.editor, target=self.make_activity(based), record=self.record
        )
        response = self.client_for(self.coordinator).get("/kunskap/mal-utan-underlag/")
        assert response.status_code == 200
        assert list(response.context["goals"]) == [bare]
        assert (
            self.client_for(self.coordinator)
            .get("/kunskap/mal-utan-underlag/", {"ar": "2025"})
            .context["goals"]
            == []
        )
        assert self.client_for(self.editor).get("/kunskap/mal-utan-underlag/").status_code == 403

    def test_the_goals_without_evidence_page_costs_fixed_queries(self) -> None:
        client = self.client_for(self.coordinator)
        self.make_goal()
        client.get("/kunskap/mal-utan-underlag/")
        with self.assertNumQueries(4):
            client.get("/kunskap/mal-utan-underlag/")
        for number in range(5):
            self.make_goal(title=f"Mål {number}")
        with self.assertNumQueries(4):
            client.get("/kunskap/mal-utan-underlag/")

    def test_record_files_are_served_only_to_signed_in_readers(self) -> None:
        stored = QualitativeFile.objects.create(
            record=self.record,
            file=SimpleUploadedFile("anteckningar.txt", b"hemligt"),
            name="anteckningar.txt",
        )
        url = f"/kunskap/underlag/{self.record.pk}/filer/{stored.pk}/"
        response = self.client_for(self.reader).get(url)
        assert response.status_code == 200 and b"".join(response.streaming_content) == b"hemligt"
        assert "attachment" in response["Content-Disposition"]
        assert self.client_for(None).get(url).status_code == 302
        assert (
            self.client_for(self.reader).get(url.replace(f"/{stored.pk}/", "/9999/")).status_code
            == 404
        )
        detail = self.client_for(self.reader).get(self.record.get_absolute_url())
        assert url in detail.text and "/media/" not in detail.text
        assert "Koppla underlaget till ett mål" not in detail.text
        editor_view = self.client_for(self.editor).get(self.record.get_absolute_url())
        assert "Koppla underlaget till ett mål" in editor_view.text

    def test_an_indicator_source_needs_values_and_a_writer(self) -> None:
        indicator = self.make_indicator(self.make_goal())
        area = Area.objects.create(name="Älvsjö", kind="district")
        try:
            evidence.indicator_source_set(
                actor=self.editor, indicator=indicator, measure=self.measure, area=area
            )
        except Exception as error:  # noqa: BLE001
            assert "har inga värden" in str(error)
        else:
            raise AssertionError("expected a ValidationError")
        assert not IndicatorSource.objects.exists()

    def test_an_editor_lets_an_indicator_take_its_values_from_a_measure_on_the_page(self) -> None:
        indicator = self.make_indicator(self.make_goal())
        area = Area.objects.create(name="Älvsjö", kind="district")
        period = Period.objects.create(
            label="2024", kind="year", start="2024-01-01", end="2024-12-31"
        )
        Observation.objects.create(measure=self.measure, area=area, period=period, value=7.5)
        client = self.client_for(self.editor)
        measure_page = client.get(f"/kunskap/dataset/{self.dataset.slug}/matt/{self.measure.slug}/")
        assert "Hämta en indikators värden från måttet" in measure_page.text
        page = client.get("/kunskap/indikatorkalla/", {"matt": self.measure.pk})
        assert page.status_code == 200 and f"indicator:{indicator.pk}" in page.text
        response = client.post(
            "/kunskap/indikatorkalla/",
            {"matt": self.measure.pk, "indicator": f"indicator:{indicator.pk}", "area": area.pk},
        )
        assert response.status_code == 302
        source = IndicatorSource.objects.get()
        assert (source.indicator, source.measure, source.area, source.breakdown_key) == (
            indicator, self.measure, area, "",
        )  # fmt: skip
        assert AuditEvent.objects.filter(verb="create", object_id=str(source.pk)).exists()

    def test_the_indicator_source_page_refuses_a_cell_without_values_and_readers(self) -> None:
        indicator = self.make_indicator(self.make_goal())
        area = Area.objects.create(name="Älvsjö", kind="district")
        period = Period.objects.create(
            label="2024", kind="year", start="2024-01-01", end="2024-12-31"
        )
        Observation.objects.create(
            measure=self.measure, area=area, period=period, value=7.5, breakdown_key="kön:kvinna"
        )
        data = {
            "matt": self.measure.pk,
            "indicator": f"indicator:{indicator.pk}",
            "area": area.pk,
            "breakdown": "",  # the total, which this measure has no value for
        }
        response = self.client_for(self.editor).post("/kunskap/indikatorkalla/", data)
        assert response.status_code == 400
        assert "Måttet har inga värden för det området och den indelningen." in response.text
        assert not IndicatorSource.objects.exists()
        reader = self.client_for(self.reader).post("/kunskap/indikatorkalla/", data)
        assert reader.status_code == 403
        assert not IndicatorSource.objects.exists()
