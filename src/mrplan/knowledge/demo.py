"""Illustrative demo data for the knowledge base (never real figures; always labelled so).

`load_knowledge()` is idempotent: it creates the areas (Stockholm 0180 and the eleven
districts), three illustrative datasets and imports their figures through the same path as
a user's import: a table of reported experiences by form of racism, district and year, the
survey microdata in data/ (aggregated with suppression), and a Kolada-format file for 0180.
"""

import random
from pathlib import Path

from mrplan.knowledge import actions, imports
from mrplan.knowledge.aggregation import wilson
from mrplan.knowledge.imports import ParsedRow
from mrplan.knowledge.models import Area, AreaKind, Dataset, Measure
from mrplan.organisations.demo import DISTRICTS
from mrplan.organisations.models import Organisation

DATA_DIR = Path(__file__).resolve().parent / "data"
MICRODATA_FILE = DATA_DIR / "demo_survey_microdata.csv"
KOLADA_FILE = DATA_DIR / "demo_kolada_0180.json"
FORMS_OF_RACISM = ["Afrofobi", "Antisemitism", "Antiziganism", "Islamofobi", "Rasism mot samer"]
YEARS = range(2020, 2025)
# Stockholm reports statistics per stadsdelsområde at level 2 of its Nyko key-code system
# (start.stockholm, "Områdesfakta"), but the level-2 codes of the eleven districts formed on
# 2023-07-01 are not published where we could find them. The demo therefore uses its own,
# clearly named local codes; a coordinator replaces them (and the scheme) when the city's
# statistics office supplies the real ones. They are never presented as SCB codes.
DISTRICT_CODE_SCHEME = "mrplan lokal stadsdelskod (demo, inte SCB eller Nyko)"
CITY_CODE_SCHEME = "SCB kommunkod"
NOTE = "Påhittade siffror för att visa hur mrplan fungerar. Får inte citeras som verkliga."


def district_codes() -> dict[str, str]:
    """Return the demo's local code of each district: SDN01 … SDN11 in alphabetical order."""
    return {name: f"SDN{number:02d}" for number, name in enumerate(sorted(DISTRICTS), start=1)}


def _areas() -> None:
    city, _created = Area.objects.get_or_create(
        name="Stockholm",
        defaults={"kind": AreaKind.CITY, "code": "0180", "code_scheme": CITY_CODE_SCHEME},
    )
    if city.code == "0180" and not city.code_scheme:
        city.code_scheme = CITY_CODE_SCHEME
        city.save(update_fields=["code_scheme"])
    codes = district_codes()
    for name in DISTRICTS:
        area, _created = Area.objects.get_or_create(
            name=name,
            defaults={
                "kind": AreaKind.DISTRICT,
                "organisation": Organisation.objects.filter(name=f"{name} stadsdelsnämnd").first(),
            },
        )
        if not area.code and not Area.objects.filter(code=codes[name]).exists():
            area.code, area.code_scheme = codes[name], DISTRICT_CODE_SCHEME
            area.save(update_fields=["code", "code_scheme"])


def _dataset(
    slug: str, title: str, source: str, measure: dict[str, str]
) -> tuple[Dataset, Measure, bool]:
    dataset, created = Dataset.objects.get_or_create(
        slug=slug,
        defaults={
            "title": title,
            "source": source,
            "publisher": "mrplan (demo)",
            "method_note": NOTE,
            "licence": "CC0",
            "update_frequency": "Årligen",
            "is_published": True,
            "is_illustrative": True,
        },
    )
    found, _ = Measure.objects.get_or_create(
        dataset=dataset, slug=measure["slug"], defaults=measure
    )
    return dataset, found, created


