"""Data-portal metadata: a Frictionless Data Package that validates, and a DCAT-AP-SE catalogue."""

import io
import json
import zipfile
from pathlib import Path
from tempfile import TemporaryDirectory

from django.core.management import call_command
from django.test import TestCase, override_settings
from frictionless import Package, validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF

from mrplan.public.opendata import TABLES


@override_settings(SITE_URL="https://mrplan.example.se")
class DataPackageTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        call_command("load_demo", stdout=io.StringIO())

    def test_the_package_in_the_zip_validates_with_frictionless(self) -> None:
        archive = zipfile.ZipFile(io.BytesIO(self.client.get("/oppet/data/alla.zip").getvalue()))
        with TemporaryDirectory() as folder:
            archive.extractall(folder)
            report = validate(str(Path(folder) / "datapackage.json"))
            errors = [error.message for task in report.tasks for error in task.errors][:5]
            assert report.valid, errors
            package = Package(str(Path(folder) / "datapackage.json"))
            assert {resource.name for resource in package.resources} == {t.name for t in TABLES}
            rows = package.get_resource("observations").read_rows()
            assert rows and all(isinstance(row["area_code"], str | None) for row in rows)
            assert any(row["area_code"] == "0180" for row in rows)  # never 180.0

    def test_every_column_has_a_typed_field_and_keys_point_at_other_files(self) -> None:
        document = json.loads(self.client.get("/oppet/data/datapackage.json").content)
        assert document["profile"] == "tabular-data-package"
        assert document["licenses"][0]["name"] == "CC0-1.0"
        resources = {resource["name"]: resource for resource in document["resources"]}
        observations = resources["observations"]
        assert observations["path"] == "https://mrplan.example.se/oppet/data/observations.csv"
        fields = {field["name"]: field for field in observations["schema"]["fields"]}
        assert fields["area_code"]["type"] == "string"
        assert fields["value"]["type"] == "number"
        assert observations["schema"]["primaryKey"] == ["id"]
        assert {"fields": "measure_id", "reference": {"resource": "measures", "fields": "id"}} in (
            observations["schema"]["foreignKeys"]
        )
        for table in TABLES:
            assert [f["name"] for f in resources[table.name]["schema"]["fields"]] == (
                table.column_ids
            )


@override_settings(SITE_URL="https://mrplan.example.se", OPEN_DATA_PUBLISHER="Exempelstad")
class DcatCatalogueTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        call_command("load_demo", stdout=io.StringIO())

    def graph(self, fmt: str) -> Graph:
        response = self.client.get(f"/oppet/data/dcat.{fmt}")
        assert response.status_code == 200
        return Graph().parse(data=response.content, format="xml" if fmt == "rdf" else "json-ld")

    def test_the_catalogue_describes_every_file_with_its_distributions_and_licence(self) -> None:
        graph = self.graph("rdf")
        [catalog] = graph.subjects(RDF.type, DCAT.Catalog)
        datasets = set(graph.objects(catalog, DCAT.dataset))
        assert len(datasets) >= len(TABLES)
        cc0 = URIRef("http://creativecommons.org/publicdomain/zero/1.0/")
        for table in TABLES:
            dataset = URIRef(f"https://mrplan.example.se/oppet/data/#{table.name}")
            assert dataset in datasets
            assert Literal(table.title_sv, lang="sv") in graph.objects(dataset, DCTERMS.title)
            assert graph.value(dataset, DCTERMS.description) is not None
            publisher = graph.value(dataset, DCTERMS.publisher)
            assert publisher is not None and graph.value(dataset, DCAT.contactPoint) is not None
            distributions = list(graph.objects(dataset, DCAT.distribution))
            assert len(distributions) == 3
            for distribution in distributions:
                assert graph.value(distribution, DCTERMS.license) == cc0
                assert str(graph.value(distribution, DCAT.accessURL)).startswith(
                    f"https://mrplan.example.se/oppet/data/{table.name}."
                )
        assert "Exempelstad" in {str(name) for name in graph.objects(None, None)}

    def test_each_published_knowledge_dataset_carries_its_own_licence(self) -> None:
        from mrplan.knowledge.models import Dataset

        graph = self.graph("rdf")
        for dataset in Dataset.objects.filter(is_published=True):
            uri = URIRef(f"https://mrplan.example.se{dataset.get_absolute_url()}")
            assert (uri, RDF.type, DCAT.Dataset) in graph
            [distribution] = graph.objects(uri, DCAT.distribution)
            assert graph.value(distribution, DCTERMS.license) == URIRef(
                "http://creativecommons.org/publicdomain/zero/1.0/"
            )  # the demo datasets are CC0

    def test_json_ld_holds_the_same_statements_and_unknown_formats_are_404(self) -> None:
        assert len(self.graph("jsonld")) == len(self.graph("rdf"))
        assert self.client.get("/oppet/data/dcat.ttl").status_code == 404
