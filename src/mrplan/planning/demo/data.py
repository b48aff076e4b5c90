"""The demo plans: goals, activities, indicators and reports for a few organisations.

Examples written from the seeds (the remiss answers from Hägersten-Älvsjö) and the city's
real sources of statistics (Stockholmsenkäten); they are not real data. Loaded by
mrplan.planning.demo.load_planning.
"""

from dataclasses import dataclass, field
from typing import Any

from mrplan.planning.actions.cycle import DEFAULT_PERIODS
from mrplan.planning.models import ActivityStatus, Direction, ReportStatus

RACISM_PLAN_SLUG = "handlingsplan-mot-rasism"
PERIOD_CODES = [code for code, _name, _deadline in DEFAULT_PERIODS]
HAGERSTEN_ALVSJO = "hagersten-alvsjo-stadsdelsforvaltning"

KNOWLEDGE = "Öka kunskapen om rasism och diskriminering"
CHILDREN = "Motverka att barn och unga utsätts för rasism"
CIVIL_SOCIETY = "Stärka samverkan med civilsamhället i arbetet mot rasism"

FORMS_OF_RACISM = ["afrofobi", "antisemitism", "antiziganism", "islamofobi", "rasism-mot-samer"]

# Which periods are closed once the demo is loaded (the rest stay open).
CLOSED = {2025: {"VP", "T1", "T2", "VB"}, 2026: {"VP", "T1"}}

# How far along each activity was at each period, as a share of where it stands now
# (2026 is under way: its activities stand where T2 left them).
SHARE = {
    2025: {"VP": 0.0, "T1": 0.4, "T2": 0.75, "VB": 1.0},
    2026: {"VP": 0.0, "T1": 0.5, "T2": 1.0, "VB": 1.0},
}


@dataclass
class ActivitySpec:
    title: str
    description: str
    status: str
    progress: int
    start: tuple[int, int]
    end: tuple[int, int]
    department: str = ""
    weight: int = 1
    target_groups: list[str] = field(default_factory=list)
    milestones: list[tuple[tuple[int, int], str, bool]] = field(default_factory=list)
    comment: str = ""


@dataclass
class IndicatorSpec:
    name: str
    unit: str
    direction: str
    baseline: tuple[str, int]
    target: tuple[str, int]
    # period code -> value, or category -> value for a breakdown
    values: dict[str, Any]
    dimension: str = ""
    categories: list[str] = field(default_factory=list)


@dataclass
class GoalSpec:
    title: str
    description: str
    areas: list[str]
    target_groups: list[str]
    sdg_targets: list[str]
    activities: list[ActivitySpec]
    indicators: list[IndicatorSpec] = field(default_factory=list)
    analysis: str = ""


@dataclass
class PlanSpec:
    slug: str
    year: int
    goals: list[GoalSpec]
    # Activities directly under a development area, and optionally a city activity.
    loose: list[tuple[str, str, ActivitySpec]] = field(default_factory=list)
    # period code -> report status (no entry: no report yet)
    reports: dict[str, str] = field(default_factory=dict)
    return_comment: str = ""


