"""The open data registry: every public list as a table with typed, documented columns.

Each table has a stable name (its file name), a description and columns with stable ids, a
type and a Swedish and an English description (the data dictionary). Its row selector
(in opendata.rows) yields only public rows (published, approved, never personal contact
data) as dicts of typed values, ordered by id, in a fixed number of queries per
chunk of rows.

Types and how a CSV cell writes them (JSON uses native values, except exact decimals,
which are JSON numbers too; the CSV keeps their exact text):

- integer, number (floating point), decimal (exact)
- text, date (ISO 8601), boolean ("true"/"false")
- integer_list (ids joined by ";"), text_list and json (JSON text)

An empty CSV cell is null (for text: the empty string).
"""

import datetime
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from mrplan.core.exports import restore
from mrplan.public.opendata import rows

Row = dict[str, Any]

TYPES = {
    "integer": ("heltal", "integer"),
    "number": ("decimaltal (flyttal)", "floating-point number"),
    "decimal": ("exakt decimaltal", "exact decimal number"),
    "text": ("text", "text"),
    "date": ("datum (ÅÅÅÅ-MM-DD)", "date (YYYY-MM-DD)"),
    "boolean": ("sant/falskt (true/false)", "true/false"),
    "integer_list": ("lista av id, åtskilda med ;", "list of ids separated by ;"),
    "text_list": ("lista av texter (JSON)", "list of texts (JSON)"),
    "json": ("JSON-objekt", "JSON object"),
}


@dataclass(frozen=True)
class Column:
    id: str
    type: str
    sv: str
    en: str


@dataclass(frozen=True)
class Table:
    name: str
    title_sv: str
    title_en: str
    description_sv: str
    description_en: str
    columns: tuple[Column, ...]
    iter_rows: Callable[[], Iterator[Row]]

    @property
    def column_ids(self) -> list[str]:
        return [column.id for column in self.columns]

    def rows(self) -> list[Row]:
        """Return every row (the files are written from iter_rows, a chunk at a time)."""
        return list(self.iter_rows())


def _col(id: str, type: str, sv: str, en: str) -> Column:  # noqa: A002  (the dictionary's words)
    assert type in TYPES, type
    return Column(id, type, sv, en)


ID = _col("id", "integer", "Stabilt id (ändras aldrig)", "Stable id (never changes)")


def _cols(*specs: tuple[str, str, str, str]) -> tuple[Column, ...]:
    return (ID, *(_col(*spec) for spec in specs))


ORG = ("organisation_id", "integer", "Organisationens id", "The organisation's id")
YEAR = ("year", "integer", "Planeringsår", "Planning year")
TITLE = ("title", "text", "Titel", "Title")
DESCRIPTION = ("description", "text", "Beskrivning", "Description")
POSITION = ("position", "integer", "Ordning i listor", "Position in lists")
STATUS = ("status", "text", "Status (kod)", "Status (code)")
SLUG = ("slug", "text", "Adressnamn i webbadressen", "Name used in the web address")
VALID_FROM = ("valid_from", "date", "Gäller från", "Valid from")
VALID_UNTIL = ("valid_until", "date", "Gäller till", "Valid until")
TARGET_GROUPS = (
    "target_group_ids",
    "integer_list",
    "Målgruppernas id (target-groups)",
    "Ids of the target groups (target-groups)",
)
SDG = (
    "sdg_target_codes",
    "text_list",
    "Delmål i Agenda 2030 (koder, till exempel 10.2)",
    "Agenda 2030 targets (codes, e.g. 10.2)",
)

