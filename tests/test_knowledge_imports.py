"""Imports of tidy tables, Kolada JSON and survey microdata: all rows or none."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from openpyxl import Workbook

from mrplan.core.models import AuditEvent
from mrplan.knowledge import actions, exports, imports
from mrplan.knowledge.models import Area, Dataset, Measure, Observation
from tests.base import BaseTestCase

TIDY = (
    "period;area;Kön;value;n;ci_low;ci_high\n"
    "2023;Järva;Kvinnor;12,5;120;10;15\n"
    "2023;Järva;Män;9,5;110;;\n"
    "2024 T1;Bromma;;7;300;;\n"
)
KOLADA = {
    "values": [
        {
            "kpi": "N00002",
            "municipality": "0180",
            "period": 2023,
            "values": [
                {"gender": "T", "value": 71.3, "count": 900},
                {"gender": "K", "value": 73.25},
                {"gender": "M", "value": 69.1, "count": 450},
            ],
        },
        {
            "kpi": "N00002",
            "municipality": "0180",
            "period": 2024,
            "values": [{"gender": "T", "value": 70.0}],
        },
    ],
    "count": 2,
    "next_page": None,
}


class ImportTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        Area.objects.create(name="Stockholm", kind="city", code="0180")
        Area.objects.create(name="Järva", kind="district")
        Area.objects.create(name="Bromma", kind="district")
        cls.dataset = Dataset.objects.create(title="Enkät", slug="enkat", source="Enkät")
        cls.measure = Measure.objects.create(
            dataset=cls.dataset, name="Andel utsatta", slug="utsatta", code="N00002", unit="%"
        )

    def run_import(self, rows, *, commit=True):  # type: ignore[no-untyped-def]
        return actions.observations_import(
            actor=self.coordinator,
            dataset=self.dataset,
            rows=rows,
            measure=self.measure,
            commit=commit,
        )


class TidyImportTests(ImportTestCase):
    def test_it_imports_a_tidy_csv_with_breakdowns(self) -> None:
        result = self.run_import(imports.parse_tidy("data.csv", TIDY.encode()))
        assert not result.has_errors
        assert result.new == 3
        women = Observation.objects.get(breakdown_key="kon:kvinnor")
        assert (women.value, women.count, women.ci_low, women.ci_high) == (12.5, 120, 10, 15)
        assert women.period.label == "2023"
        total = Observation.objects.get(breakdown_key="")
        assert str(total.period) == "2024 T1"
        assert total.period.start.isoformat() == "2024-01-01"
        assert total.period.end.isoformat() == "2024-04-30"
        assert AuditEvent.objects.filter(object_id=str(self.dataset.pk)).exists()

    def test_it_imports_an_xlsx_file(self) -> None:
        workbook = Workbook()
        sheet = workbook.active
        sheet.append(["period", "område", "Åldersgrupp", "värde", "n"])
        sheet.append([2022, "Bromma", "16–24", 3.5, 40])
        buffer = io.BytesIO()
        workbook.save(buffer)
        result = self.run_import(imports.parse_tidy("data.xlsx", buffer.getvalue()))
        assert result.new == 1
        assert Observation.objects.get().dimension_values.get().label == "16–24"

    def test_it_refuses_non_numeric_values_row_by_row(self) -> None:
        content = TIDY + "2024;Järva;Män;många;10;;\n"
        with pytest.raises(imports.ImportFileError) as error:
            imports.parse_tidy("data.csv", content.encode())
        assert error.value.messages == ["Rad 5: Värdet ”många” är inte ett tal."]

    def test_it_refuses_unknown_areas_and_periods_and_saves_nothing(self) -> None:
        content = TIDY + "2024;Gotham;Män;1;10;;\n" + "förra året;Järva;Män;1;10;;\n"
        result = self.run_import(imports.parse_tidy("data.csv", content.encode()))
        assert result.errors == [
            "Rad 5: okänt område ”Gotham”.",
            "Rad 6: okänd period ”förra året” (skriv till exempel 2024 eller 2024 T1).",
        ]
        assert not Observation.objects.exists()

    def test_it_refuses_duplicated_observations(self) -> None:
        content = TIDY + "2023;järva;kvinnor;13;100;;\n"
        result = self.run_import(imports.parse_tidy("data.csv", content.encode()))
        assert result.errors == ["Rad 5: samma observation finns redan på rad 2."]
        assert not Observation.objects.exists()

    def test_it_replaces_observations_on_a_second_import(self) -> None:
        self.run_import(imports.parse_tidy("data.csv", TIDY.encode()))
        result = self.run_import(
            imports.parse_tidy("data.csv", TIDY.replace("12,5", "13").encode())
        )
        assert (result.new, result.replaced) == (0, 3)
        assert Observation.objects.get(breakdown_key="kon:kvinnor").value == 13

    def test_a_preview_saves_nothing(self) -> None:
        result = self.run_import(imports.parse_tidy("data.csv", TIDY.encode()), commit=False)
        assert result.new == 3
        assert not Observation.objects.exists()

    def test_it_refuses_a_reader(self) -> None:
        from django.core.exceptions import PermissionDenied

        with pytest.raises(PermissionDenied):
            actions.observations_import(
                actor=self.reader, dataset=self.dataset, rows=[], measure=None, commit=True
            )

    @override_settings(KNOWLEDGE_MAX_UPLOAD_BYTES=10)
    def test_it_refuses_files_over_the_size_limit(self) -> None:
        with pytest.raises(imports.ImportFileError) as error:
            imports.check_size(11)
        assert "större än" in error.value.messages[0]


class ImpossibleIntervalTests(ImportTestCase):
    def test_a_value_outside_its_interval_or_a_share_outside_0_to_100_is_refused(self) -> None:
        table = (
            "period;area;value;n;ci_low;ci_high\n"
            "2023;Järva;12;100;13;15\n"
            "2023;Bromma;5;7;-14,64;36,63\n"
        )
        result = self.run_import(imports.parse_tidy("data.csv", table.encode()))
        assert "Rad 2: värdet ligger utanför konfidensintervallet." in result.errors
        assert (
            "Rad 3: en andel i procent och dess intervall måste ligga mellan 0 och 100."
            in result.errors
        )
        assert not Observation.objects.exists()


class KoladaImportTests(ImportTestCase):
    def test_a_kolada_file_round_trips_to_the_same_numbers(self) -> None:
        content = json.dumps(KOLADA).encode()
        result = self.run_import(imports.parse_kolada(content))
        assert result.new == 4
        assert Observation.objects.get(breakdown_key="kon:kvinnor").value == 73.25
        assert exports.kolada_document(self.dataset) == KOLADA

    def test_the_kolada_export_carries_every_figure_of_an_uncoded_dataset(self) -> None:
        self.measure.code = ""
        self.measure.save()
        result = self.run_import(imports.parse_tidy("data.csv", TIDY.encode()))
        assert result.new == 3
        document = exports.kolada_document(self.dataset)
        assert document["count"] == 1  # 2024 T1 is not a year, so Kolada has no place for it
        entry = document["values"][0]
        assert (entry["kpi"], entry["municipality"], entry["period"]) == ("utsatta", "Järva", 2023)
        assert entry["values"] == [
            {"gender": "K", "value": 12.5, "count": 120},
            {"gender": "M", "value": 9.5, "count": 110},
        ]
        # It reads back into the same numbers.
        content = exports.kolada_json(self.dataset)
        Observation.objects.all().delete()
        again = self.run_import(imports.parse_kolada(content))
        assert again.new == 2 and not again.has_errors
        assert exports.kolada_document(self.dataset) == document

    def test_breakdowns_kolada_has_no_field_for_are_kept_in_an_extra_member(self) -> None:
        table = "period;area;Form av rasism;value;n\n2023;Järva;Afrofobi;9;100\n"
        self.run_import(imports.parse_tidy("data.csv", table.encode()))
        [entry] = exports.kolada_document(self.dataset)["values"]
        assert entry["values"] == [
            {"gender": "T", "value": 9.0, "count": 100, "breakdown": {"Form av rasism": "Afrofobi"}}
        ]
        content = exports.kolada_json(self.dataset)
        Observation.objects.all().delete()
        self.run_import(imports.parse_kolada(content))
        assert Observation.objects.get().breakdown_key.startswith("form-av-rasism:")

    def test_it_refuses_malformed_kolada_json(self) -> None:
        for content, message in [
            (b"{not json", "Filen är inte giltig JSON."),
            (b'{"count": 1}', "Filen ser inte ut som ett svar från Koladas API"),
            (
                json.dumps(
                    {
                        "values": [
                            {
                                "kpi": "N1",
                                "municipality": "0180",
                                "period": 2023,
                                "values": [{"gender": "X", "value": 1}],
                            }
                        ]
                    }
                ).encode(),
                "Post 1: okänt kön ”X” (ska vara T, K eller M).",
            ),
            (
                json.dumps(
                    {
                        "values": [
                            {
                                "kpi": "N1",
                                "municipality": "0180",
                                "period": 2023,
                                "values": [{"gender": "T", "value": "hög"}],
                            }
                        ]
                    }
                ).encode(),
                "Post 1: värdet ”hög” är inte ett tal.",
            ),
        ]:
            with pytest.raises(imports.ImportFileError) as error:
                imports.parse_kolada(content)
            assert error.value.messages[0].startswith(message)

    def test_it_refuses_an_unknown_municipality(self) -> None:
        document = json.loads(json.dumps(KOLADA))
        document["values"][0]["municipality"] = "1480"
        result = actions.observations_import(
            actor=self.coordinator,
            dataset=self.dataset,
            rows=imports.parse_kolada(json.dumps(document).encode()),
            commit=True,
        )
        assert "Rad 1: okänt område ”1480”." in result.errors
        assert not Observation.objects.exists()


def _microdata(rows: int, extra: str = "") -> bytes:
    lines = ["period;area;weight;Kön;value"]
    for number in range(rows):
        lines.append(f"2024;Järva;1;{'Flicka' if number % 3 else 'Pojke'};{number % 2}")
    return ("\n".join(lines) + "\n" + extra).encode()


class MicrodataImportTests(ImportTestCase):
    def parse(self, content: bytes):  # type: ignore[no-untyped-def]
        return actions.parse_file(
            "microdata", "svar.csv", content, dataset=self.dataset, measure=self.measure
        )

    def test_it_aggregates_microdata_into_suppressed_observations(self) -> None:
        result = self.run_import(self.parse(_microdata(12)))  # 4 boys, 8 girls
        assert not result.has_errors
        boys = Observation.objects.get(breakdown_key="kon:pojke")
        girls = Observation.objects.get(breakdown_key="kon:flicka")
        assert boys.suppressed and boys.value is None and boys.count is None
        assert girls.suppressed  # secondary: else girls = total - boys
        total = Observation.objects.get(breakdown_key="")
        assert (total.count, total.value) == (12, 50.0)

    @override_settings(KNOWLEDGE_MIN_GROUP_SIZE=3)
    def test_it_uses_the_minimum_group_size_setting(self) -> None:
        self.run_import(self.parse(_microdata(12)))
        assert not Observation.objects.filter(suppressed=True).exists()

    def test_it_refuses_bad_microdata_rows(self) -> None:
        with pytest.raises(imports.ImportFileError) as error:
            self.parse(_microdata(6, "2024;Järva;tung;Pojke;1\n2024;Gotham;1;Pojke;1\n"))
        assert error.value.messages == [
            "Rad 8: värdet och vikten måste vara tal.",
            "Rad 9: okänt område ”Gotham”.",
        ]


class CommandTests(ImportTestCase):
    def write(self, name: str, content: bytes) -> Path:
        path = Path(self.tmp) / name
        path.write_bytes(content)
        return path

    def setUp(self) -> None:
        import tempfile

        self.tmp = tempfile.mkdtemp()

    def test_the_command_imports_a_kolada_file(self) -> None:
        path = self.write("kolada.json", json.dumps(KOLADA).encode())
        out = io.StringIO()
        call_command("import_dataset", str(path), format="kolada", dataset="enkat", stdout=out)
        assert "Sparade 4 nya" in out.getvalue()
        assert Observation.objects.count() == 4

    def test_the_command_dry_run_saves_nothing(self) -> None:
        path = self.write("data.csv", TIDY.encode())
        call_command(
            "import_dataset",
            str(path),
            format="tidy",
            dataset="enkat",
            measure="utsatta",
            dry_run=True,
            stdout=io.StringIO(),
        )
        assert not Observation.objects.exists()

    def test_the_command_refuses_bad_rows(self) -> None:
        path = self.write("data.csv", (TIDY + "2024;Gotham;;1;1;;\n").encode())
        with pytest.raises(CommandError, match="okänt område ”Gotham”"):
            call_command(
                "import_dataset", str(path), format="tidy", dataset="enkat", measure="utsatta"
            )
        assert not Observation.objects.exists()

    def test_the_command_aggregates_microdata(self) -> None:
        path = self.write("svar.csv", _microdata(30))
        call_command(
            "import_dataset",
            str(path),
            format="microdata",
            dataset="enkat",
            measure="utsatta",
            stdout=io.StringIO(),
        )
        assert Observation.objects.get(breakdown_key="").count == 30