def _hagersten_alvsjo_2025() -> PlanSpec:
    return PlanSpec(
        slug=HAGERSTEN_ALVSJO,
        year=2025,
        goals=[
            GoalSpec(
                title="Chefer har kunskap om rasism och diskriminering",
                description=(
                    "Alla chefer i förvaltningen har grundläggande kunskap om rasism och "
                    "diskriminering och vet hur de ska agera när rasism upptäcks."
                ),
                areas=[KNOWLEDGE],
                target_groups=FORMS_OF_RACISM,
                sdg_targets=["10.3"],
                activities=[
                    ActivitySpec(
                        "Grundutbildning om rasism för förvaltningens chefer",
                        "Halvdagsutbildning med stöd av stadsledningskontorets material.",
                        ActivityStatus.COMPLETED,
                        100,
                        (2, 1),
                        (6, 30),
                        department="Nämndkansliet",
                        weight=2,
                        milestones=[
                            ((3, 15), "Utbildningsdagar bokade", True),
                            ((6, 15), "Sista utbildningstillfället", True),
                        ],
                    ),
                    ActivitySpec(
                        "Rutin för att hantera rasistiska incidenter",
                        "En gemensam rutin för hur medarbetare och chefer agerar och dokumenterar.",
                        ActivityStatus.COMPLETED,
                        100,
                        (4, 1),
                        (11, 30),
                        department="Nämndkansliet",
                    ),
                ],
                indicators=[
                    IndicatorSpec(
                        "Andel chefer som har gått grundutbildningen",
                        "procent",
                        Direction.HIGHER,
                        ("12", 2024),
                        ("100", 2026),
                        {"T1": "35", "T2": "72", "VB": "81"},
                    )
                ],
                analysis=(
                    "Utbildningen har nått fyra av fem chefer. Resterande chefer erbjuds plats "
                    "under våren 2026."
                ),
            ),
            GoalSpec(
                title="Förskolan arbetar aktivt mot rasism",
                description=(
                    "Förskolorna ser över sina arbetssätt utifrån ett antirasistiskt perspektiv."
                ),
                areas=[CHILDREN],
                target_groups=["barn-och-unga", "afrofobi", "antiziganism"],
                sdg_targets=["4.7", "10.2"],
                activities=[
                    ActivitySpec(
                        "Kartläggning av förskolornas lek- och läromaterial",
                        "Varje förskola går igenom böcker och material med en gemensam checklista.",
                        ActivityStatus.COMPLETED,
                        100,
                        (1, 15),
                        (12, 15),
                        department="Avdelningen för förskola",
                        weight=2,
                        target_groups=["barn-och-unga"],
                    ),
                ],
                indicators=[
                    IndicatorSpec(
                        "Andel förskolor som har gått igenom sitt material",
                        "procent",
                        Direction.HIGHER,
                        ("0", 2024),
                        ("100", 2026),
                        {"T1": "10", "T2": "25", "VB": "40"},
                    )
                ],
                analysis="Kartläggningen är klar i 40 procent av förskolorna och fortsätter 2026.",
            ),
        ],
        reports={
            "VP": ReportStatus.APPROVED,
            "T1": ReportStatus.APPROVED,
            "T2": ReportStatus.APPROVED,
            "VB": ReportStatus.APPROVED,
        },
    )


