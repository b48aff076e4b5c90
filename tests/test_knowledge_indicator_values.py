"""Indicators that take their values from a measure: filled in on reports automatically."""

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mrplan.core.models import AuditEvent
from mrplan.knowledge import evidence
from mrplan.knowledge.models import (
    Area,
    Dataset,
    IndicatorSource,
    Measure,
    Observation,
    Period,
)
from mrplan.planning.models import IndicatorValue, Report
from tests.test_planning_support import PlanningTestCase


class IndicatorValuesFromSourceTests(PlanningTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        dataset = Dataset.objects.create(title="Enkät", slug="enkat", source="Enkät")
        cls.measure = Measure.objects.create(dataset=dataset, name="Utsatthet", slug="ut")
        cls.city = Area.objects.create(name="Stockholm", kind="city", code="0180")
        cls.y2026 = Period.objects.create(
            label="2026",
            kind="year",
            start=datetime.date(2026, 1, 1),
            end=datetime.date(2026, 12, 31),
        )
        cls.y2025 = Period.objects.create(
            label="2025",
            kind="year",
            start=datetime.date(2025, 1, 1),
            end=datetime.date(2025, 12, 31),
        )
        Observation.objects.create(measure=cls.measure, area=cls.city, period=cls.y2025, value=9)

    def sourced_indicator(self, value: float | None = 12.345, *, suppressed: bool = False) -> Any:
        indicator = self.make_indicator(self.make_goal())
        IndicatorSource.objects.create(indicator=indicator, measure=self.measure, area=self.city)
        Observation.objects.create(
            measure=self.measure,
            area=self.city,
            period=self.y2026,
            value=None if suppressed else value,
            count=None if suppressed else 40,
            suppressed=suppressed,
        )
        return indicator

    def value_of(self, report: Report, indicator: Any) -> Decimal | None:
        row = IndicatorValue.objects.filter(report=report, indicator=indicator, category="").first()
        return row.value if row else None

    def test_values_are_filled_in_when_a_report_is_created(self) -> None:
        indicator = self.sourced_indicator()
        report = self.make_report("T1")
        assert self.value_of(report, indicator) == Decimal("12.35")
        assert report.version == Report.objects.get(pk=report.pk).version == 2
        event = AuditEvent.objects.filter(object_id=str(report.pk), verb="update").get()
        assert indicator.name in event.changes

    def test_reports_without_sourced_indicators_are_left_alone(self) -> None:
        indicator = self.make_indicator(self.make_goal())
        report = self.make_report("T1")
        assert self.value_of(report, indicator) is None and report.version == 1
        result = evidence.indicator_values_from_source(actor=self.editor, report=report)
        assert result.summary.startswith("Inga indikatorer")

    def test_a_suppressed_value_is_never_used(self) -> None:
        indicator = self.sourced_indicator(suppressed=True)
        report = self.make_report("T1")
        assert self.value_of(report, indicator) is None
        result = evidence.indicator_values_from_source(actor=self.editor, report=report)
        assert result.filled == [] and "undertryckt" in result.skipped[0]
        assert self.value_of(report, indicator) is None

    def test_without_a_period_for_the_year_nothing_is_filled_and_it_says_so(self) -> None:
        indicator = self.sourced_indicator()
        Observation.objects.filter(period=self.y2026).delete()
        self.y2026.delete()
        report = self.make_report("T1")
        assert self.value_of(report, indicator) is None
        result = evidence.indicator_values_from_source(actor=self.editor, report=report)
        assert result.period is None
        assert (
            result.summary == "Kunskapsunderlaget har ingen period för 2026. Inga värden hämtades."
        )

    def test_the_button_refreshes_a_changed_value_and_is_audited(self) -> None:
        indicator = self.sourced_indicator()
        report = self.make_report("T1")
        Observation.objects.filter(period=self.y2026).update(value=20)
        url = f"/kunskap/rapport/{self.org.slug}/2026/{report.pk}/hamta-varden/"
        response = self.client_for(self.editor).post(url, follow=True)
        assert response.status_code == 200
        assert "1 värden hämtades från kunskapsunderlaget (2026)" in response.text
        assert self.value_of(report, indicator) == Decimal("20.00")
        assert AuditEvent.objects.filter(object_id=str(report.pk), verb="update").count() == 2

    def test_a_submitted_or_approved_report_is_refused(self) -> None:
        indicator = self.sourced_indicator()
        report = self.make_report("T1")
        Observation.objects.filter(period=self.y2026).update(value=20)
        for status, words in (("submitted", "inskickad"), ("approved", "godkänd och låst")):
            Report.objects.filter(pk=report.pk).update(status=status)
            report.refresh_from_db()
            with pytest.raises(ValidationError) as error:
                evidence.indicator_values_from_source(actor=self.editor, report=report)
            assert words in error.value.messages[0]
            url = f"/kunskap/rapport/{self.org.slug}/2026/{report.pk}/hamta-varden/"
            response = self.client_for(self.editor).post(url, follow=True)
            assert words in response.text
        assert self.value_of(report, indicator) == Decimal("12.35")

    def test_outsiders_and_readers_are_refused(self) -> None:
        indicator = self.sourced_indicator()
        report = self.make_report("T1")
        Observation.objects.filter(period=self.y2026).update(value=20)
        for user in (self.outsider, self.reader):
            with pytest.raises(PermissionDenied):
                evidence.indicator_values_from_source(actor=user, report=report)
        url = f"/kunskap/rapport/{self.org.slug}/2026/{report.pk}/hamta-varden/"
        assert self.client_for(self.outsider).post(url).status_code in (403, 404)
        assert self.client_for(self.reader).post(url).status_code == 403
        anonymous = self.client_for(None).post(url)
        assert anonymous.status_code == 302 and "/konto/logga-in/" in anonymous["Location"]
        assert self.value_of(report, indicator) == Decimal("12.35")

    def test_the_button_shows_for_writers_of_an_editable_report_only(self) -> None:
        from django.template import Context, Template
        from django.test import RequestFactory

        report = self.make_report("T1")
        template = Template("{% load knowledge_evidence %}{% report_values_button report %}")
        for user, shown in ((self.editor, True), (self.reader, False), (self.outsider, False)):
            request = RequestFactory().get("/")
            request.user = user
            html = template.render(Context({"report": report, "request": request}))
            assert ("Hämta värden från kunskapsunderlaget" in html) is shown
