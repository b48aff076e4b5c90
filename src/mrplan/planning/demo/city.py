"""More demo plans, so that the coordinator's city-wide view shows a lived-in city.

Two more district administrations, two specialist administrations and two company boards
plan against the action plan against racism in 2025 and 2026. The gaps are deliberate:

- most organisations (Bromma, Södermalm, Trafikkontoret, Stokab and the rest) have no plan,
  so the coverage matrix shows them as organisations without goals or activities;
- in 2025 no activity reaches "Rasism mot samer", and in 2026 no activity reaches
  Kön, Sverigefinnar, Tornedalingar, Funktionsnedsättning, Sexuell läggning, Ålder or
  Könsöverskridande identitet eller uttryck, so "Lämna ingen utanför" lists them;
- Stockholmshem has a goal tied to no development area and activities without a goal, and
  no reports, so the alignment lists and the overdue reports are not empty.

Examples written for the demo, not real plans. Loaded by mrplan.planning.demo.
"""

from mrplan.planning.demo.data import (
    CHILDREN,
    CIVIL_SOCIETY,
    FORMS_OF_RACISM,
    KNOWLEDGE,
    ActivitySpec,
    GoalSpec,
    IndicatorSpec,
    PlanSpec,
)
from mrplan.planning.models import ActivityStatus, Direction, ReportStatus

SKARHOLMEN = "skarholmen-stadsdelsforvaltning"
FARSTA = "farsta-stadsdelsforvaltning"
SOCIAL = "socialforvaltningen"
LABOUR_MARKET = "arbetsmarknadsforvaltningen"
SVENSKA_BOSTADER = "ab-svenska-bostader"
STOCKHOLMSHEM = "ab-stockholmshem"

# Target groups the 2025 plans leave out, and those no 2026 activity reaches.
UNREACHED_2025 = ["rasism-mot-samer"]
UNREACHED_2026 = [
    "kon",
    "sverigefinnar",
    "tornedalingar",
    "funktionsnedsattning",
    "sexuell-laggning",
    "alder",
    "konsoverskridande-identitet-eller-uttryck",
]
# Forms of racism the 2025 plans reach: all but rasism mot samer.
FORMS_2025 = [slug for slug in FORMS_OF_RACISM if slug not in UNREACHED_2025]

ALL_APPROVED: dict[str, str] = dict.fromkeys(("VP", "T1", "T2", "VB"), ReportStatus.APPROVED)


def _skarholmen_2025() -> PlanSpec:
    return PlanSpec(
        slug=SKARHOLMEN,
        year=2025,
        goals=[
            GoalSpec(
                title="Stockholmarna i Skärholmen möts av en likvärdig service",
                description=(
                    "Förvaltningens verksamheter bemöter alla likvärdigt, oavsett etnisk "
                    "tillhörighet eller religion."
                ),
                areas=[KNOWLEDGE],
                target_groups=FORMS_2025,
                sdg_targets=["10.2", "10.3"],
                activities=[
                    ActivitySpec(
                        "Bemötandeutbildning för medborgarkontoret",
                        "Utbildning om rasism och bemötande för alla som möter besökare.",
                        ActivityStatus.COMPLETED,
                        100,
                        (2, 1),
                        (5, 31),
                        weight=2,
                        target_groups=["afrofobi", "islamofobi", "etnisk-tillhorighet"],
                    ),
                    ActivitySpec(
                        "Kartläggning av upplevd diskriminering bland besökare",
                        "En enkät till besökare på medborgarkontoret och i biblioteket.",
                        ActivityStatus.COMPLETED,
                        100,
                        (3, 1),
                        (10, 31),
                        target_groups=[
                            "etnisk-tillhorighet",
                            "religion-eller-annan-trosuppfattning",
                        ],
                    ),
                ],
                indicators=[
                    IndicatorSpec(
                        "Andel besökare som upplever att de blivit väl bemötta",
                        "procent",
                        Direction.HIGHER,
                        ("78", 2024),
                        ("90", 2026),
                        {"T1": "79", "T2": "81", "VB": "83"},
                    )
                ],
                analysis="Andelen nöjda besökare ökar. Enkäten upprepas 2026.",
            ),
        ],
        reports=dict(ALL_APPROVED),
    )


