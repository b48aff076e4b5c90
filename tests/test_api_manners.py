"""API manners: CORS for reading, caching headers with ETag, the caller's language."""

from tests.base import BaseTestCase


class ApiMannersTests(BaseTestCase):
    def test_anyone_may_read_the_api_from_another_site_but_never_with_credentials(self) -> None:
        response = self.client.get("/api/v1/open/", HTTP_ORIGIN="https://tidning.example")
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "Access-Control-Allow-Credentials" not in response
        preflight = self.client.options(
            "/api/v1/open/goals/",
            HTTP_ORIGIN="https://tidning.example",
            HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        )
        assert "POST" not in preflight.get("Access-Control-Allow-Methods", "")
        page = self.client.get("/organisationer/", HTTP_ORIGIN="https://tidning.example")
        assert "Access-Control-Allow-Origin" not in page

    def test_public_answers_are_cacheable_with_an_etag_and_a_repeat_gets_304(self) -> None:
        response = self.client.get("/api/v1/open/")
        assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
        etag = response["ETag"]
        again = self.client.get("/api/v1/open/", HTTP_IF_NONE_MATCH=etag)
        assert again.status_code == 304

    def test_answers_to_a_signed_in_caller_are_private(self) -> None:
        response = self.client_for(self.editor).get("/api/v1/open/")
        assert "private" in response["Cache-Control"]
        assert "public" not in response["Cache-Control"]

    def test_errors_come_in_english_when_the_caller_asks_for_it(self) -> None:
        swedish = self.client.get("/api/v1/open/activities/999999")
        assert swedish.json()["detail"].startswith("Raden finns inte")
        assert swedish["Content-Language"] == "sv"
        english = self.client.get("/api/v1/open/activities/999999", HTTP_ACCEPT_LANGUAGE="en")
        assert english["Content-Language"] == "en"
        assert english.json()["detail"] == "The row is not among the published data."
        invalid = self.client.get("/api/v1/open/goals/?page_size=500", HTTP_ACCEPT_LANGUAGE="en")
        assert invalid.status_code == 422
        assert "100" in invalid.json()["errors"]["page_size"][0]
        assert "högst" not in invalid.content.decode()
