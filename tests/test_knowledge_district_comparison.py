"""District comparison (area codes per district) and the coordinators' area code edit."""

import csv
import io
import json

from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import load_workbook

from mrplan.core.models import AuditEvent
from mrplan.knowledge import actions, comparison
from mrplan.knowledge.models import (
    Area,
    Dataset,
    Dimension,
    DimensionValue,
    Measure,
    Observation,
    Period,
)
from tests.base import BaseTestCase

URL = "/kunskap/dataset/enkat/matt/utsatthet/"
EXPORT = URL + "stadsdelar."


def _period(year: int) -> Period:
    return Period.objects.create(
        label=str(year), kind="year", start=f"{year}-01-01", end=f"{year}-12-31"
    )


class ComparisonFixture(BaseTestCase):
    """Three districts and the city; 2024 is the latest period with district figures."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.dataset = Dataset.objects.create(
            title="Enkät", slug="enkat", source="Enkät", is_published=True
        )
        cls.measure = Measure.objects.create(
            dataset=cls.dataset, name="Utsatthet", slug="utsatthet", unit="%", direction="lower"
        )
        cls.city = Area.objects.create(
            name="Stockholm", kind="city", code="0180", code_scheme="SCB kommunkod"
        )
        scheme = "Lokal testkod"
        cls.a = Area.objects.create(name="Alby", kind="district", code="0123", code_scheme=scheme)
        cls.b = Area.objects.create(name="Berga", kind="district", code="SDN02", code_scheme=scheme)
        cls.c = Area.objects.create(name="Cedra", kind="district", code="SDN03", code_scheme=scheme)
        cls.sex = Dimension.objects.create(name="Kön", slug="kon")
        cls.girl = DimensionValue.objects.create(dimension=cls.sex, label="Flicka", slug="flicka")
        old, new = _period(2023), _period(2024)
        observe = Observation.objects.create
        observe(measure=cls.measure, area=cls.c, period=old, value=50.0, count=40)
        observe(
            measure=cls.measure, area=cls.a, period=new, value=20.0, count=50, ci_low=10, ci_high=30
        )
        # No stored interval: the page computes Wilson's for 10 % of 100 (5.52–17.44).
        observe(measure=cls.measure, area=cls.b, period=new, value=10.0, count=100)
        observe(measure=cls.measure, area=cls.c, period=new, suppressed=True)
        observe(
            measure=cls.measure,
            area=cls.city,
            period=new,
            value=14.0,
            count=200,
            ci_low=9.5,
            ci_high=19.0,
        )
        girls = observe(
            measure=cls.measure,
            area=cls.a,
            period=new,
            breakdown_key="kon:flicka",
            value=30.0,
            count=20,
            ci_low=14.5,
            ci_high=51.9,
        )
        girls.dimension_values.set([cls.girl])


class DistrictComparisonTests(ComparisonFixture):
    def test_numbers_match_hand_computed_values_sorted_best_first(self) -> None:
        result = comparison.district_comparison(self.measure, "")
        assert result is not None
        assert result.period.label == "2024"
        # Lower is better: Berga (10) before Alby (20); the suppressed Cedra last.
        assert [row.area.name for row in result.rows] == ["Berga", "Alby", "Cedra"]
        berga, alby, cedra = result.rows
        assert (alby.value, alby.count, alby.ci_low, alby.ci_high) == (20.0, 50, 10, 30)
        assert berga.count == 100
        assert round(berga.ci_low or 0, 2) == 5.52 and round(berga.ci_high or 0, 2) == 17.44
        assert cedra.suppressed and cedra.value is None and cedra.count is None
        assert "för få svar" in cedra.note
        assert result.city is not None and result.city.value == 14.0
        assert result.city.area.code == "0180"

    def test_no_district_figures_means_no_comparison(self) -> None:
        assert comparison.district_comparison(self.measure, "kon:pojke") is None

    def test_measure_page_shows_table_chart_codes_and_suppression(self) -> None:
        response = self.client.get(URL)
        assert response.status_code == 200
        html = response.content.decode()
        section = html[html.index('id="stadsdelar"') :]
        assert "Stadsdelarna jämförda 2024" in section
        assert section.index("Berga") < section.index("Alby") < section.index("Cedra")
        assert "0123" in section and "SDN02" in section and "Lokal testkod" in section
        assert "5,52–17,44" in section  # Wilson, Swedish decimals
        assert "Undertryckt: för få svar" in section
        assert "Stockholm (hela staden)" in section
        assert 'role="img"' in section and "<desc" in section
        assert "stadsdelar.csv" in section

    def test_csv_keeps_code_as_text_and_every_breakdown_column(self) -> None:
        response = self.client.get(EXPORT + "csv", {"d-kon": "flicka"})
        assert response.status_code == 200
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
        header = rows[0]
        assert "Områdeskod" in header and "Kön" in header and "Kodsystem" in header
        alby = next(row for row in rows[1:] if row[1] == "Alby")
        assert alby[header.index("Områdeskod")] == "0123"
        assert alby[header.index("Kön")] == "Flicka"
        assert alby[header.index("Antal (n)")] == "20"

    def test_json_and_xlsx_carry_the_code_as_a_string(self) -> None:
        data = json.loads(self.client.get(EXPORT + "json").content)
        alby = next(row for row in data["rows"] if row["area_name"] == "Alby")
        assert alby["area_code"] == "0123" and alby["area_code_scheme"] == "Lokal testkod"
        assert "breakdown_kon" in alby
        cedra = next(row for row in data["rows"] if row["area_name"] == "Cedra")
        assert cedra["suppressed"] is True and cedra["value"] is None and cedra["count"] is None
        city = next(row for row in data["rows"] if row["area_kind"] == "city")
        assert city["area_code"] == "0180"
        book = load_workbook(io.BytesIO(self.client.get(EXPORT + "xlsx").content))
        codes = [row[2] for row in book.active.iter_rows(min_row=2, values_only=True)]
        assert "0123" in codes

    def test_export_is_neutralised(self) -> None:
        Area.objects.filter(pk=self.b.pk).update(name="=HYPERLINK(1)")
        text = self.client.get(EXPORT + "csv").content.decode("utf-8-sig")
        assert "'=HYPERLINK(1)" in text

    def test_bad_format_and_unpublished_dataset(self) -> None:
        assert self.client.get(EXPORT + "pdf").status_code == 404
        assert self.client.get(EXPORT + "csv", {"d-kon": "nej"}).status_code == 400
        Dataset.objects.filter(pk=self.dataset.pk).update(is_published=False)
        assert self.client.get(EXPORT + "csv").status_code == 404

    def test_open_data_rows_carry_code_and_scheme(self) -> None:
        response = self.client.get("/api/v1/open/observations/")
        assert response.status_code == 200
        items = response.json()["items"]
        alby = [row for row in items if row["area_name"] == "Alby"]
        assert alby and all(row["area_code"] == "0123" for row in alby)
        assert alby[0]["area_code_scheme"] == "Lokal testkod"


class AreaCodeEditTests(ComparisonFixture):
    def edit_url(self) -> str:
        return f"/kunskap/omraden/{self.b.pk}/andra/"

    def test_coordinator_changes_the_code_and_it_is_audited(self) -> None:
        client = self.client_for(self.coordinator)
        assert "SDN02" in client.get("/kunskap/omraden/").content.decode()
        response = client.post(self.edit_url(), {"code": " 0127 ", "code_scheme": "Nyko 2"})
        assert response.status_code == 302
        self.b.refresh_from_db()
        assert (self.b.code, self.b.code_scheme) == ("0127", "Nyko 2")
        event = AuditEvent.objects.filter(object_id=str(self.b.pk), verb="update").latest("pk")
        assert event.changes["code"] == ["SDN02", "0127"]

    def test_bad_code_is_refused_in_swedish_and_nothing_changes(self) -> None:
        client = self.client_for(self.coordinator)
        for data, message in [
            ({"code": "01 80", "code_scheme": "x"}, "får bara innehålla bokstäver"),
            ({"code": "0123", "code_scheme": "x"}, "används redan av Alby"),
            ({"code": "SDN09", "code_scheme": ""}, "Ange vilket kodsystem"),
        ]:
            response = client.post(self.edit_url(), data)
            assert response.status_code == 400
            assert message in response.content.decode()
        self.b.refresh_from_db()
        assert (self.b.code, self.b.code_scheme) == ("SDN02", "Lokal testkod")

    def test_only_coordinators_may_edit(self) -> None:
        for user in (self.editor, self.org_admin, self.reader):
            client = self.client_for(user)
            assert client.get("/kunskap/omraden/").status_code == 403
            response = client.post(self.edit_url(), {"code": "X1", "code_scheme": "x"})
            assert response.status_code == 403
        assert self.client.get(self.edit_url()).status_code == 302  # to the login page
        with self.assertRaises(PermissionDenied):
            actions.area_update(actor=self.editor, area=self.b, code="X1", code_scheme="x")
        self.b.refresh_from_db()
        assert self.b.code == "SDN02"

    def test_action_validates_without_a_view(self) -> None:
        with self.assertRaises(ValidationError):
            actions.area_update(actor=self.coordinator, area=self.b, code="=1+1", code_scheme="x")


class KnowledgeApiAreaCodeTests(ComparisonFixture):
    def test_observations_name_their_code_system(self) -> None:
        url = f"/api/v1/knowledge/measures/{self.measure.pk}/observations/"
        items = self.client.get(url).json()["items"]
        alby = next(row for row in items if row["area"] == "Alby")
        assert alby["area_code"] == "0123" and alby["area_code_scheme"] == "Lokal testkod"


class AreaListLinkTests(ComparisonFixture):
    def test_coordinators_find_the_area_codes_from_the_dataset_list(self) -> None:
        assert (
            "/kunskap/omraden/"
            in self.client_for(self.coordinator).get("/kunskap/").content.decode()
        )
        assert (
            "/kunskap/omraden/"
            not in self.client_for(self.editor).get("/kunskap/").content.decode()
        )
