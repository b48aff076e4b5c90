"""A deterministic synthetic city for benchmarks (issue 14): `mrplan generate_city --scale N`.

Scale 1 is about Stockholm: 60 organisations, the demo programme's action plans, five
planning years of four reporting periods, ~10 activities and ~5 indicators per organisation
and action plan (some broken down by sex or age), reports with activity updates and
indicator values, approved reports with their snapshots, ~40 consultations a year with
recipients, diary cases, statements (versions, attestations, decisions), datasets with ten
years of observations by district and sex, and partners with contacts, collaborations and
dialogues. Scale 10 multiplies organisations and every volume by ten.

Everything is written with bulk_create in chunks and a seeded random generator, so one seed
gives the same rows and memory stays bounded: the planning rows are made a few
organisations at a time and dropped once written.
"""

import datetime
import random
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.db import connection, models, reset_queries, transaction
from django.utils.text import slugify

from mrplan.accounts.models import User
from mrplan.collaboration.models import (
    Collaboration,
    CollaborationForm,
    ContactPerson,
    Dialogue,
    DialogueAttendance,
    LegalBasis,
    Partner,
    PartnerKind,
    luhn_ok,
)
from mrplan.consultations.content import content_hash, statement_content
from mrplan.consultations.diary import format_diary_number
from mrplan.consultations.models import (
    Approval,
    ApprovalStep,
    Case,
    CaseStatus,
    Consultation,
    ConsultationQuestion,
    ConsultationRecipient,
    ConsultationStatus,
    Decision,
    DiarySequence,
    RecipientStatus,
    Statement,
    StatementStatus,
    StatementVersion,
)
from mrplan.consultations.signing import sign_approval, sign_version
from mrplan.knowledge.models import (
    Area,
    AreaKind,
    Dataset,
    Dimension,
    DimensionValue,
    Measure,
    Observation,
    Period,
    PeriodKind,
    breakdown_key,
)
from mrplan.organisations.models import Organisation, OrganisationKind
from mrplan.planning.models import (
    Activity,
    ActivityStatus,
    ActivityUpdate,
    Goal,
    Indicator,
    IndicatorValue,
    PlanningYear,
    Report,
    ReportingPeriod,
    ReportSnapshot,
    ReportStatus,
)
from mrplan.planning.snapshots import build_snapshot_data_many
from mrplan.programmes.models import ActionPlan, DevelopmentArea, TargetGroup

ORGANISATIONS_AT_SCALE_1 = 60
YEARS = 5
PERIODS = ("VP", "T1", "T2", "BO")
ACTIVITIES_PER_PLAN = 10
INDICATORS_PER_PLAN = 5
# Indicator breakdowns: (dimension, categories); an indicator gets one in two cases of five.
BREAKDOWNS = [("Kön", ["Kvinnor", "Män"]), ("Åldersgrupp", ["0–17 år", "18–64 år", "65+ år"])]
CONSULTATIONS_PER_YEAR = 40
RECIPIENTS = (10, 20)
DATASETS = 6
MEASURES_PER_DATASET = 5
DISTRICTS_PER_CITY = 12
OBSERVATION_YEARS = 10
PARTNERS = 100
COLLABORATIONS = 60
DIALOGUES = 120
# Every PUBLISHED_EVERY-th organisation has its approved reports and plans published.
PUBLISHED_EVERY = 3
BATCH = 2000
# Organisations whose planning rows are made (and held in memory) at a time.
ORGANISATION_CHUNK = 10
# Reports whose snapshot data is built from one set of prefetched rows.
SNAPSHOT_CHUNK = 300


def _count(n: float, scale: float) -> int:
    return max(1, round(n * scale))


def _aware(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=datetime.UTC)


def _bulk(model: type[models.Model], rows: Iterable[Any], counts: Counter[str]) -> list[Any]:
    """bulk_create ROWS in batches; count them under the model's name."""
    created = model._default_manager.bulk_create(list(rows), batch_size=BATCH)
    counts[model.__name__] += len(created)
    # With DEBUG on (the dev default) Django keeps the last 9,000 queries' SQL; bulk inserts
    # make that hundreds of megabytes, so the log is emptied as the city is written.
    reset_queries()
    return created


