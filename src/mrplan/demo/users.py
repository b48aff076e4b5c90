"""Demo users, one per kind of user, for `make run`."""

from dataclasses import dataclass

from mrplan.accounts.models import Membership, User
from mrplan.organisations.models import Organisation

DEMO_PASSWORD = "mrplan-demo"  # noqa: S105 - public demo password, printed by make run


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    organisation_slug: str
    role: str
    title: str
    description: str


SLK = "stadsledningskontoret"
HA = "hagersten-alvsjo-stadsdelsforvaltning"
KULTUR = "kulturforvaltningen"

DEMO_USERS = [
    DemoUser(
        "samordnare",
        "Sara",
        "Samordnare",
        SLK,
        "coordinator",
        "utredare",
        "samordnare på Stadsledningskontoret",
    ),
    DemoUser(
        "admin.ha",
        "Amir",
        "Andersson",
        HA,
        "org_admin",
        "",
        "administratör för Hägersten-Älvsjö stadsdelsförvaltning",
    ),
    DemoUser(
        "redaktor.ha",
        "Elin",
        "Ek",
        HA,
        "editor",
        "handläggare",
        "redaktör/handläggare i Hägersten-Älvsjö",
    ),
    DemoUser(
        "avdelningschef.ha",
        "Anders",
        "Berg",
        HA,
        "approver",
        "avdelningschef",
        "attesterare (avdelningschef) i Hägersten-Älvsjö",
    ),
    DemoUser(
        "direktor.ha",
        "Dana",
        "Lind",
        HA,
        "approver",
        "stadsdelsdirektör",
        "attesterare (stadsdelsdirektör) i Hägersten-Älvsjö",
    ),
    DemoUser("lasare.ha", "Lova", "Lund", HA, "reader", "", "läsare i Hägersten-Älvsjö"),
    DemoUser(
        "redaktor.kultur",
        "Kim",
        "Karlsson",
        KULTUR,
        "editor",
        "handläggare",
        "redaktör i Kulturförvaltningen",
    ),
]


def load_users() -> None:
    """Create the demo users and their memberships (idempotent)."""
    organisations = {
        o.slug: o
        for o in Organisation.objects.filter(slug__in={u.organisation_slug for u in DEMO_USERS})
    }
    for demo in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=demo.username,
            defaults={
                "first_name": demo.first_name,
                "last_name": demo.last_name,
                "email": f"{demo.username}@example.org",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        organisation = organisations.get(demo.organisation_slug)
        if organisation is not None:
            Membership.objects.get_or_create(
                user=user,
                organisation=organisation,
                role=demo.role,
                defaults={"title": demo.title},
            )


def login_lines() -> list[str]:
    """Return the demo logins as printable lines."""
    lines = [f"  {u.username:<20} {u.description}" for u in DEMO_USERS]
    return [*lines, f"  Lösenord för alla: {DEMO_PASSWORD}"]
