"""Reads for the public consultation, action plan and easy-read pages.

Published rows only, each page a fixed number of queries. Of a consultation the public sees
the document under review, who answered or declined, and the answers the committees have
decided, never a statement still being written or attested, and never the case officer's
name or phone number.
"""

import dataclasses
import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from mrplan.consultations import compilation as compiling
from mrplan.consultations import themes
from mrplan.consultations.models import (
    STATEMENT_SECTIONS,
    Consultation,
    ConsultationDocument,
    ConsultationQuestion,
    RecipientStatus,
    Statement,
    StatementStatus,
)
from mrplan.core.publication import published_rule
from mrplan.organisations.models import Organisation
from mrplan.planning.models import Activity
from mrplan.planning.rollup import Rollup, combine
from mrplan.planning.selectors import activities_in_plan
from mrplan.programmes.models import ActionPlan, CityActivity, DevelopmentArea, Programme
from mrplan.public.models import EasyReadKind, EasyReadSummary
from mrplan.public.selectors import (
    PublicActivity,
    _latest_updates,
    _public_activity,
    _rollup,
    published_activities,
)

PHONE_REMOVED = "[telefonnummer borttaget]"

# Consultations


def published_consultations() -> QuerySet[Consultation]:
    """Return the consultations the public may see: published and sent."""
    return Consultation.objects.published()


DECIDED_ANSWER = Q(recipients__case__statement__status=StatementStatus.DECIDED)


def consultation_list() -> QuerySet[Consultation]:
    """Return the published consultations with how many recipients answered and declined."""
    return (
        published_consultations()
        .select_related("sender", "programme", "action_plan")
        .annotate(
            recipient_count=Count("recipients", distinct=True),
            answered_count=Count(
                "recipients",
                filter=Q(recipients__status=RecipientStatus.ANSWERED) | DECIDED_ANSWER,
                distinct=True,
            ),
            declined_count=Count(
                "recipients",
                filter=Q(recipients__status=RecipientStatus.DECLINED) & ~DECIDED_ANSWER,
                distinct=True,
            ),
        )
        .order_by("-deadline", "title", "pk")
    )


@dataclass
class PublicAnswer:
    """One decided answer as the public sees it: sections and answers to the questions."""

    answer: compiling.Answer
    sections: list[tuple[str, str]]
    question_answers: list[tuple[ConsultationQuestion, str]]

    @property
    def anchor(self) -> str:
        return f"svar-{self.answer.recipient.pk}"

    @property
    def statement(self) -> Statement:
        assert self.answer.statement is not None
        return self.answer.statement


@dataclass
class PublicConsultation:
    consultation: Consultation
    documents: list[ConsultationDocument]
    compilation: compiling.Compilation
    answers: list[PublicAnswer]
    # Marked as answered, but the answer is not a decided statement in mrplan.
    answered_elsewhere: list[compiling.Answer]

    @property
    def outstanding(self) -> list[compiling.Outstanding]:
        return self.compilation.outstanding

    @property
    def total(self) -> int:
        return len(self.compilation.answers) + len(self.answered_elsewhere) + len(self.outstanding)

    @property
    def answered_count(self) -> int:
        return len(self.compilation.answers) + len(self.answered_elsewhere)


def is_decided(answer: compiling.Answer) -> bool:
    return answer.statement is not None and answer.statement.status == StatementStatus.DECIDED


def _redact(statement: Statement) -> None:
    """Blank the case officer's details on STATEMENT (in memory only; it is never saved).

    The header fields are not shown anyway; this also removes the phone number should an
    imported text repeat it in a section.
    """
    phone = statement.case_officer_phone.strip()
    statement.case_officer_name = ""
    statement.case_officer_phone = ""
    if not phone:
        return
    for name, _heading in STATEMENT_SECTIONS:
        text = getattr(statement, name) or ""
        if phone in text:
            setattr(statement, name, text.replace(phone, PHONE_REMOVED))
    statement.answers = {
        key: str(value).replace(phone, PHONE_REMOVED)
        for key, value in (statement.answers or {}).items()
    }


