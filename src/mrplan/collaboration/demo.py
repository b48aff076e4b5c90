"""Demo collaboration data: fictitious partners, collaborations, dialogues, material and training.

Every partner, organisation number and contact person here is invented (numbers in the
802 series with a valid check digit, e-mail addresses at example.org).
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from mrplan.collaboration.models import (
    Collaboration,
    ContactPerson,
    Dialogue,
    DialogueAttendance,
    Material,
    Participation,
    Partner,
    TrainingOffer,
    TrainingSession,
    luhn_ok,
)
from mrplan.organisations.demo import DEMO_SLUGS
from mrplan.organisations.models import Organisation
from mrplan.planning.models import Activity
from mrplan.programmes.models import DevelopmentArea, TargetGroup

COLLABORATION_AREA = "Stärka samverkan med civilsamhället i arbetet mot rasism"


def organisation_number(first_nine: str) -> str:
    """Return FIRST_NINE digits with the Luhn check digit, as NNNNNN-NNNN."""
    check = next(d for d in range(10) if luhn_ok(f"{first_nine}{d}"))
    return f"{first_nine[:6]}-{first_nine[6:]}{check}"


# (nine digits, name, kind, target group slugs, district names, free-text area, contact)
PARTNERS = [
    (
        "802900001",
        "Exempelföreningen Unga mot rasism",
        "association",
        ["alder", "afrofobi"],
        ["Hägersten-Älvsjö"],
        "",
        ("Exempel Exempelsson", "ordförande"),
    ),
    (
        "802900002",
        "Demostiftelsen för romsk inkludering",
        "foundation",
        ["romer", "antiziganism"],
        ["Järva", "Skärholmen"],
        "",
        ("Prov Provsdotter", "verksamhetsledare"),
    ),
    (
        "802900003",
        "Påhittade judiska kulturföreningen",
        "association",
        ["judar", "antisemitism"],
        [],
        "Hela staden",
        ("Test Testberg", "sekreterare"),
    ),
    (
        "802900004",
        "Fiktiva sverigefinska riksföreningen",
        "network",
        ["sverigefinnar", "tornedalingar"],
        ["Farsta"],
        "",
        ("Demo Demosson", "kontaktperson"),
    ),
    (
        "802900005",
        "Exempelnätverket för kvinnors rättigheter",
        "network",
        ["kon", "islamofobi"],
        ["Järva"],
        "",
        ("Fiktiv Fiktivsdotter", "samordnare"),
    ),
]

MATERIAL = [
    (
        "Vad är rasism? En introduktion",
        "staff",
        "sv",
        ["afrofobi", "antisemitism", "antiziganism", "islamofobi"],
        "2",
        True,
    ),
    ("Mänskliga rättigheter – lättläst", "public", "sv-easy", [], "1", True),
    (
        "Nationella minoriteters rättigheter – på finska",
        "public",
        "fi",
        ["sverigefinnar"],
        "1",
        True,
    ),
    ("Handledning för dialogmöten med civilsamhället", "managers", "sv", [], "3", False),
    ("Checklista: rättighetsbaserat arbetssätt", "staff", "sv", [], "1.1", False),
]

# (topic, form, hours, sessions: (month, day, organiser, {organisation: [(group, count)]}))
TRAINING = [
    (
        "Rasism och diskriminering – grundkurs",
        "course",
        Decimal("6"),
        [
            (
                2,
                12,
                "coordinating_office",
                {
                    "district_administration": [("managers", 14), ("case_officers", 32)],
                    "specialist_administration": [("managers", 6)],
                },
            ),
            (
                9,
                18,
                "coordinating_office",
                {
                    "district_administration": [("education", 25)],
                    "coordinating_office": [("support", 9)],
                },
            ),
        ],
    ),
    (
        "Barnets rättigheter i praktiken",
        "workshop",
        Decimal("3"),
        [
            (
                4,
                3,
                "district_administration",
                {"district_administration": [("education", 18), ("care", 7)]},
            ),
        ],
    ),
    (
        "Nationella minoriteter och förvaltningsområden",
        "e_learning",
        Decimal("1.5"),
        [
            (5, 20, "coordinating_office", {"specialist_administration": [("case_officers", 11)]}),
        ],
    ),
]


def _organisations() -> dict[str, Organisation]:
    found = {o.slug: o for o in Organisation.objects.all()}
    return {key: found[slug] for key, slug in DEMO_SLUGS.items() if slug in found}


def _districts(names: list[str]) -> list[Organisation]:
    slugs = [slugify(f"{name} stadsdelsnämnd") for name in names]
    return list(Organisation.objects.filter(slug__in=slugs))


@transaction.atomic
def load_collaboration() -> None:
    """Create or update the demo collaboration data; running it again changes nothing."""
    organisations = _organisations()
    ha = organisations.get("district_administration")
    culture = organisations.get("specialist_administration")
    slk = organisations.get("coordinating_office")
    if ha is None or slk is None:
        return
    groups = {g.slug: g for g in TargetGroup.objects.all()}
    partners: list[Partner] = []
    for digits, name, kind, group_slugs, districts, area_text, contact in PARTNERS:
        partner, _ = Partner.objects.update_or_create(
            organisation_number=organisation_number(digits),
            defaults={
                "name": name,
                "kind": kind,
                "area_text": area_text,
                "website": f"https://{slugify(name)}.example.org/",
                "registered_by": ha if len(partners) % 2 == 0 else (culture or ha),
                "description": "Fiktiv organisation i demodata.",
            },
        )
        partner.target_groups.set([groups[s] for s in group_slugs if s in groups])
        partner.districts.set(_districts(districts))
        contact_name, role = contact
        ContactPerson.objects.update_or_create(
            partner=partner,
            name=contact_name,
            defaults={
                "role": role,
                "email": f"{slugify(contact_name)}@example.org",
                "phone": "08-000 00 00",
                "legal_basis": "public_task",
                "purpose": "Kallelser till dialogmöten och samverkan",
                "last_used_at": timezone.now()
                - datetime.timedelta(days=30 if len(partners) < 4 else 500),
            },
        )
        partners.append(partner)

    area = DevelopmentArea.objects.filter(title=COLLABORATION_AREA).first()
    ha_activities = list(Activity.objects.filter(organisation=ha).order_by("pk")[:2])
    year = timezone.localdate().year
    collaborations = [
        (
            "Dialogforum mot rasism i Hägersten-Älvsjö",
            "dialogue_forum",
            [ha],
            partners[:2],
            datetime.date(year, 1, 15),
            None,
        ),
        (
            "IOP om unga och antirasism",
            "iop",
            [ha, slk],
            partners[:1],
            datetime.date(year - 1, 8, 1),
            datetime.date(year + 1, 7, 31),
        ),
        (
            "Referensgrupp för nationella minoriteter",
            "reference_group",
            [culture or ha],
            partners[2:4],
            datetime.date(year, 2, 1),
            None,
        ),
        (
            "Bidrag till kvinnors nätverk",
            "grant",
            [slk],
            partners[4:],
            datetime.date(year, 3, 1),
            datetime.date(year, 12, 31),
        ),
    ]
    for title, form, orgs, members, start, end in collaborations:
        collaboration, _ = Collaboration.objects.update_or_create(
            title=title,
            defaults={
                "form": form,
                "start_date": start,
                "end_date": end,
                "purpose": "Fiktivt demosamarbete: " + title.lower() + ".",
            },
        )
        collaboration.organisations.set(orgs)
        collaboration.partners.set(members)
        collaboration.development_areas.set([area] if area else [])
        collaboration.activities.set(ha_activities if ha in orgs else [])

    dialogues = [
        (
            "Dialogmöte med unga i Älvsjö",
            datetime.date(year, 3, 12),
            [ha],
            partners[:1],
            {"alder": 24, "afrofobi": 6},
            "Unga upplever att de blir misstänkliggjorda av vakter i centrum.",
            "Förvaltningen har bjudit in vaktbolaget till ett samtal "
            "och tar fram en utbildning om bemötande.",
            "Utbildningen hålls under hösten; ny dialog i december.",
        ),
        (
            "Samråd med romska föreningar",
            datetime.date(year, 4, 2),
            [ha, slk],
            partners[1:2],
            {"romer": 11},
            "Svårt att få kontakt med förskolan på romani.",
            "Informationsmaterial om förskolan finns nu på romani, "
            "och brobyggare deltar vid inskolning.",
            "",
        ),
        (
            "Dialog om antisemitism i skolan",
            datetime.date(year, 5, 7),
            [culture or ha],
            partners[2:3],
            {"judar": 9},
            "Elever möter antisemitiska uttryck och lärare vet inte hur de ska agera.",
            "",
            "",
        ),
    ]
    for title, date, orgs, members, attendance, raised, response, follow_up in dialogues:
        dialogue, _ = Dialogue.objects.update_or_create(
            title=title,
            defaults={"date": date, "raised": raised, "response": response, "follow_up": follow_up},
        )
        dialogue.organisations.set(orgs)
        dialogue.partners.set(members)
        dialogue.activities.set(ha_activities[:1] if ha in orgs else [])
        dialogue.attendance.all().delete()
        for slug, count in attendance.items():
            if slug in groups:
                DialogueAttendance.objects.create(
                    dialogue=dialogue, target_group=groups[slug], count=count
                )

    for title, audience, language, group_slugs, version, public in MATERIAL:
        material, _ = Material.objects.update_or_create(
            title=title,
            defaults={
                "audience": audience,
                "language": language,
                "url": f"https://example.org/material/{slugify(title)}",
                "version": version,
                "is_public": public,
                "description": "Fiktivt demomaterial från Stadsledningskontoret.",
            },
        )
        material.target_groups.set([groups[s] for s in group_slugs if s in groups])

    for topic, form, hours, sessions in TRAINING:
        offer, _ = TrainingOffer.objects.update_or_create(
            topic=topic, defaults={"form": form, "length_hours": hours}
        )
        for month, day, organiser_key, participation in sessions:
            organiser = organisations.get(organiser_key) or slk
            session, _ = TrainingSession.objects.update_or_create(
                offer=offer, date=datetime.date(year, month, day), defaults={"organiser": organiser}
            )
            for key, rows in participation.items():
                organisation = organisations.get(key)
                if organisation is None:
                    continue
                for staff_group, count in rows:
                    Participation.objects.update_or_create(
                        session=session,
                        organisation=organisation,
                        staff_group=staff_group,
                        defaults={"count": count},
                    )
