"""Demo data: Stockholm's human-rights programme, its action plans and the target groups.

The texts come from the two statements in the seeds (Hägersten-Älvsjö's answers to the
remisser on the MR programme, Dnr HÄ 2024/427, and on the action plan against racism,
Dnr HÄ 2024/689). The city activities are examples built on what those statements say;
their descriptions say so. Idempotent: running it again updates, never duplicates.
"""

import datetime
from typing import Any

from django.db import transaction

from mrplan.organisations.models import Organisation, OrganisationKind
from mrplan.programmes.agenda2030 import load_agenda2030
from mrplan.programmes.models import (
    ActionPlan,
    CityActivity,
    DevelopmentArea,
    FocusArea,
    Programme,
    SdgTarget,
    Status,
    TargetGroup,
    TargetGroupCategory,
)

GROUNDS_DESCRIPTION = "Diskrimineringsgrund enligt diskrimineringslagen (2008:567)."
MINORITY_DESCRIPTION = (
    "Nationell minoritet enligt lagen (2009:724) om nationella minoriteter och minoritetsspråk."
)
RACISM_DESCRIPTION = (
    "En av de former av rasism som handlingsplanen mot rasism har särskilt fokus på."
)

# (slug, name, category, description)
TARGET_GROUPS: list[tuple[str, str, str, str]] = [
    ("kon", "Kön", TargetGroupCategory.GROUND, GROUNDS_DESCRIPTION),
    (
        "konsoverskridande-identitet-eller-uttryck",
        "Könsöverskridande identitet eller uttryck",
        TargetGroupCategory.GROUND,
        GROUNDS_DESCRIPTION,
    ),
    ("etnisk-tillhorighet", "Etnisk tillhörighet", TargetGroupCategory.GROUND, GROUNDS_DESCRIPTION),
    (
        "religion-eller-annan-trosuppfattning",
        "Religion eller annan trosuppfattning",
        TargetGroupCategory.GROUND,
        GROUNDS_DESCRIPTION,
    ),
    (
        "funktionsnedsattning",
        "Funktionsnedsättning",
        TargetGroupCategory.GROUND,
        GROUNDS_DESCRIPTION,
    ),
    ("sexuell-laggning", "Sexuell läggning", TargetGroupCategory.GROUND, GROUNDS_DESCRIPTION),
    ("alder", "Ålder", TargetGroupCategory.GROUND, GROUNDS_DESCRIPTION),
    ("judar", "Judar", TargetGroupCategory.NATIONAL_MINORITY, MINORITY_DESCRIPTION),
    ("romer", "Romer", TargetGroupCategory.NATIONAL_MINORITY, MINORITY_DESCRIPTION),
    ("samer", "Samer", TargetGroupCategory.NATIONAL_MINORITY, MINORITY_DESCRIPTION),
    ("sverigefinnar", "Sverigefinnar", TargetGroupCategory.NATIONAL_MINORITY, MINORITY_DESCRIPTION),
    ("tornedalingar", "Tornedalingar", TargetGroupCategory.NATIONAL_MINORITY, MINORITY_DESCRIPTION),
    ("afrofobi", "Afrofobi", TargetGroupCategory.FORM_OF_RACISM, RACISM_DESCRIPTION),
    ("antisemitism", "Antisemitism", TargetGroupCategory.FORM_OF_RACISM, RACISM_DESCRIPTION),
    ("antiziganism", "Antiziganism", TargetGroupCategory.FORM_OF_RACISM, RACISM_DESCRIPTION),
    ("islamofobi", "Islamofobi", TargetGroupCategory.FORM_OF_RACISM, RACISM_DESCRIPTION),
    (
        "rasism-mot-samer",
        "Rasism mot samer",
        TargetGroupCategory.FORM_OF_RACISM,
        RACISM_DESCRIPTION,
    ),
    (
        "barn-och-unga",
        "Barn och unga",
        TargetGroupCategory.AGE,
        "Barn och unga, med barnets rättigheter enligt barnkonventionen som utgångspunkt.",
    ),
]
FORMS_OF_RACISM = ["afrofobi", "antisemitism", "antiziganism", "islamofobi", "rasism-mot-samer"]

