"""Open data downloads: public rows only, every format, the bulk zip and its round trip."""

import csv
import datetime
import io
import json
import zipfile
from decimal import Decimal
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from mrplan.collaboration.models import ContactPerson, Material, Partner
from mrplan.consultations.models import (
    Consultation,
    ConsultationStatus,
    Decision,
    Statement,
    StatementStatus,
)
from mrplan.knowledge.models import Area, Dataset, Measure, Observation, Period
from mrplan.planning.models import (
    ActivityUpdate,
    Goal,
    IndicatorValue,
    Report,
)
from mrplan.public.opendata import REGISTRY, TABLES, dictionary_rows, from_cell, store
from tests.consultations_support import make_case, make_consultation
from tests.factories import ActionPlanFactory
from tests.test_planning_support import PlanningTestCase

# Every string that must never reach a download, one per kind of secret.
SECRETS = {
    "draft goal": "HEMLIGT-UTKASTMAL",
    "unpublished activity": "HEMLIG-AKTIVITET",
    "unpublished indicator": "HEMLIG-INDIKATOR",
    "draft report comment": "HEMLIG-UTKASTKOMMENTAR",
    "unpublished approved report comment": "HEMLIG-OPUBLICERAD-RAPPORT",
    "unpublished action plan": "HEMLIG-HANDLINGSPLAN",
    "unpublished consultation": "HEMLIG-REMISS",
    "draft consultation": "HEMLIGT-REMISSUTKAST",
    "undecided statement": "HEMLIGT-UTLATANDE",
    "case officer phone": "070-HEMLIGT-NUMMER",
    "unpublished dataset": "HEMLIGT-DATASET",
    "suppressed value": "4242.125",
    "value of an unpublished indicator": "777.77",
    "private material": "HEMLIGT-MATERIAL",
    "contact person name": "HEMLIG-KONTAKTPERSON",
    "contact person e-mail": "hemlig.kontakt@example.org",
    "user e-mail": "hemlig.anvandare@example.org",
}
PUBLIC = [
    "Publicerat mål",
    "Publicerad aktivitet",
    "Publicerad indikator",
    "Publicerad kommentar",
    "Publik remiss",
    "Vårt beslutade svar",
    "Erik Handläggare",
    "Stockholmsenkäten",
    "Publikt material",
]


