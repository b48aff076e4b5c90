"""The OpenAPI document and the interactive documentation, served without any CDN."""

import re
from urllib.parse import urlsplit

from tests.base import BaseTestCase

PATHS = [
    "/api/v1/planning/years/",
    "/api/v1/organisations/{organisation_id}/plan/{year}",
    "/api/v1/goals/{goal_id}",
    "/api/v1/activities/{activity_id}",
    "/api/v1/indicators/{indicator_id}",
    "/api/v1/reports/",
    "/api/v1/reports/{report_id}",
    "/api/v1/reports/{report_id}/submit",
    "/api/v1/reports/{report_id}/return",
    "/api/v1/reports/{report_id}/approve",
    "/api/v1/organisations/{organisation_id}/plan/{year}/goals",
    "/api/v1/organisations/{organisation_id}/plan/{year}/activities",
    "/api/v1/goals/{goal_id}/indicators",
    "/api/v1/reports/{report_id}/reopen",
    "/api/v1/organisations/",
    "/api/v1/organisations/{organisation_id}",
    "/api/v1/programmes/",
    "/api/v1/programmes/{programme_id}",
    "/api/v1/action-plans/",
    "/api/v1/action-plans/{action_plan_id}",
    "/api/v1/development-areas/{development_area_id}",
    "/api/v1/target-groups/",
    "/api/v1/sdg/goals/",
    "/api/v1/me",
]


class OpenApiTests(BaseTestCase):
    def test_it_lists_every_endpoint(self) -> None:
        response = self.client.get("/api/v1/openapi.json")
        self.assertEqual(response.status_code, 200)
        schema = response.json()
        self.assertLessEqual(set(PATHS), set(schema["paths"]))
        self.assertIn("patch", schema["paths"]["/api/v1/development-areas/{development_area_id}"])
        self.assertNotIn("/api/v1/docs/assets/{name}", schema["paths"])

    def test_it_documents_both_ways_to_authenticate_and_that_reads_need_none(self) -> None:
        schema = self.client.get("/api/v1/openapi.json").json()
        self.assertEqual(
            schema["components"]["securitySchemes"]["BearerToken"],
            {"type": "http", "scheme": "bearer"},
        )
        self.assertIn("SessionAuth", schema["components"]["securitySchemes"])
        read = schema["paths"]["/api/v1/programmes/"]["get"]["security"]
        self.assertIn({}, read)
        write = schema["paths"]["/api/v1/development-areas/{development_area_id}"]["patch"]
        self.assertNotIn({}, write["security"])


class DocsPageTests(BaseTestCase):
    def asset_urls(self, html: str) -> list[str]:
        return re.findall(r'<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"', html)

    def test_it_serves_the_docs_page_in_swedish(self) -> None:
        response = self.client.get("/api/v1/docs")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, '<html lang="sv">')
        self.assertContains(response, "/api/v1/openapi.json")

    def test_every_script_and_style_sheet_is_local(self) -> None:
        html = self.client.get("/api/v1/docs").content.decode()
        urls = self.asset_urls(html)
        self.assertEqual(len(urls), 4)  # icon, style sheet, two scripts
        for url in urls:
            parts = urlsplit(url)
            self.assertEqual((parts.scheme, parts.netloc), ("", ""), url)
            self.assertTrue(parts.path.startswith("/"), url)
        self.assertNotRegex(html, r"(?i)cdn|unpkg|jsdelivr|https?://")

    def test_the_assets_it_references_are_served(self) -> None:
        html = self.client.get("/api/v1/docs").content.decode()
        for url in self.asset_urls(html):
            if url.startswith("/static/"):
                continue  # the favicon, served by the static files app
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
            self.assertIn("immutable", response["Cache-Control"])
            body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
            self.assertGreater(len(body), 100, url)

    def test_swagger_ui_does_not_call_the_online_validator(self) -> None:
        response = self.client.get("/api/v1/docs")
        self.assertContains(response, '"validatorUrl": null')

    def test_it_serves_only_the_whitelisted_assets(self) -> None:
        for name in ("swagger-ui-bundle.js.map", "redoc.standalone.js", "..%2F__init__.py"):
            response = self.client.get(f"/api/v1/docs/assets/{name}")
            self.assertEqual(response.status_code, 404, name)

    def test_the_docs_page_works_for_a_signed_in_user(self) -> None:
        response = self.client_for(self.coordinator).get("/api/v1/docs")
        self.assertEqual(response.status_code, 200)
        self.assertRegex(response.content.decode(), r'data-csrf-token="[^"]+"')
