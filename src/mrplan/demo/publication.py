"""Publish part of the demo data, so that the public site has something to show; add the
easy-read summaries."""

from django.db import transaction

from mrplan.consultations.models import Consultation, ConsultationStatus
from mrplan.core.actions import save_audited
from mrplan.demo.consultations import CONSULTATIONS
from mrplan.planning.models import Report, ReportStatus
from mrplan.programmes.demo import MR_PROGRAMME_SLUG, RACISM_PLAN_SLUG
from mrplan.programmes.models import ActionPlan, Programme
from mrplan.public.actions import _set_published, publish_report_and_plan
from mrplan.public.models import EasyReadSummary


@transaction.atomic
def publish_demo_content() -> int:
    """Publish every approved report and the goals, activities and indicators it covers.

    Idempotent: what is published already stays as it is. Return how many objects were
    published now.
    """
    reports = Report.objects.filter(status=ReportStatus.APPROVED).select_related(
        "organisation", "action_plan", "period__planning_year"
    )
    published = sum(
        publish_report_and_plan(report, actor=None, report_too=True, plan_too=True)
        for report in reports.order_by("pk")
    )
    published += publish_demo_consultations()
    load_easy_read()
    link_demo_evidence()
    return published


def link_demo_evidence() -> None:
    """Link Skärholmen's workshop indicator to the pupils' survey, so its public page compares
    the districts (illustrative figures). Idempotent; skipped when the pieces are missing."""
    from mrplan.accounts.models import Membership, Role
    from mrplan.knowledge.evidence import evidence_link_create
    from mrplan.knowledge.models import EvidenceLink, Measure
    from mrplan.planning.models import Indicator

    membership = Membership.objects.filter(role=Role.COORDINATOR).select_related("user").first()
    measure = Measure.objects.filter(slug="krankt-pa-grund-av-ursprung").first()
    indicator = Indicator.objects.filter(
        goal__organisation__slug="skarholmen-stadsdelsforvaltning",
        name="Antal unga som deltagit i workshoppar om rasism",
    ).first()
    if membership is None or measure is None or indicator is None:
        return
    if EvidenceLink.objects.filter(indicator=indicator, measure=measure).exists():
        return
    evidence_link_create(
        actor=membership.user,
        target=indicator,
        measure=measure,
        note="Elevernas upplevelser av kränkningar per stadsdel (illustrativa demodata).",
    )


def publish_demo_consultations() -> int:
    """Publish the executive board's two demo consultations (their decided answers show)."""
    consultations = Consultation.objects.filter(
        title__in=[spec.title for spec in CONSULTATIONS], is_published=False
    ).exclude(status=ConsultationStatus.DRAFT)
    return sum(
        _set_published(consultation, actor=None, published=True, message="Demodata.")
        for consultation in consultations.order_by("pk")
    )


# Easy Swedish: short sentences, common words, the most important first. One sentence on
# each line, as easy-read texts are usually set.


def _text(*paragraphs: list[str]) -> str:
    return "\n\n".join("\n".join(lines) for lines in paragraphs)


EASY_READ_PROGRAMME = _text(
    [
        "Staden har ett program för de mänskliga rättigheterna.",
        "Programmet är en plan för hela staden.",
        "Kommunfullmäktige bestämde programmet den 16 december 2024.",
    ],
    [
        "Mänskliga rättigheter gäller alla människor.",
        "Alla ska behandlas lika.",
        "Ingen ska bli diskriminerad.",
    ],
    [
        "Målet är en öppen stad.",
        "Staden ska vara jämlik och jämställd.",
        "Ingen ska utsättas för diskriminering eller rasism.",
    ],
    [
        "Programmet gäller alla nämnder och bolag i staden.",
        "De ska ha egna mål och aktiviteter.",
        "De ska också berätta hur arbetet går.",
    ],
    [
        "Staden ska arbeta mest med tre saker:",
        "– Kunskap och information.",
        "– Välfärd och service.",
        "– Delaktighet och inflytande.",
    ],
    [
        "Det finns sex handlingsplaner under programmet.",
        "En plan handlar om rasism.",
        "En annan plan handlar om barns rättigheter.",
    ],
    [
        "På den här webbplatsen kan du läsa hur arbetet går.",
        "Du behöver inte logga in.",
    ],
)