def _decided_only(full: compiling.Compilation) -> compiling.Compilation:
    """Return FULL with the side-by-side sections and themes read from decided answers only."""
    answers = [answer for answer in full.answers if is_decided(answer)]
    sections = [
        compiling.Comparison(
            str(heading),
            [(answer, answer.text(name)) for answer in answers if answer.text(name)],
        )
        for name, heading in compiling.COMPARED_SECTIONS
    ]
    question_comparisons = [
        compiling.Comparison(
            question.text,
            [
                (answer, answer.answer_to(question))
                for answer in answers
                if answer.answer_to(question)
            ],
            question=question,
        )
        for question in full.questions
    ]
    headings = dict(STATEMENT_SECTIONS)
    sources = [
        themes.Source(
            key=str(answer.recipient.pk),
            label=answer.organisation_name,
            url=f"#svar-{answer.recipient.pk}",
            texts=[(str(headings[name]), answer.text(name)) for name in compiling.THEME_SECTIONS]
            + [(question.text, answer.answer_to(question)) for question in full.questions],
        )
        for answer in answers
    ]
    return dataclasses.replace(
        full,
        answers=answers,
        sections=sections,
        question_comparisons=question_comparisons,
        findings=themes.find_themes(sources),
    )


def consultation_page(pk: int, *, today: datetime.date | None = None) -> PublicConsultation | None:
    """Return published consultation PK with its decided answers and compilation, or None."""
    consultation = (
        published_consultations()
        .select_related("sender", "programme", "action_plan")
        .prefetch_related("questions")
        .filter(pk=pk)
        .first()
    )
    if consultation is None:
        return None
    full = compiling.build(consultation, today=today)
    for answer in full.answers:
        if answer.statement is not None:
            _redact(answer.statement)
    result = _decided_only(full)
    answers = [
        PublicAnswer(
            answer=answer,
            sections=[
                (str(heading), answer.text(name))
                for name, heading in STATEMENT_SECTIONS
                if answer.text(name)
            ],
            question_answers=[
                (question, answer.answer_to(question))
                for question in result.questions
                if answer.answer_to(question)
            ],
        )
        for answer in result.answers
    ]
    return PublicConsultation(
        consultation=consultation,
        documents=list(consultation.documents.order_by("title", "pk")),
        compilation=result,
        answers=answers,
        answered_elsewhere=[answer for answer in full.answers if not is_decided(answer)],
    )


def published_document(pk: int) -> ConsultationDocument | None:
    """Return file PK sent with a published consultation, or None."""
    return (
        ConsultationDocument.objects.published()
        .filter(pk=pk)
        .select_related("consultation")
        .first()
    )


# Action plans


def published_action_plans() -> QuerySet[ActionPlan]:
    """Return the action plans the public may see: published, in a published programme."""
    return ActionPlan.objects.published()


def action_plan_list() -> QuerySet[ActionPlan]:
    """Return the published action plans with their programme and easy-read summary."""
    return (
        published_action_plans()
        .select_related("programme", "easy_read")
        .order_by("programme__title", "position", "title")
    )


def _plan_activities(action_plan: ActionPlan) -> QuerySet[Activity]:
    # The plan is matched through three joins; the subquery keeps each activity once.
    matching = published_activities().filter(activities_in_plan(action_plan.pk))
    return published_activities().filter(pk__in=matching.values("pk"))


def action_plan_years(action_plan: ActionPlan) -> list[int]:
    """Return the years with published activities in ACTION_PLAN, newest first."""
    years = _plan_activities(action_plan).values_list("planning_year__year", flat=True)
    return sorted(set(years), reverse=True)


@dataclass
class OrganisationPart:
    organisation: Organisation
    rollup: Rollup
    activities: int


