"""Set up one benchmark database and say what to measure (run inside Django, by bench.run).

    DATABASE_URL=... SECRET_KEY=... python -m bench.prepare

Creates a coordinator and an editor (idempotent), a session for each through Django's session
engine (the runner sends the cookies), picks the organisation, year, report, measure and
statement the pages are measured on, and prints JSON: the pages, the load-run paths and the
parameters of the SQL floors. Run with the same SECRET_KEY as the server: a session is only
valid with the key it was made under.
"""

import json
import os
import sys
from typing import Any
from urllib.parse import urlencode

COORDINATOR = "bench-samordnare"
EDITOR = "bench-redaktor"
SEARCH_WORD = "Aktivitet"
FIXED_COST_PAGE = "fixed request cost (accessibility statement, no queries)"


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mrplan.settings")
    import django

    django.setup()


def _session(user: Any) -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.utils.module_loading import import_string

    store = import_string(f"{settings.SESSION_ENGINE}.SessionStore")()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def _user(username: str, organisation: Any, role: str) -> Any:
    from django.contrib.auth import get_user_model

    from mrplan.accounts.models import Membership

    user, _created = get_user_model().objects.get_or_create(
        username=username, defaults={"email": f"{username}@example.invalid"}
    )
    Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
    return user


def prepare() -> dict[str, Any]:
    from django.db.models import Count
    from django.utils import timezone

    from mrplan.accounts.models import Role
    from mrplan.consultations.models import Statement
    from mrplan.knowledge.models import Measure
    from mrplan.organisations.models import Organisation, OrganisationKind
    from mrplan.planning.citywide import REPORTING_KINDS
    from mrplan.planning.models import Activity, PlanningYear, Report, ReportStatus
    from mrplan.programmes.models import ActionPlan, DevelopmentArea, TargetGroup

    office = Organisation.objects.filter(kind=OrganisationKind.COORDINATING_OFFICE).first()
    if office is None:
        office = Organisation.objects.create(
            name="Bänkens samordnande kontor",
            slug="bank-samordning",
            kind=OrganisationKind.COORDINATING_OFFICE,
        )
    organisation = (
        Organisation.objects.filter(slug__startswith="syntetisk").order_by("slug").first()
        or Organisation.objects.filter(kind__in=REPORTING_KINDS).order_by("slug").first()
    )
    if organisation is None:
        raise SystemExit("no organisation to measure: was generate_city run?")
    coordinator = _user(COORDINATOR, office, Role.COORDINATOR)
    editor = _user(EDITOR, organisation, Role.EDITOR)

    # The year measured: the newest with approved reports (a full year of follow-up).
    approved = Report.objects.filter(organisation=organisation, status=ReportStatus.APPROVED)
    year = (
        PlanningYear.objects.filter(periods__reports__in=approved).order_by("-year").first()
        or PlanningYear.objects.order_by("-year").first()
    )
    assert year is not None
    period = year.periods.order_by("-position").first()
    draft = (
        Report.objects.filter(organisation=organisation)
        .exclude(status=ReportStatus.APPROVED)
        .order_by("-period__planning_year__year", "-period__position", "pk")
        .first()
    ) or Report.objects.filter(organisation=organisation).order_by("-pk").first()
    plan = ActionPlan.objects.order_by("position", "title").first()
    area = DevelopmentArea.objects.filter(action_plan=plan).prefetch_related("focus_areas").first()
    focus = area.focus_areas.first() if area is not None else None
    group = (
        TargetGroup.objects.annotate(n=Count("planning_activities")).order_by("-n", "pk").first()
    )
    # The public organisation page: the organisation and year with most published activities.
    published = (
        Activity.objects.filter(is_published=True)
        .values("organisation_id", "planning_year__year")
        .annotate(n=Count("pk"))
        .order_by("-n", "organisation_id")
        .first()
    )
    public_org, public_year = organisation, year.year
    if published is not None:
        public_org = Organisation.objects.get(pk=published["organisation_id"])
        public_year = published["planning_year__year"]
    measure = (
        Measure.objects.annotate(n=Count("observations"))
        .order_by("-n", "pk")
        .select_related("dataset")
        .first()
    )
    statement = Statement.objects.order_by("-pk").first()

    citywide_filters = {"ar": year.year}
    every_filter: dict[str, Any] = {"ar": year.year, "typ": OrganisationKind.DISTRICT_COMMITTEE}
    if plan is not None:
        every_filter["handlingsplan"] = plan.pk
    if focus is not None:
        every_filter["fokusomrade"] = focus.pk
    if group is not None:
        every_filter["malgrupp"] = group.slug
    if period is not None:
        every_filter["period"] = period.code
        citywide_filters["period"] = period.code

    def page(name: str, path: str, who: str, kind: str = "html", floor: str = "") -> dict[str, Any]:
        return {"name": name, "path": path, "who": who, "kind": kind, "floor": floor}

    y = year.year
    pages = [
        # The fixed cost of any request through the stack (middleware, session, base template)
        # on a page that reads nothing: measured first, so the aggregate pages' own cost can be
        # set against their floors (bench.run.floor_ratios).
        page(FIXED_COST_PAGE, "/oppet/tillganglighet/", "anonymous", kind="baseline"),
        page(
            "city-wide view, every filter",
            f"/planering/oversikt/?{urlencode(every_filter)}",
            "coordinator",
            floor="citywide_filtered",
        ),
        page(
            "coverage matrix (city-wide, year)",
            f"/planering/oversikt/?{urlencode(citywide_filters)}",
            "coordinator",
            floor="citywide",
        ),
        page(
            "target-group matrix (public)",
            f"/oppet/malgrupper/?ar={y}",
            "anonymous",
            floor="target_groups",
        ),
        page("organisation plan", f"/planering/{organisation.slug}/{y}/", "editor"),
        page(
            "public organisation page",
            f"/oppet/organisationer/{public_org.slug}/{public_year}/",
            "anonymous",
        ),
        page("public search", f"/oppet/sok/?{urlencode({'q': SEARCH_WORD})}", "anonymous"),
        page("API list, paginated", "/api/v1/organisations/?limit=50&offset=0", "anonymous", "api"),
        page("open-data zip", "/oppet/data/alla.zip", "anonymous", "file"),
    ]
    if draft is not None:
        year_of_draft = draft.period.planning_year.year
        pages.insert(
            4,
            page(
                "report form",
                f"/planering/{organisation.slug}/{year_of_draft}/rapporter/{draft.pk}/",
                "editor",
            ),
        )
    if measure is not None:
        pages.insert(
            3,
            page(
                "measure page",
                f"/kunskap/dataset/{measure.dataset.slug}/matt/{measure.slug}/",
                "anonymous",
                floor="measure",
            ),
        )
    if statement is not None:
        pages.append(
            page(
                "statement PDF",
                f"/remisser/utlatanden/{statement.pk}/tjansteutlatande.pdf",
                "coordinator",
                "file",
            )
        )
    if plan is not None and period is not None:
        pages.append(
            page(
                "compiled follow-up PDF (job start page)",
                f"/planering/sammanstallning/{plan.slug}/{y}/{period.code}.pdf",
                "coordinator",
            )
        )

    org_ids = list(
        Organisation.objects.filter(kind__in=REPORTING_KINDS).values_list("pk", flat=True)
    )
    return {
        "cookies": {"coordinator": _session(coordinator), "editor": _session(editor)},
        "pages": pages,
        "load": {
            "public": [
                "/oppet/",
                f"/oppet/malgrupper/?ar={y}",
                f"/oppet/organisationer/{public_org.slug}/{public_year}/",
                "/organisationer/",
            ],
            "signed_in": [p["path"] for p in pages if p["who"] == "editor"] + ["/mina-uppgifter/"],
        },
        "compiled": {
            "action_plan": plan.slug if plan else None,
            "year": y,
            "code": period.code if period else None,
            "owner": coordinator.pk,
        },
        "floor": {
            "year": year.pk,
            "year_number": y,
            "period": period.pk if period else None,
            "plan": plan.pk if plan else None,
            "focus": focus.pk if focus else None,
            "kind": OrganisationKind.DISTRICT_COMMITTEE,
            "kinds": [str(k) for k in REPORTING_KINDS],
            "group": group.pk if group else None,
            "organisations": len(org_ids),
            "measure": measure.pk if measure else None,
            "today": timezone.localdate().isoformat(),
        },
    }


def main() -> None:
    _setup()
    json.dump(prepare(), sys.stdout)


if __name__ == "__main__":
    main()
