"""The request-free look-ups `get_<type>_for_actor`: the one rule behind pages and API.

The request-bound `get_<type>_for_user(request, …)` helpers are thin wrappers over them, so
both must give every user the same answer: found, hidden (404) or not allowed (403).
"""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from mrplan.collaboration import actions as collaboration_actions
from mrplan.collaboration import permissions as collaboration
from mrplan.consultations import permissions as consultations
from mrplan.knowledge import permissions as knowledge
from mrplan.knowledge.models import Dataset, Measure
from mrplan.organisations import permissions as organisations
from mrplan.planning import permissions as planning
from mrplan.programmes import permissions as programmes
from tests.consultations_support import make_case, make_statement
from tests.factories import ActionPlanFactory
from tests.test_planning_support import PlanningTestCase

FOUND, FORBIDDEN, HIDDEN = "found", "403", "404"
USERS = ("coordinator", "org_admin", "editor", "approver", "reader", "outsider", "nobody")


def outcome(get: Callable[..., Any], *args: Any, **kwargs: Any) -> str:
    try:
        get(*args, **kwargs)
    except Http404:
        return HIDDEN
    except PermissionDenied:
        return FORBIDDEN
    return FOUND


class ForActorTests(PlanningTestCase):
    def actor(self, name: str) -> Any:
        return AnonymousUser() if name == "anonymous" else getattr(self, name)

    def request_for(self, name: str) -> Any:
        request = RequestFactory().get("/")
        request.user = self.actor(name)
        return request

    def assert_outcomes(self, get: Callable[..., Any], key: Any, expected: dict[str, str]) -> None:
        for name, wanted in expected.items():
            with self.subTest(user=name):
                self.assertEqual(outcome(get, self.actor(name), key), wanted)

    def test_the_request_bound_helpers_give_the_same_answers(self) -> None:
        statement = make_statement(make_case(self.org, 12), approvers=[self.approver])
        report = self.make_report("T1")
        # (for_actor, for_user, the key, the request-bound helper's arguments before it)
        pairs: list[tuple[Callable[..., Any], Callable[..., Any], int, tuple[Any, ...]]] = [
            (
                consultations.get_statement_for_actor,
                consultations.get_statement_for_user,
                statement.pk,
                (),
            ),
            (
                consultations.get_case_for_actor,
                consultations.get_case_for_user,
                statement.case_id,
                (),
            ),
            (
                planning.get_report_for_actor,
                planning.get_report_for_user,
                report.pk,
                (self.org.slug, 2026),
            ),
        ]
        for name in (*USERS, "anonymous"):
            for for_actor, for_user, key, before in pairs:
                for write in (False, True):
                    with self.subTest(user=name, helper=for_actor.__name__, write=write):
                        self.assertEqual(
                            outcome(for_actor, self.actor(name), key, write=write),
                            outcome(for_user, self.request_for(name), *before, key, write=write),
                        )

    def test_a_draft_report_is_hidden_from_outsiders_and_closed_to_readers(self) -> None:
        report = self.make_report("T1")
        self.assert_outcomes(
            planning.get_report_for_actor,
            report.pk,
            {"editor": FOUND, "reader": FOUND, "outsider": HIDDEN, "nobody": FORBIDDEN},
        )
        self.assertEqual(
            outcome(planning.get_report_for_actor, self.reader, report.pk, write=True), FORBIDDEN
        )
        self.assertEqual(
            outcome(planning.get_report_for_actor, self.editor, report.pk, review=True), FORBIDDEN
        )
        self.assertEqual(
            outcome(planning.get_report_for_actor, self.coordinator, report.pk, review=True), FOUND
        )

    def test_a_goal_is_found_by_id_and_kept_to_its_plan_when_one_is_given(self) -> None:
        goal = self.make_goal()
        self.assertEqual(planning.get_goal_for_actor(self.outsider, goal.pk), goal)
        self.assertEqual(
            outcome(
                planning.get_goal_for_actor, self.editor, goal.pk, slug=self.org.slug, year=2027
            ),
            HIDDEN,
        )
        self.assertEqual(
            outcome(planning.get_goal_for_actor, self.editor, goal.pk, slug=self.other_org.slug),
            HIDDEN,
        )
        self.assertEqual(
            outcome(planning.get_goal_for_actor, self.outsider, goal.pk, write=True), FORBIDDEN
        )
        self.assertEqual(outcome(planning.get_goal_for_actor, self.nobody, goal.pk), FORBIDDEN)

    def test_a_plan_is_found_by_id_or_slug_and_an_impossible_year_is_not_found(self) -> None:
        by_id = planning.get_plan_for_actor(self.reader, self.org.pk, 2026)
        by_slug = planning.get_plan_for_actor(self.reader, self.org.slug, 2026)
        self.assertEqual(by_id, by_slug)
        self.assertEqual(by_id[1].year, 2026)
        for year in (2027, 1900, 10**30):
            with self.subTest(year=year):
                self.assertEqual(
                    outcome(planning.get_plan_for_actor, self.reader, self.org.pk, year), HIDDEN
                )
        self.assertEqual(
            outcome(planning.get_plan_for_actor, self.reader, self.org.pk, 2026, write=True),
            FORBIDDEN,
        )

    def test_partners_need_a_reader_and_their_contacts_the_registering_organisation(self) -> None:
        partner = collaboration_actions.partner_create(
            actor=self.coordinator,
            data={
                "name": "Föreningen",
                "organisation_number": "802000-0009",
                "kind": "association",
                "registered_by": self.org,
            },
        )
        self.assertEqual(collaboration.get_partner_for_actor(self.outsider, partner.pk), partner)
        get = collaboration.get_partner_for_actor
        self.assertEqual(outcome(get, self.outsider, partner.pk, contacts=True), FORBIDDEN)
        self.assertEqual(outcome(get, self.reader, partner.pk, contacts=True), FOUND)
        self.assertEqual(outcome(get, self.nobody, partner.pk), FORBIDDEN)
        # Pages send an anonymous visitor to the login; elsewhere it is the 404 it inherits.
        with self.assertRaises(collaboration.LoginRequired):
            get(AnonymousUser(), partner.pk)
        self.assertEqual(outcome(get, AnonymousUser(), partner.pk), HIDDEN)

    def test_datasets_and_measures_are_found_by_slug_or_id_when_visible(self) -> None:
        public = Dataset.objects.create(title="Öppet", slug="oppet", is_published=True)
        draft = Dataset.objects.create(title="Utkast", slug="utkast")
        measure = Measure.objects.create(dataset=draft, name="Andel", slug="andel")
        self.assertEqual(knowledge.get_dataset_for_actor(AnonymousUser(), "oppet"), public)
        self.assertEqual(knowledge.get_dataset_for_actor(AnonymousUser(), public.pk), public)
        self.assertEqual(
            outcome(knowledge.get_dataset_for_actor, AnonymousUser(), draft.pk), HIDDEN
        )
        self.assertEqual(outcome(knowledge.get_dataset_for_actor, self.reader, "utkast"), FOUND)
        self.assertEqual(
            outcome(knowledge.get_dataset_for_actor, self.reader, "utkast", write=True), FORBIDDEN
        )
        self.assertEqual(
            outcome(knowledge.get_measure_for_actor, AnonymousUser(), measure.pk), HIDDEN
        )
        self.assertEqual(knowledge.get_measure_for_actor(self.reader, measure.pk), measure)

    def test_a_draft_action_plan_is_hidden_from_the_public_by_id_and_by_slug(self) -> None:
        draft = ActionPlanFactory(title="Utkast", status="draft")
        for key in (draft.pk, draft.slug):
            with self.subTest(key=key):
                self.assertEqual(
                    outcome(programmes.get_action_plan_for_actor, AnonymousUser(), key), HIDDEN
                )
                self.assertEqual(
                    outcome(programmes.get_action_plan_for_actor, self.reader, key), FOUND
                )
                self.assertEqual(
                    outcome(programmes.get_action_plan_for_actor, self.reader, key, write=True),
                    FORBIDDEN,
                )

    def test_an_organisation_is_public_and_edited_by_its_administrators(self) -> None:
        get = organisations.get_organisation_for_actor
        self.assertEqual(get(AnonymousUser(), self.org.pk), self.org)
        self.assertEqual(get(AnonymousUser(), self.org.slug), self.org)
        self.assertEqual(outcome(get, self.org_admin, self.org.pk, write=True), FOUND)
        self.assertEqual(outcome(get, self.editor, self.org.pk, write=True), FORBIDDEN)
        self.assertEqual(outcome(get, AnonymousUser(), "finns-inte"), HIDDEN)
        self.assertEqual(outcome(get, AnonymousUser(), -1), HIDDEN)
