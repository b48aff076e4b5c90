"""The accessible API reference at /oppet/api/: every operation of the schema, no JavaScript."""

from mrplan.api.api import api
from tests.base import BaseTestCase


class ApiReferenceTests(BaseTestCase):
    def test_it_lists_every_operation_of_the_schema_as_plain_html(self) -> None:
        response = self.client.get("/oppet/api/")
        assert response.status_code == 200
        schema = api.get_openapi_schema(path_prefix="/api/v1/")
        for path, item in schema["paths"].items():
            for method in ("get", "post", "put", "patch", "delete"):
                if method in item:
                    assert f"<code>{method.upper()} {path}</code>" in response.text, (method, path)
        assert "<script" not in response.text.split("<main", 1)[1]
        assert 'href="/api/v1/openapi.json"' in response.text

    def test_every_page_links_to_the_accessible_reference_not_to_swagger(self) -> None:
        response = self.client.get("/")
        assert 'href="/oppet/api/"' in response.text
        assert 'href="/api/v1/docs"' not in response.text

    def test_it_is_served_in_english_with_the_swedish_summaries_marked(self) -> None:
        response = self.client.get("/en/oppet/api/")
        assert response.status_code == 200
        assert "API reference" in response.text
        assert '<span lang="sv">Visa ett program</span>' in response.text