class OpenDataTestCase(PlanningTestCase):
    def setUp(self) -> None:
        cls = self
        cls.coordinator.email = SECRETS["user e-mail"]
        cls.coordinator.save()
        ActionPlanFactory(title=SECRETS["unpublished action plan"], is_published=False)
        cls.build_plan("")
        cls.build_consultations()
        cls.build_knowledge("")
        Material.objects.create(
            title="Publikt material", audience="public", is_public=True, url="https://a.se"
        )
        Material.objects.create(
            title=SECRETS["private material"], audience="staff", url="https://b.se"
        )
        partner = Partner.objects.create(
            name="Föreningen", organisation_number="802000-0000", kind="other"
        )
        ContactPerson.objects.create(
            partner=partner,
            name=SECRETS["contact person name"],
            email=SECRETS["contact person e-mail"],
            legal_basis="consent",
            purpose="kallelser",
        )

    def build_plan(self, suffix: str) -> None:
        goal = self.make_goal(title=f"Publicerat mål{suffix}", description='Rad 1\r\nRad 2, "x"')
        goal.target_groups.set([self.target_group])
        activity = self.make_activity(
            goal, title=f"Publicerad aktivitet{suffix}", responsible_department=self.department
        )
        activity.target_groups.set([self.target_group])
        indicator = self.make_indicator(
            goal,
            name=f"Publicerad indikator{suffix}",
            breakdown_dimension="Kön",
            breakdown_categories=["Kvinnor", "Män"],
            baseline_value=Decimal("12.50"),
            baseline_year=2024,
        )
        hidden_goal = self.make_goal(title=f"{SECRETS['draft goal']}{suffix}")
        self.make_activity(
            hidden_goal,
            title=f"{SECRETS['unpublished activity']}{suffix}",
        )
        hidden_indicator = self.make_indicator(goal, name=SECRETS["unpublished indicator"])
        for obj in (goal, activity, indicator):
            type(obj).objects.filter(pk=obj.pk).update(is_published=True)
        if suffix:
            return
        approved = self.make_report("T1", status="approved")
        Report.objects.filter(pk=approved.pk).update(is_published=True, published_at=timezone.now())
        ActivityUpdate.objects.filter(report=approved, activity=activity).update(
            status="ongoing", progress=30, comment="Publicerad kommentar"
        )
        IndicatorValue.objects.filter(report=approved).delete()
        IndicatorValue.objects.create(report=approved, indicator=indicator, value=Decimal("42.5"))
        IndicatorValue.objects.create(
            report=approved, indicator=indicator, category="Kvinnor", value=Decimal(41)
        )
        IndicatorValue.objects.create(
            report=approved, indicator=hidden_indicator, value=Decimal("777.77")
        )
        unpublished = self.make_report("T2", status="approved")
        ActivityUpdate.objects.filter(report=unpublished, activity=activity).update(
            progress=55, comment=SECRETS["unpublished approved report comment"]
        )
        draft = self.make_report("VB")
        ActivityUpdate.objects.filter(report=draft, activity=activity).update(
            progress=77, comment=SECRETS["draft report comment"]
        )

    def build_consultations(self) -> None:
        public = make_consultation(
            self.slk,
            [self.org, self.other_org],
            status=ConsultationStatus.SENT,
            title="Publik remiss",
        )
        Consultation.objects.filter(pk=public.pk).update(is_published=True)
        decided = self.statement(public, self.org, 1, "Vårt beslutade svar")
        Statement.objects.filter(pk=decided.pk).update(status=StatementStatus.DECIDED)
        Decision.objects.create(
            statement=decided,
            committee=self.district,
            meeting_date=datetime.date(2024, 6, 10),
            paragraph="12",
            text="Nämnden godkänner svaret.",
            decided_on=datetime.date(2024, 6, 10),
        )
        self.statement(public, self.other_org, 2, SECRETS["undecided statement"])
        secret = make_consultation(
            self.slk,
            [self.org],
            status=ConsultationStatus.SENT,
            title=SECRETS["unpublished consultation"],
        )
        self.statement(secret, self.org, 3, SECRETS["unpublished consultation"])
        Statement.objects.filter(case__consultation_recipient__consultation=secret).update(
            status=StatementStatus.DECIDED
        )
        draft = make_consultation(self.slk, [self.org], title=SECRETS["draft consultation"])
        Consultation.objects.filter(pk=draft.pk).update(is_published=True)

    def statement(
        self, consultation: Consultation, organisation: Any, serial: int, title: str
    ) -> Statement:
        recipient = consultation.recipients.get(organisation=organisation)
        case = make_case(
            organisation, serial, consultation_recipient=recipient, case_officer=self.coordinator
        )
        return Statement.objects.create(
            case=case,
            title=title,
            diary_number=case.diary_number,
            case_officer_name="Erik Handläggare",
            case_officer_phone=SECRETS["case officer phone"],
            views="Förvaltningen tillstyrker.",
            answers={"1": "Ja, med ändringar."},
        )

    def build_knowledge(self, suffix: str) -> None:
        dataset = Dataset.objects.create(
            title=f"Stockholmsenkäten{suffix}",
            slug=f"sthlm{suffix}",
            source="Enkät",
            is_published=True,
        )
        hidden = Dataset.objects.create(
            title=SECRETS["unpublished dataset"] + suffix, slug=f"hemligt{suffix}", source="x"
        )
        area, _ = Area.objects.get_or_create(name="Stockholm", kind="city", code="0180")
        period, _ = Period.objects.get_or_create(
            label="2024",
            kind="year",
            start=datetime.date(2024, 1, 1),
            end=datetime.date(2024, 12, 31),
        )
        measure = Measure.objects.create(dataset=dataset, name="Andel trygga", slug="trygga")
        Observation.objects.create(
            measure=measure, area=area, period=period, value=0.1 + 0.2, count=200
        )
        # Stored against the rules: a suppressed figure must still never be given out.
        Observation.objects.create(
            measure=measure,
            area=area,
            period=period,
            breakdown_key="kon:annat",
            value=float(SECRETS["suppressed value"]),
            suppressed=True,
        )
        hidden_measure = Measure.objects.create(
            dataset=hidden, name=SECRETS["unpublished dataset"], slug="h"
        )
        Observation.objects.create(measure=hidden_measure, area=area, period=period, value=1.0)


