"""The synthetic city for benchmarks (issue 14): row counts and determinism."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import F

from mrplan.organisations.models import Organisation
from mrplan.planning.models import ActivityUpdate, IndicatorValue, Report, ReportSnapshot


def _rows() -> list[tuple[object, ...]]:
    return sorted(
        (u.report.organisation.slug, u.report.period.code, u.activity.title, u.status, u.progress)
        for u in ActivityUpdate.objects.filter(
            report__organisation__slug__startswith="syntetisk"
        ).select_related("report__organisation", "report__period", "activity")
    )


@pytest.mark.django_db
def test_generate_city_prints_counts_and_is_deterministic() -> None:
    out = StringIO()
    call_command("generate_city", "--scale", "0.05", stdout=out)
    synthetic = Organisation.objects.filter(slug__startswith="syntetisk")
    assert synthetic.count() == 3
    reports = Report.objects.filter(organisation__in=synthetic)
    assert reports.count() > 0
    assert f"rapporter: {reports.count()}" in out.getvalue()
    assert IndicatorValue.objects.filter(report__in=reports).exists()
    approved = reports.filter(status="approved")
    assert approved.exists()
    assert ReportSnapshot.objects.filter(report__in=approved).count() == approved.count()
    snapshot = ReportSnapshot.objects.filter(report__in=approved).first()
    assert snapshot is not None and snapshot.data["goals"]
    first = _rows()
    assert first

    with transaction.atomic():
        Organisation.objects.filter(slug__startswith="syntetisk").update(slug=F("pk"), name=F("pk"))
        call_command("generate_city", "--scale", "0.05", stdout=StringIO())
        second = _rows()
        transaction.set_rollback(True)
    assert second == first