@transaction.atomic
def generate_city(
    *,
    scale: float,
    seed: int = 14,
    first_year: int = 2021,
    progress: Callable[[str], None] | None = None,
) -> dict[str, int]:
    """Add a synthetic city on top of the demo programme; return row counts per model.

    PROGRESS, if given, is called with a line after each step (the command prints it).
    """
    started = time.monotonic()

    def step(what: str) -> None:
        if progress is not None:
            progress(f"{what} ({time.monotonic() - started:.0f} s)")

    if not scale > 0:
        raise ValueError("The scale must be a positive number.")
    rng = random.Random(seed)
    counts: Counter[str] = Counter()
    plans = list(ActionPlan.objects.order_by("pk"))
    areas_by_plan: dict[int, list[DevelopmentArea]] = {}
    for area in DevelopmentArea.objects.order_by("pk"):
        areas_by_plan.setdefault(area.action_plan_id, []).append(area)
    # The demo gives development areas to only some action plans; a plan needs one for
    # goals and activities to fall in its scope, so the city adds one where missing.
    missing = [plan for plan in plans if plan.pk not in areas_by_plan]
    for area in DevelopmentArea.objects.bulk_create(
        DevelopmentArea(action_plan=plan, title="Syntetiskt utvecklingsområde") for plan in missing
    ):
        areas_by_plan[area.action_plan_id] = [area]

    organisations = _bulk(
        Organisation,
        (
            Organisation(
                name=f"Syntetisk nämnd {seed}-{i:04d}",
                short_name=f"SN{i:04d}",
                slug=f"syntetisk-{seed}-{i:04d}",
                diary_prefix=f"SN{i:04d}",
                kind=rng.choice(
                    [OrganisationKind.DISTRICT_COMMITTEE, OrganisationKind.SPECIALIST_COMMITTEE]
                ),
            )
            for i in range(_count(ORGANISATIONS_AT_SCALE_1, scale))
        ),
        counts,
    )
    years = []
    for offset in range(YEARS):
        year, _ = PlanningYear.objects.get_or_create(year=first_year + offset)
        years.append(year)
    periods: dict[int, list[ReportingPeriod]] = {}
    for year in years:
        existing = {p.code: p for p in ReportingPeriod.objects.filter(planning_year=year)}
        for period in existing.values():
            period.planning_year = year  # read by the snapshots; saves a query each
        new = [
            ReportingPeriod(
                planning_year=year,
                code=code,
                name=code,
                deadline=datetime.date(year.year, 3 * position + 3, 15),
                position=position,
            )
            for position, code in enumerate(PERIODS)
            if code not in existing
        ]
        ReportingPeriod.objects.bulk_create(new)
        periods[year.pk] = sorted([*existing.values(), *new], key=lambda p: (p.position, p.pk))

    plan_context = _PlanContext(
        rng=rng,
        counts=counts,
        plans=plans,
        areas_by_plan=areas_by_plan,
        years=years,
        periods=periods,
        approved_before=first_year + YEARS - 1,
        activities_per_plan=_count(ACTIVITIES_PER_PLAN, min(scale, 1)),
        indicators_per_plan=_count(INDICATORS_PER_PLAN, min(scale, 1)),
        target_groups=list(TargetGroup.objects.order_by("pk")),
    )
    for number, start in enumerate(range(0, len(organisations), ORGANISATION_CHUNK), 1):
        plan_context.generate(organisations[start : start + ORGANISATION_CHUNK])
        if number & (number - 1) == 0:
            _analyze()
        done = min(start + ORGANISATION_CHUNK, len(organisations))
        step(f"plans and reports: {done}/{len(organisations)} organisations")
    _publish(organisations, years, first_year + YEARS - 1)
    counts["published organisations"] = len(organisations[::PUBLISHED_EVERY])
    step("published subset")
    _consultations(rng, counts, scale, organisations, first_year, plans)
    step("consultations")
    _knowledge(rng, counts, scale, seed, organisations, first_year + YEARS - 1)
    step("datasets")
    _collaboration(rng, counts, scale, seed, organisations, areas_by_plan)
    step("partners")
    return dict(counts)


