"""Hostile input gets a 400 with a Swedish message, never a server error."""

import json

from django.test import Client

from tests.base import BaseTestCase

MESSAGE = "Förfrågan innehåller tecken eller värden som inte kan tas emot."


class BadInputTests(BaseTestCase):
    def browser(self, user: object = None) -> Client:
        client = self.client_for(user)  # type: ignore[arg-type]
        client.raise_request_exception = False
        return client

    def test_a_nul_in_a_query_parameter_gets_400_on_every_page(self) -> None:
        for url in [
            "/samverkan/partner/?malgrupp=%00",
            "/kunskap/?x=%00",
            "/oppet/sok/?q=a%00b",
            "/program/?%00=1",
            "/api/v1/programmes/?page=1&x=%00",
        ]:
            response = self.browser(self.coordinator).get(url)
            assert response.status_code == 400, url
            if url.startswith("/api/"):
                assert response.json() == {"detail": MESSAGE}
            else:
                self.assertContains(response, MESSAGE, status_code=400)

    def test_a_nul_in_a_json_body_gets_a_json_400(self) -> None:
        for body in ['{"title": "a\\u0000b"}', '{"title": "a\\U0000b"}', '{"t": "a\x00"}']:
            response = self.browser(self.coordinator).post(
                "/api/v1/programmes/", body, content_type="application/json"
            )
            assert response.status_code == 400, body
            assert response.json() == {"detail": MESSAGE}

    def test_an_escaped_backslash_before_u0000_is_ordinary_text(self) -> None:
        body = json.dumps({"q": "C:\\u0000"})
        response = self.browser(self.coordinator).post(
            "/api/v1/programmes/", body, content_type="application/json"
        )
        assert response.status_code != 400

    def test_a_nul_in_a_form_gets_400_and_changes_nothing(self) -> None:
        response = self.browser(self.coordinator).post(
            "/samverkan/partner/ny/", {"name": "Förening\x00", "kind": "association"}
        )
        self.assertContains(response, MESSAGE, status_code=400)

    def test_a_page_number_out_of_range_gets_400_on_every_list(self) -> None:
        for url in [
            "/api/v1/programmes/?page=99999999999999999999",
            "/api/v1/organisations/?page=99999999999999999999",
            "/api/v1/reports/?page=-99999999999999999999",
            "/api/v1/programmes/?page_size=99999999999999999999",
            "/samverkan/material/?page=99999999999999999999",
            "/oppet/sok/?q=a&page=99999999999999999999",
        ]:
            response = self.browser(self.coordinator).get(url)
            assert response.status_code == 400, url
            if url.startswith("/api/"):
                assert response.json() == {"detail": MESSAGE}

    def test_an_ordinary_page_number_passes(self) -> None:
        response = self.browser(self.coordinator).get("/api/v1/programmes/?page=1")
        assert response.status_code == 200

    def test_the_message_is_english_under_en(self) -> None:
        response = self.browser().get("/en/oppet/sok/?q=%00")
        assert response.status_code == 400
        assert "could not be accepted" in response.content.decode()
