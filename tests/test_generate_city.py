"""The synthetic city for benchmarks (issue 14): row counts, determinism, batched snapshots
and the published subset."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import CommandError, call_command
from django.db import transaction

from mrplan.collaboration.models import Collaboration, ContactPerson, Dialogue, Partner
from mrplan.consultations.content import content_hash
from mrplan.consultations.models import (
    Approval,
    Case,
    Consultation,
    ConsultationRecipient,
    Decision,
    DiarySequence,
    RecipientStatus,
    Statement,
    StatementStatus,
    StatementVersion,
)
from mrplan.consultations.signing import approval_signed, version_signed
from mrplan.demo.city import generate_city
from mrplan.knowledge.models import Dataset, Measure, Observation
from mrplan.knowledge.selectors import datasets_visible_to
from mrplan.organisations.models import Organisation
from mrplan.planning.models import (
    Activity,
    ActivityUpdate,
    GoalAnalysis,
    Indicator,
    IndicatorValue,
    Report,
    ReportSnapshot,
    ReportStatus,
)
from mrplan.planning.snapshots import build_snapshot_data, build_snapshot_data_many
from mrplan.public import selectors as public

SCALE = "0.05"


def _generate(scale: str = SCALE, seed: int = 14) -> str:
    out = StringIO()
    call_command("generate_city", "--scale", scale, "--seed", str(seed), stdout=out)
    return out.getvalue()


def _synthetic() -> list[Organisation]:
    return list(Organisation.objects.filter(slug__startswith="syntetisk").order_by("slug"))


def _rows() -> dict[str, list[tuple[object, ...]]]:
    """What the generator made, by natural keys (primary keys differ between runs)."""
    synthetic = {"organisation__slug__startswith": "syntetisk"}
    return {
        "updates": sorted(
            ActivityUpdate.objects.filter(
                report__organisation__slug__startswith="syntetisk"
            ).values_list(
                "report__organisation__slug",
                "report__period__code",
                "report__period__planning_year__year",
                "activity__title",
                "status",
                "progress",
            )
        ),
        "values": sorted(
            IndicatorValue.objects.filter(
                report__organisation__slug__startswith="syntetisk"
            ).values_list(
                "report__organisation__slug",
                "report__period__code",
                "indicator__name",
                "category",
                "value",
            )
        ),
        "cases": sorted(
            Case.objects.filter(**synthetic).values_list(
                "organisation__slug", "diary_number", "title", "status", "statement__status"
            )
        ),
        "observations": sorted(
            Observation.objects.filter(measure__dataset__slug__startswith="syntetisk").values_list(
                "measure__dataset__slug", "area__name", "period__label", "breakdown_key", "value"
            )
        ),
        "partners": sorted(
            Partner.objects.filter(name__startswith="Syntetisk").values_list(
                "name", "organisation_number", "kind", "registered_by__slug"
            )
        ),
        "published": sorted(
            Report.objects.filter(is_published=True, **synthetic).values_list(
                "organisation__slug", "period__code", "action_plan__title"
            )
        ),
    }


@pytest.mark.django_db
def test_generate_city_prints_counts_of_every_kind() -> None:
    out = _generate()
    synthetic = _synthetic()
    assert len(synthetic) == 3
    reports = Report.objects.filter(organisation__in=synthetic)
    assert f"Report: {reports.count()}" in out
    assert "Tid: " in out
    for model in (Consultation, ConsultationRecipient, Case, Statement, Dataset, Observation):
        assert f"{model.__name__}: " in out
    # Indicator values with breakdowns: a value per category, the total first.
    broken_down = Indicator.objects.filter(goal__organisation__in=synthetic).exclude(
        breakdown_dimension=""
    )
    assert broken_down.exists()
    indicator = broken_down.first()
    assert indicator is not None
    report_values = IndicatorValue.objects.filter(indicator=indicator)
    report = report_values.first().report  # type: ignore[union-attr]
    assert sorted(report_values.filter(report=report).values_list("category", flat=True)) == sorted(
        indicator.categories
    )
    approved = reports.filter(status=ReportStatus.APPROVED)
    assert ReportSnapshot.objects.filter(report__in=approved).count() == approved.count()
    snapshot = ReportSnapshot.objects.filter(report__in=approved).first()
    assert snapshot is not None and snapshot.data["goals"]


@pytest.mark.django_db
def test_consultations_have_answers_cases_and_signed_statements() -> None:
    _generate()
    synthetic = _synthetic()
    recipients = ConsultationRecipient.objects.filter(organisation__in=synthetic)
    assert Consultation.objects.filter(recipients__in=recipients).distinct().count() == 10
    answered = recipients.filter(status=RecipientStatus.ANSWERED)
    assert answered.count() > recipients.count() / 2
    # Every answer is a decided statement in a case with a unique diary number.
    for recipient in answered:
        statement = recipient.case.statement
        assert statement.status == StatementStatus.DECIDED
        assert Decision.objects.filter(statement=statement).exists()
        final = StatementVersion.objects.get(statement=statement, number=statement.current_version)
        assert final.content_hash == content_hash(final.content)
        assert version_signed(final)
        approvals = Approval.objects.filter(version=final).select_related("step", "version")
        assert approvals.count() == 2
        assert all(approval_signed(a, statement.pk) for a in approvals)
    cases = Case.objects.filter(organisation__in=synthetic)
    assert len(set(cases.values_list("organisation", "diary_number"))) == cases.count()
    # The diary's sequences continue after the generated serials.
    for sequence in DiarySequence.objects.filter(organisation__in=synthetic):
        last = cases.filter(organisation=sequence.organisation, year=sequence.year)
        assert sequence.last_serial == max(last.values_list("serial", flat=True))
    assert not recipients.filter(status=RecipientStatus.DECLINED, case__isnull=False).exists()


@pytest.mark.django_db
def test_datasets_partners_and_dialogues() -> None:
    _generate()
    datasets = Dataset.objects.filter(slug__startswith="syntetisk")
    assert datasets.exists() and all(d.is_illustrative for d in datasets)
    measure = Measure.objects.filter(dataset__in=datasets).first()
    assert measure is not None
    observations = Observation.objects.filter(measure=measure)
    # Ten years of observations, by area and by sex (total, women, men).
    assert observations.values("period").distinct().count() == 10
    assert set(observations.values_list("breakdown_key", flat=True)) == {
        "",
        "kon:kvinnor",
        "kon:man",
    }
    women = observations.filter(breakdown_key="kon:kvinnor").first()
    assert women is not None and [v.label for v in women.dimension_values.all()] == ["Kvinnor"]
    partners = Partner.objects.filter(name__startswith="Syntetisk")
    assert partners.count() == 5
    for partner in partners:
        partner.full_clean()  # a valid organisation number among other things
    assert ContactPerson.objects.filter(partner__in=partners).count() >= partners.count()
    assert Collaboration.objects.filter(partners__in=partners).exists()
    assert Dialogue.objects.filter(partners__in=partners).exists()


@pytest.mark.django_db
def test_published_subset_is_visible_to_the_public_selectors() -> None:
    _generate()
    first, second, _third = _synthetic()
    reports = public.published_reports()
    assert reports.filter(organisation=first).exists()
    assert not reports.filter(organisation=second).exists()
    assert not reports.filter(organisation=first, status=ReportStatus.DRAFT).exists()
    assert public.published_indicators().filter(goal__organisation=first).exists()
    year = reports.filter(organisation=first).first().period.planning_year.year  # type: ignore[union-attr]
    plan = public.organisation_plan(slug=first.slug, year=year, today=datetime.date(2026, 1, 1))
    assert plan is not None and plan.goals
    assert public.organisation_plan(slug=second.slug, year=year) is None
    assert Consultation.objects.published().filter(title__startswith="Syntetisk remiss").exists()
    # Published activities name target groups, so the public target-group matrix has counts.
    coverage = public.target_group_coverage(year=year)
    assert first in coverage.organisations
    column = coverage.organisations.index(first)
    assert sum(row.counts[column] for row in coverage.rows) >= 1
    assert all(
        activity.target_groups.exists()
        for activity in Activity.objects.filter(organisation=first, planning_year__year=year)
    )
    visible = datasets_visible_to(AnonymousUser()).filter(slug__startswith="syntetisk")
    assert visible.exists()


@pytest.mark.django_db
def test_batched_snapshots_equal_the_per_report_ones() -> None:
    _generate()
    # The demo's own reports (analyses, milestones, target groups, updates outside scope)
    # and a sample of the synthetic ones.
    demo = list(Report.objects.exclude(organisation__slug__startswith="syntetisk"))
    synthetic = list(
        Report.objects.filter(organisation__slug__startswith="syntetisk").order_by("pk")[::37]
    )
    sample = [*demo, *synthetic]
    assert GoalAnalysis.objects.filter(report__in=demo).exists()
    reports = list(
        Report.objects.filter(pk__in=[r.pk for r in sample])
        .select_related("organisation", "action_plan", "period__planning_year")
        .order_by("pk")
    )
    moment = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    batched = build_snapshot_data_many(reports, approved_at=lambda _r: moment, approver=None)
    single = [build_snapshot_data(r, approved_at=moment, approver=None) for r in reports]
    assert batched == single
    assert any(data["goals"] for data in single)


@pytest.mark.django_db
def test_same_seed_same_rows_other_seed_other_rows() -> None:
    with transaction.atomic():
        _generate()
        first = _rows()
        transaction.set_rollback(True)
    assert not Organisation.objects.filter(slug__startswith="syntetisk").exists()
    with transaction.atomic():
        _generate()
        second = _rows()
        transaction.set_rollback(True)
    assert all(first[name] for name in first)
    assert second == first
    with transaction.atomic():
        _generate(seed=15)
        other = _rows()
        transaction.set_rollback(True)
    assert other["partners"] != first["partners"]


@pytest.mark.django_db
def test_bad_scale_is_refused() -> None:
    with pytest.raises(ValueError):
        generate_city(scale=0, seed=14)
    with pytest.raises(CommandError):
        _generate(scale="-1")
    assert not Organisation.objects.exists()