class _PlanContext:
    """Goals, activities, indicators, reports and snapshots, a chunk of organisations at a time."""

    def __init__(self, **kwargs: Any) -> None:
        self.rng: random.Random = kwargs["rng"]
        self.counts: Counter[str] = kwargs["counts"]
        self.plans: list[ActionPlan] = kwargs["plans"]
        self.areas_by_plan: dict[int, list[DevelopmentArea]] = kwargs["areas_by_plan"]
        self.years: list[PlanningYear] = kwargs["years"]
        self.periods: dict[int, list[ReportingPeriod]] = kwargs["periods"]
        self.approved_before: int = kwargs["approved_before"]
        self.activities_per_plan: int = kwargs["activities_per_plan"]
        self.indicators_per_plan: int = kwargs["indicators_per_plan"]
        self.target_groups: list[TargetGroup] = kwargs["target_groups"]

    def generate(self, organisations: Sequence[Organisation]) -> None:
        rng, counts, plans, years = self.rng, self.counts, self.plans, self.years
        keys = [(o, y, p) for o in organisations for y in years for p in plans]
        goals = _bulk(
            Goal,
            (
                Goal(organisation=o, planning_year=y, title=f"Mål för {p.title[:200]}")
                for o, y, p in keys
            ),
            counts,
        )
        # A goal belongs to an action plan through its development areas (scope_goals).
        goal_area = Goal.development_areas.through
        counts["Goal.development_areas"] += len(
            goal_area.objects.bulk_create(
                (
                    goal_area(goal_id=goal.pk, developmentarea_id=self.areas_by_plan[p.pk][0].pk)
                    for goal, (_o, _y, p) in zip(goals, keys, strict=True)
                ),
                batch_size=BATCH,
            )
        )
        activities: list[Activity] = []
        indicators: list[Indicator] = []
        for goal, (organisation, year, plan) in zip(goals, keys, strict=True):
            for n in range(self.activities_per_plan):
                activities.append(
                    Activity(
                        organisation=organisation,
                        planning_year=year,
                        goal=goal,
                        development_area=rng.choice(self.areas_by_plan[plan.pk]),
                        title=f"Aktivitet {n + 1}",
                        status=rng.choice(ActivityStatus.values),
                        progress=rng.randrange(0, 101, 10),
                    )
                )
            for n in range(self.indicators_per_plan):
                dimension: str = ""
                categories: list[str] = []
                if rng.random() < 0.4:
                    dimension, categories = rng.choice(BREAKDOWNS)
                indicators.append(
                    Indicator(
                        goal=goal,
                        name=f"Indikator {n + 1}",
                        position=n,
                        baseline_value=Decimal(rng.randrange(0, 100)),
                        baseline_year=year.year - 1,
                        target_value=Decimal(rng.randrange(50, 150)),
                        target_year=year.year + 3,
                        breakdown_dimension=dimension,
                        breakdown_categories=list(categories),
                    )
                )
        activities = _bulk(Activity, activities, counts)
        indicators = _bulk(Indicator, indicators, counts)
        # "Lämna ingen utanför": every goal names 1-2 target groups and every activity 1-3,
        # so the target-group matrices and the snapshots' target groups carry real volume.
        _m2m(Goal.target_groups, goals, self.target_groups, 2, rng, counts)
        _m2m(Activity.target_groups, activities, self.target_groups, 3, rng, counts)
        reports = _bulk(
            Report,
            (
                Report(
                    organisation=organisation,
                    action_plan=plan,
                    period=period,
                    status=ReportStatus.APPROVED
                    if year.year < self.approved_before
                    else ReportStatus.DRAFT,
                )
                for organisation in organisations
                for year in years
                for period in self.periods[year.pk]
                for plan in plans
            ),
            counts,
        )
        activities_by_goal: dict[int | None, list[Activity]] = defaultdict(list)
        for activity in activities:
            activities_by_goal[activity.goal_id].append(activity)
        indicators_by_goal: dict[int, list[Indicator]] = defaultdict(list)
        for indicator in indicators:
            indicators_by_goal[indicator.goal_id].append(indicator)
        goal_by_key = {
            (o.pk, y.pk, p.pk): goal for goal, (o, y, p) in zip(goals, keys, strict=True)
        }
        updates: list[ActivityUpdate] = []
        values: list[IndicatorValue] = []
        for report in reports:
            goal = goal_by_key[
                (report.organisation_id, report.period.planning_year_id, report.action_plan_id)
            ]
            for activity in activities_by_goal[goal.pk]:
                updates.append(
                    ActivityUpdate(
                        report=report,
                        activity=activity,
                        status=activity.status,
                        progress=activity.progress,
                        comment="Arbetet fortskrider.",
                    )
                )
            for indicator in indicators_by_goal[goal.pk]:
                values.extend(
                    IndicatorValue(
                        report=report,
                        indicator=indicator,
                        category=category,
                        value=Decimal(rng.randrange(0, 150)),
                    )
                    for category in indicator.categories
                )
        _bulk(ActivityUpdate, updates, counts)
        _bulk(IndicatorValue, values, counts)
        del updates, values, activities, indicators

        # Approved reports get their frozen snapshot, built by the real snapshot code from
        # rows read for many reports at once (build_snapshot_data_many), so the schema cannot
        # drift. approved_at is derived from the deadline so a seed stays stable.
        approved = [r for r in reports if r.status == ReportStatus.APPROVED]
        for start in range(0, len(approved), SNAPSHOT_CHUNK):
            chunk = approved[start : start + SNAPSHOT_CHUNK]
            data = build_snapshot_data_many(chunk, approved_at=_approved_at, approver=None)
            _bulk(
                ReportSnapshot,
                (
                    ReportSnapshot(report=report, data=item, approved_at=_approved_at(report))
                    for report, item in zip(chunk, data, strict=True)
                ),
                counts,
            )


