"""Writes to the knowledge base: datasets, measures, areas, observation imports, records."""

import csv
import gzip
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from mrplan.accounts.models import User
from mrplan.core import audit
from mrplan.core.actions import delete_audited, save_audited
from mrplan.knowledge import imports
from mrplan.knowledge.imports import ParsedRow
from mrplan.knowledge.models import (
    Aggregation,
    Area,
    Dataset,
    Dimension,
    DimensionValue,
    Measure,
    MicrodataBatch,
    Observation,
    Period,
    QualitativeFile,
    QualitativeRecord,
    breakdown_key,
    parse_period_label,
)
from mrplan.knowledge.permissions import check_may_edit


def dataset_create(*, actor: User, data: Mapping[str, Any]) -> Dataset:
    check_may_edit(actor)
    return save_audited(Dataset(), actor=actor, data=data)


# An area code is text (leading zeros matter: "0180"): letters, digits, "-" and "_" only.
AREA_CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,19}$")


def _validate_area_code(code: str, *, area: Area) -> None:
    """Refuse a malformed code or one that another area already uses (Swedish messages)."""
    if not code:
        return
    if not AREA_CODE_PATTERN.match(code):
        raise ValidationError(
            {
                "code": _(
                    "Områdeskoden får bara innehålla bokstäver a–z, siffror, bindestreck och "
                    "understreck, högst 20 tecken, till exempel 0180 eller SDN01."
                )
            }
        )
    other = Area.objects.filter(code=code).exclude(pk=area.pk).first()
    if other is not None:
        raise ValidationError(
            {
                "code": _("Områdeskoden ”%(code)s” används redan av %(name)s.")
                % {"code": code, "name": other.name}
            }
        )


@transaction.atomic
def area_update(*, actor: User, area: Area, code: str, code_scheme: str) -> Area:
    """Set AREA's code and the code system it belongs to (coordinators only)."""
    check_may_edit(actor)
    code, code_scheme = code.strip(), code_scheme.strip()
    _validate_area_code(code, area=area)
    if code and not code_scheme:
        raise ValidationError(
            {"code_scheme": _("Ange vilket kodsystem koden hör till, till exempel SCB kommunkod.")}
        )
    return save_audited(area, actor=actor, data={"code": code, "code_scheme": code_scheme})


def qualitative_record_create(
    *,
    actor: User,
    data: Mapping[str, Any],
    files: Sequence[Any] = (),
) -> QualitativeRecord:
    """Create a qualitative record with its uploaded FILES."""
    check_may_edit(actor)
    with transaction.atomic():
        record = save_audited(QualitativeRecord(created_by=actor), actor=actor, data=data)
        for upload in files:
            QualitativeFile.objects.create(record=record, file=upload, name=upload.name[:200])
    return record


def _key(text: str) -> str:
    return " ".join(str(text).split()).casefold()


class Resolver:
    """Look up the names a file uses: measures, areas, periods, dimensions and their values."""

    def __init__(self, dataset: Dataset) -> None:
        self.measures: dict[str, Measure] = {}
        for measure in dataset.measures.all():
            for name in (measure.slug, measure.code, measure.name):
                if name:
                    self.measures.setdefault(_key(name), measure)
        self.areas: dict[str, Area] = {}
        for area in Area.objects.all():
            for name in (area.code, area.name):
                if name:
                    self.areas.setdefault(_key(name), area)
        self.periods = {_key(period.label): period for period in Period.objects.all()}
        self.dimensions: dict[str, Dimension] = {}
        for dimension in Dimension.objects.all():
            self.dimensions[_key(dimension.name)] = dimension
            self.dimensions[_key(dimension.slug)] = dimension
        self.values: dict[tuple[int, str], DimensionValue] = {}
        for value in DimensionValue.objects.all():
            for name in (value.label, value.slug, f"code:{value.code}" if value.code else ""):
                if name:
                    self.values[(value.dimension_id, _key(name))] = value

    def area(self, text: str) -> Area | None:
        return self.areas.get(_key(text))

    def has_area(self, text: str) -> bool:
        return self.area(text) is not None

    def period_label(self, text: str) -> str | None:
        """Return the canonical label of an existing or well-formed period, else None."""
        if _key(text) in self.periods:
            return self.periods[_key(text)].label
        parsed = parse_period_label(text)
        return parsed[0] if parsed else None

    def has_period(self, text: str) -> bool:
        return self.period_label(text) is not None

    def period(self, label: str) -> Period:
        """Return period LABEL, creating a well-formed one that is missing."""
        found = self.periods.get(_key(label))
        if found is None:
            parsed = parse_period_label(label)
            assert parsed is not None
            found, _created = Period.objects.get_or_create(
                label=parsed[0], defaults={"kind": parsed[1], "start": parsed[2], "end": parsed[3]}
            )
            self.periods[_key(label)] = found
        return found

    def dimension(self, name: str) -> Dimension:
        found = self.dimensions.get(_key(name))
        if found is None:
            found = Dimension.objects.create(name=name.strip(), slug=_unique_slug(name, Dimension))
            self.dimensions[_key(name)] = found
        return found

    def value(self, dimension: Dimension, label: str) -> DimensionValue:
        found = self.values.get((dimension.pk, _key(label)))
        code = label[5:] if label.startswith("code:") else ""
        text = GENDER_NAMES.get(code, code) if code else label.strip()
        if found is None and code:
            # A coded value ("code:K") is the same group as one named by its label.
            found = self.values.get((dimension.pk, _key(text)))
        if found is None:
            found = DimensionValue.objects.create(
                dimension=dimension,
                label=text,
                code=code,
                slug=_unique_slug(text, DimensionValue, dimension=dimension),
            )
            self.values[(dimension.pk, _key(label))] = found
        return found


