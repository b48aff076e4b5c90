"""The City of Stockholm's organisations, as demo data for `make run`.

Only facts from the seeds and DOMAIN.md: the eleven stadsdelsnämnder since 2023-07-01,
a selection of facknämnder and the companies under Stockholms Stadshus AB. Of the diary
prefixes only Hägersten-Älvsjö's "HÄ" is confirmed, so the others are left blank.
"""

from typing import Any

from django.utils.text import slugify

from mrplan.organisations.models import Department, Organisation, OrganisationKind

DISTRICTS = [
    "Bromma",
    "Enskede-Årsta-Vantör",
    "Farsta",
    "Hägersten-Älvsjö",
    "Hässelby-Vällingby",
    "Järva",
    "Kungsholmen",
    "Norra innerstaden",
    "Skarpnäck",
    "Skärholmen",
    "Södermalm",
]

# Facknämnd -> its förvaltning.
SPECIALIST_COMMITTEES = [
    ("Arbetsmarknadsnämnden", "Arbetsmarknadsförvaltningen"),
    ("Kulturnämnden", "Kulturförvaltningen"),
    ("Servicenämnden", "Serviceförvaltningen"),
    ("Socialnämnden", "Socialförvaltningen"),
    ("Trafiknämnden", "Trafikkontoret"),
    ("Utbildningsnämnden", "Utbildningsförvaltningen"),
    ("Äldrenämnden", "Äldreförvaltningen"),
    ("Exploateringsnämnden", "Exploateringskontoret"),
]

HOLDING_COMPANY = "Stockholms Stadshus AB"

# Company name -> short name.
COMPANIES = [
    ("AB Svenska Bostäder", "Svenska Bostäder"),
    ("AB Familjebostäder", "Familjebostäder"),
    ("AB Stockholmshem", "Stockholmshem"),
    ("Micasa Fastigheter i Stockholm AB", "Micasa"),
    ("Skolfastigheter i Stockholm AB", "SISAB"),
    ("AB Stokab", "Stokab"),
    ("Stockholm Vatten och Avfall AB", "SVOA"),
]

# From the statement in seed 000 (Dnr HÄ 2024/689): its header and the departments consulted.
HAGERSTEN_ALVSJO = "Hägersten-Älvsjö stadsdelsförvaltning"
HAGERSTEN_ALVSJO_DETAILS = {"diary_prefix": "HÄ", "address": "Kungsklippan 6, 112 25 Stockholm"}
HAGERSTEN_ALVSJO_DEPARTMENTS = [
    "Nämndkansliet",
    "Avdelningen för funktionsnedsättning och socialpsykiatri",
    "Avdelningen för individ- och familjeomsorg",
    "Avdelningen för äldreomsorg",
    "Avdelningen för förskola",
]

# The organisations the other demo loaders (users, cases) attach to.
DEMO_SLUGS = {
    "council": slugify("Kommunfullmäktige"),
    "executive_board": slugify("Kommunstyrelsen"),
    "coordinating_office": slugify("Stadsledningskontoret"),
    "district_committee": slugify("Hägersten-Älvsjö stadsdelsnämnd"),
    "district_administration": slugify(HAGERSTEN_ALVSJO),
    "specialist_committee": slugify("Kulturnämnden"),
    "specialist_administration": slugify("Kulturförvaltningen"),
    "service_committee": slugify("Servicenämnden"),
}


def _put(name: str, kind: str, parent: Organisation | None = None, **details: Any) -> Organisation:
    """Create or update the organisation called NAME, found by its slug."""
    organisation, _ = Organisation.objects.update_or_create(
        slug=slugify(name),
        defaults={"name": name, "kind": kind, "parent": parent, **details},
    )
    return organisation


def load_organisations() -> None:
    """Create Stockholm's organisations and Hägersten-Älvsjö's departments (idempotent)."""
    _put("Kommunfullmäktige", OrganisationKind.COUNCIL, short_name="KF")
    executive_board = _put("Kommunstyrelsen", OrganisationKind.EXECUTIVE_BOARD, short_name="KS")
    _put(
        "Stadsledningskontoret",
        OrganisationKind.COORDINATING_OFFICE,
        parent=executive_board,
        short_name="SLK",
    )

    for district in DISTRICTS:
        committee = _put(f"{district} stadsdelsnämnd", OrganisationKind.DISTRICT_COMMITTEE)
        administration_name = f"{district} stadsdelsförvaltning"
        details = HAGERSTEN_ALVSJO_DETAILS if administration_name == HAGERSTEN_ALVSJO else {}
        _put(administration_name, OrganisationKind.ADMINISTRATION, parent=committee, **details)

    for committee_name, administration_name in SPECIALIST_COMMITTEES:
        committee = _put(committee_name, OrganisationKind.SPECIALIST_COMMITTEE)
        _put(administration_name, OrganisationKind.ADMINISTRATION, parent=committee)

    holding = _put(HOLDING_COMPANY, OrganisationKind.COMPANY_BOARD)
    for company_name, short_name in COMPANIES:
        _put(company_name, OrganisationKind.COMPANY_BOARD, parent=holding, short_name=short_name)

    hagersten_alvsjo = Organisation.objects.get(slug=DEMO_SLUGS["district_administration"])
    for department in HAGERSTEN_ALVSJO_DEPARTMENTS:
        Department.objects.get_or_create(organisation=hagersten_alvsjo, name=department)


def demo_organisation(key: str) -> Organisation:
    """Return the demo organisation named by KEY in DEMO_SLUGS (after load_organisations)."""
    return Organisation.objects.get(slug=DEMO_SLUGS[key])