MR_PROGRAMME_SLUG = "mr-programmet"
MR_PROGRAMME = {
    "title": "Stockholms stads program för de mänskliga rättigheterna",
    "short_title": "MR-programmet",
    "goal": (
        "Stockholms stad är en öppen, jämlik och jämställd stad, "
        "fri från alla former av diskriminering och rasism."
    ),
    "summary": (
        "Stockholms stad har haft fyra program för de mänskliga rättigheterna och tar nu ett "
        "helhetsgrepp och samlar stadens arbete med mänskliga rättigheter i ett program "
        "(MR-programmet). Syftet är att stärka och utveckla de ordinarie processerna och "
        "samtidigt skapa en långsiktigt hållbar struktur för alla nämnder och "
        "bolagsstyrelser. Programmet gäller för samtliga nämnder och bolagsstyrelser. "
        "Arbetet är nära kopplat till stadens demokratiarbete och till FN:s globala "
        "hållbarhetsmål i Agenda 2030, med fokus på principen Lämna ingen utanför."
    ),
    "adopted_on": datetime.date(2024, 12, 16),
    "status": Status.ADOPTED,
    "is_published": True,
}

# (slug, title) of the programmes the MR programme replaces, all 2018–2022.
REPLACED_PROGRAMMES = [
    (
        "program-for-lika-rattigheter-och-mojligheter-2018-2022",
        "Program för lika rättigheter och möjligheter oavsett sexuell läggning, "
        "könsidentitet och könsuttryck 2018-2022",
    ),
    (
        "program-for-barnets-rattigheter-och-inflytande-2018-2022",
        "Program för barnets rättigheter och inflytande i Stockholms stad 2018-2022",
    ),
    (
        "program-for-ett-jamstallt-stockholm-2018-2022",
        "Program för ett jämställt Stockholm 2018-2022",
    ),
    ("strategi-for-romsk-inkludering-2018-2022", "Strategi för romsk inkludering 2018-2022"),
]

FOCUS_AREAS = [
    (
        "Kunskap och information",
        "Nämnder och bolagsstyrelser ska systematiskt öka sin kunskap och förbättra informationen.",
    ),
    (
        "Välfärd och service",
        "Alla människor ska få lika tillgång till sina rättigheter samt likvärdig service och "
        "bemötande.",
    ),
    (
        "Delaktighet och inflytande",
        "Nämnder och bolagsstyrelser ska stärka stockholmarnas delaktighet och inflytande.",
    ),
]

RACISM_PLAN_SLUG = "handlingsplan-mot-rasism"
# (slug, title); the five plans after the first are being drawn up (drafts).
ACTION_PLANS = [
    (RACISM_PLAN_SLUG, "Handlingsplan mot rasism"),
    (
        "handlingsplan-for-barnets-rattigheter-och-inflytande",
        "Handlingsplan för barnets rättigheter och inflytande i Stockholms stad",
    ),
    (
        "handlingsplan-for-de-nationella-minoriteternas-rattigheter",
        "Handlingsplan för de nationella minoriteternas rättigheter",
    ),
    ("handlingsplan-for-ett-jamstallt-stockholm", "Handlingsplan för ett jämställt Stockholm"),
    (
        "handlingsplan-for-hbtqi-personers-rattigheter",
        "Handlingsplan för lika rättigheter och möjligheter oavsett sexuell läggning, "
        "könsidentitet och könsuttryck (hbtqi)",
    ),
    ("handlingsplan-for-romsk-inkludering", "Handlingsplan för romsk inkludering"),
]
RACISM_PLAN = {
    "goal": "Stockholms stads verksamheter ska vara fria från alla former av rasism.",
    "summary": (
        "Handlingsplanen är ett samlat styrdokument som ska stärka och utveckla stadens arbete "
        "mot alla former av rasism, med särskilt fokus på afrofobi, antisemitism, "
        "antiziganism, islamofobi och rasism mot samer. Den riktar sig till samtliga nämnder "
        "och bolagsstyrelser, som ska formulera egna mål och aktiviteter, säkerställa att "
        "kunskap om stockholmarnas upplevelser av rasism finns och används i "
        "utvecklingsarbetet, samverka både inom staden och med civilsamhället och göra "
        "arbetet till en del av sitt systematiska arbete. Handlingsplanen skickades på remiss "
        "efter att programmet antogs den 16 december 2024."
    ),
    "status": Status.ON_CONSULTATION,
    "is_published": True,
}
DRAFT_PLAN = {
    "summary": (
        "Handlingsplanen tas fram utifrån Stockholms stads program för de mänskliga rättigheterna."
    ),
    "status": Status.DRAFT,
    # The adopted programme names all six plans (seed 003, a public record), so the
    # plans are published while they are being drawn up.
    "is_published": True,
}
RACISM_PLAN_SDG_TARGETS = ["10.2", "10.3", "16.b"]