def _hagersten_alvsjo_2026() -> PlanSpec:
    return PlanSpec(
        slug=HAGERSTEN_ALVSJO,
        year=2026,
        goals=[
            GoalSpec(
                title="Medarbetare möter stockholmarna med kunskap om rasism och diskriminering",
                description=(
                    "Förvaltningens medarbetare har kunskap om rasism och diskriminering och om "
                    "stockholmarnas upplevelser av rasism, och använder den i mötet med dem."
                ),
                areas=[KNOWLEDGE],
                target_groups=FORMS_OF_RACISM,
                sdg_targets=["10.2", "10.3"],
                activities=[
                    ActivitySpec(
                        "Utbildning om rasism för medarbetare inom äldreomsorgen",
                        "Arbetsplatsträffar med stadens utbildningsmaterial, en enhet i taget.",
                        ActivityStatus.ONGOING,
                        65,
                        (2, 1),
                        (12, 15),
                        department="Avdelningen för äldreomsorg",
                        weight=3,
                        target_groups=FORMS_OF_RACISM,
                        milestones=[
                            ((4, 30), "Hälften av enheterna genomförda", True),
                            ((12, 15), "Alla enheter genomförda", False),
                        ],
                    ),
                    ActivitySpec(
                        "Utbildning om bemötande inom individ- och familjeomsorgen",
                        "Fördjupning om antiziganism och afrofobi i myndighetsutövningen.",
                        ActivityStatus.ONGOING,
                        45,
                        (3, 1),
                        (12, 31),
                        department="Avdelningen för individ- och familjeomsorg",
                        weight=2,
                        target_groups=["antiziganism", "afrofobi"],
                    ),
                    ActivitySpec(
                        "Grundutbildning för nya chefer",
                        "De chefer som inte hann gå utbildningen 2025.",
                        ActivityStatus.COMPLETED,
                        100,
                        (1, 15),
                        (5, 31),
                        department="Nämndkansliet",
                    ),
                ],
                indicators=[
                    IndicatorSpec(
                        "Andel medarbetare som har gått utbildningen om rasism",
                        "procent",
                        Direction.HIGHER,
                        ("8", 2025),
                        ("90", 2026),
                        {
                            "T1": {"": "30", "Kvinnor": "33", "Män": "24"},
                            "T2": {"": "58", "Kvinnor": "61", "Män": "51"},
                        },
                        dimension="Kön",
                        categories=["Kvinnor", "Män"],
                    ),
                ],
                analysis=(
                    "Utbildningen går enligt plan i äldreomsorgen. Andelen män som har gått "
                    "utbildningen är lägre; enheterna med flest män prioriteras under hösten."
                ),
            ),
            GoalSpec(
                title="Barn i förskolan möts av en verksamhet fri från rasism",
                description="Förskolorna arbetar normmedvetet och samarbetar med vårdnadshavare.",
                areas=[CHILDREN],
                target_groups=["barn-och-unga", "afrofobi", "antiziganism", "islamofobi"],
                sdg_targets=["4.7"],
                activities=[
                    ActivitySpec(
                        "Normmedvetet arbetssätt i alla förskolor",
                        "Pedagogistor stöttar varje förskola med reflektionstid och handledning.",
                        ActivityStatus.ONGOING,
                        60,
                        (1, 10),
                        (12, 20),
                        department="Avdelningen för förskola",
                        weight=2,
                        target_groups=["barn-och-unga"],
                    ),
                    ActivitySpec(
                        "Föräldradialoger om barns rättigheter på flera språk",
                        "Dialogträffar med vårdnadshavare med tolk på de vanligaste språken.",
                        ActivityStatus.DELAYED,
                        20,
                        (2, 1),
                        (10, 31),
                        department="Avdelningen för förskola",
                        target_groups=["barn-och-unga"],
                        comment=(
                            "Tolkupphandlingen blev försenad. Dialogerna flyttas till "
                            "november–december."
                        ),
                    ),
                    ActivitySpec(
                        "Genomgång av återstående förskolors material",
                        "De förskolor som inte hann kartlägga sitt material 2025.",
                        ActivityStatus.NOT_STARTED,
                        0,
                        (11, 15),
                        (12, 20),
                        department="Avdelningen för förskola",
                    ),
                ],
                indicators=[
                    IndicatorSpec(
                        "Andel förskolor som har gått igenom sitt material",
                        "procent",
                        Direction.HIGHER,
                        ("40", 2025),
                        ("100", 2026),
                        {"T1": "55", "T2": "70"},
                    ),
                ],
                analysis=(
                    "Arbetet i förskolorna går framåt, men föräldradialogerna är försenade. "
                    "Förvaltningen bedömer att målet kan nås under året."
                ),
            ),
            GoalSpec(
                title="Samverkan med civilsamhället i arbetet mot rasism är stärkt",
                description="Förvaltningen för återkommande dialoger med föreningar i stadsdelen.",
                areas=[CIVIL_SOCIETY],
                target_groups=FORMS_OF_RACISM,
                sdg_targets=["16.7"],
                activities=[
                    ActivitySpec(
                        "Återkommande dialogmöten med föreningar i Hägersten-Älvsjö",
                        "Fyra dialogmöten per år om stockholmarnas upplevelser av rasism.",
                        ActivityStatus.ONGOING,
                        70,
                        (1, 15),
                        (12, 15),
                        department="Nämndkansliet",
                        weight=2,
                        milestones=[
                            ((3, 20), "Första dialogmötet", True),
                            ((6, 10), "Andra dialogmötet", True),
                            ((9, 25), "Tredje dialogmötet", True),
                            ((12, 5), "Fjärde dialogmötet", False),
                        ],
                    ),
                    ActivitySpec(
                        "Kulturarvsdag tillsammans med romska föreningar",
                        "En gemensam dag om romsk kultur och historia i stadsdelen.",
                        ActivityStatus.CANCELLED,
                        10,
                        (4, 1),
                        (9, 30),
                        department="Nämndkansliet",
                        target_groups=["antiziganism"],
                        comment=(
                            "Föreningarna valde att i stället delta i stadens gemensamma "
                            "arrangemang."
                        ),
                    ),
                ],
                indicators=[
                    IndicatorSpec(
                        "Antal dialogmöten med civilsamhällets organisationer",
                        "antal",
                        Direction.HIGHER,
                        ("2", 2025),
                        ("4", 2026),
                        {"T1": "1", "T2": "3"},
                    ),
                ],
                analysis="Tre av fyra planerade dialogmöten är genomförda.",
            ),
        ],
        loose=[
            (
                KNOWLEDGE,
                "Utbildningsinsatser för chefer och medarbetare",
                ActivitySpec(
                    "Deltagande i stadens nätverk mot rasism",
                    "Förvaltningens samordnare deltar i stadsledningskontorets nätverk.",
                    ActivityStatus.ONGOING,
                    50,
                    (1, 1),
                    (12, 31),
                    department="Nämndkansliet",
                ),
            ),
        ],
        reports={
            "VP": ReportStatus.APPROVED,
            "T1": ReportStatus.APPROVED,
            "T2": ReportStatus.SUBMITTED,
            "VB": ReportStatus.DRAFT,
        },
    )