TABLES: tuple[Table, ...] = (
    Table(
        "programmes",
        "Program",
        "Programmes",
        "Stadens publicerade program för de mänskliga rättigheterna.",
        "The city's published human-rights programmes.",
        _cols(
            TITLE,
            ("short_title", "text", "Kort titel", "Short title"),
            SLUG,
            ("goal", "text", "Programmets mål", "The programme's goal"),
            ("summary", "text", "Sammanfattning", "Summary"),
            STATUS,
            (
                "adopted_by_id",
                "integer",
                "Antaget av (organisations id)",
                "Adopted by (organisation id)",
            ),
            ("adopted_on", "date", "Antaget den", "Adopted on"),
            VALID_FROM,
            VALID_UNTIL,
        ),
        rows.programme_rows,
    ),
    Table(
        "action-plans",
        "Handlingsplaner",
        "Action plans",
        "Publicerade handlingsplaner under publicerade program.",
        "Published action plans of published programmes.",
        _cols(
            ("programme_id", "integer", "Programmets id", "The programme's id"),
            TITLE,
            SLUG,
            ("goal", "text", "Handlingsplanens mål", "The action plan's goal"),
            ("summary", "text", "Sammanfattning", "Summary"),
            STATUS,
            VALID_FROM,
            VALID_UNTIL,
            POSITION,
            (
                "special_focus_target_group_ids",
                "integer_list",
                "Målgrupper med särskilt fokus (id)",
                "Target groups in special focus (ids)",
            ),
            SDG,
        ),
        rows.action_plan_rows,
    ),
    Table(
        "development-areas",
        "Utvecklingsområden",
        "Development areas",
        "Utvecklingsområdena i de publicerade handlingsplanerna.",
        "The development areas of the published action plans.",
        _cols(
            ("action_plan_id", "integer", "Handlingsplanens id", "The action plan's id"),
            TITLE,
            DESCRIPTION,
            POSITION,
            (
                "focus_areas",
                "text_list",
                "Programmets fokusområden som området svarar mot",
                "The programme's focus areas the area answers to",
            ),
            TARGET_GROUPS,
            SDG,
        ),
        rows.development_area_rows,
    ),
    Table(
        "target-groups",
        "Målgrupper",
        "Target groups",
        "Målgrupper och diskrimineringsgrunder som planer och aktiviteter riktar sig till.",
        "Target groups and grounds of discrimination that plans and activities address.",
        _cols(
            ("name", "text", "Namn", "Name"),
            SLUG,
            ("category", "text", "Kategori (kod)", "Category (code)"),
            ("parent_id", "integer", "Överordnad målgrupp (id)", "Parent target group (id)"),
            DESCRIPTION,
            POSITION,
        ),
        rows.target_group_rows,
    ),
    Table(
        "organisations",
        "Organisationer",
        "Organisations",
        "Stadens nämnder, bolagsstyrelser och förvaltningar med myndighetens egna "
        "kontaktuppgifter (inga personuppgifter).",
        "The city's committees, company boards and administrations with the authority's own "
        "contact details (no personal data).",
        _cols(
            ("name", "text", "Namn", "Name"),
            ("short_name", "text", "Kortnamn", "Short name"),
            SLUG,
            ("kind", "text", "Typ (kod)", "Kind (code)"),
            ("parent_id", "integer", "Hör till (organisations id)", "Belongs to (organisation id)"),
            ("diary_prefix", "text", "Prefix i diarienummer", "Prefix of diary numbers"),
            DESCRIPTION,
            ("email", "text", "Myndighetens funktionsadress", "The authority's shared e-mail"),
            ("phone", "text", "Myndighetens växel", "The authority's switchboard"),
            ("address", "text", "Postadress", "Postal address"),
            ("website", "text", "Webbplats", "Website"),
        ),
        rows.organisation_rows,
    ),
    Table(
        "goals",
        "Mål",
        "Goals",
        "Organisationernas publicerade mål (nämndmål) per år.",
        "The organisations' published goals per year.",
        _cols(
            ORG,
            YEAR,
            TITLE,
            DESCRIPTION,
            POSITION,
            (
                "development_area_ids",
                "integer_list",
                "Utvecklingsområden (id)",
                "Development areas (ids)",
            ),
            TARGET_GROUPS,
            SDG,
        ),
        rows.goal_rows,
    ),
    Table(
        "activities",
        "Aktiviteter",
        "Activities",
        "Publicerade aktiviteter. Status och framdrift kommer bara från godkända och "
        "publicerade rapporter.",
        "Published activities. Status and progress come only from approved, published reports.",
        _cols(
            ORG,
            YEAR,
            ("goal_id", "integer", "Målets id (om målet är publicerat)", "Goal id (if published)"),
            ("development_area_id", "integer", "Utvecklingsområdets id", "Development area id"),
            ("city_activity_id", "integer", "Stadsgemensam aktivitet (id)", "City activity (id)"),
            ("city_activity_title", "text", "Stadsgemensam aktivitet", "City activity"),
            TITLE,
            DESCRIPTION,
            ("responsible_department", "text", "Ansvarig avdelning", "Responsible department"),
            ("start_date", "date", "Startdatum", "Start date"),
            ("end_date", "date", "Slutdatum", "End date"),
            ("weight", "integer", "Vikt (1–100)", "Weight (1–100)"),
            TARGET_GROUPS,
            (
                "status",
                "text",
                "Rapporterad status (kod); tom om ingen rapport är publicerad",
                "Reported status (code); empty if no report is published",
            ),
            ("progress", "integer", "Rapporterad framdrift i procent", "Reported progress in %"),
            ("status_report_id", "integer", "Rapporten statusen kommer från", "Source report"),
            (
                "status_period",
                "text",
                "Rapportperiod, till exempel T1 2026",
                "Period, e.g. T1 2026",
            ),
            ("status_comment", "text", "Kommentar i rapporten", "Comment in the report"),
        ),
        rows.activity_rows,
    ),
    Table(
        "indicators",
        "Indikatorer",
        "Indicators",
        "Publicerade indikatorer för publicerade mål.",
        "Published indicators of published goals.",
        _cols(
            ("goal_id", "integer", "Målets id", "The goal's id"),
            ORG,
            YEAR,
            ("name", "text", "Namn", "Name"),
            ("unit", "text", "Enhet", "Unit"),
            ("direction", "text", "Riktning: higher eller lower är bättre", "Direction"),
            ("baseline_value", "decimal", "Utgångsvärde", "Baseline value"),
            ("baseline_year", "integer", "Utgångsår", "Baseline year"),
            ("target_value", "decimal", "Målvärde", "Target value"),
            ("target_year", "integer", "Målår", "Target year"),
            ("breakdown_dimension", "text", "Uppdelning, till exempel kön", "Breakdown, e.g. sex"),
            ("breakdown_categories", "text_list", "Kategorier", "Categories"),
            POSITION,
        ),
        rows.indicator_rows,
    ),
    Table(
        "reports",
        "Rapporter",
        "Reports",
        "Godkända och publicerade periodrapporter.",
        "Approved and published period reports.",
        _cols(
            ORG,
            ("action_plan_id", "integer", "Handlingsplanens id", "The action plan's id"),
            YEAR,
            ("period_code", "text", "Period (VP, T1, T2, VB)", "Period (VP, T1, T2, VB)"),
            ("period_name", "text", "Periodens namn", "Name of the period"),
            ("published_on", "date", "Publicerad den", "Published on"),
        ),
        rows.report_rows,
    ),
    Table(
        "indicator-values",
        "Indikatorvärden",
        "Indicator values",
        "Värden ur godkända och publicerade rapporter, för publicerade indikatorer.",
        "Values from approved, published reports, for published indicators.",
        _cols(
            ("indicator_id", "integer", "Indikatorns id", "The indicator's id"),
            ("report_id", "integer", "Rapportens id (reports)", "The report's id (reports)"),
            ORG,
            YEAR,
            ("period_code", "text", "Period (VP, T1, T2, VB)", "Period (VP, T1, T2, VB)"),
            ("category", "text", "Kategori; tom för totalen", "Category; empty for the total"),
            ("value", "decimal", "Värde", "Value"),
        ),
        rows.indicator_value_rows,
    ),
    Table(
        "consultations",
        "Remisser",
        "Consultations",
        "Publicerade remisser som har skickats ut.",
        "Published consultations that have been sent.",
        _cols(
            TITLE,
            DESCRIPTION,
            ("sender_id", "integer", "Avsändarens id (organisations)", "Sender (organisation id)"),
            ("sender_diary_number", "text", "Avsändarens diarienummer", "Sender's diary number"),
            ("programme_id", "integer", "Program på remiss (id)", "Programme consulted on (id)"),
            ("action_plan_id", "integer", "Handlingsplan på remiss (id)", "Action plan (id)"),
            STATUS,
            ("sent_on", "date", "Skickad den", "Sent on"),
            ("deadline", "date", "Sista svarsdag", "Deadline"),
            (
                "recipient_organisation_ids",
                "integer_list",
                "Remissinstanser (organisations id)",
                "Consulted organisations (ids)",
            ),
            ("questions", "text_list", "Remissfrågor i ordning", "Questions, in order"),
        ),
        rows.consultation_rows,
    ),
    Table(
        "consultation-answers",
        "Remissvar",
        "Consultation answers",
        "Beslutade remissvar (tjänsteutlåtanden) på publicerade remisser. Handläggarens "
        "telefonnummer lämnas inte ut som öppna data.",
        "Decided answers (statements) to published consultations. The case officer's phone "
        "number is left out of the open data.",
        _cols(
            ("consultation_id", "integer", "Remissens id", "The consultation's id"),
            ("organisation_id", "integer", "Svarande organisation (id)", "Answering organisation"),
            ("diary_number", "text", "Diarienummer", "Diary number"),
            ("document_date", "date", "Datum", "Date"),
            ("case_officer_name", "text", "Handläggare", "Case officer"),
            TITLE,
            ("subtitle", "text", "Underrubrik", "Subtitle"),
            ("decision_proposal", "text", "Förslag till beslut", "Proposed decision"),
            ("summary", "text", "Sammanfattning", "Summary"),
            ("background", "text", "Bakgrund", "Background"),
            ("matter", "text", "Ärendet", "The matter"),
            ("preparation_text", "text", "Ärendets beredning", "Preparation"),
            ("views", "text", "Synpunkter och förslag", "Views and proposals"),
            ("attachments_text", "text", "Bilagor", "Attachments"),
            (
                "question_answers",
                "json",
                "Svar per remissfråga: {frågans id: svar}",
                "Answer per question: {question id: answer}",
            ),
            ("committee_id", "integer", "Beslutande nämnd (id)", "Deciding committee (id)"),
            ("decided_on", "date", "Beslutsdatum", "Decided on"),
            ("meeting_date", "date", "Sammanträdesdatum", "Meeting date"),
            ("decision_paragraph", "text", "Paragraf (§)", "Paragraph (§)"),
            ("decision_text", "text", "Beslut", "Decision"),
        ),
        rows.consultation_answer_rows,
    ),
    Table(
        "datasets",
        "Dataset",
        "Datasets",
        "Publicerade dataset i kunskapsbanken.",
        "Published datasets of the knowledge base.",
        _cols(
            TITLE,
            SLUG,
            ("source", "text", "Källa", "Source"),
            ("publisher", "text", "Utgivare", "Publisher"),
            ("method_note", "text", "Metodbeskrivning", "Method note"),
            ("licence", "text", "Källans licens", "The source's licence"),
            ("update_frequency", "text", "Uppdateringsfrekvens", "Update frequency"),
            (
                "is_illustrative",
                "boolean",
                "Illustrativa demodata, inte verkliga siffror",
                "Illustrative demo data, not real figures",
            ),
        ),
        rows.dataset_rows,
    ),
    Table(
        "measures",
        "Mått",
        "Measures",
        "Måtten i de publicerade dataseten.",
        "The measures of the published datasets.",
        _cols(
            ("dataset_id", "integer", "Datasetets id", "The dataset's id"),
            ("name", "text", "Namn", "Name"),
            SLUG,
            ("code", "text", "Kod i källan, till exempel N00002", "Code in the source"),
            ("unit", "text", "Enhet", "Unit"),
            ("definition", "text", "Definition", "Definition"),
            ("direction", "text", "Riktning (higher, lower, neutral)", "Direction"),
            ("aggregation", "text", "Beräkning (share, mean)", "Aggregation (share, mean)"),
        ),
        rows.measure_rows,
    ),
    Table(
        "observations",
        "Observationer",
        "Observations",
        "Värden per mått, område, period och indelning. Undertryckta värden (för få svar) "
        "lämnas tomma och markeras.",
        "Values per measure, area, period and breakdown. Suppressed values (too few "
        "respondents) are empty and flagged.",
        _cols(
            ("measure_id", "integer", "Måttets id", "The measure's id"),
            ("dataset_id", "integer", "Datasetets id", "The dataset's id"),
            ("area_id", "integer", "Områdets id", "The area's id"),
            ("area_name", "text", "Område", "Area"),
            ("area_code", "text", "Områdeskod, till exempel 0180", "Area code, e.g. 0180"),
            (
                "area_code_scheme",
                "text",
                "Kodsystemet som områdeskoden hör till, till exempel SCB kommunkod; "
                "stadsdelarnas demokoder är en lokal kod, inte SCB:s",
                "The code system the area code belongs to, e.g. SCB kommunkod; the demo "
                "districts' codes are a local scheme, not SCB codes",
            ),
            ("area_kind", "text", "Typ av område (city, district, organisation)", "Area kind"),
            ("period", "text", "Period, till exempel 2024 eller 2024 T1", "Period"),
            ("period_start", "date", "Periodens första dag", "First day of the period"),
            ("period_end", "date", "Periodens sista dag", "Last day of the period"),
            (
                "breakdown_key",
                "text",
                "Indelning som indelning:värde, åtskilda med |; tom för totalen",
                "Breakdown as dimension:value pairs joined by |; empty for the total",
            ),
            ("value", "number", "Värde; tomt om undertryckt", "Value; empty if suppressed"),
            ("count", "integer", "Antal svar (n); tomt om undertryckt", "Count (n)"),
            ("ci_low", "number", "Konfidensintervall, nedre", "Confidence interval, low"),
            ("ci_high", "number", "Konfidensintervall, övre", "Confidence interval, high"),
            (
                "suppressed",
                "boolean",
                "Undertryckt: gruppen är för liten för att visas",
                "Suppressed: the group is too small to show",
            ),
        ),
        rows.observation_rows,
    ),
    Table(
        "material",
        "Informationsmaterial",
        "Information material",
        "Informationsmaterial som är publicerat för allmänheten.",
        "Information material published for the public.",
        _cols(
            TITLE,
            DESCRIPTION,
            ("audience", "text", "Materialets målgrupp (kod)", "Audience (code)"),
            ("language", "text", "Språk (kod)", "Language (code)"),
            ("version", "text", "Version", "Version"),
            ("url", "text", "Länk", "Link"),
            ("file_url", "text", "Adress till filen på webbplatsen", "Path of the file"),
            TARGET_GROUPS,
            ("updated_on", "date", "Senast ändrad", "Last changed"),
        ),
        rows.material_rows,
    ),
)

