"""Nothing unpublished or personal reaches the public: not a page, a download, the API or search.

The demo data is loaded, a unique marker is written into every kind of non-public thing and
into a few public ones; then every page an anonymous reader can reach from the start page (in
both languages), every API list endpoint, every open-data download and the search for each
marker are read, zip files unpacked and PDFs read back, and no secret marker may appear.
"""

import io
import re
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from html import escape, unescape
from urllib.parse import quote, quote_plus, urldefrag, urljoin, urlparse

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import NoReverseMatch, reverse
from pypdf import PdfReader

from mrplan.accounts.models import User
from mrplan.api.api import api
from mrplan.collaboration.models import ContactPerson, Material
from mrplan.consultations.models import Consultation, Statement, StatementStatus
from mrplan.knowledge.models import Dataset
from mrplan.planning.models import (
    Activity,
    ActivityUpdate,
    Goal,
    GoalAnalysis,
    IndicatorValue,
    Report,
    ReportStatus,
)

SECRETS = {
    "draft goal": "zqxdraftgoal",
    "unpublished activity": "zqxdraftactivity",
    "draft report analysis": "zqxdraftanalysis",
    "draft report comment": "zqxdraftcomment",
    "draft report review": "zqxdraftreview",
    "draft report value": "918273",
    "draft report value (sv)": "918 273",
    "draft report value (nbsp)": "918\xa0273",
    "unpublished dataset": "zqxhiddendataset",
    "unpublished consultation": "zqxhiddenconsultation",
    "undecided statement": "zqxundecidedstatement",
    "statement case officer phone": "0855501998",
    "private material": "zqxprivatematerial",
    "contact person name": "zqxcontactname",
    "contact person e-mail": "zqxcontact@example.invalid",
    "contact person phone": "0855501999",
    "user e-mail": "zqxuser",
}
PUBLIC = {
    "published goal": "zqxpublicgoal",
    "published dataset": "zqxpublicdataset",
    "public material": "zqxpublicmaterial",
}
SKIP_PREFIXES = ("/admin/", "/en/admin/", "/api/", "/i18n/", "/static/", "/media/", "/jsi18n/")
HREF = re.compile(r"""href=["']([^"'#][^"']*)["']""")
MAX_PAGES = 2000


def plant_markers() -> None:
    """Write a marker into every kind of non-public thing, and into a few public ones."""
    published_goal = Goal.objects.filter(is_published=True).order_by("pk").first()
    assert published_goal is not None, "the demo publishes no goal"
    Goal.objects.filter(pk=published_goal.pk).update(title=f"{PUBLIC['published goal']} mål")

    draft_goal = Goal.objects.create(
        organisation=published_goal.organisation,
        planning_year=published_goal.planning_year,
        title=f"{SECRETS['draft goal']} mål",
        description=SECRETS["draft goal"],
    )
    draft_goal.development_areas.set(published_goal.development_areas.all())
    activity = published_goal.activities.first()
    assert activity is not None
    activity.pk = None
    activity.id = None
    activity.is_published = False
    activity.published_at = None
    activity.title = f"{SECRETS['unpublished activity']} aktivitet"
    activity.save()
    Activity.objects.filter(is_published=False).update(description=SECRETS["unpublished activity"])

    unapproved = Report.objects.exclude(status=ReportStatus.APPROVED)
    assert unapproved.exists(), "the demo has no unapproved report"
    Report.objects.filter(pk__in=unapproved).update(review_comment=SECRETS["draft report review"])
    ActivityUpdate.objects.filter(report__in=unapproved).update(
        comment=SECRETS["draft report comment"]
    )
    IndicatorValue.objects.filter(report__in=unapproved).update(value=Decimal("918273"))
    for report in unapproved:
        for goal in Goal.objects.filter(
            organisation=report.organisation, planning_year=report.period.planning_year
        ):
            GoalAnalysis.objects.update_or_create(
                report=report, goal=goal, defaults={"text": SECRETS["draft report analysis"]}
            )

    public_dataset = Dataset.objects.filter(is_published=True).order_by("pk").first()
    assert public_dataset is not None
    Dataset.objects.filter(pk=public_dataset.pk).update(title=f"{PUBLIC['published dataset']} data")
    Dataset.objects.create(
        title=f"{SECRETS['unpublished dataset']} data",
        slug="zqxhiddendataset",
        method_note=SECRETS["unpublished dataset"],
        is_published=False,
    )

    # A sent consultation is published; the other keeps its unpublished title secret.
    consultations = list(Consultation.objects.order_by("pk"))
    assert len(consultations) >= 2
    Consultation.objects.filter(pk=consultations[0].pk).update(is_published=True)
    Consultation.objects.filter(pk__in=[c.pk for c in consultations[1:]]).update(
        title=f"{SECRETS['unpublished consultation']} remiss",
        description=SECRETS["unpublished consultation"],
        is_published=False,
    )
    undecided = Statement.objects.exclude(status=StatementStatus.DECIDED)
    assert undecided.exists()
    undecided.update(
        summary=SECRETS["undecided statement"],
        views=SECRETS["undecided statement"],
        decision_proposal=SECRETS["undecided statement"],
        case_officer_phone=SECRETS["statement case officer phone"],
    )

    materials = list(Material.objects.order_by("pk"))
    assert any(m.is_public for m in materials) and not all(m.is_public for m in materials)
    Material.objects.filter(is_public=True).update(title=f"{PUBLIC['public material']} material")
    Material.objects.filter(is_public=False).update(
        title=f"{SECRETS['private material']} material", description=SECRETS["private material"]
    )

    assert ContactPerson.objects.exists()
    ContactPerson.objects.update(
        name=f"{SECRETS['contact person name']} Andersson",
        email=SECRETS["contact person e-mail"],
        phone=SECRETS["contact person phone"],
    )
    for user in User.objects.all():
        User.objects.filter(pk=user.pk).update(email=f"zqxuser{user.pk}@example.invalid")


