"""The anonymous open data API: every item the open data zip holds, with the same fields."""

import csv
import io
import zipfile

from django.core.management import call_command
from django.test import TestCase

from mrplan.public.opendata import REGISTRY, TABLES, from_cell, to_json_value


def zip_rows() -> dict[str, list[dict[str, object]]]:
    """Return the typed rows of every CSV in /oppet/data/alla.zip, as JSON values."""
    from django.test import Client

    archive = zipfile.ZipFile(io.BytesIO(Client().get("/oppet/data/alla.zip").getvalue()))
    found = {}
    for table in TABLES:
        types = {column.id: column.type for column in table.columns}
        reader = csv.DictReader(io.StringIO(archive.read(f"{table.name}.csv").decode()))
        found[table.name] = [
            {
                key: to_json_value(from_cell(text, types[key]), types[key])
                for key, text in row.items()
            }
            for row in reader
        ]
    return found


class OpenDataApiTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        call_command("load_demo", stdout=io.StringIO())

    def crawl(self, name: str) -> list[dict[str, object]]:
        rows, page = [], 1
        while True:
            response = self.client.get(f"/api/v1/open/{name}/", {"page": page, "page_size": 100})
            assert response.status_code == 200, response.content
            body = response.json()
            rows.extend(body["items"])
            if len(rows) >= body["count"]:
                return rows
            page += 1

    def test_an_anonymous_crawl_returns_every_item_of_the_open_data_zip(self) -> None:
        expected = zip_rows()
        total = 0
        for table in TABLES:
            crawled = self.crawl(table.name)
            assert crawled == expected[table.name], table.name
            total += len(crawled)
        assert total > 100
        assert len(self.crawl("goals")) > 0 and len(self.crawl("reports")) > 0

    def test_one_row_by_id_and_an_unknown_id_is_404_in_swedish(self) -> None:
        first = self.crawl("activities")[0]
        response = self.client.get(f"/api/v1/open/activities/{first['id']}")
        assert response.status_code == 200 and response.json() == first
        response = self.client.get("/api/v1/open/activities/999999999")
        assert response.status_code == 404
        assert "publicerade" in response.json()["detail"]

    def test_fields_keep_the_open_data_names_and_types(self) -> None:
        [row, *_] = self.crawl("observations")
        assert list(row) == REGISTRY["observations"].column_ids
        codes = [r["area_code"] for r in self.crawl("observations")]
        assert "0180" in codes  # text, never 180
        listing = self.client.get("/api/v1/open/").json()
        assert [item["name"] for item in listing] == [table.name for table in TABLES]

    def test_a_page_larger_than_the_documented_limit_is_refused(self) -> None:
        response = self.client.get("/api/v1/open/goals/", {"page_size": 101})
        assert response.status_code == 422