def _skarholmen_2026() -> PlanSpec:
    return PlanSpec(
        slug=SKARHOLMEN,
        year=2026,
        goals=[
            GoalSpec(
                title="Unga i Skärholmen har stöd att agera mot rasism",
                description="Fältassistenter och fritidsgårdar arbetar tillsammans med unga.",
                areas=[CHILDREN],
                target_groups=["barn-och-unga", "afrofobi", "islamofobi"],
                sdg_targets=["4.7", "16.1"],
                activities=[
                    ActivitySpec(
                        "Workshoppar om rasism på fritidsgårdarna",
                        "Unga och fritidsledare tar fram vad gårdarna gör när rasism uppstår.",
                        ActivityStatus.ONGOING,
                        85,
                        (2, 1),
                        (12, 15),
                        weight=2,
                        target_groups=["barn-och-unga", "afrofobi", "islamofobi"],
                        milestones=[
                            ((4, 30), "Fyra gårdar genomförda", True),
                            ((11, 30), "Alla gårdar genomförda", False),
                        ],
                    ),
                    ActivitySpec(
                        "Stöd till unga som utsatts för rasism på nätet",
                        "Fältassistenterna erbjuder samtal och hjälp att anmäla.",
                        ActivityStatus.ONGOING,
                        70,
                        (1, 15),
                        (12, 31),
                        target_groups=["barn-och-unga"],
                    ),
                ],
                indicators=[
                    IndicatorSpec(
                        "Antal unga som deltagit i workshoppar om rasism",
                        "antal",
                        Direction.HIGHER,
                        ("0", 2025),
                        ("400", 2026),
                        {"T1": "120", "T2": "310"},
                    )
                ],
                analysis="Workshopparna är uppskattade; fler gårdar vill delta än planerat.",
            ),
            GoalSpec(
                title="Romska familjer i Skärholmen har tillit till förvaltningen",
                description="Samverkan med romska föreningar om förskola och socialtjänst.",
                areas=[CIVIL_SOCIETY],
                target_groups=["antiziganism", "romer"],
                sdg_targets=["16.7"],
                activities=[
                    ActivitySpec(
                        "Brobyggare med romsk språk- och kulturkompetens",
                        "Två brobyggare stödjer kontakterna mellan familjer och verksamheter.",
                        ActivityStatus.ONGOING,
                        90,
                        (1, 1),
                        (12, 31),
                        weight=2,
                        target_groups=["antiziganism", "romer"],
                    ),
                ],
            ),
        ],
        reports={
            "VP": ReportStatus.APPROVED,
            "T1": ReportStatus.APPROVED,
            "T2": ReportStatus.APPROVED,
            "VB": ReportStatus.DRAFT,
        },
    )