EASY_READ_RACISM_PLAN = _text(
    [
        "Handlingsplanen mot rasism är en plan för hela staden.",
        "Ingen ska utsättas för rasism i stadens verksamheter.",
    ],
    [
        "Rasism är när människor behandlas sämre på grund av hudfärg, ursprung eller religion.",
        "Rasism kan vara ord, handlingar eller regler.",
    ],
    [
        "Planen handlar särskilt om:",
        "– rasism mot svarta (afrofobi)",
        "– rasism mot judar (antisemitism)",
        "– rasism mot romer (antiziganism)",
        "– rasism mot muslimer (islamofobi)",
        "– rasism mot samer.",
    ],
    [
        "Staden ska göra tre saker:",
        "– Lära sig mer om rasism och diskriminering.",
        "– Skydda barn och unga mot rasism.",
        "– Arbeta mer tillsammans med föreningar.",
    ],
    [
        "Alla nämnder och bolag ska ha egna mål och aktiviteter mot rasism.",
        "De ska lyssna på stockholmare som har varit med om rasism.",
        "De ska berätta hur arbetet går.",
    ],
    [
        "Har du blivit utsatt för diskriminering?",
        "Då kan du anmäla det till Diskrimineringsombudsmannen, DO.",
    ],
)


def _plan_text(subject: str, who: str, doing: list[str]) -> str:
    return _text(
        [
            f"Handlingsplanen handlar om {subject}.",
            "Den är en plan för hela staden.",
            "Staden skriver planen nu.",
        ],
        [f"Planen är till för {who}.", "Alla ska ha samma rättigheter."],
        ["Staden ska:", *[f"– {line}" for line in doing]],
        [
            "Alla nämnder och bolag ska ha egna mål och aktiviteter.",
            "På den här webbplatsen kan du läsa hur arbetet går.",
        ],
    )


# Every action plan has an easy-read summary, as the accessibility statement promises.
EASY_READ_PLANS = {
    RACISM_PLAN_SLUG: EASY_READ_RACISM_PLAN,
    "handlingsplan-for-barnets-rattigheter-och-inflytande": _plan_text(
        "barns rättigheter",
        "alla barn och unga i Stockholm",
        [
            "Lyssna på barn och unga.",
            "Låta barn vara med och bestämma om saker som gäller dem.",
            "Tänka på barnets bästa i alla beslut.",
        ],
    ),
    "handlingsplan-for-de-nationella-minoriteternas-rattigheter": _plan_text(
        "de nationella minoriteterna",
        "judar, romer, samer, sverigefinnar och tornedalingar",
        [
            "Ge information på minoriteternas språk.",
            "Fråga minoriteterna vad de tycker.",
            "Skydda minoriteternas språk och kultur.",
        ],
    ),
    "handlingsplan-for-ett-jamstallt-stockholm": _plan_text(
        "jämställdhet",
        "kvinnor och män, flickor och pojkar",
        [
            "Se till att alla får samma service.",
            "Arbeta mot våld mot kvinnor.",
            "Räkna hur pengar och tid fördelas mellan kvinnor och män.",
        ],
    ),
    "handlingsplan-for-hbtqi-personers-rattigheter": _plan_text(
        "rättigheter för hbtqi-personer",
        "alla, oavsett vem man älskar eller vilket kön man har",
        [
            "Lära personalen mer om hbtqi-personers liv.",
            "Göra stadens verksamheter trygga för alla.",
            "Arbeta mot hat och hot.",
        ],
    ),
    "handlingsplan-for-romsk-inkludering": _plan_text(
        "romsk inkludering",
        "romer som bor i Stockholm",
        [
            "Arbeta mot antiziganism.",
            "Hjälpa romska barn i skolan.",
            "Anställa romska brobyggare.",
        ],
    ),
}


def load_easy_read() -> None:
    """Add easy-read summaries of the MR programme and every action plan (once; an edited
    text is kept)."""
    programme = Programme.objects.filter(slug=MR_PROGRAMME_SLUG).first()
    if programme is not None and not EasyReadSummary.objects.filter(programme=programme).exists():
        save_audited(
            EasyReadSummary(),
            actor=None,
            data={"programme": programme, "text": EASY_READ_PROGRAMME, "language": "sv"},
            message="Demodata.",
        )
    for slug, text in EASY_READ_PLANS.items():
        plan = ActionPlan.objects.filter(slug=slug).first()
        if plan is not None and not EasyReadSummary.objects.filter(action_plan=plan).exists():
            save_audited(
                EasyReadSummary(),
                actor=None,
                data={"action_plan": plan, "text": text, "language": "sv"},
                message="Demodata.",
            )
