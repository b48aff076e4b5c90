"""Search across the public content, with facets and Swedish stemming.

Only what the public site shows is searched: published programmes and action plans, the
development areas of published plans, published goals and activities, published datasets
and their measures, published consultations (never drafts) and public material. An
activity's status is the one an approved, published report gives it.

Every word of the query must match, in one of three ways, so that people find what they
mean, not only what they typed exactly:

- as part of a word, ignoring case and Swedish letters ("hagersten" finds "Hägersten",
  "rasist" finds "antirasistiskt", "HÄ 2024/689" finds that diary number);
- by its stem ("rasismen" finds "rasism"): PostgreSQL's "swedish" full-text configuration,
  or a small suffix-stripping stemmer elsewhere;
- for words of five letters or more, by trigram similarity to a word of the text, so a
  misspelling still finds ("rasim" finds "rasism", "diskriminerad" finds "diskriminering"):
  pg_trgm's word_similarity on PostgreSQL, the same measure computed in Python elsewhere.

Short words are never guessed ("barn" does not find "bara"). Organisations are found by
name, consultations also by the diary numbers of their decided answers.

The organisations' published goals and activities, the kinds that grow with the city, are
never loaded whole: for each, one SQL statement (search/planned.py) matches and ranks them
as a common table expression and returns the best hits of the pages up to the one shown
(ids and ranks) and every facet's counts (GROUP BY, each over the hits that pass the other
facets' filters); only the page shown is then loaded as objects. On PostgreSQL the matching
reads two generated, indexed columns (migration public 0004: the "swedish" tsvector and the
folded text, which the database keeps right on every write) and uses pg_trgm's %> operator
(word_similarity at or above pg_trgm.word_similarity_threshold, 0.6 by default); on SQLite
their titles and descriptions are matched in Python and only the matching ids and ranks go
back into the same SQL. An activity's status facet is computed there too, from its latest
public update (a window over the hits' updates, read through an index-only scan). The other
kinds are small: PostgreSQL filters and ranks them (SearchRank plus similarity), SQLite matches
them in Python, and their facets are counted in Python; they are loaded with only the columns
a hit shows, and the stems and similarities of recurring words (the answers' diary numbers)
are remembered between searches. Each kind costs a fixed number of queries, so a search does
too, whatever it finds.
"""

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.contrib.postgres.lookups import Unaccent
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
    TrigramWordSimilarity,
)
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    F,
    FloatField,
    Model,
    Prefetch,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Coalesce, Concat, Lower
from django.urls import NoReverseMatch, reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from mrplan.collaboration.models import Material
from mrplan.consultations.models import Consultation, ConsultationStatus, Statement
from mrplan.knowledge.models import Dataset, Measure
from mrplan.organisations.models import Organisation
from mrplan.planning.models import FIRST_YEAR, LAST_YEAR, ActivityStatus, ActivityUpdate
from mrplan.programmes import selectors as programme_selectors
from mrplan.programmes.models import ActionPlan, DevelopmentArea, Status, TargetGroup
from mrplan.public.search import planned as search_planned
from mrplan.public.selectors import published_activities, published_goals

MAX_QUERY_LENGTH = 200
SNIPPET_LENGTH = 220

# Kinds, in the order they are listed when nothing is searched for.
KINDS: dict[str, Any] = {
    "program": _("Program"),
    "handlingsplan": _("Handlingsplan"),
    "omrade": _("Utvecklingsområde"),
    "mal": _("Mål"),
    "aktivitet": _("Aktivitet"),
    "dataset": _("Dataset"),
    "matt": _("Mått"),
    "remiss": _("Remiss"),
    "material": _("Informationsmaterial"),
    "organisation": _("Organisation"),
}
STATUSES: dict[str, Any] = {
    **dict(ActivityStatus.choices),
    # A published programme or plan may still be a draft text (the programmes app shows it).
    **dict(Status.choices),
    **{key: label for key, label in ConsultationStatus.choices if key != ConsultationStatus.DRAFT},
}
# GET parameter → (label, attribute of Hit). Each facet is a set of values on a hit.
FACETS: dict[str, tuple[Any, str]] = {
    "typ": (_("Typ av innehåll"), "kinds"),
    "organisation": (_("Organisation"), "organisations"),
    "handlingsplan": (_("Handlingsplan"), "action_plans"),
    "omrade": (_("Utvecklingsområde"), "areas"),
    "malgrupp": (_("Målgrupp"), "groups"),
    "ar": (_("År"), "years"),
    "status": (_("Status"), "statuses"),
}


