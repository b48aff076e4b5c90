"""The analysis page of a measure: filters, table, suppression, equity gap, downloads, queries."""

import io
from decimal import Decimal

from openpyxl import load_workbook

from mrplan.knowledge.models import (
    Area,
    Dataset,
    Dimension,
    DimensionValue,
    EvidenceLink,
    Measure,
    Observation,
    Period,
    breakdown_key,
)
from tests.test_planning_support import PlanningTestCase

URL = "/kunskap/dataset/enkat/matt/utsatthet/"


def make_cube(measure: Measure, years: int, areas: int, cells: int) -> None:
    """Fill MEASURE with YEARS × AREAS × (total + CELLS breakdown cells) observations."""
    sex = Dimension.objects.get_or_create(name="Kön", slug="kon")[0]
    form = Dimension.objects.get_or_create(name="Form av rasism", slug="form")[0]
    sexes = [
        DimensionValue.objects.get_or_create(dimension=sex, label=label, defaults={"slug": slug})[0]
        for label, slug in (("Kvinnor", "kvinnor"), ("Män", "man"))
    ]
    forms = [
        DimensionValue.objects.get_or_create(dimension=form, label=f"Form {i}", slug=f"form-{i}")[0]
        for i in range(max(1, cells // 2))
    ]
    keys = [("", [])] + [
        (breakdown_key([("kon", s.slug), ("form", f.slug)]), [s, f]) for s in sexes for f in forms
    ][:cells]
    area_rows = [
        Area.objects.get_or_create(name=f"Stadsdel {i}", defaults={"kind": "district"})[0]
        for i in range(areas)
    ]
    periods = []
    for year in range(2010, 2010 + years):
        periods.append(
            Period.objects.get_or_create(
                label=str(year),
                defaults={"kind": "year", "start": f"{year}-01-01", "end": f"{year}-12-31"},
            )[0]
        )
    through = Observation.dimension_values.through
    made = Observation.objects.bulk_create(
        Observation(
            measure=measure,
            area=area,
            period=period,
            breakdown_key=key,
            value=10 + index + p,
            count=100,
        )
        for index, area in enumerate(area_rows)
        for p, period in enumerate(periods)
        for key, _values in keys
    )
    values_by_key = dict(keys)
    through.objects.bulk_create(
        through(observation_id=o.pk, dimensionvalue_id=v.pk)
        for o in made
        for v in values_by_key[o.breakdown_key]
    )


class MeasureAnalysisTests(PlanningTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.dataset = Dataset.objects.create(
            title="Enkät", slug="enkat", source="Stockholmsenkäten", is_published=True
        )
        cls.measure = Measure.objects.create(
            dataset=cls.dataset, name="Utsatthet", slug="utsatthet", unit="procent",
            direction="lower",
        )  # fmt: skip
        cls.bromma = Area.objects.create(name="Bromma", kind="district")
        cls.farsta = Area.objects.create(name="Farsta", kind="district")
        cls.sex = Dimension.objects.create(name="Kön", slug="kon")
        cls.women = DimensionValue.objects.create(
            dimension=cls.sex, label="Kvinnor", slug="kvinnor"
        )
        cls.men = DimensionValue.objects.create(dimension=cls.sex, label="Män", slug="man")
        cls.p2023 = Period.objects.create(
            label="2023", kind="year", start="2023-01-01", end="2023-12-31"
        )
        cls.p2024 = Period.objects.create(
            label="2024", kind="year", start="2024-01-01", end="2024-12-31"
        )
        for area, period, value in [
            (cls.bromma, cls.p2023, 10.0),
            (cls.farsta, cls.p2023, 20.0),
            (cls.bromma, cls.p2024, 12.0),
            (cls.farsta, cls.p2024, 30.0),
        ]:
            Observation.objects.create(
                measure=cls.measure, area=area, period=period, value=value, count=200
            )
        women = Observation.objects.create(
            measure=cls.measure, area=cls.bromma, period=cls.p2024, value=14.5, count=90,
            breakdown_key="kon:kvinnor",
        )  # fmt: skip
        women.dimension_values.set([cls.women])
        men = Observation.objects.create(
            measure=cls.measure, area=cls.bromma, period=cls.p2024, suppressed=True,
            breakdown_key="kon:man",
        )  # fmt: skip
        men.dimension_values.set([cls.men])

    def test_anyone_sees_a_published_measure_with_an_accessible_chart_and_table(self) -> None:
        response = self.client_for(None).get(URL)
        assert response.status_code == 200
        text = response.text
        assert 'role="img"' in text and "<title id=" in text and "<desc id=" in text
        assert "stroke-dasharray" in text  # series differ by pattern, not colour alone
        assert "<caption>" in text and "Farsta" in text and "30" in text
        assert "<script" not in text.split("<main", 1)[-1]

    def test_an_unpublished_measure_is_hidden_from_anonymous_visitors(self) -> None:
        self.dataset.is_published = False
        self.dataset.save()
        assert self.client_for(None).get(URL).status_code == 404
        assert self.client_for(self.reader).get(URL).status_code == 200
        assert (
            self.client_for(self.reader).get(URL.replace("utsatthet", "saknas")).status_code == 404
        )

    def test_the_equity_gap_respects_the_direction_and_shows_the_trend(self) -> None:
        response = self.client_for(None).get(URL)
        gap = response.context["analysis"].gap
        assert [(r.best_label, r.worst_label, r.difference) for r in gap.rows] == [
            ("Bromma", "Farsta", 10.0),
            ("Bromma", "Farsta", 18.0),
        ]
        assert gap.rows[1].ratio == 2.5
        assert gap.trend == "widening"
        assert "Skillnaden ökar" in response.text

    def test_higher_is_better_turns_best_and_worst_around(self) -> None:
        self.measure.direction = "higher"
        self.measure.save()
        gap = self.client_for(None).get(URL).context["analysis"].gap
        assert gap.rows[0].best_label == "Farsta"

    def test_a_breakdown_filter_compares_groups_and_hides_suppressed_values(self) -> None:
        response = self.client_for(None).get(URL, {"jamfor": "kon", "omrade": str(self.bromma.pk)})
        assert response.status_code == 200
        analysis = response.context["analysis"]
        assert [row.label for row in analysis.series] == ["Kvinnor", "Män"]
        men = analysis.series[1].cells[-1]
        assert men.suppressed and men.value is None
        assert "(för få svar)" in response.text and "för liten" in response.text
        assert not analysis.gap.rows  # only one visible group

    def test_invalid_filters_are_refused_in_swedish_with_status_400(self) -> None:
        client = self.client_for(None)
        response = client.get(URL, {"d-kon": "okand"})
        assert response.status_code == 400
        assert "Välj ett giltigt alternativ" in response.text
        response = client.get(
            URL, {"jamfor": "kon", "omrade": [str(self.bromma.pk), str(self.farsta.pk)]}
        )
        assert response.status_code == 400
        assert "Välj högst ett område" in response.text
        assert client.get(URL + "export.csv", {"jamfor": "nej"}).status_code == 400

    def test_target_lines_come_from_linked_indicators_for_signed_in_users(self) -> None:
        goal = self.make_goal()
        indicator = self.make_indicator(
            goal, target_value=Decimal("8"), target_year=2026, name="Utsatthet i Bromma"
        )
        EvidenceLink.objects.create(indicator=indicator, measure=self.measure)
        response = self.client_for(self.reader).get(URL)
        assert [t.value for t in response.context["analysis"].targets] == [8.0]
        assert "Målvärde 8 (2026): Utsatthet i Bromma" in response.text
        assert not self.client_for(None).get(URL).context["analysis"].targets

    def test_the_csv_download_holds_exactly_the_shown_cells(self) -> None:
        response = self.client_for(None).get(
            URL + "export.csv", {"jamfor": "kon", "omrade": str(self.bromma.pk)}
        )
        assert response.status_code == 200
        text = response.content.decode("utf-8-sig")
        lines = text.strip().splitlines()
        assert lines[0].startswith("Period;Serie;Område;Områdeskod;Kön;Värde")
        assert lines[1:] == [
            "2024;Kvinnor;Bromma;;Kvinnor;14,5;90;;;",
            "2024;Män;Bromma;;Män;;;;;För få svar",
        ]

    def test_every_download_carries_every_breakdown_column_totals_left_empty(self) -> None:
        response = self.client_for(None).get(URL + "export.csv")
        lines = response.content.decode("utf-8-sig").strip().splitlines()
        assert lines[0].split(";")[:5] == ["Period", "Serie", "Område", "Områdeskod", "Kön"]
        assert lines[1] == "2023;Bromma;Bromma;;;10,0;200;;;"

    def test_the_trend_is_only_stated_when_the_intervals_say_so(self) -> None:
        Observation.objects.filter(measure=self.measure, breakdown_key="").update(
            ci_low=0.0, ci_high=60.0
        )
        response = self.client_for(None).get(URL)
        gap = response.context["analysis"].gap
        assert gap.trend == "uncertain"
        assert "Ingen säker förändring" in response.text
        assert "Skillnaden ökar" not in response.text
        for observation in Observation.objects.filter(measure=self.measure, breakdown_key=""):
            observation.ci_low = observation.value - 0.5
            observation.ci_high = observation.value + 0.5
            observation.save()
        assert self.client_for(None).get(URL).context["analysis"].gap.trend == "widening"

    def test_the_xlsx_download_matches_the_table(self) -> None:
        response = self.client_for(None).get(URL + "export.xlsx")
        assert response.status_code == 200
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)]
        assert [[r[0], r[2], r[5]] for r in rows] == [
            ["2023", "Bromma", 10],
            ["2023", "Farsta", 20],
            ["2024", "Bromma", 12],
            ["2024", "Farsta", 30],
        ]
        assert self.client_for(None).get(URL + "export.pdf").status_code == 404

    def test_the_page_costs_a_fixed_number_of_queries_at_two_sizes(self) -> None:
        small = Measure.objects.create(dataset=self.dataset, name="Liten", slug="liten")
        large = Measure.objects.create(dataset=self.dataset, name="Stor", slug="stor")
        make_cube(small, years=2, areas=2, cells=2)
        make_cube(large, years=10, areas=15, cells=20)
        assert Observation.objects.filter(measure=large).count() == 10 * 15 * 21
        client = self.client_for(self.reader)
        counts = []
        for slug in ("liten", "stor"):
            for params in ({}, {"jamfor": "form", "d-kon": "kvinnor"}):
                url = f"/kunskap/dataset/enkat/matt/{slug}/"
                client.get(url, params)
                # 12 for the analysis, 2 for the district comparison.
                with self.assertNumQueries(14) as captured:
                    response = client.get(url, params)
                assert response.status_code == 200
                counts.append(len(captured.captured_queries))
        assert len(set(counts)) == 1


class MeasureWithoutTotalsTests(PlanningTestCase):
    """A measure published only per group: "Alla (totalt)" must never show one group."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        dataset = Dataset.objects.create(title="Former", slug="former", is_published=True)
        cls.measure = Measure.objects.create(dataset=dataset, name="Upplevd", slug="upplevd")
        area = Area.objects.create(name="Bromma", kind="district", code="0180-11")
        period = Period.objects.create(
            label="2024", kind="year", start="2024-01-01", end="2024-12-31"
        )
        form = Dimension.objects.create(name="Form av rasism", slug="form")
        for label, slug, value in (
            ("Afrofobi", "afrofobi", 9.0),
            ("Islamofobi", "islamofobi", 7.0),
        ):
            dv = DimensionValue.objects.create(dimension=form, label=label, slug=slug)
            o = Observation.objects.create(
                measure=cls.measure, area=area, period=period, value=value, count=100,
                breakdown_key=f"form:{slug}",
            )  # fmt: skip
            o.dimension_values.set([dv])

    def test_without_totals_the_selector_names_the_group_shown_and_offers_no_total(self) -> None:
        response = self.client_for(None).get("/kunskap/dataset/former/matt/upplevd/")
        assert response.status_code == 200
        field = response.context["form"].fields["d-form"]
        assert [value for value, _label in field.choices] == ["afrofobi", "islamofobi"]
        assert "Alla (totalt)" not in response.text
        analysis = response.context["analysis"]
        assert "Form av rasism: Afrofobi" in analysis.selection_text
        assert [c.value for c in analysis.series[0].cells] == [9.0]

    def test_asking_for_the_total_that_does_not_exist_never_shows_a_group(self) -> None:
        response = self.client_for(None).get(
            "/kunskap/dataset/former/matt/upplevd/", {"d-form": ""}
        )
        analysis = response.context["analysis"]
        assert "Afrofobi" in analysis.selection_text  # named, not passed off as the total
        response = self.client_for(None).get(
            "/kunskap/dataset/former/matt/upplevd/export.csv", {"d-form": "islamofobi"}
        )
        line = response.content.decode("utf-8-sig").strip().splitlines()[1]
        assert line == "2024;Bromma;Bromma;0180-11;Islamofobi;7,0;100;;;"
