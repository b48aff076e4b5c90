"""Metadata for data portals: a Frictionless Data Package and a DCAT-AP-SE catalogue.

Both are built from the open data registry (opendata.TABLES), so a new column or file is
described the moment it exists:

- `datapackage.json` (Frictionless Data Package, profile tabular-data-package): one
  resource per CSV with a Table Schema (field types, primary key, foreign keys, missing
  values), so a reader like pandas or frictionless gets "0180" as text, not 180.0.
- `dcat.rdf` / `dcat.jsonld`: a DCAT-AP-SE catalogue that dataportal.se can harvest, one
  dcat:Dataset per open data file and per published knowledge dataset (each with its own
  licence), every distribution with its URL, media type and licence.
"""

from typing import Any

from django.conf import settings
from django.urls import reverse
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from mrplan.public.opendata import TABLES, Table

LICENCE_NAME = "CC0 1.0 Universal"
LICENCE_URL = "https://creativecommons.org/publicdomain/zero/1.0/"
LICENCE_URIS = {
    "cc0": "http://creativecommons.org/publicdomain/zero/1.0/",
    "cc0 1.0": "http://creativecommons.org/publicdomain/zero/1.0/",
    "cc by 4.0": "http://creativecommons.org/licenses/by/4.0/",
    "cc-by 4.0": "http://creativecommons.org/licenses/by/4.0/",
    "cc by-sa 4.0": "http://creativecommons.org/licenses/by-sa/4.0/",
}

# Table Schema types for the registry's column types (opendata.TYPES).
FIELD_TYPES: dict[str, dict[str, Any]] = {
    "integer": {"type": "integer"},
    "number": {"type": "number"},
    "decimal": {"type": "number"},
    "text": {"type": "string"},
    "date": {"type": "date"},
    "boolean": {"type": "boolean", "trueValues": ["true"], "falseValues": ["false"]},
    "integer_list": {"type": "string", "format": "default"},  # ids joined by ";"
    "text_list": {"type": "array"},  # a JSON array in the cell
    "json": {"type": "any"},  # JSON text
}

# Columns that point at the rows of another file.
FOREIGN_KEYS = {
    "organisation_id": "organisations",
    "programme_id": "programmes",
    "action_plan_id": "action-plans",
    "development_area_id": "development-areas",
    "goal_id": "goals",
    "indicator_id": "indicators",
    "report_id": "reports",
    "consultation_id": "consultations",
    "dataset_id": "datasets",
    "measure_id": "measures",
}

MEDIA_TYPES = {
    "csv": "http://www.iana.org/assignments/media-types/text/csv",
    "xlsx": "http://www.iana.org/assignments/media-types/"
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "http://www.iana.org/assignments/media-types/application/json",
}

DCATAP = Namespace("http://data.europa.eu/r5r/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")


def _publisher() -> str:
    return str(settings.OPEN_DATA_PUBLISHER)


def _schema(table: Table) -> dict[str, Any]:
    names = {other.name for other in TABLES}
    fields: list[dict[str, Any]] = [
        {
            "name": column.id,
            "title": column.sv,
            "description": column.en,
            **FIELD_TYPES[column.type],
        }
        for column in table.columns
    ]
    foreign_keys = [
        {"fields": column.id, "reference": {"resource": target, "fields": "id"}}
        for column in table.columns
        if (target := FOREIGN_KEYS.get(column.id)) in names and target != table.name
    ]
    schema: dict[str, Any] = {"fields": fields, "missingValues": [""]}
    if "id" in table.column_ids:
        schema["primaryKey"] = ["id"]
    if foreign_keys:
        schema["foreignKeys"] = foreign_keys
    return schema


def datapackage(base_url: str = "") -> dict[str, Any]:
    """Return the Data Package descriptor; paths are relative unless BASE_URL is given."""

    def path(table: Table) -> str:
        name = f"{table.name}.csv"
        if not base_url:
            return name
        return base_url + reverse("public-opendata-download", args=[table.name, "csv"])

    return {
        "profile": "tabular-data-package",
        "name": "mrplan-oppna-data",
        "title": "Öppna data om stadens arbete för de mänskliga rättigheterna",
        "description": "Allt staden har publicerat om programmet för de mänskliga "
        "rättigheterna: planer, mål, aktiviteter, indikatorer, godkända rapporter, "
        "remisser och svar, kunskapsunderlag och informationsmaterial. / Everything the city "
        "has published about its human-rights programme.",
        "licenses": [{"name": "CC0-1.0", "path": LICENCE_URL, "title": LICENCE_NAME}],
        "publisher": _publisher(),
        "resources": [
            {
                "name": table.name,
                "path": path(table),
                "profile": "tabular-data-resource",
                "title": table.title_sv,
                "description": f"{table.description_sv} / {table.description_en}",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "header": True, "doubleQuote": True},
                "licenses": [{"name": "CC0-1.0", "path": LICENCE_URL, "title": LICENCE_NAME}],
                "schema": _schema(table),
            }
            for table in TABLES
        ],
    }