# A small Swedish stemmer (the fallback where PostgreSQL's is not available)

MIN_STEM = 4
# Longest first, so that "-arna" is stripped before "-a".
SUFFIXES: tuple[str, ...] = (
    *("heten", "arna", "erna", "orna", "ande", "ende"),
    *("het", "are", "ast", "en", "et", "ar", "er", "or", "na", "a", "e"),
)
WORD = re.compile(r"\w+")


# Stems and similarities are pure and the same words recur (the diary numbers of a thousand
# consultations are matched on every search), so they are remembered.
@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Return WORD casefolded, without a genitive -s and one inflection suffix."""
    word = word.casefold()
    if word.endswith("s") and len(word) > MIN_STEM + 1:
        word = word[:-1]
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            return word[: -len(suffix)]
    return word


def query_stems(query: str) -> list[str]:
    """Return the distinct stems of the words in QUERY."""
    return list(dict.fromkeys(stem(word) for word in WORD.findall(query)))


# Folding and similarity (the same rules as the PostgreSQL path, in Python)

MIN_FUZZY = 5  # shorter words are matched exactly or by stem, never guessed
SIMILARITY = 0.6  # pg_trgm's default word_similarity_threshold
MAX_WORDS = 8


def fold(text: str) -> str:
    """Return TEXT casefolded and without diacritics ("Hägersten" -> "hagersten")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def trigrams(word: str) -> set[str]:
    """Return pg_trgm's trigrams of one WORD (padded with two spaces before, one after)."""
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


@functools.lru_cache(maxsize=65536)
def word_similarity(word: str, other: str) -> float:
    """Return how much of WORD's trigrams OTHER holds (pg_trgm's word_similarity, per word)."""
    wanted = trigrams(word)
    return len(wanted & trigrams(other)) / len(wanted)


def query_words(query: str) -> list[tuple[str, str]]:
    """Return the distinct (word as typed, folded word) pairs of QUERY, at most MAX_WORDS."""
    words = dict.fromkeys(WORD.findall(query.casefold()))
    return [(word, fold(word)) for word in list(words)[:MAX_WORDS]]


def text_matches(words: list[tuple[str, str]], text: str) -> bool:
    """Whether every one of WORDS matches TEXT: as part of it, by stem, or by similarity."""
    folded = fold(text)
    text_words: set[str] | None = None
    text_stems: set[str] | None = None
    for typed, word in words:
        if word in folded:
            continue
        if text_words is None:
            text_words = set(WORD.findall(folded))
            text_stems = {stem(w) for w in text_words} | {stem(w) for w in WORD.findall(text)}
        assert text_stems is not None
        if stem(typed) in text_stems or stem(word) in text_stems:
            continue
        if len(word) >= MIN_FUZZY and any(
            word_similarity(word, other) >= SIMILARITY for other in text_words
        ):
            continue
        return False
    return True


# Hits


@dataclass
class Hit:
    kind: str
    pk: int
    title: str
    url: str
    text: str
    context: str = ""
    status: str = ""
    rank: float = 0.0
    organisations: set[str] = field(default_factory=set)
    action_plans: set[str] = field(default_factory=set)
    areas: set[str] = field(default_factory=set)
    groups: set[str] = field(default_factory=set)
    years: set[str] = field(default_factory=set)
    snippet: SafeString = field(default_factory=lambda: mark_safe(""))  # noqa: S308

    @property
    def kinds(self) -> set[str]:
        return {self.kind}

    @property
    def statuses(self) -> set[str]:
        return {self.status} if self.status else set()

    @property
    def kind_label(self) -> str:
        return str(KINDS[self.kind])

    @property
    def status_label(self) -> str:
        return str(STATUSES.get(self.status, ""))


class Labels(dict[str, dict[str, str]]):
    """Facet → value → label, filled while the hits are built."""

    def add(self, facet: str, value: Any, label: Any) -> str:
        self.setdefault(facet, {})[str(value)] = str(label)
        return str(value)


def _url(name: str, *args: Any, anchor: str = "") -> str:
    try:
        return reverse(name, args=args) + anchor
    except NoReverseMatch:
        return ""