def _analyze() -> None:
    """Refresh PostgreSQL's statistics of the growing planning tables.

    The load is one transaction, so autovacuum never sees the new rows and the planner would
    go on believing the tables empty (and scan them whole). ANALYZE inside the transaction
    counts its own rows. Run after chunks 1, 2, 4, 8, …: the tables double in between.
    """
    if connection.vendor != "postgresql":
        return
    tables = [
        model._meta.db_table
        for model in (Goal, Goal.development_areas.through, Activity, Indicator, Report)
    ] + [model._meta.db_table for model in (ActivityUpdate, IndicatorValue, ReportSnapshot)]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in tables))


def _approved_at(report: Report) -> datetime.datetime:
    return _aware(report.period.deadline)


def _publish(organisations: list[Organisation], years: list[PlanningYear], last: int) -> None:
    """Publish what publish_demo_content() would, for every third organisation.

    The same rule as publish_report_and_plan(): the approved reports and the goals,
    activities and indicators they cover (every goal of an approved year here). The flags
    are set in bulk, without the audit entry each that the publication action writes.
    """
    published = organisations[::PUBLISHED_EVERY]
    approved_years = [year for year in years if year.year < last]
    moment = _aware(datetime.date(last, 1, 15))
    flags = {"is_published": True, "published_at": moment}
    Report.objects.filter(organisation__in=published, status=ReportStatus.APPROVED).update(**flags)
    goals = Goal.objects.filter(organisation__in=published, planning_year__in=approved_years)
    goals.update(**flags)
    Activity.objects.filter(organisation__in=published, planning_year__in=approved_years).update(
        **flags
    )
    Indicator.objects.filter(goal__in=goals).update(**flags)


def _users(count: int) -> list[User]:
    """Return COUNT approvers for the synthetic statements (made once, found after)."""
    users = []
    for n in range(count):
        user, _ = User.objects.get_or_create(
            username=f"syntetisk-attesterare-{n + 1}",
            defaults={"first_name": "Syntetisk", "last_name": f"Attesterare {n + 1}"},
        )
        users.append(user)
    return users