def _licence_uri(text: str) -> str | None:
    return LICENCE_URIS.get(text.strip().lower())


def catalogue(base_url: str) -> Graph:
    """Return the DCAT-AP-SE catalogue of the open data files and the knowledge datasets."""
    from mrplan.knowledge.models import Dataset

    graph = Graph()
    graph.bind("dcat", DCAT)
    graph.bind("dct", DCTERMS)
    graph.bind("foaf", FOAF)
    graph.bind("vcard", VCARD)
    home = base_url + reverse("public-opendata")
    catalog = URIRef(home + "#katalog")
    publisher = URIRef(home + "#utgivare")
    contact = URIRef(home + "#kontakt")
    cc0 = URIRef(LICENCE_URIS["cc0"])
    graph.add((publisher, RDF.type, FOAF.Agent))
    graph.add((publisher, FOAF.name, Literal(_publisher(), lang="sv")))
    graph.add((contact, RDF.type, VCARD.Organization))
    graph.add((contact, VCARD.fn, Literal(_publisher(), lang="sv")))
    graph.add((contact, VCARD.hasEmail, URIRef(f"mailto:{settings.OPEN_DATA_CONTACT_EMAIL}")))
    graph.add((catalog, RDF.type, DCAT.Catalog))
    graph.add((catalog, DCTERMS.title, Literal("mrplan – öppna data", lang="sv")))
    graph.add((catalog, DCTERMS.title, Literal("mrplan – open data", lang="en")))
    graph.add(
        (
            catalog,
            DCTERMS.description,
            Literal("Stadens öppna data om de mänskliga rättigheterna.", lang="sv"),
        )
    )
    graph.add((catalog, DCTERMS.publisher, publisher))
    graph.add((catalog, DCTERMS.license, cc0))
    graph.add((catalog, FOAF.homepage, URIRef(home)))
    graph.add((catalog, DCTERMS.language, URIRef(LANGUAGE_SV)))

    def dataset(
        uri: URIRef, title: tuple[str, str], description: tuple[str, str], licence: URIRef | None
    ) -> URIRef:
        graph.add((catalog, DCAT.dataset, uri))
        graph.add((uri, RDF.type, DCAT.Dataset))
        graph.add((uri, DCTERMS.title, Literal(title[0], lang="sv")))
        graph.add((uri, DCTERMS.title, Literal(title[1], lang="en")))
        graph.add((uri, DCTERMS.description, Literal(description[0], lang="sv")))
        graph.add((uri, DCTERMS.description, Literal(description[1], lang="en")))
        graph.add((uri, DCTERMS.publisher, publisher))
        graph.add((uri, DCAT.contactPoint, contact))
        graph.add((uri, DCTERMS.language, URIRef(LANGUAGE_SV)))
        graph.add((uri, DCAT.keyword, Literal("mänskliga rättigheter", lang="sv")))
        return uri

    def distribution(owner: URIRef, url: str, fmt: str, title: str, licence: URIRef | None) -> None:
        node = BNode()
        graph.add((owner, DCAT.distribution, node))
        graph.add((node, RDF.type, DCAT.Distribution))
        graph.add((node, DCAT.accessURL, URIRef(url)))
        graph.add((node, DCAT.downloadURL, URIRef(url)))
        graph.add((node, DCAT.mediaType, URIRef(MEDIA_TYPES[fmt])))
        graph.add((node, DCTERMS.format, Literal(fmt.upper())))
        graph.add((node, DCTERMS.title, Literal(title, lang="sv")))
        if licence is not None:
            graph.add((node, DCTERMS.license, licence))

    for table in TABLES:
        uri = dataset(
            URIRef(f"{home}#{table.name}"),
            (table.title_sv, table.title_en),
            (table.description_sv, table.description_en),
            cc0,
        )
        for fmt in ("csv", "xlsx", "json"):
            url = base_url + reverse("public-opendata-download", args=[table.name, fmt])
            distribution(uri, url, fmt, f"{table.title_sv} ({fmt.upper()})", cc0)
    for found in Dataset.objects.published().order_by("pk"):
        licence_uri = _licence_uri(found.licence)
        licence = URIRef(licence_uri) if licence_uri else None
        page = base_url + found.get_absolute_url()
        uri = dataset(
            URIRef(page),
            (found.title, found.title),
            (found.method_note or found.title, found.method_note or found.title),
            licence,
        )
        graph.add((uri, DCAT.landingPage, URIRef(page)))
        if licence is None and found.licence:
            graph.add((uri, DCTERMS.rights, Literal(found.licence, lang="sv")))
        if found.update_frequency:
            graph.add((uri, DCTERMS.accrualPeriodicity, Literal(found.update_frequency, lang="sv")))
        graph.add((uri, DCTERMS.modified, Literal(found.updated_at.date(), datatype=XSD.date)))
        kolada = base_url + reverse("knowledge-kolada-export", args=[found.slug])
        distribution(uri, kolada, "json", f"{found.title} (Kolada-format)", licence)
    return graph


LANGUAGE_SV = "http://publications.europa.eu/resource/authority/language/SWE"