def _plan_url(organisation: Organisation, year: int, anchor: str) -> str:
    """Link into the organisation's public plan, or to the organisation if there is none."""
    return _url("public-organisation-plan", organisation.slug, year, anchor=anchor) or (
        organisation.get_absolute_url()
    )


def _consultation_url(consultation: Consultation) -> str:
    """Return the public page of a consultation, if the public site has one yet."""
    for name in ("public-consultation-detail", "public-consultation"):
        url = _url(name, consultation.pk)
        if url:
            return url
    return ""


def _join(*parts: Any) -> str:
    return "\n".join(str(part) for part in parts if part)


# Matching


def _stored(table: str, column: str, output_field: Any) -> RawSQL:
    """Read a generated column the model does not declare (migration public 0004)."""
    return RawSQL(f'"{table}"."{column}"', [], output_field=output_field)  # noqa: S611


class Matcher:
    """Filter and rank a kind's queryset by the search words."""

    def __init__(self, query: str) -> None:
        self.query = query.strip()
        self.stems = query_stems(self.query)
        self.words = query_words(self.query)
        self.postgres = connection.vendor == "postgresql"

    def apply(
        self,
        queryset: QuerySet[Any],
        title: str,
        *fields: str,
        also: Iterable[int] = (),
        stored: bool = False,
    ) -> QuerySet[Any]:
        """Filter QUERYSET on PostgreSQL: every word matches TITLE or FIELDS (or the row is
        one of ALSO, matched elsewhere, such as by a diary number). STORED: read the
        generated columns search_document and search_folded (goals and activities)."""
        if not self.words or not self.postgres:
            return queryset
        vector: Any
        folded: Any
        table = queryset.model._meta.db_table
        if stored:
            vector = _stored(table, "search_document", SearchVectorField())
            folded = _stored(table, "search_folded", TextField())
        else:
            vector = SearchVector(title, weight="A", config="swedish") + SearchVector(
                *fields, weight="B", config="swedish"
            )
            parts: list[Any] = []
            for name in (title, *fields):
                parts += [
                    Coalesce(Cast(name, TextField()), Value("", output_field=TextField())),
                    Value(" ", output_field=TextField()),
                ]
            folded = Unaccent(Lower(Concat(*parts, output_field=TextField())))
        queryset = queryset.annotate(search_vector=vector, search_folded=folded)
        matches = Q()
        similarity: Any = Value(0.0, output_field=FloatField())
        for index, (typed, word) in enumerate(self.words):
            condition = Q(search_folded__contains=word) | Q(
                search_vector=SearchQuery(typed, config="swedish", search_type="plain")
            )
            if len(word) >= MIN_FUZZY and stored:
                # pg_trgm's %> (word_similarity at or above its threshold, 0.6 by default,
                # SIMILARITY) can use the trigram index; the measure itself only ranks.
                name = f"search_similarity_{index}"
                queryset = queryset.annotate(
                    **{name: TrigramWordSimilarity(Value(word), "search_folded")}  # type: ignore[arg-type]
                )
                similar = f'"{table}"."search_folded" %%> %s'
                condition |= Q(RawSQL(similar, [word], output_field=BooleanField()))  # noqa: S611
                similarity = similarity + F(name)
            elif len(word) >= MIN_FUZZY:
                name = f"search_similarity_{index}"
                queryset = queryset.annotate(
                    **{name: TrigramWordSimilarity(Value(word), "search_folded")}  # type: ignore[arg-type]
                )
                condition |= Q(**{f"{name}__gte": SIMILARITY})
                similarity = similarity + F(name)
            matches &= condition
        search = SearchQuery(self.query, config="swedish", search_type="websearch")
        ids = list(also)
        return queryset.filter(matches | Q(pk__in=ids) if ids else matches).annotate(
            search_rank=SearchRank(vector, search) + similarity / 10
        )

    def ranked(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        """Return the goals or activities of QUERYSET that match, annotated search_rank.

        PostgreSQL matches in the query (on the stored columns); elsewhere the titles and
        descriptions are matched in Python, and only the ids and ranks go back into SQL.
        """
        if not self.words:
            return queryset.annotate(search_rank=Value(0.0, output_field=FloatField()))
        if self.postgres:
            return self.apply(queryset, "title", "description", stored=True)
        ranks = {}
        for pk, title, text in queryset.values_list("pk", "title", "description"):
            rank = self.rank(title, text)
            if rank is not None:
                ranks[pk] = rank
        if not ranks:  # still one query, so that a search costs the same whatever it finds
            return queryset.filter(pk__isnull=True).annotate(
                search_rank=Value(0.0, output_field=FloatField())
            )
        whens = [When(pk=pk, then=Value(rank)) for pk, rank in ranks.items()]
        return queryset.filter(pk__in=list(ranks)).annotate(
            search_rank=Case(*whens, default=Value(0.0), output_field=FloatField())
        )

    def rank(self, title: str, text: str) -> float | None:
        """Rank TITLE and TEXT in Python, or None when they do not match."""
        if not text_matches(self.words, f"{title}\n{text}"):
            return None
        title, text = fold(title), fold(text)
        return float(
            sum(3 * title.count(word) + min(text.count(word), 5) for _typed, word in self.words)
        ) + (5.0 if fold(self.query) in title else 0.0)

    def keep(self, obj: Model, hit: Hit) -> bool:
        """Whether HIT matches (on PostgreSQL the database has decided already)."""
        if not self.words:
            return True
        if self.postgres:
            hit.rank = float(getattr(obj, "search_rank", 0.0))
            return True
        rank = self.rank(hit.title, hit.text)
        if rank is None:
            return False
        hit.rank = rank
        return True


# One loader per kind: each returns the matching hits and names its facet values.


def _programme_hits(matcher: Matcher, labels: Labels) -> Iterable[Hit]:
    programmes = programme_selectors.programmes_visible_to(AnonymousUser())
    for programme in matcher.apply(programmes, "title", "short_title", "goal", "summary"):
        hit = Hit(
            "program",
            programme.pk,
            programme.title,
            programme.get_absolute_url(),
            _join(programme.goal, programme.summary, programme.short_title),
            status=programme.status,
        )
        if programme.adopted_by is not None:
            hit.organisations.add(
                labels.add("organisation", programme.adopted_by.slug, programme.adopted_by.name)
            )
        start = programme.valid_from or programme.adopted_on
        if start:
            hit.years.add(labels.add("ar", start.year, start.year))
        if matcher.keep(programme, hit):
            yield hit


def _action_plan_hits(matcher: Matcher, labels: Labels) -> Iterable[Hit]:
    plans = programme_selectors.action_plans_visible_to(AnonymousUser()).prefetch_related(
        "special_focus"
    )
    for plan in matcher.apply(plans, "title", "goal", "summary"):
        hit = Hit(
            "handlingsplan",
            plan.pk,
            plan.title,
            plan.get_absolute_url(),
            _join(plan.goal, plan.summary),
            context=plan.programme.title,
            status=plan.status,
        )
        hit.action_plans.add(labels.add("handlingsplan", plan.slug, plan.title))
        hit.groups.update(
            labels.add("malgrupp", group.slug, group.name) for group in plan.special_focus.all()
        )
        if plan.valid_from:
            hit.years.add(labels.add("ar", plan.valid_from.year, plan.valid_from.year))
        if matcher.keep(plan, hit):
            yield hit


def _area_hits(matcher: Matcher, labels: Labels) -> Iterable[Hit]:
    areas = programme_selectors.development_areas_visible_to(AnonymousUser()).prefetch_related(
        "target_groups"
    )
    for area in matcher.apply(areas, "title", "description"):
        plan = area.action_plan
        hit = Hit(
            "omrade",
            area.pk,
            area.title,
            area.get_absolute_url(),
            area.description,
            context=plan.title,
        )
        hit.action_plans.add(labels.add("handlingsplan", plan.slug, plan.title))
        hit.areas.add(labels.add("omrade", area.pk, area.title))
        hit.groups.update(
            labels.add("malgrupp", group.slug, group.name) for group in area.target_groups.all()
        )
        if matcher.keep(area, hit):
            yield hit


def _public_areas() -> QuerySet[DevelopmentArea]:
    """Development areas whose action plan is public (others are never named)."""
    return programme_selectors.development_areas_visible_to(AnonymousUser())


def _planned(hit: Hit, labels: Labels, organisation: Organisation, year: int) -> None:
    hit.organisations.add(labels.add("organisation", organisation.slug, organisation.name))
    hit.years.add(labels.add("ar", year, year))


def _add_area(hit: Hit, labels: Labels, area: DevelopmentArea) -> None:
    plan = area.action_plan
    hit.areas.add(labels.add("omrade", area.pk, area.title))
    hit.action_plans.add(labels.add("handlingsplan", plan.slug, plan.title))


def _goal_page(ranks: dict[int, float], labels: Labels) -> Iterable[Hit]:
    """Return the hits for the goals RANKS names (the page shown), with their ranks."""
    goals = (
        published_goals()
        .select_related("organisation", "planning_year")
        # Only the columns a hit shows (see _activity_hits).
        .only(
            "title",
            "description",
            "organisation__name",
            "organisation__slug",
            "planning_year__year",
        )
        .prefetch_related(
            Prefetch("development_areas", queryset=_public_areas()),
            Prefetch("target_groups", queryset=TargetGroup.objects.only("slug", "name")),
        )
    )
    for goal in goals.filter(pk__in=list(ranks)):
        organisation, year = goal.organisation, goal.planning_year.year
        hit = Hit(
            "mal",
            goal.pk,
            goal.title,
            _plan_url(organisation, year, f"#mal-{goal.pk}"),
            goal.description,
            context=f"{organisation.name} {year}",
            rank=ranks[goal.pk],
        )
        _planned(hit, labels, organisation, year)
        for area in goal.development_areas.all():
            _add_area(hit, labels, area)
        hit.groups.update(
            labels.add("malgrupp", group.slug, group.name) for group in goal.target_groups.all()
        )
        yield hit


def _reported_statuses(activity_ids: list[int]) -> dict[int, str]:
    """Return each activity's status in its latest approved, published report."""
    latest: dict[int, tuple[tuple[Any, ...], str]] = {}
    rows = (
        ActivityUpdate.objects.published()
        .filter(activity_id__in=activity_ids)
        .values_list(
            "activity_id",
            "status",
            "report__period__planning_year__year",
            "report__period__position",
            "report__period__deadline",
        )
        .order_by()
    )
    for activity_id, status, *when in rows:
        key = tuple(when)
        if activity_id not in latest or latest[activity_id][0] < key:
            latest[activity_id] = (key, status)
    return {activity_id: status for activity_id, (_key, status) in latest.items()}


def _activity_page(ranks: dict[int, float], labels: Labels) -> Iterable[Hit]:
    """Return the hits for the activities RANKS names (the page shown), with their ranks."""
    activities = list(
        # Only the columns a hit shows (whole rows of five models each are costly).
        published_activities()
        .select_related(
            "organisation",
            "planning_year",
            "development_area__action_plan",
            "city_activity__development_area__action_plan",
        )
        .only(
            "title",
            "description",
            "organisation__name",
            "organisation__slug",
            "planning_year__year",
            *(
                f"{area}__{name}"
                for area in ("development_area", "city_activity__development_area")
                for name in ("title", "action_plan__slug", "action_plan__title")
            ),
        )
        .prefetch_related(
            Prefetch("target_groups", queryset=TargetGroup.objects.only("slug", "name"))
        )
        .filter(pk__in=list(ranks))
    )
    statuses = _reported_statuses([activity.pk for activity in activities])
    public_plans = set(ActionPlan.objects.published().values_list("pk", flat=True))
    for activity in activities:
        organisation, year = activity.organisation, activity.planning_year.year
        hit = Hit(
            "aktivitet",
            activity.pk,
            activity.title,
            _plan_url(organisation, year, f"#aktivitet-{activity.pk}"),
            activity.description,
            context=f"{organisation.name} {year}",
            status=statuses.get(activity.pk, ""),
            rank=ranks[activity.pk],
        )
        _planned(hit, labels, organisation, year)
        area = activity.development_area or (
            activity.city_activity.development_area if activity.city_activity else None
        )
        if area is not None and area.action_plan_id in public_plans:
            _add_area(hit, labels, area)
        hit.groups.update(
            labels.add("malgrupp", group.slug, group.name) for group in activity.target_groups.all()
        )
        yield hit


def _dataset_hits(matcher: Matcher, labels: Labels) -> Iterable[Hit]:
    datasets = Dataset.objects.published()
    for dataset in matcher.apply(datasets, "title", "source", "publisher", "method_note"):
        hit = Hit(
            "dataset",
            dataset.pk,
            dataset.title,
            dataset.get_absolute_url(),
            _join(dataset.method_note, dataset.source, dataset.publisher),
            context=dataset.source,
        )
        if matcher.keep(dataset, hit):
            yield hit


def _measure_hits(matcher: Matcher, labels: Labels) -> Iterable[Hit]:
    measures = Measure.objects.published().select_related("dataset")
    for measure in matcher.apply(measures, "name", "definition", "unit"):
        dataset = measure.dataset
        hit = Hit(
            "matt",
            measure.pk,
            measure.name,
            _url("knowledge-measure", dataset.slug, measure.slug) or dataset.get_absolute_url(),
            measure.definition,
            context=dataset.title,
        )
        if matcher.keep(measure, hit):
            yield hit


def _consultation_hits(matcher: Matcher, labels: Labels) -> Iterable[Hit]:
    # Only the columns a hit shows: every published consultation is read (a thousand at
    # scale 10), and whole rows with their sender and plan cost more than the query.
    consultations = (
        Consultation.objects.published()
        .select_related("sender", "action_plan")
        .only(
            "title",
            "description",
            "status",
            "deadline",
            "sender__name",
            "sender__slug",
            "action_plan__slug",
            "action_plan__title",
        )
    )
    public_plans = set(ActionPlan.objects.published().values_list("pk", flat=True))
    numbers = _answer_diary_numbers()
    by_number = {
        pk for pk, found in numbers.items() if matcher.words and text_matches(matcher.words, found)
    }
    for consultation in matcher.apply(consultations, "title", "description", also=by_number):
        sender = consultation.sender
        hit = Hit(
            "remiss",
            consultation.pk,
            consultation.title,
            _consultation_url(consultation),
            _join(consultation.description, numbers.get(consultation.pk, "")),
            context=sender.name,
            status=consultation.status,
        )
        hit.organisations.add(labels.add("organisation", sender.slug, sender.name))
        hit.years.add(labels.add("ar", consultation.deadline.year, consultation.deadline.year))
        plan = consultation.action_plan
        if plan is not None and plan.pk in public_plans:
            hit.action_plans.add(labels.add("handlingsplan", plan.slug, plan.title))
        if matcher.keep(consultation, hit):
            yield hit


def _answer_diary_numbers() -> dict[int, str]:
    """Return, per published consultation, the diary numbers of its decided answers."""
    rows = (
        Statement.objects.published()
        .values_list("case__consultation_recipient__consultation_id", "case__diary_number")
        .order_by("case__diary_number")
    )
    found: dict[int, list[str]] = {}
    for consultation_id, number in rows:
        if number:
            found.setdefault(consultation_id, []).append(number)
    return {
        pk: _("Diarienummer: %(numbers)s") % {"numbers": ", ".join(items)}
        for pk, items in found.items()
    }


def _organisation_hits(matcher: Matcher, labels: Labels) -> Iterable[Hit]:
    """Every organisation is public (the directory shows them all): found by its names."""
    organisations = Organisation.objects.select_related("parent").only(
        "name", "short_name", "description", "slug", "parent__name"
    )
    for organisation in matcher.apply(organisations, "name", "short_name", "description"):
        hit = Hit(
            "organisation",
            organisation.pk,
            organisation.name,
            organisation.get_absolute_url(),
            _join(organisation.short_name, organisation.description),
            context=organisation.parent.name if organisation.parent else "",
        )
        hit.organisations.add(labels.add("organisation", organisation.slug, organisation.name))
        if matcher.keep(organisation, hit):
            yield hit


def _material_hits(matcher: Matcher, labels: Labels) -> Iterable[Hit]:
    materials = Material.objects.published().prefetch_related("target_groups")
    for material in matcher.apply(materials, "title", "description"):
        hit = Hit(
            "material",
            material.pk,
            material.title,
            material.get_absolute_url(),
            material.description,
            context=str(material.get_audience_display()),
        )
        hit.groups.update(
            labels.add("malgrupp", group.slug, group.name) for group in material.target_groups.all()
        )
        if matcher.keep(material, hit):
            yield hit


# The small kinds: matched, filtered and counted in Python (they grow little with the city).
LOADERS: list[Callable[[Matcher, Labels], Iterable[Hit]]] = [
    _programme_hits,
    _action_plan_hits,
    _area_hits,
    _dataset_hits,
    _measure_hits,
    _consultation_hits,
    _material_hits,
    _organisation_hits,
]
# The organisations' goals and activities: matched, filtered, ranked, cut to a page and
# counted by the database (search/planned.py); only the page shown is loaded.
PLANNED: dict[
    str, tuple[Callable[[], QuerySet[Any]], Callable[[dict[int, float], Labels], Iterable[Hit]]]
] = {
    "mal": (published_goals, _goal_page),
    "aktivitet": (published_activities, _activity_page),
}


# Parameters


@dataclass
class Params:
    query: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    page: int = 1


class BadParams(Exception):
    """The query parameters cannot be read; the messages say why (in Swedish)."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__(errors)
        self.errors = errors


def _known(facet: str, values: list[str]) -> dict[str, str]:
    """Return labels for those VALUES of FACET that exist on the public site."""
    if facet == "typ":
        return {v: str(KINDS[v]) for v in values if v in KINDS}
    if facet == "status":
        return {v: str(STATUSES[v]) for v in values if v in STATUSES}
    if facet == "ar":
        return {v: v for v in values if v.isdigit() and FIRST_YEAR <= int(v) <= LAST_YEAR}
    rows: Iterable[tuple[Any, str]]
    if facet == "organisation":
        rows = Organisation.objects.filter(slug__in=values).values_list("slug", "name")
    elif facet == "handlingsplan":
        plans = programme_selectors.action_plans_visible_to(AnonymousUser())
        rows = plans.filter(slug__in=values).values_list("slug", "title")
    elif facet == "malgrupp":
        rows = TargetGroup.objects.filter(slug__in=values).values_list("slug", "name")
    else:  # omrade: a development area's id
        ids = [int(v) for v in values if v.isdigit() and len(v) < 10]
        rows = _public_areas().filter(pk__in=ids).values_list("pk", "title")
    return {str(key): label for key, label in rows}


UNKNOWN = _("Filtret ”%(facet)s” har inget värde ”%(value)s” på den öppna webbplatsen.")


def parse(data: Any) -> tuple[Params, Labels]:
    """Read the search parameters from DATA (request.GET); raise BadParams if they are bad."""
    errors: list[str] = []
    query = data.get("q", "").strip()
    if len(query) > MAX_QUERY_LENGTH:
        errors.append(
            str(_("Sökfrågan får vara högst %(max)s tecken.") % {"max": MAX_QUERY_LENGTH})
        )
    labels = Labels()
    filters: dict[str, list[str]] = {}
    for facet, (facet_label, _attribute) in FACETS.items():
        values = list(dict.fromkeys(v.strip() for v in data.getlist(facet) if v.strip()))
        if not values:
            continue
        if facet == "ar" and not all(v.isdigit() and len(v) == 4 for v in values):
            errors.append(str(_("Året ska anges med fyra siffror, till exempel 2026.")))
            continue
        known = _known(facet, values)
        for value in values:
            if value not in known:
                errors.append(str(UNKNOWN % {"facet": facet_label, "value": value[:60]}))
        for value, label in known.items():
            labels.add(facet, value, label)
        filters[facet] = values
    page_text = data.get("sida", "1").strip() or "1"
    page = int(page_text) if page_text.isdigit() and len(page_text) < 7 else 0
    if page < 1:
        errors.append(str(_("Sidnumret ska vara ett heltal från 1 och uppåt, till exempel 2.")))
    if errors:
        raise BadParams(errors)
    return Params(query=query, filters=filters, page=page), labels


# Searching


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    options: list[FacetOption]

    @property
    def selected(self) -> list[FacetOption]:
        return [option for option in self.options if option.selected]


@dataclass
class Result:
    params: Params
    hits: list[Hit]  # the page asked for
    count: int  # every hit
    facets: list[Facet]


def _passes(hit: Hit, filters: dict[str, list[str]], skip: str = "") -> bool:
    """Whether HIT has one of the chosen values of every facet (but SKIP)."""
    for facet, values in filters.items():
        if facet != skip and not getattr(hit, FACETS[facet][1]) & set(values):
            return False
    return True


def _sort_key(facet: str, option: FacetOption) -> tuple[Any, ...]:
    if facet == "ar":
        return (-int(option.value),)
    if facet == "typ":
        return (list(KINDS).index(option.value),)
    if facet == "status":
        order = list(STATUSES)
        return (order.index(option.value) if option.value in order else len(order),)
    return (option.label.casefold(), option.value)


def _facets(
    every: list[Hit], found: list[search_planned.Found], params: Params, labels: Labels
) -> list[Facet]:
    """Count, for each facet, the hits that pass all the other facets' filters (EVERY hit of
    the small kinds, and what the database FOUND of the others)."""
    facets = []
    for name, (label, attribute) in FACETS.items():
        counts: dict[str, int] = {}
        for kind in found:
            for value, (value_label, count) in kind.counts.get(name, {}).items():
                counts[value] = counts.get(value, 0) + count
                if value_label:
                    labels.add(name, value, value_label)
        for hit in every:
            if _passes(hit, params.filters, skip=name):
                for value in getattr(hit, attribute):
                    counts[value] = counts.get(value, 0) + 1
        chosen = set(params.filters.get(name, []))
        known = {**labels.get(name, {})}
        if name == "typ":
            known.update({key: str(value) for key, value in KINDS.items()})
        if name == "status":
            known.update({key: str(value) for key, value in STATUSES.items()})
        options = [
            FacetOption(value, known.get(value, value), counts.get(value, 0), value in chosen)
            for value in set(counts) | chosen
        ]
        options.sort(key=lambda option, name=name: _sort_key(name, option))  # type: ignore[misc]
        facets.append(Facet(name, str(label), options))
    return facets


def snippet(hit: Hit, stems: list[str]) -> SafeString:
    """Return an escaped excerpt of HIT's text around the first search word, marked up."""
    text = " ".join(hit.text.split())
    if not text:
        return mark_safe("")  # noqa: S308
    folded = text.casefold()
    positions = [folded.find(s) for s in stems if s and folded.find(s) >= 0]
    start = max(0, min(positions) - SNIPPET_LENGTH // 3) if positions else 0
    end = min(len(text), start + SNIPPET_LENGTH)
    if start:
        space = text.find(" ", start)
        if 0 <= space < min(positions):
            start = space + 1
    excerpt = text[start:end]
    html = str(escape(excerpt))
    words = "|".join(re.escape(str(escape(s))) for s in sorted(stems, key=len, reverse=True))
    if words:
        # Mark whole words that start with a stem; never inside an entity such as &amp;.
        html = re.sub(rf"(?i)(?<![&#\w])((?:{words})\w*)", r"<mark>\1</mark>", html)
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(f"{prefix}{html}{suffix}")  # noqa: S308  (escaped above)


def search(params: Params, labels: Labels, per_page: int) -> Result:
    """Return the page PARAMS asks for (PER_PAGE hits, best first), the number of hits and
    the facet counts."""
    matcher = Matcher(params.query)
    order = list(KINDS)
    every = [hit for loader in LOADERS for hit in loader(matcher, labels)]
    ranked: list[tuple[tuple[Any, ...], Hit | tuple[str, int, float]]] = [
        ((-hit.rank, order.index(hit.kind), hit.title.casefold(), hit.pk), hit)
        for hit in every
        if _passes(hit, params.filters)
    ]
    end = params.page * per_page
    found = {}
    for kind, (published, _page) in PLANNED.items():
        found[kind] = search_planned.find(
            kind, matcher.ranked(published()), params.filters, list(FACETS), end
        )
        # Within a kind the database's order holds; across kinds rank, then kind, decides.
        ranked += [
            ((-rank, order.index(kind), position), (kind, pk, rank))
            for position, (pk, rank) in enumerate(found[kind].top)
        ]
    ranked.sort(key=lambda item: item[0])
    chosen = [item for _key, item in ranked[end - per_page : end]]
    built: dict[tuple[str, int], Hit] = {}
    for kind, (_published, page) in PLANNED.items():
        ranks = {pk: rank for kind_, pk, rank in _planned_on(chosen) if kind_ == kind}
        built.update(((kind, hit.pk), hit) for hit in page(ranks, labels))
    hits = [item if isinstance(item, Hit) else built[item[:2]] for item in chosen]
    count = (
        len(ranked) - sum(len(f.top) for f in found.values()) + sum(f.total for f in found.values())
    )
    facets = _facets(every, list(found.values()), params, labels)
    return Result(params=params, hits=hits, count=count, facets=facets)


def _planned_on(chosen: list[Hit | tuple[str, int, float]]) -> list[tuple[str, int, float]]:
    return [item for item in chosen if not isinstance(item, Hit)]


def highlight(hits: Iterable[Hit], query: str) -> None:
    """Set the snippet of each of HITS (only the page shown needs one)."""
    stems = query_stems(query)
    for hit in hits:
        hit.snippet = snippet(hit, stems)
