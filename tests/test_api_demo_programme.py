from django.test import TestCase

from mrplan.organisations.demo import load_organisations
from mrplan.programmes.agenda2030 import load_agenda2030
from mrplan.programmes.demo import load_programmes


class DemoProgrammeApiTests(TestCase):
    """GET /api/v1/programmes/ returns the MR programme as the seeds describe it."""

    @classmethod
    def setUpTestData(cls) -> None:
        load_agenda2030()
        load_organisations()
        load_programmes()

    def test_anyone_gets_the_mr_programme_with_3_focus_areas_and_6_action_plans(self) -> None:
        response = self.client.get("/api/v1/programmes/")
        self.assertEqual(response.status_code, 200)
        programme = next(p for p in response.json()["items"] if p["status"] == "adopted")
        self.assertEqual(
            programme["title"], "Stockholms stads program för de mänskliga rättigheterna"
        )
        self.assertEqual(
            programme["goal"],
            "Stockholms stad är en öppen, jämlik och jämställd stad, "
            "fri från alla former av diskriminering och rasism.",
        )
        self.assertEqual(
            [area["title"] for area in programme["focus_areas"]],
            ["Kunskap och information", "Välfärd och service", "Delaktighet och inflytande"],
        )
        self.assertEqual(len(programme["action_plans"]), 6)
        self.assertIn("Handlingsplan mot rasism", [p["title"] for p in programme["action_plans"]])
