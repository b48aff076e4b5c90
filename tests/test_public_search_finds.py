"""Search that finds: organisation names, diary numbers, partial words and misspellings."""

from typing import Any

from django.urls import reverse

from mrplan.consultations.models import ConsultationStatus, StatementStatus
from mrplan.public import actions
from tests.consultations_support import make_case, make_consultation, make_statement
from tests.factories import OrganisationFactory
from tests.test_planning_support import PlanningTestCase


class SearchFindsTests(PlanningTestCase):
    def search(self, q: str, **params: Any) -> list[tuple[str, str]]:
        response = self.client_for(None).get(reverse("public-search"), {"q": q, **params})
        assert response.status_code == 200
        return [(hit.kind, hit.title) for hit in response.context["page"].object_list]

    def goal(self, title: str, **fields: Any) -> None:
        actions.publish(actor=self.coordinator, obj=self.make_goal(title=title, **fields))

    def test_an_organisation_is_found_by_its_name_without_swedish_letters(self) -> None:
        OrganisationFactory(name="Skärholmens stadsdelsförvaltning")
        hits = self.search("hagersten")
        assert ("organisation", "Hägersten-Älvsjö stadsdelsförvaltning") in hits
        assert ("organisation", "Hägersten-Älvsjö stadsdelsnämnd") in hits
        assert all("Skärholmen" not in title for _kind, title in hits)

    def test_a_misspelt_or_inflected_word_still_finds(self) -> None:
        self.goal("Minska rasismen i skolan")
        self.goal("Stoppa diskriminering på arbetsplatsen")
        self.goal("Bättre parker")
        assert self.search("rasim", typ="mal") == [("mal", "Minska rasismen i skolan")]
        assert self.search("diskriminerad", typ="mal") == [
            ("mal", "Stoppa diskriminering på arbetsplatsen")
        ]

    def test_part_of_a_word_finds_the_whole_word(self) -> None:
        self.goal("Antirasistiskt arbete i förskolan")
        self.goal("Bättre parker")
        assert self.search("rasist", typ="mal") == [("mal", "Antirasistiskt arbete i förskolan")]
        assert self.search("försk", typ="mal") == [("mal", "Antirasistiskt arbete i förskolan")]

    def test_short_words_are_not_guessed_and_every_word_must_match(self) -> None:
        self.goal("Barn och rasism")
        self.goal("Bara rasism")
        assert self.search("rasism barn", typ="mal") == [("mal", "Barn och rasism")]

    def test_a_consultation_is_found_by_the_diary_number_of_an_answer(self) -> None:
        consultation = make_consultation(
            self.slk, [self.org], status=ConsultationStatus.SENT, title="Remiss om parker"
        )
        consultation.is_published = True
        consultation.save()
        case = make_case(self.org, 689, consultation_recipient=consultation.recipients.get())
        statement = make_statement(case, approvers=[self.approver])
        statement.status = StatementStatus.DECIDED
        statement.save()
        assert ("remiss", "Remiss om parker") in self.search("HÄ 2024/689")
        assert ("remiss", "Remiss om parker") in self.search("hä 2024/689")
        assert self.search("HÄ 2024/690") == []

    def test_results_come_before_the_filters_which_are_collapsed(self) -> None:
        self.goal("Minska rasismen i skolan")
        response = self.client_for(None).get(reverse("public-search"), {"q": "rasism"})
        html = response.content.decode()
        assert html.index('id="traffar"') < html.index('id="filter"')
        assert "<details" in html[html.index('id="traffar"') :]