def _farsta_2026() -> PlanSpec:
    return PlanSpec(
        slug=FARSTA,
        year=2026,
        goals=[
            GoalSpec(
                title="Äldre i Farsta möts av personal med kunskap om rasism",
                description="Hemtjänst och vård- och omsorgsboenden arbetar mot rasism.",
                areas=[KNOWLEDGE],
                target_groups=["afrofobi", "islamofobi", "antisemitism"],
                sdg_targets=["10.2"],
                activities=[
                    ActivitySpec(
                        "Värdegrundsdialoger om rasism i hemtjänsten",
                        "Dialoger på arbetsplatsträffar om rasism mellan brukare och personal.",
                        ActivityStatus.DELAYED,
                        30,
                        (2, 1),
                        (10, 31),
                        weight=2,
                        target_groups=["afrofobi", "islamofobi"],
                        comment="Hög personalomsättning har gjort att dialogerna fått skjutas upp.",
                    ),
                    ActivitySpec(
                        "Rutin för när brukare uttrycker sig rasistiskt mot personal",
                        "Stöd till chefer och medarbetare, med stadens metodstöd som grund.",
                        ActivityStatus.COMPLETED,
                        100,
                        (1, 15),
                        (6, 30),
                        target_groups=["afrofobi", "antisemitism", "islamofobi"],
                    ),
                ],
                indicators=[
                    IndicatorSpec(
                        "Andel enheter som har genomfört värdegrundsdialog",
                        "procent",
                        Direction.HIGHER,
                        ("0", 2025),
                        ("100", 2026),
                        {"T1": "15", "T2": "30"},
                    )
                ],
                analysis="Rutinen är klar. Dialogerna är försenade på grund av bemanningen.",
            ),
        ],
        reports={
            "VP": ReportStatus.APPROVED,
            "T1": ReportStatus.APPROVED,
            "T2": ReportStatus.RETURNED,
        },
        return_comment=(
            "Beskriv vilka åtgärder ni vidtar för att komma i kapp med värdegrundsdialogerna, "
            "och när de beräknas vara genomförda."
        ),
    )


def _social_2025() -> PlanSpec:
    return PlanSpec(
        slug=SOCIAL,
        year=2025,
        goals=[
            GoalSpec(
                title="Socialtjänstens myndighetsutövning är fri från antiziganism",
                description=(
                    "Utredningar och bedömningar granskas utifrån ett antirasistiskt perspektiv."
                ),
                areas=[KNOWLEDGE],
                target_groups=["antiziganism", "romer"],
                sdg_targets=["10.3", "16.b"],
                activities=[
                    ActivitySpec(
                        "Granskning av ett urval utredningar om barn",
                        "Ett externt stöd granskar 50 utredningar med en gemensam mall.",
                        ActivityStatus.COMPLETED,
                        100,
                        (3, 1),
                        (11, 30),
                        weight=3,
                        target_groups=["antiziganism", "romer", "barn-och-unga"],
                    ),
                ],
                indicators=[
                    IndicatorSpec(
                        "Antal granskade utredningar",
                        "antal",
                        Direction.HIGHER,
                        ("0", 2024),
                        ("50", 2025),
                        {"T1": "0", "T2": "22", "VB": "50"},
                    )
                ],
                analysis="Granskningen är klar; resultaten används i metodutvecklingen 2026.",
            ),
        ],
        reports=dict(ALL_APPROVED),
    )


def _social_2026() -> PlanSpec:
    return PlanSpec(
        slug=SOCIAL,
        year=2026,
        goals=[
            GoalSpec(
                title="Metodstöd mot rasism finns i hela socialtjänsten",
                description="Granskningens lärdomar blir metodstöd för stadsdelarnas socialtjänst.",
                areas=[KNOWLEDGE, CHILDREN],
                target_groups=["antiziganism", "afrofobi", "barn-och-unga"],
                sdg_targets=["10.3"],
                activities=[
                    ActivitySpec(
                        "Metodstöd för antirasistiska utredningar",
                        "Ett stödmaterial och en utbildning för utredare i alla stadsdelar.",
                        ActivityStatus.ONGOING,
                        80,
                        (1, 15),
                        (12, 15),
                        weight=2,
                        target_groups=["antiziganism", "afrofobi", "barn-och-unga"],
                        milestones=[
                            ((3, 31), "Stödmaterialet klart", True),
                            ((10, 31), "Utbildning i alla stadsdelar", True),
                            ((12, 15), "Uppföljning med enhetscheferna", False),
                        ],
                    ),
                ],
                indicators=[
                    IndicatorSpec(
                        "Andel utredare som gått utbildningen",
                        "procent",
                        Direction.HIGHER,
                        ("0", 2025),
                        ("80", 2026),
                        {"T1": "20", "T2": "55"},
                    )
                ],
                analysis="Stödmaterialet används redan i flera stadsdelar.",
            ),
        ],
        loose=[
            (
                CIVIL_SOCIETY,
                "Dialoger om stockholmarnas upplevelser av rasism",
                ActivitySpec(
                    "Dialog med brukarorganisationer om upplevd diskriminering",
                    "Två dialoger om hur stockholmare upplever socialtjänstens bemötande.",
                    ActivityStatus.NOT_STARTED,
                    0,
                    (11, 1),
                    (12, 20),
                    target_groups=["etnisk-tillhorighet"],
                ),
            ),
        ],
        reports={
            "VP": ReportStatus.APPROVED,
            "T1": ReportStatus.APPROVED,
            "T2": ReportStatus.APPROVED,
            "VB": ReportStatus.DRAFT,
        },
    )