APPROVER_TITLES = ["Avdelningschef", "Förvaltningschef"]


def _consultations(
    rng: random.Random,
    counts: Counter[str],
    scale: float,
    organisations: list[Organisation],
    first_year: int,
    plans: list[ActionPlan],
) -> None:
    """Consultations sent to 10–20 organisations each; most answer with a decided statement."""
    sender = (
        Organisation.objects.filter(kind=OrganisationKind.EXECUTIVE_BOARD).order_by("pk").first()
        or organisations[0]
    )
    approvers = _users(len(APPROVER_TITLES))
    last_year = first_year + YEARS - 1
    consultations = []
    for n in range(_count(CONSULTATIONS_PER_YEAR * YEARS, scale)):
        year = first_year + n % YEARS
        sent_on = datetime.date(year, 1 + rng.randrange(9), 1 + rng.randrange(28))
        consultations.append(
            Consultation(
                title=f"Syntetisk remiss {n + 1}",
                description="Kommunstyrelsen skickar förslaget på remiss.",
                sender=sender,
                sender_diary_number=f"KS {year}/{n + 1}",
                action_plan=rng.choice(plans),
                deadline=sent_on + datetime.timedelta(days=60),
                status=ConsultationStatus.SENT if year == last_year else ConsultationStatus.CLOSED,
                sent_at=_aware(sent_on, 9),
                is_published=n % 2 == 0,
            )
        )
    consultations = _bulk(Consultation, consultations, counts)
    questions = _bulk(
        ConsultationQuestion,
        (
            ConsultationQuestion(consultation=c, position=p, text=f"Fråga {p + 1}?")
            for c in consultations
            for p in range(2)
        ),
        counts,
    )
    questions_of: dict[int, list[ConsultationQuestion]] = defaultdict(list)
    for question in questions:
        questions_of[question.consultation_id].append(question)
    serials: Counter[tuple[int, int]] = Counter()
    for start in range(0, len(consultations), 100):
        _answers(
            rng,
            counts,
            consultations[start : start + 100],
            questions_of,
            organisations,
            approvers,
            serials,
        )
    _bulk(
        DiarySequence,
        (
            DiarySequence(organisation_id=org, year=year, last_serial=serial)
            for (org, year), serial in sorted(serials.items())
        ),
        counts,
    )