EXAMPLE_NOTE = (
    "Exempel i demodata, formulerat utifrån remissvaren – inte hämtat ur handlingsplanen."
)

# Each development area answers one focus area; each activity is
# (title, description, whether the coordinating office is responsible).
DEVELOPMENT_AREAS: list[dict[str, Any]] = [
    {
        "title": "Öka kunskapen om rasism och diskriminering",
        "description": (
            "Stadens verksamheter ska ha kunskap om rasism och diskriminering och om "
            "stockholmarnas upplevelser av rasism, och använda den i utvecklingsarbetet."
        ),
        "focus_area": "Kunskap och information",
        "target_groups": FORMS_OF_RACISM,
        "sdg_targets": ["4.7", "10.3"],
        "activities": [
            (
                "Informationsmaterial om rasism och diskriminering",
                "Stadsledningskontoret tar fram informationsmaterial som nämnder och bolag kan "
                "använda i arbetet mot rasism.",
                True,
            ),
            (
                "Utbildningsinsatser för chefer och medarbetare",
                "Stadsledningskontoret erbjuder utbildningsinsatser om rasism och "
                "diskriminering till stadens nämnder och bolag.",
                True,
            ),
            (
                "Gemensam kunskap om målgruppernas förutsättningar och behov",
                "Metoder över tid som identifierar kunskap om målgruppernas förutsättningar och "
                "behov, så att varje nämnd och bolag inte behöver ta fram den själv.",
                True,
            ),
        ],
    },
    {
        "title": "Motverka att barn och unga utsätts för rasism",
        "description": (
            "Existerande processer i verksamheter för barn och unga utvecklas utifrån ett "
            "antirasistiskt perspektiv, och nya arbetssätt prövas för att förebygga och "
            "motverka rasism och främja inkludering."
        ),
        "focus_area": "Välfärd och service",
        "target_groups": ["barn-och-unga", *FORMS_OF_RACISM],
        "sdg_targets": ["4.5", "10.2", "16.2"],
        "activities": [
            (
                "Antirasistiskt perspektiv i verksamheter för barn och unga",
                "Förskola, skola och fritidsverksamhet ser över sina ordinarie processer "
                "utifrån ett antirasistiskt perspektiv.",
                False,
            ),
            (
                "Metodstöd till chefer som upptäcker rasism i sin verksamhet",
                "Stöd till chefer om hur de ska agera när rasism upptäcks i den egna verksamheten.",
                True,
            ),
        ],
    },
    {
        "title": "Stärka samverkan med civilsamhället i arbetet mot rasism",
        "description": (
            "Nämnder och bolagsstyrelser samverkar både inom staden och med civilsamhället i "
            "arbetet mot rasism."
        ),
        "focus_area": "Delaktighet och inflytande",
        "target_groups": FORMS_OF_RACISM,
        "sdg_targets": ["10.2", "16.7"],
        "activities": [
            (
                "Samordnad samverkan med civilsamhällets organisationer",
                "Stadsledningskontoret leder och samordnar stadens samverkan med "
                "civilsamhällets organisationer i arbetet mot rasism.",
                True,
            ),
            (
                "Dialoger om stockholmarnas upplevelser av rasism",
                "Dialoger med civilsamhället och stockholmare om deras upplevelser av rasism, "
                "som underlag för nämndernas och bolagens utvecklingsarbete.",
                False,
            ),
        ],
    },
]


