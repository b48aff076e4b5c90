"""The knowledge API: published datasets for anyone, suppressed values never given away."""

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


class KnowledgeApiTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.public = Dataset.objects.create(
            title="Offentligt", slug="offentligt", source="Enkät", is_published=True
        )
        cls.draft = Dataset.objects.create(title="Utkast", slug="utkast", source="Enkät")
        cls.measure = Measure.objects.create(dataset=cls.public, name="Andel", slug="andel")
        cls.hidden = Measure.objects.create(dataset=cls.draft, name="Dold", slug="dold")
        area = Area.objects.create(name="Bromma", kind="district", code="B1")
        period = Period.objects.create(
            label="2024", kind="year", start="2024-01-01", end="2024-12-31"
        )
        sex = Dimension.objects.create(name="Kön", slug="kon")
        women = DimensionValue.objects.create(dimension=sex, label="Kvinnor", slug="kvinnor")
        Observation.objects.create(
            measure=cls.measure, area=area, period=period, value=12.5, count=80
        )
        hidden = Observation.objects.create(
            measure=cls.measure, area=area, period=period, suppressed=True,
            breakdown_key="kon:kvinnor",
        )  # fmt: skip
        hidden.dimension_values.set([women])

    def test_anonymous_callers_get_published_datasets_and_measures_only(self) -> None:
        client = self.client_for(None)
        data = client.get("/api/v1/knowledge/datasets/").json()
        assert [item["slug"] for item in data["items"]] == ["offentligt"]
        assert data["items"][0]["measure_count"] == 1
        missing = client.get(f"/api/v1/knowledge/datasets/{self.draft.pk}/")
        assert missing.status_code == 404 and missing.json()["detail"] == "Datasetet finns inte."
        assert client.get(f"/api/v1/knowledge/measures/{self.hidden.pk}/").status_code == 404
        assert (
            client.get(f"/api/v1/knowledge/measures/{self.hidden.pk}/observations/").status_code
            == 404
        )
        measures = client.get("/api/v1/knowledge/measures/").json()["items"]
        assert [m["slug"] for m in measures] == ["andel"]

    def test_signed_in_callers_see_every_dataset(self) -> None:
        data = self.client_for(self.reader).get("/api/v1/knowledge/datasets/").json()
        assert {item["slug"] for item in data["items"]} == {"offentligt", "utkast"}
        measures = (
            self.client_for(self.reader)
            .get("/api/v1/knowledge/measures/", {"dataset": self.draft.pk})
            .json()
        )
        assert [m["slug"] for m in measures["items"]] == ["dold"]

    def test_suppressed_observations_never_expose_a_value(self) -> None:
        url = f"/api/v1/knowledge/measures/{self.measure.pk}/observations/"
        items = self.client_for(None).get(url).json()["items"]
        assert items[0]["value"] == 12.5 and items[0]["n"] == 80 and items[0]["breakdown"] == {}
        assert items[1] == {
            **items[1],
            "value": None,
            "n": None,
            "ci_low": None,
            "ci_high": None,
            "suppressed": True,
            "breakdown": {"Kön": "Kvinnor"},
        }
        total = self.client_for(None).get(url, {"breakdown": "", "area": "B1"}).json()
        assert total["count"] == 1

    def test_observations_are_paginated_in_fixed_queries(self) -> None:
        url = f"/api/v1/knowledge/measures/{self.measure.pk}/observations/"
        client = self.client_for(None)
        data = client.get(url, {"page_size": 1}).json()
        assert data["count"] == 2 and len(data["items"]) == 1
        with self.assertNumQueries(5):  # measure, count, page, breakdowns, dimensions
            client.get(url)

    def test_bad_input_gets_a_swedish_error(self) -> None:
        response = self.client_for(None).get("/api/v1/knowledge/measures/", {"dataset": "x"})
        assert response.status_code == 422
        assert response.json()["detail"]
        assert self.client_for(None).get("/api/v1/knowledge/measures/0/").status_code == 404