def texts_of(body: bytes) -> Iterator[str]:
    """Yield the readable text of a response body, unpacking zip files and reading PDFs."""
    if body.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            for name in archive.namelist():
                yield name
                yield from texts_of(archive.read(name))
    elif body.startswith(b"%PDF"):
        reader = PdfReader(io.BytesIO(body))
        yield "\n".join(page.extract_text() or "" for page in reader.pages)
    else:
        text = body.decode("utf-8", errors="replace")
        yield text
        yield unescape(text)


def links_in(path: str, html: str) -> Iterator[str]:
    for href in HREF.findall(html):
        url = urlparse(urldefrag(urljoin(path, unescape(href)))[0])
        if url.scheme in ("http", "https") and url.netloc not in ("", "testserver"):
            continue
        if url.scheme not in ("", "http", "https"):
            continue
        target = url.path + (f"?{url.query}" if url.query else "")
        if target.startswith("/") and not target.startswith(SKIP_PREFIXES):
            yield target


def crawl(client: Client, starts: list[str]) -> dict[str, list[str]]:
    """Read every page reachable from STARTS; return each path's texts."""
    queue, seen, texts = list(starts), set(starts), {}
    while queue:
        assert len(seen) < MAX_PAGES, "the crawl does not end"
        path = queue.pop(0)
        response = client.get(path)
        body = response.getvalue() if response.streaming else response.content
        texts[path] = list(texts_of(body))
        if "html" in response.get("Content-Type", ""):
            for target in links_in(path, texts[path][0]):
                if target not in seen:
                    seen.add(target)
                    queue.append(target)
    return texts


def api_list_paths() -> list[str]:
    """Return the API's GET endpoints that take no path parameter (the lists)."""
    schema = api.get_openapi_schema()
    prefix = reverse("api-1.0.0:api-root") if _has_api_root() else "/api/v1/"
    return [
        urljoin(prefix, path.lstrip("/")) if not path.startswith("/api/") else path
        for path, operations in schema["paths"].items()
        if "get" in operations and "{" not in path
    ]


def _has_api_root() -> bool:
    try:
        reverse("api-1.0.0:api-root")
    except NoReverseMatch:
        return False
    return True


def read_api(client: Client, path: str) -> list[str]:
    """Read an API list and its following pages; return their texts."""
    texts: list[str] = []
    url: str | None = path
    for _page in range(100):
        if url is None:
            break
        response = client.get(url)
        texts.extend(texts_of(response.content))
        url = None
        if response.get("Content-Type", "").startswith("application/json"):
            data = response.json()
            following = data.get("next") if isinstance(data, dict) else None
            if isinstance(following, str) and following:
                url = following
    return texts


def optional_urls() -> list[str]:
    """Return the open-data index and bulk download, if they exist yet."""
    urls = []
    for name in ("public-opendata", "public-opendata-all"):
        try:
            urls.append(reverse(name))
        except NoReverseMatch:
            continue
    return urls


CSRF_VALUE = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')
NO_MATCH = "zqxnomatchatall"


def search_page(client: Client, url: str, query: str) -> str:
    """Return the search page for QUERY with the echoed query and the CSRF token blanked."""
    response = client.get(url, {"q": query})
    assert response.status_code == 200, (url, query, response.status_code)
    html = CSRF_VALUE.sub("", response.content.decode())
    for echo in {query, quote(query), quote_plus(query), escape(query)}:
        html = html.replace(echo, "QUERY")
    return html


def assert_search_finds_no_secret(client: Client) -> None:
    """No search ever returns a secret item, and no search page shows a secret marker.

    Every secret item carries its marker in its title or text, so a leaked item is a hit
    holding the marker. The search forgives misspellings, so a secret marker may find a
    public item that looks like it ("zqxprivatematerial" ~ "zqxpublicmaterial"): that
    hit holds no marker and is no leak. The empty search (every public item) is checked too.
    """
    try:
        url = reverse("public-search")
    except NoReverseMatch:
        return
    for prefix in ("", "/en"):
        for query in ("", *SECRETS.values()):
            hits = client.get(prefix + url, {"q": query}).context["result"].hits
            for hit in hits:
                held = f"{hit.title} {hit.text} {hit.context}".casefold()
                leaked = [kind for kind, marker in SECRETS.items() if marker.casefold() in held]
                assert not leaked, f"searching for {query!r} finds the {leaked} in {hit.title!r}"
        for kind, marker in SECRETS.items():
            page = search_page(client, prefix + url, marker)
            assert marker not in page, f"the search page shows the {kind} ({marker!r})"


@pytest.mark.django_db
def test_no_draft_private_or_personal_data_reaches_any_public_page_download_or_api(
    client: Client,
) -> None:
    call_command("load_demo", stdout=io.StringIO())
    plant_markers()

    texts = crawl(client, ["/", "/en/", *optional_urls()])
    for path in api_list_paths():
        texts[path] = read_api(client, path)

    for path, contents in texts.items():
        for text in contents:
            for kind, marker in SECRETS.items():
                assert marker not in text, f"{kind} ({marker!r}) leaks on {path}"
    everything = "\n".join(text for contents in texts.values() for text in contents)
    for kind, marker in PUBLIC.items():
        assert marker in everything, f"the {kind} ({marker!r}) is not shown anywhere"
    assert len(texts) > 50, sorted(texts)
    assert_search_finds_no_secret(client)