def _organisation(slug: str, kind: str) -> Organisation | None:
    found = Organisation.objects.filter(slug=slug).first()
    return found or Organisation.objects.filter(kind=kind).order_by("name").first()


def _target_groups() -> dict[str, TargetGroup]:
    groups = {}
    for position, (slug, name, category, description) in enumerate(TARGET_GROUPS, start=1):
        groups[slug], _ = TargetGroup.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "category": category,
                "description": description,
                "position": position,
            },
        )
    return groups


def _sdg_targets(codes: list[str]) -> list[SdgTarget]:
    return list(SdgTarget.objects.filter(code__in=codes))


def _mr_programme(council: Organisation | None) -> Programme:
    replaced = [
        Programme.objects.update_or_create(
            slug=slug,
            defaults={
                "title": title,
                "status": Status.REPLACED,
                "is_published": True,
                "valid_from": datetime.date(2018, 1, 1),
                "valid_until": datetime.date(2022, 12, 31),
            },
        )[0]
        for slug, title in REPLACED_PROGRAMMES
    ]
    programme, _ = Programme.objects.update_or_create(
        slug=MR_PROGRAMME_SLUG, defaults={**MR_PROGRAMME, "adopted_by": council}
    )
    programme.replaces.set(replaced)
    return programme


def _racism_plan(
    programme: Programme,
    plans: dict[str, ActionPlan],
    groups: dict[str, TargetGroup],
    coordinating_office: Organisation | None,
) -> None:
    plan = plans[RACISM_PLAN_SLUG]
    plan.special_focus.set([groups[slug] for slug in FORMS_OF_RACISM])
    plan.sdg_targets.set(_sdg_targets(RACISM_PLAN_SDG_TARGETS))
    focus_areas = {area.title: area for area in programme.focus_areas.all()}
    for position, spec in enumerate(DEVELOPMENT_AREAS, start=1):
        area, _ = DevelopmentArea.objects.update_or_create(
            action_plan=plan,
            title=spec["title"],
            defaults={"description": spec["description"], "position": position},
        )
        area.focus_areas.set([focus_areas[spec["focus_area"]]])
        area.target_groups.set([groups[slug] for slug in spec["target_groups"]])
        area.sdg_targets.set(_sdg_targets(spec["sdg_targets"]))
        for number, (title, description, by_office) in enumerate(spec["activities"], start=1):
            CityActivity.objects.update_or_create(
                development_area=area,
                title=title,
                defaults={
                    "description": f"{description} {EXAMPLE_NOTE}",
                    "responsible": coordinating_office if by_office else None,
                    "position": number,
                },
            )


@transaction.atomic
def load_programmes() -> None:
    """Create (or bring up to date) Stockholm's MR programme and everything under it."""
    if SdgTarget.objects.filter(code__in=RACISM_PLAN_SDG_TARGETS).count() < len(
        RACISM_PLAN_SDG_TARGETS
    ):
        load_agenda2030()
    council = _organisation("kommunfullmaktige", OrganisationKind.COUNCIL)
    coordinating_office = _organisation(
        "stadsledningskontoret", OrganisationKind.COORDINATING_OFFICE
    )
    groups = _target_groups()
    programme = _mr_programme(council)
    for position, (title, description) in enumerate(FOCUS_AREAS, start=1):
        FocusArea.objects.update_or_create(
            programme=programme,
            title=title,
            defaults={"description": description, "position": position},
        )
    plans = {}
    for position, (slug, title) in enumerate(ACTION_PLANS, start=1):
        extra = RACISM_PLAN if slug == RACISM_PLAN_SLUG else DRAFT_PLAN
        plans[slug], _ = ActionPlan.objects.update_or_create(
            slug=slug,
            defaults={"programme": programme, "title": title, "position": position, **extra},
        )
    _racism_plan(programme, plans, groups, coordinating_office)
