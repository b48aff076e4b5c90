"""An accessible, server-rendered reference of the API, read from its own OpenAPI schema.

Swagger UI (at /api/v1/docs) needs JavaScript and fails WCAG 2.1 AA in ways we cannot theme
away (contrast, nested interactive controls). This page lists the same operations as plain
HTML – headings, tables and lists – so it works with a screen reader, by keyboard, zoomed
and without JavaScript. It is built from the schema, so it can never drift from the API.
"""

from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

METHODS = ("get", "post", "put", "patch", "delete")


@dataclass
class Parameter:
    name: str
    where: str
    type: str
    required: bool
    description: str


@dataclass
class Operation:
    method: str
    path: str
    summary: str
    description: str
    anchor: str
    public: bool
    parameters: list[Parameter] = field(default_factory=list)
    body: str = ""
    result: str = ""
    statuses: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Group:
    title: str
    anchor: str
    operations: list[Operation] = field(default_factory=list)


def _type(schema: dict[str, Any]) -> str:
    """Return a short, readable name of a JSON schema's type."""
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " | ".join(_type(part) for part in schema["anyOf"])
    if schema.get("type") == "array":
        return f"[{_type(schema.get('items', {}))}]"
    return str(schema.get("type") or schema.get("title") or "–")


def _content_type(section: dict[str, Any]) -> str:
    content = section.get("content", {}).get("application/json", {})
    return _type(content.get("schema", {})) if content else ""


def groups(schema: dict[str, Any]) -> list[Group]:
    """Return the schema's operations grouped by tag, in the schema's order."""
    found: dict[str, Group] = {}
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            tag = (operation.get("tags") or [_("Övrigt")])[0]
            group = found.setdefault(tag, Group(title=tag, anchor=f"grupp-{len(found) + 1}"))
            ok = next((c for c in operation.get("responses", {}) if str(c).startswith("2")), "")
            group.operations.append(
                Operation(
                    method=method.upper(),
                    path=path,
                    summary=operation.get("summary", ""),
                    description=operation.get("description", ""),
                    anchor=operation.get("operationId", f"{method}-{path}"),
                    public={} in operation.get("security", [{}]) or "security" not in operation,
                    parameters=[
                        Parameter(
                            name=parameter["name"],
                            where=parameter["in"],
                            type=_type(parameter.get("schema", {})),
                            required=bool(parameter.get("required")),
                            description=parameter.get("description", "")
                            or parameter.get("schema", {}).get("description", ""),
                        )
                        for parameter in operation.get("parameters", [])
                    ],
                    body=_content_type(operation.get("requestBody", {})),
                    result=_content_type(operation.get("responses", {}).get(ok, {})),
                    statuses=[
                        (code, response.get("description", ""))
                        for code, response in operation.get("responses", {}).items()
                    ],
                )
            )
    return list(found.values())


@require_GET
def api_reference(request: HttpRequest) -> HttpResponse:
    """Show every API operation as an accessible page (the schema is the source)."""
    from mrplan.api.api import api

    schema = api.get_openapi_schema(path_prefix=reverse("api-v1:api-root"))
    context = {
        "api_title": schema["info"]["title"],
        "api_description": schema["info"].get("description", ""),
        "groups": groups(schema),
        "schema_models": sorted(schema.get("components", {}).get("schemas", {})),
        "openapi_url": reverse("api-v1:openapi-json"),
        "swagger_url": reverse("api-v1:openapi-view"),
        "crumbs": [(None, _("API-referens"))],
    }
    return render(request, "api/reference.html", context)