def _labour_market_2026() -> PlanSpec:
    return PlanSpec(
        slug=LABOUR_MARKET,
        year=2026,
        goals=[
            GoalSpec(
                title="Unga vuxna får arbete oavsett bakgrund",
                description=(
                    "Jobbtorg Stockholm motverkar diskriminering i matchningen mot arbetsgivare."
                ),
                areas=[KNOWLEDGE, CIVIL_SOCIETY],
                target_groups=["afrofobi", "islamofobi", "etnisk-tillhorighet"],
                sdg_targets=["8.5", "10.2"],
                activities=[
                    ActivitySpec(
                        "Anonymiserade ansökningar i stadens feriejobb och traineeplatser",
                        "Namn och födelseort tas bort ur ansökningarna i första urvalet.",
                        ActivityStatus.COMPLETED,
                        100,
                        (1, 15),
                        (4, 30),
                        target_groups=["afrofobi", "islamofobi", "etnisk-tillhorighet"],
                    ),
                    ActivitySpec(
                        "Arbetsgivarnätverk mot diskriminering vid rekrytering",
                        "Jobbtorg samlar arbetsgivare och föreningar om inkluderande rekrytering.",
                        ActivityStatus.ONGOING,
                        75,
                        (3, 1),
                        (12, 31),
                        weight=2,
                        target_groups=["afrofobi", "etnisk-tillhorighet"],
                    ),
                ],
                indicators=[
                    IndicatorSpec(
                        "Andel deltagare 16–24 år som gått till arbete eller studier",
                        "procent",
                        Direction.HIGHER,
                        ("38", 2025),
                        ("45", 2026),
                        {
                            "T1": {"": "39", "16–19 år": "44", "20–24 år": "36"},
                            "T2": {"": "41", "16–19 år": "46", "20–24 år": "38"},
                        },
                        dimension="Åldersgrupp",
                        categories=["16–19 år", "20–24 år"],
                    )
                ],
                analysis="Andelen ökar i båda åldersgrupperna men målet är ännu inte nått.",
            ),
        ],
        reports={
            "VP": ReportStatus.APPROVED,
            "T1": ReportStatus.APPROVED,
            "T2": ReportStatus.AWAITING_SIGN_OFF,
        },
    )


def _svenska_bostader_2025() -> PlanSpec:
    return PlanSpec(
        slug=SVENSKA_BOSTADER,
        year=2025,
        goals=[
            GoalSpec(
                title="Hyresgästerna kan bo tryggt utan rasistiska trakasserier",
                description="Bolaget agerar snabbt på anmälningar om rasistiska trakasserier.",
                areas=[CIVIL_SOCIETY],
                target_groups=["afrofobi", "antisemitism", "islamofobi"],
                sdg_targets=["11.1", "16.1"],
                activities=[
                    ActivitySpec(
                        "Rutin för anmälningar om trakasserier mellan grannar",
                        "En rutin för kundcenter och bovärdar, med stöd till den som utsatts.",
                        ActivityStatus.COMPLETED,
                        100,
                        (2, 1),
                        (9, 30),
                        weight=2,
                        target_groups=["afrofobi", "antisemitism", "islamofobi"],
                    ),
                ],
                indicators=[
                    IndicatorSpec(
                        "Antal anmälda rasistiska trakasserier",
                        "antal",
                        Direction.LOWER,
                        ("31", 2024),
                        ("20", 2026),
                        {"T1": "9", "T2": "17", "VB": "26"},
                    )
                ],
                analysis=(
                    "Fler anmäler när rutinen är känd; det är en önskad effekt det första året."
                ),
            ),
        ],
        reports={
            "VP": ReportStatus.APPROVED,
            "T1": ReportStatus.APPROVED,
            "T2": ReportStatus.APPROVED,
            "VB": ReportStatus.SUBMITTED,
        },
    )


