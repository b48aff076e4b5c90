from tests.base import BaseTestCase


class HomeTests(BaseTestCase):
    def test_it_serves_the_start_page_in_swedish(self) -> None:
        response = self.client.get("/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'lang="sv"')
        self.assertContains(response, "Hoppa till huvudinnehållet")