def _forms_of_racism_rows() -> list[ParsedRow]:
    rng = random.Random(5)  # deterministic, so the demo looks the same every time
    rows: list[ParsedRow] = []
    city: dict[tuple[int, str], list[float]] = {}
    for year in YEARS:
        for district in DISTRICTS:
            for form in FORMS_OF_RACISM:
                n = rng.randint(80, 400)
                value = round(rng.uniform(2, 18), 1)
                low, high = wilson(value / 100, float(n))
                totals = city.setdefault((year, form), [0.0, 0])
                totals[0] += value * n
                totals[1] += n
                rows.append(
                    ParsedRow(
                        row=len(rows) + 2,
                        measure="",
                        area=district,
                        period=str(year),
                        breakdown={"Form av rasism": form},
                        value=value,
                        count=n,
                        ci_low=round(float(low) * 100, 1),
                        ci_high=round(float(high) * 100, 1),
                        suppressed=False,
                    )
                )
    # The city figure is the respondent-weighted mean of the districts, with its own interval.
    for (year, form), (weighted, respondents) in city.items():
        value = round(weighted / respondents, 1)
        low, high = wilson(value / 100, float(respondents))
        rows.append(
            ParsedRow(
                row=len(rows) + 2,
                measure="",
                area="Stockholm",
                period=str(year),
                breakdown={"Form av rasism": form},
                value=value,
                count=int(respondents),
                ci_low=round(float(low) * 100, 1),
                ci_high=round(float(high) * 100, 1),
                suppressed=False,
            )
        )
    return rows


def _citywide_microdata() -> bytes:
    """Return the survey microdata with every respondent in Stockholm, for the city figures."""
    lines = MICRODATA_FILE.read_text(encoding="utf-8").splitlines()
    city = [lines[0]]
    for line in lines[1:]:
        period, _area, rest = line.split(";", 2)
        city.append(f"{period};Stockholm;{rest}")
    return ("\n".join(city) + "\n").encode()


def load_knowledge() -> None:
    """Load the illustrative datasets, once; running again changes nothing."""
    _areas()
    actor = None  # the system
    dataset, measure, created = _dataset(
        "demo-upplevd-rasism",
        "Upplevd rasism per form, stadsdel och år (illustrativ)",
        "Illustrativ enkät",
        {
            "slug": "upplevd-rasism",
            "name": "Andel som upplevt rasism senaste året",
            "unit": "%",
            "direction": "lower",
            "definition": "Andel svarande som uppger att de utsatts för rasism det senaste året.",
        },
    )
    if created:
        actions.observations_import(
            actor=actor, dataset=dataset, rows=_forms_of_racism_rows(), measure=measure, commit=True
        )
    dataset, measure, created = _dataset(
        "demo-elevenkat",
        "Elevenkät om kränkningar (illustrativ mikrodata)",
        "Illustrativ elevenkät",
        {
            "slug": "krankt-pa-grund-av-ursprung",
            "name": "Andel elever som känt sig kränkta på grund av ursprung",
            "unit": "%",
            "direction": "lower",
            "aggregation": "share",
        },
    )
    if created:
        rows = actions.parse_file(
            "microdata",
            MICRODATA_FILE.name,
            MICRODATA_FILE.read_bytes(),
            dataset=dataset,
            measure=measure,
        )
        actions.observations_import(
            actor=actor, dataset=dataset, rows=rows, measure=measure, commit=True
        )
        rows = actions.parse_file(
            "microdata",
            "stockholm-" + MICRODATA_FILE.name,
            _citywide_microdata(),
            dataset=dataset,
            measure=measure,
        )
        actions.observations_import(
            actor=actor, dataset=dataset, rows=rows, measure=measure, commit=True
        )
    dataset, measure, created = _dataset(
        "demo-kolada",
        "Nyckeltal för Stockholm i Kolada-format (illustrativ)",
        "Kolada (illustrativt format)",
        {
            "slug": "fortroende",
            "code": "ILL0001",
            "name": "Andel invånare som har förtroende för kommunens service",
            "unit": "%",
            "direction": "higher",
        },
    )
    if created:
        rows = imports.parse_kolada(KOLADA_FILE.read_bytes())
        actions.observations_import(
            actor=actor, dataset=dataset, rows=rows, measure=None, commit=True
        )