GENDER_NAMES = {"K": "Kvinnor", "M": "Män"}
PERCENT_UNITS = {"%", "procent", "andel (%)"}


def _unique_slug(text: str, model: Any, **scope: Any) -> str:
    base = slugify(text)[:90] or "v"
    slug, number = base, 2
    while model.objects.filter(slug=slug, **scope).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def parse_file(
    fmt: str, name: str, content: bytes, *, dataset: Dataset, measure: Measure | None
) -> list[imports.ParsedRow]:
    """Read CONTENT in format FMT; microdata is aggregated for MEASURE."""
    if fmt == "tidy":
        return imports.parse_tidy(name, content)
    if fmt == "kolada":
        return imports.parse_kolada(content)
    if measure is None:
        raise imports.ImportFileError([_("Mikrodata kräver att ett mått väljs.")])
    resolver = Resolver(dataset)
    return imports.parse_microdata(
        name,
        content,
        scale=100.0 if measure.aggregation == Aggregation.SHARE else 1.0,
        measure=measure.slug,
        check_area=resolver.has_area,
        check_period=resolver.has_period,
    )


@dataclass
class ImportResult:
    rows: int = 0
    new: int = 0
    replaced: int = 0
    suppressed: int = 0
    errors: list[str] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return bool(self.errors)


def _where(row: ParsedRow) -> str:
    return _("Rad %(row)d") % {"row": row["row"]} if row["row"] else _("Aggregat")


def observations_import(
    *,
    actor: User | None,
    dataset: Dataset,
    rows: Sequence[ParsedRow],
    measure: Measure | None = None,
    commit: bool,
    microdata: tuple[str, bytes] | None = None,
) -> ImportResult:
    """Check ROWS against DATASET and, with COMMIT and no errors, save all of them.

    Existing observations with the same measure, area, period and breakdown are replaced.
    Nothing is written when any row is wrong; the result lists the errors row by row.
    MICRODATA, the (file name, content) the rows were aggregated from, is kept as a
    MicrodataBatch in the same transaction only when settings.KNOWLEDGE_KEEP_MICRODATA is
    true; otherwise it is dropped here with everything else of the respondents' rows.
    ACTOR None is the system (the command line, the demo data): trusted, audited as "system".
    """
    if actor is not None:
        check_may_edit(actor)
    resolver = Resolver(dataset)
    result = ImportResult(rows=len(rows))
    seen: dict[tuple[int, int, str, tuple[tuple[str, str], ...]], int] = {}
    planned: list[tuple[ParsedRow, Measure, Area, str]] = []
    for row in rows:
        where = _where(row)
        target = measure
        if target is None:
            target = resolver.measures.get(_key(row["measure"])) if row["measure"] else None
            if target is None:
                result.errors.append(
                    _("%(where)s: okänt mått ”%(name)s” i datasetet.")
                    % {"where": where, "name": row["measure"]}
                    if row["measure"]
                    else _("%(where)s: måttet saknas; ange ett mått för importen.")
                    % {"where": where}
                )
                continue
        area = resolver.area(row["area"])
        if area is None:
            result.errors.append(
                _("%(where)s: okänt område ”%(name)s”.") % {"where": where, "name": row["area"]}
            )
        period = resolver.period_label(row["period"])
        if period is None:
            result.errors.append(
                _("%(where)s: okänd period ”%(name)s” (skriv till exempel 2024 eller 2024 T1).")
                % {"where": where, "name": row["period"]}
            )
        if area is None or period is None:
            continue
        breakdown = tuple(sorted((_key(k), _key(v)) for k, v in row["breakdown"].items()))
        identity = (target.pk, area.pk, period, breakdown)
        if identity in seen:
            result.errors.append(
                _("%(where)s: samma observation finns redan på rad %(first)d.")
                % {"where": where, "first": seen[identity]}
            )
            continue
        seen[identity] = row["row"]
        low, high = row["ci_low"], row["ci_high"]
        if low is not None and high is not None and low > high:
            result.errors.append(
                _("%(where)s: konfidensintervallets nedre gräns är större än den övre.")
                % {"where": where}
            )
            continue
        value = row["value"]
        if value is not None and (
            (low is not None and value < low) or (high is not None and value > high)
        ):
            result.errors.append(
                _("%(where)s: värdet ligger utanför konfidensintervallet.") % {"where": where}
            )
            continue
        if target.unit.strip() in PERCENT_UNITS and any(
            bound is not None and not 0 <= bound <= 100 for bound in (value, low, high)
        ):
            result.errors.append(
                _("%(where)s: en andel i procent och dess intervall måste ligga mellan 0 och 100.")
                % {"where": where}
            )
            continue
        planned.append((row, target, area, period))
    result.measures = sorted({str(item[1]) for item in planned})
    result.suppressed = sum(1 for item in planned if item[0]["suppressed"])
    if result.has_errors:
        return result
    with transaction.atomic():
        savepoint = transaction.savepoint()
        _write(resolver, dataset, planned, result)
        if commit:
            audit.record(
                actor=actor,
                verb="update",
                instance=dataset,
                message=_("Importerade %(new)d nya och ersatte %(replaced)d observationer.")
                % {"new": result.new, "replaced": result.replaced},
            )
            if microdata is not None and keep_microdata():
                microdata_batch_keep(
                    actor=actor,
                    dataset=dataset,
                    measure=measure,
                    name=microdata[0],
                    content=microdata[1],
                )
            transaction.savepoint_commit(savepoint)
        else:
            transaction.savepoint_rollback(savepoint)
    return result