def _svenska_bostader_2026() -> PlanSpec:
    return PlanSpec(
        slug=SVENSKA_BOSTADER,
        year=2026,
        goals=[
            GoalSpec(
                title="Bostadsområdena är trygga för alla hyresgäster",
                description="Bovärdar och föreningar arbetar tillsammans mot rasism i områdena.",
                areas=[CIVIL_SOCIETY],
                target_groups=["afrofobi", "antisemitism", "islamofobi", "antiziganism"],
                sdg_targets=["11.1"],
                activities=[
                    ActivitySpec(
                        "Utbildning för bovärdar om rasism och trakasserier",
                        "Alla bovärdar utbildas i att känna igen och agera på trakasserier.",
                        ActivityStatus.ONGOING,
                        55,
                        (2, 1),
                        (11, 30),
                        weight=2,
                        target_groups=["afrofobi", "antisemitism", "islamofobi", "antiziganism"],
                    ),
                    ActivitySpec(
                        "Trygghetsvandringar med hyresgästföreningar",
                        "Vandringar i tre områden där hyresgäster pekar ut otrygga platser.",
                        ActivityStatus.COMPLETED,
                        100,
                        (4, 1),
                        (9, 30),
                        target_groups=["islamofobi"],
                    ),
                ],
                indicators=[
                    IndicatorSpec(
                        "Antal anmälda rasistiska trakasserier",
                        "antal",
                        Direction.LOWER,
                        ("26", 2025),
                        ("20", 2026),
                        {"T1": "7"},
                    )
                ],
                analysis="Utbildningen för bovärdar har tagit längre tid än planerat.",
            ),
        ],
        reports={
            "VP": ReportStatus.APPROVED,
            "T1": ReportStatus.APPROVED,
            "T2": ReportStatus.DRAFT,
        },
    )


def _stockholmshem_2026() -> PlanSpec:
    return PlanSpec(
        slug=STOCKHOLMSHEM,
        year=2026,
        goals=[
            GoalSpec(
                title="Bolaget är en inkluderande arbetsgivare",
                description="Ett mål som ännu inte är kopplat till något utvecklingsområde.",
                areas=[],
                target_groups=[],
                sdg_targets=["8.5"],
                activities=[],
            ),
        ],
        loose=[
            (
                KNOWLEDGE,
                "Utbildningsinsatser för chefer och medarbetare",
                ActivitySpec(
                    "Stadens webbutbildning om rasism för alla medarbetare",
                    "Medarbetarna går stadsledningskontorets webbutbildning.",
                    ActivityStatus.ONGOING,
                    40,
                    (3, 1),
                    (12, 31),
                    target_groups=["antisemitism", "islamofobi"],
                ),
            ),
            (
                CHILDREN,
                "",
                ActivitySpec(
                    "Sommarjobb för unga hyresgäster",
                    "Unga i bolagets områden får sommarjobb med handledare.",
                    ActivityStatus.COMPLETED,
                    100,
                    (6, 1),
                    (8, 15),
                    target_groups=["barn-och-unga"],
                ),
            ),
        ],
    )


CITY_PLANS = [
    _skarholmen_2025,
    _skarholmen_2026,
    _farsta_2026,
    _social_2025,
    _social_2026,
    _labour_market_2026,
    _svenska_bostader_2025,
    _svenska_bostader_2026,
    _stockholmshem_2026,
]
