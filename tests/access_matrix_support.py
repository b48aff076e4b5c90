"""Support for tests/test_access_matrix.py: the demo city, one user per role, example ids.

(Not named test_*: it holds no tests itself.)
"""

from collections.abc import Iterator
from io import StringIO
from typing import Any

from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from mrplan.accounts.models import User

ROLES = (
    "anonymous",
    "nobody",
    "reader",
    "editor",
    "outsider",
    "approver",
    "org_admin",
    "coordinator",
)
DEMO_USERNAMES = {
    "reader": "lasare.ha",
    "editor": "redaktor.ha",
    "outsider": "redaktor.kultur",
    "approver": "avdelningschef.ha",
    "org_admin": "admin.ha",
    "coordinator": "samordnare",
}
HA = "hagersten-alvsjo-stadsdelsforvaltning"


def url_patterns() -> Iterator[str]:
    """Yield every URL pattern of the project as its full route (the resolver walked)."""

    def walk(patterns: Any, prefix: str) -> Iterator[str]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield prefix + str(pattern.pattern)

    seen: set[str] = set()
    for route in walk(get_resolver().url_patterns, ""):
        if route.startswith("en/"):
            continue  # the English copies of the same views
        if route not in seen:
            seen.add(route)
            yield route


def load_city() -> dict[str, Any]:
    """Load the demo city, add a user without membership, and return the example ids."""
    from mrplan.collaboration import actions as collaboration_actions
    from mrplan.collaboration.models import (
        Collaboration,
        ContactPerson,
        Dialogue,
        Material,
        Partner,
        TrainingOffer,
        TrainingSession,
    )
    from mrplan.consultations.models import (
        Case,
        Consultation,
        ConsultationDocument,
        ConsultationRecipient,
        Statement,
    )
    from mrplan.knowledge.models import (
        Area,
        Dataset,
        EvidenceLink,
        Measure,
        MicrodataBatch,
        QualitativeFile,
        QualitativeRecord,
    )
    from mrplan.organisations.models import Department, Organisation
    from mrplan.planning.models import (
        Activity,
        Goal,
        Indicator,
        Report,
        ReportAttachment,
        ReportingPeriod,
    )
    from mrplan.programmes.models import (
        ActionPlan,
        CityActivity,
        DevelopmentArea,
        FocusArea,
        Programme,
        TargetGroup,
    )
    from mrplan.public.models import EasyReadSummary

    call_command("load_demo", stdout=StringIO())
    User.objects.create_user("nobody", password="x")
    ha = Organisation.objects.get(slug=HA)
    users = {role: User.objects.get(username=name) for role, name in DEMO_USERNAMES.items()}
    partner = Partner.objects.filter(registered_by=ha).first() or Partner.objects.first()
    if not ContactPerson.objects.filter(partner=partner).exists():
        collaboration_actions.contact_create(
            actor=users["coordinator"],
            partner=partner,
            data={
                "name": "Testa",
                "email": "t@example.org",
                "legal_basis": "consent",
                "purpose": "Möten",
            },
        )

    def pk(queryset: Any) -> int:
        row = queryset.order_by("pk").first()
        return row.pk if row is not None else 999999

    goal = Goal.objects.filter(organisation=ha).order_by("pk").first()
    report = Report.objects.filter(organisation=ha).order_by("pk").first()
    dataset = Dataset.objects.order_by("pk").first()
    measure = Measure.objects.filter(dataset=dataset).order_by("pk").first()
    easy = EasyReadSummary.objects.order_by("pk").first()
    record = QualitativeRecord.objects.order_by("pk").first()
    year = goal.planning_year.year if goal else 2026
    ids: dict[str, Any] = {
        "ha": HA,
        "ha_id": ha.pk,
        "programme_id": pk(Programme.objects),
        "action_plan_id": pk(ActionPlan.objects),
        "year": year,
        "programme": Programme.objects.order_by("pk").first().slug,  # type: ignore[union-attr]
        "action_plan": ActionPlan.objects.order_by("pk").first().slug,  # type: ignore[union-attr]
        "focus_area": pk(FocusArea.objects),
        "development_area": pk(DevelopmentArea.objects),
        "city_activity": pk(CityActivity.objects),
        "target_group": pk(TargetGroup.objects),
        "department": pk(Department.objects.filter(organisation=ha)),
        "member": pk(ha.memberships.all()),
        "period": pk(ReportingPeriod.objects),
        "goal": goal.pk if goal else 999999,
        "activity": pk(Activity.objects.filter(organisation=ha)),
        "indicator": pk(Indicator.objects.filter(goal__organisation=ha)),
        "report": report.pk if report else 999999,
        "attachment": pk(ReportAttachment.objects.filter(report=report)),
        "consultation": pk(Consultation.objects),
        "document": pk(ConsultationDocument.objects),
        # The nämnd is the recipient; Hägersten-Älvsjö's förvaltning prepares its answer.
        "recipient": pk(ConsultationRecipient.objects.filter(preparing_organisation=ha)),
        "case": pk(Case.objects.filter(organisation=ha)),
        "statement": pk(Statement.objects.filter(case__organisation=ha)),
        "dataset": dataset.slug if dataset else "saknas",
        "dataset_id": dataset.pk if dataset else 999999,
        "measure": measure.slug if measure else "saknas",
        "measure_id": measure.pk if measure else 999999,
        "microdata": pk(MicrodataBatch.objects),
        "area": pk(Area.objects.filter(kind="district")),
        "record": record.pk if record else 999999,
        "record_file": pk(QualitativeFile.objects),
        "link": pk(EvidenceLink.objects),
        "partner": partner.pk if partner else 999999,
        "contact": pk(ContactPerson.objects.filter(partner=partner)),
        "collaboration": pk(Collaboration.objects),
        "dialogue": pk(Dialogue.objects),
        "material": pk(Material.objects),
        "offer": pk(TrainingOffer.objects),
        "session": pk(TrainingSession.objects),
        "easy_kind": easy.kind if easy else "programme",
        "easy_slug": easy.target.slug if easy else "saknas",
        "token": 999999,
        "job": "00000000-0000-4000-8000-000000000000",  # no such job: 404 to everyone
        "user": users["editor"].pk,
    }
    return ids


def client_for(role: str) -> Client:
    client = Client()
    client.raise_request_exception = False
    if role != "anonymous":
        client.force_login(User.objects.get(username=DEMO_USERNAMES.get(role, role)))
    return client


def answer(client: Client, method: str, url: str) -> str:
    """Return the status of one request, with whatever it wrote rolled back."""
    with transaction.atomic():
        if method == "GET":
            response = client.get(url)
        else:
            response = client.generic(method, url, "{}", content_type="application/json")
        transaction.set_rollback(True)
    if response.status_code == 302 and "/logga-in/" in response.get("Location", ""):
        return "login"
    return str(response.status_code)
