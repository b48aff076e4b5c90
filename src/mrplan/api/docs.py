"""The interactive documentation at /api/v1/docs, served without any CDN.

Ninja renders Swagger UI from a CDN unless "ninja" is in INSTALLED_APPS. Instead we
render our own page and serve the Swagger UI files that ship inside the ninja package
from a small whitelist, so the page works offline and leaks no visits to third parties.
"""

from pathlib import Path
from typing import Any

import ninja
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from ninja import NinjaAPI
from ninja.openapi.docs import DocsBase

from mrplan.api.errors import NotFound

NINJA_STATIC = Path(ninja.__file__).resolve().parent / "static" / "ninja"

ASSETS = {
    "swagger-ui.css": "text/css; charset=utf-8",
    "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
    "swagger-ui-init.js": "text/javascript; charset=utf-8",
}


def asset_url(api: NinjaAPI, name: str) -> str:
    """Return the URL of a Swagger UI file; the ninja version busts caches on upgrade."""
    url = reverse(f"{api.urls_namespace}:docs-asset", kwargs={"name": name})
    return f"{url}?v={ninja.__version__}"


class LocalSwagger(DocsBase):
    """Swagger UI with every script and style sheet served by this app."""

    settings: dict[str, Any] = {
        "layout": "BaseLayout",
        "deepLinking": True,
        # Swagger UI otherwise loads a validity badge from validator.swagger.io.
        "validatorUrl": None,
    }

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        openapi_url = self.get_openapi_url(api, kwargs)
        context = {
            "api": api,
            "openapi_url": openapi_url,
            "swagger_settings": {**self.settings, "url": openapi_url},
            "css_url": asset_url(api, "swagger-ui.css"),
            "bundle_url": asset_url(api, "swagger-ui-bundle.js"),
            "init_url": asset_url(api, "swagger-ui-init.js"),
        }
        response = render(request, "api/docs.html", context)
        # Swagger UI sets style attributes from its scripts; scripts stay 'self' only.
        response._csp_update = {"style-src": ["'unsafe-inline'"]}  # type: ignore[attr-defined]
        return response


def docs_asset(request: HttpRequest, name: str) -> FileResponse:
    """Serve one of the whitelisted Swagger UI files from the installed ninja package."""
    content_type = ASSETS.get(name)
    if content_type is None:
        raise NotFound
    response = FileResponse((NINJA_STATIC / name).open("rb"), content_type=content_type)
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response