def read_zip(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def read_csv(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8"), newline="")))


def xlsx_text(content: bytes) -> str:
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    return "\n".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row)


class DownloadTests(OpenDataTestCase):
    def download(self, name: str, fmt: str) -> Any:
        return self.client_for(None).get(reverse("public-opendata-download", args=[name, fmt]))

    def test_no_draft_unpublished_or_personal_data_appears_in_any_download(self) -> None:
        texts: dict[str, str] = {}
        files = read_zip(self.client_for(None).get(reverse("public-opendata-all")).getvalue())
        for name, content in files.items():
            texts[f"alla.zip/{name}"] = content.decode("utf-8")
        for table in [*TABLES, None]:
            name = table.name if table else "data-dictionary"
            for fmt in ("csv", "json"):
                texts[f"{name}.{fmt}"] = self.download(name, fmt).getvalue().decode("utf-8")
            texts[f"{name}.xlsx"] = xlsx_text(self.download(name, "xlsx").getvalue())
        for kind, secret in SECRETS.items():
            for filename, text in texts.items():
                self.assertNotIn(secret, text, f"{kind} leaked into {filename}")
        everything = "\n".join(texts.values())
        for public in PUBLIC:
            self.assertIn(public, everything)

    def test_status_and_progress_come_from_the_published_report_only(self) -> None:
        row = next(r for r in REGISTRY["activities"].rows() if r["title"] == "Publicerad aktivitet")
        self.assertEqual((row["status"], row["progress"]), ("ongoing", 30))
        self.assertEqual(row["status_comment"], "Publicerad kommentar")
        self.assertEqual(row["status_period"], "T1 2026")

    def test_a_suppressed_observation_has_an_empty_value_and_the_flag(self) -> None:
        rows = read_csv(self.download("observations", "csv").getvalue())
        header, body = rows[0], rows[1:]
        suppressed = [
            dict(zip(header, row, strict=True))
            for row in body
            if row[header.index("suppressed")] == "true"
        ]
        self.assertEqual(len(suppressed), 1)
        self.assertEqual(
            [suppressed[0][c] for c in ("value", "count", "ci_low", "ci_high")], ["", "", "", ""]
        )

    def test_each_format_has_its_content_type_and_a_file_name(self) -> None:
        expected = {
            "csv": "text/csv; charset=utf-8",
            "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "json": "application/json",
        }
        for fmt, content_type in expected.items():
            response = self.download("goals", fmt)
            self.assertEqual(response.status_code, 200)
            self.assertEqual(response["Content-Type"], content_type)
            self.assertEqual(response["Content-Disposition"], f'attachment; filename="goals.{fmt}"')
        response = self.client_for(None).get(reverse("public-opendata-all"))
        self.assertEqual(response["Content-Type"], "application/zip")
        self.assertEqual(response["Content-Disposition"], 'attachment; filename="alla.zip"')

    def test_the_csv_is_utf8_without_bom_comma_separated_with_the_column_ids(self) -> None:
        content = self.download("goals", "csv").getvalue()
        self.assertFalse(content.startswith(b"\xef\xbb\xbf"))
        self.assertTrue(content.startswith(b"id,organisation_id,year,title,"))
        self.assertIn("Publicerat mål".encode(), content)

    def test_the_json_holds_the_columns_and_typed_rows(self) -> None:
        document = json.loads(self.download("indicators", "json").getvalue())
        self.assertEqual(document["licence"]["name"], "CC0 1.0 Universal")
        self.assertEqual([c["id"] for c in document["columns"]], REGISTRY["indicators"].column_ids)
        (row,) = document["rows"]
        # Every number is a JSON number, exact decimals included (never "12.50" as text).
        self.assertEqual(row["baseline_value"], 12.5)
        self.assertIsInstance(row["baseline_value"], float)
        self.assertEqual(row["breakdown_categories"], ["Kvinnor", "Män"])

    def test_the_xlsx_has_a_header_and_one_row_per_public_row(self) -> None:
        sheet = load_workbook(
            io.BytesIO(self.download("indicator-values", "xlsx").getvalue())
        ).active
        assert sheet is not None
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(list(rows[0]), REGISTRY["indicator-values"].column_ids)
        self.assertEqual(len(rows) - 1, 2)

    def test_unknown_names_and_formats_are_404(self) -> None:
        client = self.client_for(None)
        for path in (
            "/oppet/data/finns-inte.csv",
            "/oppet/data/goals.xml",
            "/oppet/data/goals.zip",
            "/oppet/data/alla.csv",
            "/oppet/data/goals",
            "/oppet/data/data-dictionary.pdf",
        ):
            self.assertEqual(client.get(path).status_code, 404, path)

    def test_a_post_is_refused(self) -> None:
        response = self.client_for(None).post(
            reverse("public-opendata-download", args=["goals", "csv"])
        )
        self.assertEqual(response.status_code, 405)

    def count_queries(self) -> dict[str, int]:
        """Count the queries of building the files and of each download served from them."""
        with CaptureQueriesContext(connection) as context:
            store.build()
        counts = {"build": len(context.captured_queries)}
        client = self.client_for(None)
        for table in TABLES:
            for fmt in ("csv", "xlsx", "json"):
                with CaptureQueriesContext(connection) as context:
                    response = self.download(table.name, fmt)
                self.assertEqual(response.status_code, 200)
                counts[f"{table.name}.{fmt}"] = len(context.captured_queries)
        with CaptureQueriesContext(connection) as context:
            client.get(reverse("public-opendata-all"))
        counts["alla.zip"] = len(context.captured_queries)
        return counts

    def test_each_download_costs_a_fixed_number_of_queries(self) -> None:
        before = self.count_queries()
        self.build_plan(" två")
        self.build_knowledge(" två")
        Material.objects.create(
            title="Mer material", audience="public", is_public=True, url="https://c.se"
        )
        after = self.count_queries()
        self.assertEqual(before, after)
        # The build reads each table in a few queries (per chunk of rows); a download is sent
        # from the stored file without any.
        self.assertLessEqual(after.pop("build"), 4 * len(TABLES))
        self.assertEqual(set(after.values()), {0})


class IndexTests(OpenDataTestCase):
    def test_anyone_reads_the_index_with_the_licence_and_every_link(self) -> None:
        response = self.client_for(None).get(reverse("public-opendata"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "CC0 1.0")
        self.assertContains(response, "allmänna handlingar")
        self.assertContains(response, 'href="/oppet/api/"')
        self.assertContains(response, reverse("public-opendata-all"))
        for table in TABLES:
            for fmt in ("csv", "xlsx", "json"):
                self.assertContains(
                    response, reverse("public-opendata-download", args=[table.name, fmt])
                )
        self.assertContains(response, "<h1", count=1)

    def test_every_link_on_the_index_works(self) -> None:
        client = self.client_for(None)
        html = client.get(reverse("public-opendata")).getvalue().decode()
        for href in {part.split('"')[0] for part in html.split('href="')[1:]}:
            if href.startswith("/oppet/data/"):
                self.assertEqual(client.get(href).status_code, 200, href)


class RoundTripTests(OpenDataTestCase):
    def test_the_zip_has_every_csv_the_dictionary_and_the_licence(self) -> None:
        files = read_zip(self.client_for(None).get(reverse("public-opendata-all")).getvalue())
        expected = {f"{t.name}.csv" for t in TABLES} | {
            "data-dictionary.csv",
            "data-dictionary.json",
            "LICENSE.txt",
            "README.txt",
            "datapackage.json",
        }
        self.assertEqual(set(files), expected)
        self.assertIn(b"CC0 1.0", files["LICENSE.txt"])
        dictionary = read_csv(files["data-dictionary.csv"])
        self.assertEqual(
            dictionary[0], ["file", "column", "type", "description_sv", "description_en"]
        )
        described = {(row[0], row[1]) for row in dictionary[1:]}
        for table in TABLES:
            header = read_csv(files[f"{table.name}.csv"])[0]
            self.assertEqual(
                {(f"{table.name}.csv", c) for c in header},
                {d for d in described if d[0] == f"{table.name}.csv"},
            )
        self.assertTrue(all(row[3] and row[4] for row in dictionary[1:]))
        self.assertEqual(json.loads(files["data-dictionary.json"])["columns"], dictionary_rows())

    def parsed_tables(self) -> dict[str, list[dict[str, Any]]]:
        """Download the zip and parse every CSV back into typed values by the dictionary."""
        files = read_zip(self.client_for(None).get(reverse("public-opendata-all")).getvalue())
        types = {(row[0], row[1]): row[2] for row in read_csv(files["data-dictionary.csv"])[1:]}
        tables = {}
        for table in TABLES:
            filename = f"{table.name}.csv"
            header, *body = read_csv(files[filename])
            tables[table.name] = [
                {
                    column: from_cell(cell, types[(filename, column)])
                    for column, cell in zip(header, row, strict=True)
                }
                for row in body
            ]
        return tables

    def test_every_csv_reads_back_as_the_rows_the_selectors_return(self) -> None:
        parsed = self.parsed_tables()
        for table in TABLES:
            expected = table.rows()
            self.assertEqual(parsed[table.name], expected, table.name)
            self.assertEqual(
                set(parsed[table.name][0]) if expected else set(),
                set(table.column_ids) if expected else set(),
            )
        self.assertTrue(
            all(parsed[name] for name in REGISTRY), [n for n in REGISTRY if not parsed[n]]
        )

    def test_re_importing_the_csvs_gives_the_same_model_rows(self) -> None:
        parsed = self.parsed_tables()
        models = {
            "programmes": "programmes.Programme",
            "action-plans": "programmes.ActionPlan",
            "development-areas": "programmes.DevelopmentArea",
            "target-groups": "programmes.TargetGroup",
            "organisations": "organisations.Organisation",
            "goals": "planning.Goal",
            "indicators": "planning.Indicator",
            "reports": "planning.Report",
            "indicator-values": "planning.IndicatorValue",
            "consultations": "consultations.Consultation",
            "datasets": "knowledge.Dataset",
            "measures": "knowledge.Measure",
            "material": "collaboration.Material",
        }
        from django.apps import apps

        for name, label in models.items():
            model = apps.get_model(label)
            fields = {field.attname for field in model._meta.concrete_fields}
            stored = model.objects.in_bulk([row["id"] for row in parsed[name]])
            self.assertEqual(len(stored), len(parsed[name]), name)
            for row in parsed[name]:
                values = {column: value for column, value in row.items() if column in fields}
                self.assertGreater(len(values), 2, name)
                fresh = model(**values)
                original = stored[row["id"]]
                for column in values:
                    self.assertEqual(
                        getattr(fresh, column), getattr(original, column), f"{name}.{column}"
                    )
        # The goals' links re-import too.
        goal = Goal.objects.get(pk=parsed["goals"][0]["id"])
        self.assertEqual(parsed["goals"][0]["target_group_ids"], [self.target_group.pk])
        self.assertEqual(parsed["goals"][0]["description"], goal.description)