@dataclass
class PublicActionPlan:
    action_plan: ActionPlan
    development_areas: list[DevelopmentArea]
    years: list[int]
    year: int | None
    rollup: Rollup
    parts: list[OrganisationPart]
    easy_read: EasyReadSummary | None


def action_plan_page(
    *, slug: str, year: int | None, today: datetime.date | None = None
) -> PublicActionPlan | None:
    """Return published action plan SLUG with its development areas and its progress in YEAR
    (the latest year with published activities if None), or None if it is not published."""
    today = today or timezone.localdate()
    action_plan = (
        published_action_plans()
        .select_related("programme")
        .prefetch_related("special_focus")
        .filter(slug=slug)
        .first()
    )
    if action_plan is None:
        return None
    areas = list(
        DevelopmentArea.objects.filter(action_plan=action_plan)
        .prefetch_related(
            "focus_areas",
            "target_groups",
            Prefetch(
                "city_activities",
                queryset=CityActivity.objects.select_related("responsible").order_by(
                    "position", "title"
                ),
            ),
        )
        .order_by("position", "title")
    )
    years = action_plan_years(action_plan)
    if year is None:
        year = years[0] if years else None
    activities = list(
        _plan_activities(action_plan)
        .filter(planning_year__year=year or 0)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )
    updates = _latest_updates([activity.pk for activity in activities])
    by_organisation: dict[int, list[PublicActivity]] = {}
    organisations: dict[int, Organisation] = {}
    for activity in activities:
        item = _public_activity(activity, updates.get(activity.pk), today)
        by_organisation.setdefault(activity.organisation_id, []).append(item)
        organisations[activity.organisation_id] = activity.organisation
    parts = [
        OrganisationPart(organisations[pk], _rollup(items, today), len(items))
        for pk, items in by_organisation.items()
    ]
    return PublicActionPlan(
        action_plan=action_plan,
        development_areas=areas,
        years=years,
        year=year,
        rollup=combine([part.rollup for part in parts]),
        parts=parts,
        easy_read=EasyReadSummary.objects.filter(action_plan=action_plan).first(),
    )


# Easy-read summaries


def easy_read_list() -> list[EasyReadSummary]:
    """Return the easy-read summaries of published programmes and action plans."""
    summaries = EasyReadSummary.objects.filter(
        published_rule(Programme, "programme__") | published_rule(ActionPlan, "action_plan__")
    ).select_related("programme", "action_plan__programme")
    # Programmes first, then the action plans in the programme's order.
    return sorted(
        summaries,
        key=lambda summary: (
            summary.action_plan is not None,
            summary.action_plan.position if summary.action_plan else 0,
            summary.target.title.casefold(),
        ),
    )


def easy_read_target(
    kind: str, slug: str, *, published_only: bool = False
) -> Programme | ActionPlan | None:
    """Return the programme or action plan of KIND and SLUG, or None; with PUBLISHED_ONLY,
    only one the public may see."""
    queryset: QuerySet[Programme] | QuerySet[ActionPlan]
    if kind == EasyReadKind.PROGRAMME:
        queryset = Programme.objects.all()
    elif kind == EasyReadKind.ACTION_PLAN:
        queryset = ActionPlan.objects.select_related("programme")
    else:
        return None
    if published_only:
        queryset = queryset.published()
    return queryset.filter(slug=slug).first()


def is_public(target: Programme | ActionPlan) -> bool:
    """Whether anonymous visitors may see TARGET (its model's `published()` keeps it)."""
    return type(target).objects.published().filter(pk=target.pk).exists()


def easy_read_of(target: Programme | ActionPlan) -> EasyReadSummary | None:
    """Return TARGET's easy-read summary, or None if it has none yet."""
    if isinstance(target, ActionPlan):
        return EasyReadSummary.objects.filter(action_plan=target).first()
    return EasyReadSummary.objects.filter(programme=target).first()