def _write(
    resolver: Resolver,
    dataset: Dataset,
    planned: Sequence[tuple[ParsedRow, Measure, Area, str]],
    result: ImportResult,
) -> None:
    observations: list[Observation] = []
    links: list[list[DimensionValue]] = []
    for row, measure, area, label in planned:
        values = [
            resolver.value(resolver.dimension(name), text)
            for name, text in row["breakdown"].items()
        ]
        observation = Observation(
            measure=measure,
            area=area,
            period=resolver.period(label),
            breakdown_key=breakdown_key((value.dimension.slug, value.slug) for value in values),
            value=row["value"],
            count=row["count"],
            ci_low=row["ci_low"],
            ci_high=row["ci_high"],
            suppressed=row["suppressed"],
        )
        try:
            observation.clean()
        except ValidationError as error:  # cannot happen for parsed rows; keep the guard
            raise ValidationError(error.messages) from error
        observations.append(observation)
        links.append(values)
    existing = Observation.objects.filter(measure__dataset=dataset)
    keys = {(o.measure_id, o.area_id, o.period_id, o.breakdown_key) for o in observations}
    replaced = [
        pk
        for pk, *identity in existing.values_list(
            "pk", "measure_id", "area_id", "period_id", "breakdown_key"
        )
        if tuple(identity) in keys
    ]
    for start in range(0, len(replaced), 500):
        Observation.objects.filter(pk__in=replaced[start : start + 500]).delete()
    created = Observation.objects.bulk_create(observations, batch_size=500)
    through = Observation.dimension_values.through
    through.objects.bulk_create(
        [
            through(observation_id=observation.pk, dimensionvalue_id=value.pk)
            for observation, values in zip(created, links, strict=True)
            for value in values
        ],
        batch_size=1000,
    )
    result.replaced = len(replaced)
    result.new = len(created) - len(replaced)


# Raw microdata, kept only when configured


def keep_microdata() -> bool:
    """Whether confirmed microdata imports keep the respondents' rows (default: no)."""
    return bool(settings.KNOWLEDGE_KEEP_MICRODATA)


def compress_microdata(name: str, content: bytes) -> tuple[bytes, int]:
    """Return the rows of a microdata file as gzip-compressed CSV, and how many there are."""
    grid = [row for row in imports.read_grid(name, content) if any(cell for cell in row)]
    text = io.StringIO()
    csv.writer(text).writerows(grid)
    return gzip.compress(text.getvalue().encode("utf-8")), max(len(grid) - 1, 0)


@transaction.atomic
def microdata_batch_keep(
    *, actor: User | None, dataset: Dataset, measure: Measure | None, name: str, content: bytes
) -> MicrodataBatch:
    """Keep the raw rows of a confirmed microdata import (coordinators; audited by count).

    The audit event records the dataset, measure and row count, never the rows. ACTOR None
    is the system, as for observations_import.
    """
    if actor is not None:
        check_may_edit(actor)
    rows, count = compress_microdata(name, content)
    batch = MicrodataBatch(rows=rows)
    return save_audited(
        batch,
        actor=actor,
        data={
            "dataset": dataset,
            "measure": measure,
            "uploaded_by": actor,
            "row_count": count,
        },
        message=_("Mikrodata sparade efter import."),
    )


def microdata_batch_delete(*, actor: User, batch: MicrodataBatch) -> None:
    """Delete kept microdata for good (coordinators; audited)."""
    check_may_edit(actor)
    delete_audited(batch, actor=actor, message=_("Sparade mikrodata raderade."))