def _answers(
    rng: random.Random,
    counts: Counter[str],
    consultations: list[Consultation],
    questions_of: dict[int, list[ConsultationQuestion]],
    organisations: list[Organisation],
    approvers: list[User],
    serials: Counter[tuple[int, int]],
) -> None:
    recipients: list[ConsultationRecipient] = []
    outcomes: list[str] = []
    for consultation in consultations:
        chosen = rng.sample(organisations, min(len(organisations), rng.randint(*RECIPIENTS)))
        for organisation in chosen:
            roll = rng.random()
            outcome = (
                "decided"
                if roll < 0.75
                else "approved"
                if roll < 0.82
                else "declined"
                if roll < 0.9
                else "draft"
            )
            outcomes.append(outcome)
            decided_on = consultation.deadline - datetime.timedelta(days=rng.randrange(1, 10))
            recipients.append(
                ConsultationRecipient(
                    consultation=consultation,
                    organisation=organisation,
                    status={
                        "decided": RecipientStatus.ANSWERED,
                        "declined": RecipientStatus.DECLINED,
                    }.get(outcome, RecipientStatus.PENDING),
                    declined_reason="Nämnden avstår." if outcome == "declined" else "",
                    answered_at=_aware(decided_on, 15) if outcome == "decided" else None,
                )
            )
    recipients = _bulk(ConsultationRecipient, recipients, counts)
    cases: list[Case] = []
    answering: list[tuple[ConsultationRecipient, str]] = []
    for recipient, outcome in zip(recipients, outcomes, strict=True):
        if outcome == "declined":
            continue
        organisation = recipient.organisation
        registered_on = recipient.consultation.deadline - datetime.timedelta(days=57)
        key = (organisation.pk, registered_on.year)
        serials[key] += 1
        cases.append(
            Case(
                organisation=organisation,
                year=registered_on.year,
                serial=serials[key],
                diary_number=format_diary_number(
                    organisation.diary_prefix, registered_on.year, serials[key]
                ),
                title=recipient.consultation.title,
                registered_on=registered_on,
                sender="Kommunstyrelsen",
                consultation_recipient=recipient,
                status=CaseStatus.DECIDED if outcome == "decided" else CaseStatus.OPEN,
            )
        )
        answering.append((recipient, outcome))
    cases = _bulk(Case, cases, counts)
    statements = []
    meetings: list[datetime.date] = []
    for case, (recipient, outcome) in zip(cases, answering, strict=True):
        consultation = recipient.consultation
        meeting = consultation.deadline - datetime.timedelta(days=7)
        meetings.append(meeting)
        statements.append(
            Statement(
                case=case,
                organisation_name=case.organisation.name,
                administration_name=case.organisation.name,
                document_date=case.registered_on + datetime.timedelta(days=14),
                diary_number=case.diary_number,
                case_officer_name="Syntetisk Handläggare",
                case_officer_phone="08-508 00 000",
                addressee_name=case.organisation.name,
                meeting_date=meeting,
                title=consultation.title,
                subtitle="Yttrande till kommunstyrelsen",
                decision_proposal="Nämnden godkänner förvaltningens tjänsteutlåtande.",
                summary="Förvaltningen ställer sig positiv till förslaget.",
                background="Kommunstyrelsen har skickat förslaget på remiss.",
                matter="Förslaget beskrivs i remissunderlaget.",
                preparation_text="Ärendet har beretts inom förvaltningen.",
                views="Förvaltningen ser behov av stöd i genomförandet.",
                answers={
                    str(q.pk): f"Svar på {q.text.lower()}" for q in questions_of[consultation.pk]
                },
                status={
                    "decided": StatementStatus.DECIDED,
                    "approved": StatementStatus.APPROVED,
                }.get(outcome, StatementStatus.DRAFT),
                current_version=0 if outcome == "draft" else 1 + rng.randrange(3),
            )
        )
    statements = _bulk(Statement, statements, counts)
    versions: list[StatementVersion] = []
    for statement in statements:
        content = statement_content(statement)
        for number in range(1, statement.current_version + 1):
            text = content if number == statement.current_version else {**content, "views": ""}
            version = StatementVersion(
                statement=statement,
                number=number,
                content=text,
                content_hash=content_hash(text),
            )
            version.signature = sign_version(version)
            versions.append(version)
    versions = _bulk(StatementVersion, versions, counts)
    final = {v.statement_id: v for v in versions if v.number == v.statement.current_version}
    steps = _bulk(
        ApprovalStep,
        (
            ApprovalStep(statement=s, position=p + 1, approver=approvers[p], title=title)
            for s in statements
            if s.pk in final
            for p, title in enumerate(APPROVER_TITLES)
        ),
        counts,
    )
    approvals = []
    previous: dict[int, str] = {}
    for step in steps:
        version = final[step.statement_id]
        approval = Approval(
            step=step,
            version=version,
            approver_name=step.approver.get_full_name(),
            approver_title=step.title,
            content_hash=version.content_hash,
            approved_at=_aware(step.statement.document_date, 9 + step.position),
            previous_signature=previous.get(step.statement_id, ""),
        )
        approval.signature = sign_approval(approval, step.statement_id)
        previous[step.statement_id] = approval.signature
        approvals.append(approval)
    _bulk(Approval, approvals, counts)
    _bulk(
        Decision,
        (
            Decision(
                statement=s,
                committee=s.case.organisation,
                meeting_date=meeting,
                paragraph=str(1 + s.pk % 30),
                text="Nämnden godkänner förvaltningens tjänsteutlåtande och överlämnar det "
                "till kommunstyrelsen som svar på remissen.",
                decided_on=meeting,
            )
            for s, meeting in zip(statements, meetings, strict=True)
            if s.status == StatementStatus.DECIDED
        ),
        counts,
    )