def _culture_2026() -> PlanSpec:
    return PlanSpec(
        slug="kulturforvaltningen",
        year=2026,
        goals=[
            GoalSpec(
                title="Bibliotekens program motverkar rasism och speglar stadens mångfald",
                description=(
                    "Biblioteken erbjuder program om rasism, minoriteter och mänskliga rättigheter."
                ),
                areas=[KNOWLEDGE, CIVIL_SOCIETY],
                target_groups=["rasism-mot-samer", "antisemitism", "samer", "judar"],
                sdg_targets=["4.7", "16.7"],
                activities=[
                    ActivitySpec(
                        "Programserie om samisk kultur och rasism mot samer",
                        "Samtal och föreläsningar på Stadsbiblioteket med samiska föreningar.",
                        ActivityStatus.ONGOING,
                        50,
                        (2, 1),
                        (12, 15),
                        weight=2,
                        target_groups=["rasism-mot-samer", "samer"],
                    ),
                    ActivitySpec(
                        "Förintelsens minnesdag tillsammans med judiska föreningar",
                        "Minnesstund och samtal med överlevandes anhöriga.",
                        ActivityStatus.COMPLETED,
                        100,
                        (1, 10),
                        (1, 31),
                        target_groups=["antisemitism", "judar"],
                    ),
                ],
                indicators=[
                    IndicatorSpec(
                        "Antal programpunkter om rasism och mänskliga rättigheter",
                        "antal",
                        Direction.HIGHER,
                        ("14", 2025),
                        ("24", 2026),
                        {"T1": "9", "T2": "15"},
                    ),
                ],
                analysis="Programserien är välbesökt; höstens program är fulltecknade.",
            ),
        ],
        reports={"T1": ReportStatus.APPROVED, "T2": ReportStatus.RETURNED},
        return_comment=(
            "Analysen behöver säga mer om hur ni når unga besökare. Komplettera gärna med "
            "besöksstatistik per program."
        ),
    )


def _education_2026() -> PlanSpec:
    return PlanSpec(
        slug="utbildningsforvaltningen",
        year=2026,
        goals=[
            GoalSpec(
                title="Elever möts av en skola fri från rasism",
                description="Skolorna förebygger och hanterar rasism och kränkningar.",
                areas=[CHILDREN],
                target_groups=["barn-och-unga", *FORMS_OF_RACISM],
                sdg_targets=["4.5", "10.2"],
                activities=[
                    ActivitySpec(
                        "Stöd till skolornas arbete mot kränkningar på grund av etnicitet",
                        "Centralt stöd och handledning till rektorer och elevhälsa.",
                        ActivityStatus.ONGOING,
                        40,
                        (1, 15),
                        (12, 15),
                        weight=3,
                        target_groups=["barn-och-unga"],
                    ),
                    ActivitySpec(
                        "Fortbildning för lärare om antisemitism och islamofobi",
                        "Kurser i samarbete med Forum för levande historia.",
                        ActivityStatus.DELAYED,
                        15,
                        (2, 1),
                        (11, 30),
                        target_groups=["antisemitism", "islamofobi"],
                        comment="Kursstarten flyttades till hösten på grund av lärarbrist.",
                    ),
                ],
                indicators=[
                    IndicatorSpec(
                        "Andel elever i årskurs 9 som utsatts för kränkning på grund av etnicitet",
                        "procent",
                        Direction.LOWER,
                        ("14", 2024),
                        ("10", 2026),
                        {"T2": {"": "13", "Flickor": "12", "Pojkar": "14"}},
                        dimension="Kön",
                        categories=["Flickor", "Pojkar"],
                    ),
                ],
                analysis="Stockholmsenkäten visar en svag minskning. Fortbildningen är försenad.",
            ),
        ],
        reports={"T2": ReportStatus.DRAFT},
    )


def _jarva_2026() -> PlanSpec:
    return PlanSpec(
        slug="jarva-stadsdelsforvaltning",
        year=2026,
        goals=[
            GoalSpec(
                title="Unga i Järva har mötesplatser fria från rasism",
                description="Fritidsgårdarna arbetar aktivt mot rasism tillsammans med unga.",
                areas=[CHILDREN, CIVIL_SOCIETY],
                target_groups=["barn-och-unga", "afrofobi", "islamofobi"],
                sdg_targets=["10.2"],
                activities=[
                    ActivitySpec(
                        "Ungdomsråd om rasism på fritidsgårdarna",
                        "Unga formulerar vad fritidsgårdarna ska göra mot rasism.",
                        ActivityStatus.ONGOING,
                        30,
                        (3, 1),
                        (12, 31),
                        weight=2,
                        target_groups=["barn-och-unga"],
                    ),
                ],
            ),
        ],
    )


PLANS = [
    _hagersten_alvsjo_2025,
    _hagersten_alvsjo_2026,
    _culture_2026,
    _education_2026,
    _jarva_2026,
]
