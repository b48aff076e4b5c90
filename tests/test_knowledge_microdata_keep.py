"""Raw survey microdata: dropped after aggregation unless KNOWLEDGE_KEEP_MICRODATA is on."""

import gzip
import io
import tempfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings

from mrplan.core.models import AuditEvent
from mrplan.jobs.models import Job
from mrplan.knowledge.models import Area, Dataset, Measure, MicrodataBatch, Observation
from tests.base import BaseTestCase
from tests.test_knowledge_views import read

# Twelve respondents: a value nobody else would write, so a leak is easy to spot.
MICRODATA = b"period;area;weight;value;kon\n" + b"".join(
    "2024;Bromma;{};{};{}\n".format(
        "3,14159" if number == 7 else 1, number % 2, "K" if number < 6 else "M"
    ).encode()
    for number in range(12)
)
SECRET_WEIGHT = "3,14159"


class MicrodataKeepTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        Area.objects.create(name="Bromma", kind="district")
        cls.dataset = Dataset.objects.create(title="Enkät", slug="enkat", source="Enkät")
        cls.measure = Measure.objects.create(dataset=cls.dataset, name="Andel", slug="andel")

    def import_microdata(self) -> None:
        client = self.client_for(self.coordinator)
        response = read(
            client,
            "/kunskap/dataset/enkat/import/",
            {
                "format": "microdata",
                "measure": self.measure.pk,
                "file": SimpleUploadedFile("svar.csv", MICRODATA),
            },
        )
        assert response.status_code == 200, response.text
        token = response.context["token"]
        response = client.post("/kunskap/dataset/enkat/import/bekrafta/", {"token": token})
        assert response.status_code == 302
        assert Observation.objects.exists()

    def make_batch(self) -> MicrodataBatch:
        return MicrodataBatch.objects.create(
            dataset=self.dataset, measure=self.measure, row_count=12, rows=gzip.compress(b"x")
        )

    def test_by_default_nothing_raw_is_kept(self) -> None:
        self.import_microdata()
        assert not MicrodataBatch.objects.exists()
        page = self.client_for(self.coordinator).get("/kunskap/dataset/enkat/")
        assert "Sparade mikrodata" not in page.text

    @override_settings(KNOWLEDGE_KEEP_MICRODATA=True)
    def test_when_configured_the_confirmed_rows_are_kept_and_audited(self) -> None:
        self.import_microdata()
        batch = MicrodataBatch.objects.get()
        assert (batch.dataset, batch.measure, batch.uploaded_by, batch.row_count) == (
            self.dataset, self.measure, self.coordinator, 12,
        )  # fmt: skip
        text = gzip.decompress(bytes(batch.rows)).decode()
        assert text.splitlines()[0] == "period,area,weight,value,kon"
        assert len(text.splitlines()) == 13
        event = AuditEvent.objects.get(object_id=str(batch.pk), verb="create")
        assert SECRET_WEIGHT not in str(event.changes) and "12" in str(event.changes)

    @override_settings(KNOWLEDGE_KEEP_MICRODATA=True)
    def test_an_unconfirmed_preview_keeps_nothing(self) -> None:
        response = read(
            self.client_for(self.coordinator),
            "/kunskap/dataset/enkat/import/",
            {
                "format": "microdata",
                "measure": self.measure.pk,
                "file": SimpleUploadedFile("svar.csv", MICRODATA),
            },
        )
        assert response.status_code == 200
        assert not MicrodataBatch.objects.exists()
        # The respondents' file does not linger on disk once the worker has read it.
        job = Job.objects.get()
        assert not job.input_file
        assert "raw" not in job.result

    @override_settings(KNOWLEDGE_KEEP_MICRODATA=True)
    def test_tidy_imports_keep_nothing_even_when_configured(self) -> None:
        client = self.client_for(self.coordinator)
        response = read(
            client,
            "/kunskap/dataset/enkat/import/",
            {
                "format": "tidy",
                "measure": self.measure.pk,
                "file": SimpleUploadedFile("d.csv", b"period;area;value\n2024;Bromma;3\n"),
            },
        )
        client.post("/kunskap/dataset/enkat/import/bekrafta/", {"token": response.context["token"]})
        assert Observation.objects.count() == 1
        assert not MicrodataBatch.objects.exists()

    @override_settings(KNOWLEDGE_KEEP_MICRODATA=True)
    def test_coordinators_see_only_that_it_exists_never_the_rows(self) -> None:
        self.import_microdata()
        page = self.client_for(self.coordinator).get("/kunskap/dataset/enkat/")
        assert "Sparade mikrodata" in page.text and "<td>12</td>" in page.text
        assert SECRET_WEIGHT not in page.text
        for user in (self.reader, None):
            other = self.client_for(user).get("/kunskap/dataset/enkat/")
            assert "Sparade mikrodata" not in other.text
        self.dataset.is_published = True
        self.dataset.save()
        for url in (
            f"/api/v1/knowledge/datasets/{self.dataset.pk}/",
            f"/api/v1/knowledge/measures/{self.measure.pk}/observations/",
            "/kunskap/dataset/enkat/kolada.json",
            "/kunskap/dataset/enkat/matt/andel/export.csv",
        ):
            response = self.client_for(self.coordinator).get(url)
            assert response.status_code == 200, url
            body = response.content.decode()
            assert SECRET_WEIGHT not in body and "3.14159" not in body, url

    def test_a_coordinator_deletes_kept_microdata(self) -> None:
        batch = self.make_batch()
        url = f"/kunskap/dataset/enkat/mikrodata/{batch.pk}/ta-bort/"
        response = self.client_for(self.coordinator).post(url)
        assert response.status_code == 302
        assert not MicrodataBatch.objects.exists()
        assert AuditEvent.objects.filter(object_id=str(batch.pk), verb="delete").exists()

    def test_others_may_not_delete_kept_microdata(self) -> None:
        batch = self.make_batch()
        url = f"/kunskap/dataset/enkat/mikrodata/{batch.pk}/ta-bort/"
        for user in (self.reader, self.org_admin, self.outsider):
            assert self.client_for(user).post(url).status_code == 403
        anonymous = self.client_for(None).post(url)
        assert anonymous.status_code == 302 and "/konto/logga-in/" in anonymous["Location"]
        missing = self.client_for(self.coordinator).post(
            f"/kunskap/dataset/enkat/mikrodata/{batch.pk + 1}/ta-bort/"
        )
        assert missing.status_code == 404
        assert self.client_for(self.coordinator).get(url).status_code == 405
        assert MicrodataBatch.objects.count() == 1

    def test_the_command_line_keeps_rows_only_when_configured(self) -> None:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "svar.csv"
            path.write_bytes(MICRODATA)
            arguments = ["--format", "microdata", "--dataset", "enkat", "--measure", "andel"]
            call_command("import_dataset", str(path), *arguments, stdout=io.StringIO())
            assert not MicrodataBatch.objects.exists()
            with override_settings(KNOWLEDGE_KEEP_MICRODATA=True):
                call_command(
                    "import_dataset", str(path), *arguments, "--dry-run", stdout=io.StringIO()
                )
                assert not MicrodataBatch.objects.exists()
                call_command("import_dataset", str(path), *arguments, stdout=io.StringIO())
        batch = MicrodataBatch.objects.get()
        assert batch.uploaded_by is None and batch.row_count == 12