def _dimension(name: str, labels: list[tuple[str, str]]) -> tuple[Dimension, list[Any]]:
    dimension = Dimension.objects.filter(name=name).first()
    if dimension is None:
        dimension = Dimension.objects.create(name=name, slug=slugify(name))
    values = []
    for label, code in labels:
        value = DimensionValue.objects.filter(dimension=dimension, label=label).first()
        if value is None:
            value = DimensionValue.objects.create(
                dimension=dimension, label=label, slug=slugify(label), code=code
            )
        values.append(value)
    return dimension, values


def _knowledge(
    rng: random.Random,
    counts: Counter[str],
    scale: float,
    seed: int,
    organisations: list[Organisation],
    last_year: int,
) -> None:
    """Datasets of measures observed for ten years by district and sex (illustrative)."""
    periods = []
    for year in range(last_year - OBSERVATION_YEARS + 1, last_year + 1):
        period, _ = Period.objects.get_or_create(
            label=str(year),
            defaults={
                "kind": PeriodKind.YEAR,
                "start": datetime.date(year, 1, 1),
                "end": datetime.date(year, 12, 31),
            },
        )
        periods.append(period)
    dimension, sexes = _dimension("Kön", [("Kvinnor", "K"), ("Män", "M")])
    breakdowns: list[tuple[str, list[DimensionValue]]] = [("", [])] + [
        (breakdown_key([(dimension.slug, value.slug)]), [value]) for value in sexes
    ]
    districts = [o for o in organisations if o.kind == OrganisationKind.DISTRICT_COMMITTEE]
    per_city = _count(DISTRICTS_PER_CITY, min(scale, 1))
    cities: list[list[Area]] = []
    areas: list[Area] = []
    for city in range(_count(1, scale)):
        group = [Area(kind=AreaKind.CITY, name=f"Syntetisk kommun {seed}-{city + 1}")]
        for n in range(per_city):
            index = city * per_city + n
            group.append(
                Area(
                    kind=AreaKind.DISTRICT,
                    name=f"Syntetisk stadsdel {seed}-{city + 1}-{n + 1}",
                    organisation=districts[index] if index < len(districts) else None,
                )
            )
        cities.append(group)
        areas.extend(group)
    _bulk(Area, areas, counts)
    datasets = _bulk(
        Dataset,
        (
            Dataset(
                title=f"Syntetisk undersökning {seed}-{n + 1}",
                slug=f"syntetisk-{seed}-{n + 1}",
                source="Syntetisk enkät",
                publisher="Stadsledningskontoret",
                update_frequency="Årligen",
                is_published=n % 4 != 3,
                is_illustrative=True,
            )
            for n in range(_count(DATASETS, scale))
        ),
        counts,
    )
    measures = _bulk(
        Measure,
        (
            Measure(
                dataset=dataset,
                name=f"Andel som upplevt diskriminering {n + 1}",
                slug=f"andel-{n + 1}",
                unit="procent",
            )
            for dataset in datasets
            for n in range(_count(MEASURES_PER_DATASET, min(scale, 1)))
        ),
        counts,
    )
    through = Observation.dimension_values.through
    for index, measure in enumerate(measures):
        observations: list[Observation] = []
        links: list[list[DimensionValue]] = []
        for area in cities[index % len(cities)]:
            level = rng.uniform(5, 40)
            for period in periods:
                for key, values in breakdowns:
                    count = rng.randrange(10, 800)
                    observations.append(
                        Observation(
                            measure=measure,
                            area=area,
                            period=period,
                            breakdown_key=key,
                            value=round(level + rng.uniform(-5, 5), 1),
                            count=count,
                            suppressed=count < 20,
                        )
                    )
                    links.append(values)
        observations = _bulk(Observation, observations, counts)
        created = through.objects.bulk_create(
            (
                through(observation_id=observation.pk, dimensionvalue_id=value.pk)
                for observation, values in zip(observations, links, strict=True)
                for value in values
            ),
            batch_size=BATCH,
        )
        counts["Observation.dimension_values"] += len(created)


def _organisation_number(seed: int, n: int) -> str:
    base = f"80{seed % 100:02d}{n:05d}"
    check = next(d for d in "0123456789" if luhn_ok(base + d))
    return f"{base[:6]}-{base[6:]}{check}"