REGISTRY: dict[str, Table] = {table.name: table for table in TABLES}

DICTIONARY_COLUMNS = ("file", "column", "type", "description_sv", "description_en")


def dictionary_rows() -> list[dict[str, str]]:
    """Return the data dictionary: one row per column of every file (no queries)."""
    return [
        {
            "file": f"{table.name}.csv",
            "column": column.id,
            "type": column.type,
            "description_sv": column.sv,
            "description_en": column.en,
        }
        for table in TABLES
        for column in table.columns
    ]


# Cells


def to_cell(value: Any, type_: str) -> str:
    """Return VALUE as a CSV cell of type TYPE_."""
    if value is None:
        return ""
    if type_ == "boolean":
        return "true" if value else "false"
    if type_ == "decimal":
        return format(value, "f")
    if type_ == "number":
        return repr(float(value))
    if type_ == "date":
        return str(value.isoformat())
    if type_ == "integer_list":
        return ";".join(str(item) for item in value)
    if type_ in ("text_list", "json"):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def from_cell(text: str, type_: str) -> Any:
    """Return the typed value of a CSV cell of type TYPE_ (the inverse of to_cell)."""
    if type_ == "text":
        return restore(text)  # undo the export's neutralisation of formula-leading text
    if type_ == "integer_list":
        return [int(item) for item in text.split(";")] if text else []
    if text == "":
        return None
    if type_ == "integer":
        return int(text)
    if type_ == "decimal":
        return Decimal(text)
    if type_ == "number":
        return float(text)
    if type_ == "boolean":
        return {"true": True, "false": False}[text]
    if type_ == "date":
        return datetime.date.fromisoformat(text)
    return json.loads(text)


def to_json_value(value: Any, type_: str) -> Any:
    """Return VALUE as JSON: dates as ISO text, every number as a JSON number.

    Exact decimals (two places in the database) become JSON numbers too, like the API's, so
    a reader never gets "12.50" from one file and 12.5 from another; a float holds them
    exactly at these sizes, and the CSV keeps the exact text.
    """
    if value is None:
        return None
    if type_ == "date":
        return to_cell(value, type_)
    if type_ == "decimal":
        return float(value)
    return value
