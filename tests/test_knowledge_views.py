"""Knowledge pages: dataset list and detail, import with preview, qualitative records."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from mrplan.core.models import AuditEvent
from mrplan.knowledge.demo import load_knowledge
from mrplan.knowledge.models import Area, Dataset, Measure, Observation, QualitativeRecord
from tests.base import BaseTestCase
from tests.jobs_support import run_queued_tasks

TIDY = b"period;area;value;n\n2023;Bromma;12,5;120\n2024;Bromma;11;100\n"


def read(client, url: str, data: dict):  # type: ignore[no-untyped-def]
    """Upload, let the worker read the file, and follow the status page to the preview."""
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"].startswith("/jobb/"), response
    run_queued_tasks()
    return client.get(response["Location"], follow=True)


class KnowledgeViewTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        Area.objects.create(name="Bromma", kind="district")
        cls.public = Dataset.objects.create(
            title="Offentligt",
            slug="offentligt",
            source="Enkät",
            is_published=True,
            is_illustrative=True,
        )
        cls.draft = Dataset.objects.create(title="Utkast", slug="utkast", source="Enkät")
        cls.measure = Measure.objects.create(dataset=cls.public, name="Andel", slug="andel")

    def test_anonymous_visitors_see_published_datasets_only(self) -> None:
        client = self.client_for(None)
        response = client.get("/kunskap/")
        assert "Offentligt" in response.text and "Utkast" not in response.text
        assert "Illustrativa demodata – inte verkliga siffror" in response.text
        assert client.get("/kunskap/dataset/utkast/").status_code == 404
        assert client.get("/kunskap/dataset/offentligt/").status_code == 200

    def test_signed_in_users_see_unpublished_datasets(self) -> None:
        response = self.client_for(self.reader).get("/kunskap/dataset/utkast/")
        assert response.status_code == 200

    def test_the_dataset_list_costs_a_fixed_number_of_queries(self) -> None:
        client = self.client_for(None)
        client.get("/kunskap/")
        for number in range(5):
            Dataset.objects.create(
                title=f"D{number}", slug=f"d{number}", source="x", is_published=True
            )
        with self.assertNumQueries(1):
            client.get("/kunskap/")

    def test_a_coordinator_imports_with_preview_and_confirmation(self) -> None:
        client = self.client_for(self.coordinator)
        upload = SimpleUploadedFile("data.csv", TIDY)
        response = read(
            client,
            "/kunskap/dataset/offentligt/import/",
            {"format": "tidy", "measure": self.measure.pk, "file": upload},
        )
        assert response.status_code == 200
        assert not Observation.objects.exists()
        token = response.context["token"]
        response = client.post("/kunskap/dataset/offentligt/import/bekrafta/", {"token": token})
        assert response.status_code == 302
        assert Observation.objects.count() == 2
        assert AuditEvent.objects.filter(object_id=str(self.public.pk), verb="update").exists()

    def test_a_bad_file_shows_row_errors_and_saves_nothing(self) -> None:
        client = self.client_for(self.coordinator)
        upload = SimpleUploadedFile("data.csv", TIDY + b"2024;Gotham;1;1\n")
        response = read(
            client,
            "/kunskap/dataset/offentligt/import/",
            {"format": "tidy", "measure": self.measure.pk, "file": upload},
        )
        assert response.status_code == 400
        assert "Rad 4: okänt område ”Gotham”." in response.text
        response = client.post("/kunskap/dataset/offentligt/import/bekrafta/", {"token": "x"})
        assert response.status_code == 302
        assert not Observation.objects.exists()

    def test_microdata_needs_a_measure(self) -> None:
        response = self.client_for(self.coordinator).post(
            "/kunskap/dataset/offentligt/import/",
            {"format": "microdata", "file": SimpleUploadedFile("svar.csv", TIDY)},
        )
        assert response.status_code == 400
        assert "Välj vilket mått" in response.text

    def test_import_is_refused_to_readers_and_anonymous_visitors(self) -> None:
        assert (
            self.client_for(self.reader).get("/kunskap/dataset/offentligt/import/").status_code
            == 403
        )
        response = self.client_for(None).get("/kunskap/dataset/offentligt/import/")
        assert response.status_code == 302 and "?next=" in response["Location"]

    def test_a_coordinator_creates_a_dataset(self) -> None:
        response = self.client_for(self.coordinator).post(
            "/kunskap/dataset/nytt/", {"title": "Brå", "slug": "bra", "source": "Brå"}
        )
        assert response.status_code == 302
        dataset = Dataset.objects.get(slug="bra")
        assert AuditEvent.objects.filter(object_id=str(dataset.pk), verb="create").exists()

    def test_a_dataset_without_a_source_is_refused(self) -> None:
        response = self.client_for(self.coordinator).post(
            "/kunskap/dataset/nytt/", {"title": "Brå", "slug": "bra"}
        )
        assert response.status_code == 400
        assert not Dataset.objects.filter(slug="bra").exists()

    def test_the_kolada_export_is_public_for_published_datasets(self) -> None:
        response = self.client_for(None).get("/kunskap/dataset/offentligt/kolada.json")
        assert response.json() == {"values": [], "count": 0, "next_page": None}


class RecordViewTests(BaseTestCase):
    def test_a_coordinator_adds_a_record_with_a_file(self) -> None:
        response = self.client_for(self.coordinator).post(
            "/kunskap/underlag/nytt/",
            {
                "date": "2024-05-02",
                "title": "Dialog med unga i Järva",
                "heard": "Tolv unga",
                "key_findings": "Många har mött rasism i kollektivtrafiken.",
                "attachment": SimpleUploadedFile("anteckningar.txt", b"text"),
            },
        )
        assert response.status_code == 302
        record = QualitativeRecord.objects.get()
        assert record.files.get().name == "anteckningar.txt"
        assert AuditEvent.objects.filter(object_id=str(record.pk), verb="create").exists()

    def test_a_record_without_findings_is_refused(self) -> None:
        response = self.client_for(self.coordinator).post(
            "/kunskap/underlag/nytt/", {"date": "2024-05-02", "title": "X", "heard": "Y"}
        )
        assert response.status_code == 400
        assert not QualitativeRecord.objects.exists()

    def test_records_are_for_signed_in_users_and_written_by_coordinators(self) -> None:
        record = QualitativeRecord.objects.create(
            date=datetime.date(2024, 1, 1), title="Dialog", heard="Unga", key_findings="…"
        )
        assert self.client_for(self.reader).get(record.get_absolute_url()).status_code == 200
        assert self.client_for(self.reader).get("/kunskap/underlag/nytt/").status_code == 403
        assert self.client_for(None).get("/kunskap/underlag/").status_code == 302
        client = self.client_for(self.reader)
        client.get("/kunskap/underlag/")
        QualitativeRecord.objects.create(
            date=datetime.date(2024, 2, 1), title="Rapport", heard="Föreningar", key_findings="…"
        )
        with self.assertNumQueries(6):  # session, user, roles, records, 2 prefetches
            client.get("/kunskap/underlag/")


class DemoTests(BaseTestCase):
    def test_the_demo_loads_labelled_illustrative_datasets_once(self) -> None:
        load_knowledge()
        count = Observation.objects.count()
        load_knowledge()
        assert Observation.objects.count() == count > 0
        assert set(Dataset.objects.values_list("is_illustrative", flat=True)) == {True}
        assert (
            Observation.objects.filter(
                measure__dataset__slug="demo-kolada", area__code="0180"
            ).count()
            == 18
        )
        assert Observation.objects.filter(measure__dataset__slug="demo-elevenkat").exists()