def _collaboration(
    rng: random.Random,
    counts: Counter[str],
    scale: float,
    seed: int,
    organisations: list[Organisation],
    areas_by_plan: dict[int, list[DevelopmentArea]],
) -> None:
    """Partners with contact persons, collaborations and dialogues."""
    groups = list(TargetGroup.objects.order_by("pk"))
    development_areas = [area for areas in areas_by_plan.values() for area in areas]
    districts = [o for o in organisations if o.kind == OrganisationKind.DISTRICT_COMMITTEE]
    partners = _bulk(
        Partner,
        (
            Partner(
                name=f"Syntetisk förening {seed}-{n + 1:05d}",
                organisation_number=_organisation_number(seed, n),
                kind=rng.choice(PartnerKind.values),
                description="En förening som staden samverkar med.",
                registered_by=rng.choice(organisations),
            )
            for n in range(_count(PARTNERS, scale))
        ),
        counts,
    )
    _m2m(Partner.target_groups, partners, groups, 2, rng, counts)
    _m2m(Partner.districts, partners, districts, 2, rng, counts)
    _bulk(
        ContactPerson,
        (
            ContactPerson(
                partner=partner,
                name=f"Kontaktperson {n + 1}",
                role="Ordförande" if n == 0 else "Sekreterare",
                email=f"kontakt{n + 1}@forening{partner.pk}.example",
                legal_basis=rng.choice(LegalBasis.values),
                purpose="Kallelser till dialogmöten.",
            )
            for partner in partners
            for n in range(rng.randint(1, 3))
        ),
        counts,
    )
    collaborations = _bulk(
        Collaboration,
        (
            Collaboration(
                title=f"Samverkan {n + 1}",
                form=rng.choice(CollaborationForm.values),
                start_date=datetime.date(2021 + n % 5, 1 + n % 12, 1),
                purpose="Stärka arbetet mot rasism och diskriminering.",
            )
            for n in range(_count(COLLABORATIONS, scale))
        ),
        counts,
    )
    _m2m(Collaboration.organisations, collaborations, organisations, 3, rng, counts)
    _m2m(Collaboration.partners, collaborations, partners, 2, rng, counts)
    _m2m(Collaboration.development_areas, collaborations, development_areas, 1, rng, counts)
    dialogues = _bulk(
        Dialogue,
        (
            Dialogue(
                title=f"Dialogmöte {n + 1}",
                date=datetime.date(2021 + n % 5, 1 + n % 12, 1 + n % 28),
                raised="Deltagarna berättade om sina erfarenheter av diskriminering.",
                response="Förvaltningen tar med synpunkterna i planeringen.",
            )
            for n in range(_count(DIALOGUES, scale))
        ),
        counts,
    )
    _m2m(Dialogue.organisations, dialogues, organisations, 2, rng, counts)
    _m2m(Dialogue.partners, dialogues, partners, 2, rng, counts)
    if groups:
        _bulk(
            DialogueAttendance,
            (
                DialogueAttendance(dialogue=dialogue, target_group=group, count=rng.randint(3, 40))
                for dialogue in dialogues
                for group in rng.sample(groups, min(2, len(groups)))
            ),
            counts,
        )


def _m2m(
    descriptor: Any,
    owners: list[Any],
    targets: Sequence[Any],
    most: int,
    rng: random.Random,
    counts: Counter[str],
) -> None:
    """Link each of OWNERS to 1..MOST of TARGETS through DESCRIPTOR's table."""
    if not targets:
        return
    field = descriptor.field
    through = descriptor.through
    source = field.m2m_field_name() + "_id"
    target = field.m2m_reverse_field_name() + "_id"
    rows = [
        through(**{source: owner.pk, target: chosen.pk})
        for owner in owners
        for chosen in rng.sample(list(targets), min(len(targets), rng.randint(1, most)))
    ]
    created = through.objects.bulk_create(rows, batch_size=BATCH)
    counts[f"{type(owners[0]).__name__}.{field.name}"] += len(created)
