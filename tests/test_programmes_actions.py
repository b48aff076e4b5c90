import datetime

from django.core.exceptions import PermissionDenied, ValidationError

from mrplan.core.models import AuditEvent
from mrplan.programmes import actions
from mrplan.programmes.models import (
    ActionPlan,
    CityActivity,
    DevelopmentArea,
    FocusArea,
    Programme,
    TargetGroup,
)
from tests.test_programmes_base import ProgrammeTestCase


class DevelopmentAreaUpdateTests(ProgrammeTestCase):
    def test_it_updates_and_records_each_change_before_and_after(self) -> None:
        area = actions.development_area_update(
            actor=self.coordinator,
            development_area=self.area,
            data={
                "title": "Öka kunskapen om rasism",
                "focus_areas": [self.knowledge, self.welfare],
                "target_groups": [self.racism],
                "sdg_targets": [self.target],
                "position": 3,
            },
        )
        area.refresh_from_db()
        self.assertEqual(area.title, "Öka kunskapen om rasism")
        self.assertEqual(set(area.focus_areas.all()), {self.knowledge, self.welfare})
        event = self.last_event(verb="update", object_id=str(area.pk))
        self.assertEqual(event.actor, self.coordinator)
        self.assertEqual(
            event.changes["title"],
            ["Öka kunskapen om rasism och diskriminering", "Öka kunskapen om rasism"],
        )
        self.assertEqual(
            event.changes["focus_areas"],
            [["Kunskap och information"], ["Kunskap och information", "Välfärd och service"]],
        )
        self.assertEqual(event.changes["position"], [0, 3])

    def test_it_refuses_an_update_by_an_editor(self) -> None:
        for user in (self.editor, self.reader, self.org_admin, self.nobody):
            with self.subTest(user=user.username), self.assertRaises(PermissionDenied):
                actions.development_area_update(
                    actor=user, development_area=self.area, data={"title": "Nytt"}
                )
        self.area.refresh_from_db()
        self.assertEqual(self.area.title, "Öka kunskapen om rasism och diskriminering")
        self.assertFalse(AuditEvent.objects.filter(verb="update").exists())

    def test_it_rejects_an_empty_title_in_swedish(self) -> None:
        with self.assertRaises(ValidationError) as caught:
            actions.development_area_update(
                actor=self.coordinator, development_area=self.area, data={"title": "   "}
            )
        self.assertEqual(
            caught.exception.message_dict["title"], ["Ange utvecklingsområdets titel."]
        )
        self.area.refresh_from_db()
        self.assertEqual(self.area.title, "Öka kunskapen om rasism och diskriminering")

    def test_it_rejects_a_focus_area_of_another_programme(self) -> None:
        with self.assertRaises(ValidationError) as caught:
            actions.development_area_update(
                actor=self.coordinator,
                development_area=self.area,
                data={"focus_areas": [self.draft_focus_area], "title": "Nytt namn"},
            )
        self.assertEqual(
            caught.exception.message_dict["focus_areas"],
            ["Fokusområdet ”Utkastets fokus” hör till ett annat program än handlingsplanen."],
        )
        self.area.refresh_from_db()
        self.assertEqual(self.area.title, "Öka kunskapen om rasism och diskriminering")
        self.assertEqual(list(self.area.focus_areas.all()), [self.knowledge])
        self.assertFalse(AuditEvent.objects.exists())

    def test_it_requires_at_least_one_focus_area(self) -> None:
        with self.assertRaises(ValidationError) as caught:
            actions.development_area_update(
                actor=self.coordinator, development_area=self.area, data={"focus_areas": []}
            )
        self.assertIn("Välj minst ett fokusområde", caught.exception.messages[0])

    def test_it_leaves_the_instance_untouched_when_the_input_is_refused(self) -> None:
        with self.assertRaises(ValidationError):
            actions.development_area_update(
                actor=self.coordinator, development_area=self.area, data={"position": -1}
            )
        self.assertEqual(self.area.position, 0)

    def test_it_refuses_fields_it_does_not_know(self) -> None:
        with self.assertRaises(ValueError):
            actions.development_area_update(
                actor=self.coordinator, development_area=self.area, data={"action_plan": None}
            )


class DevelopmentAreaCreateTests(ProgrammeTestCase):
    def test_it_creates_an_area_answering_a_focus_area(self) -> None:
        area = actions.development_area_create(
            actor=self.coordinator,
            action_plan=self.plan,
            data={
                "title": "Motverka att barn och unga utsätts för rasism",
                "focus_areas": [self.welfare],
            },
        )
        self.assertEqual(area.action_plan, self.plan)
        self.assertEqual(list(area.focus_areas.all()), [self.welfare])
        event = self.last_event(verb="create", object_id=str(area.pk))
        self.assertEqual(event.changes["focus_areas"], [None, ["Välfärd och service"]])

    def test_it_requires_a_focus_area_when_creating(self) -> None:
        with self.assertRaises(ValidationError) as caught:
            actions.development_area_create(
                actor=self.coordinator, action_plan=self.plan, data={"title": "Utan fokus"}
            )
        self.assertIn("focus_areas", caught.exception.message_dict)
        self.assertFalse(DevelopmentArea.objects.filter(title="Utan fokus").exists())


class ProgrammeActionTests(ProgrammeTestCase):
    def test_it_creates_a_programme_with_a_slug_from_its_title(self) -> None:
        programme = actions.programme_create(
            actor=self.coordinator,
            data={"title": "Program för äldres rättigheter", "status": "draft"},
        )
        self.assertEqual(programme.slug, "program-for-aldres-rattigheter")
        self.assertTrue(
            AuditEvent.objects.filter(verb="create", object_id=str(programme.pk)).exists()
        )

    def test_it_makes_generated_slugs_unique_and_avoids_reserved_addresses(self) -> None:
        first = actions.programme_create(actor=self.coordinator, data={"title": "MR"})
        self.assertEqual(first.slug, "mr-2")
        reserved = actions.programme_create(actor=self.coordinator, data={"title": "Ny"})
        self.assertEqual(reserved.slug, "ny-2")

    def test_it_refuses_a_reserved_slug(self) -> None:
        with self.assertRaises(ValidationError) as caught:
            actions.programme_create(
                actor=self.coordinator, data={"title": "Målgrupper", "slug": "malgrupper"}
            )
        self.assertEqual(
            caught.exception.message_dict["slug"], ["Adressnamnet är reserverat. Välj ett annat."]
        )

    def test_it_refuses_an_adopted_programme_without_adoption_date(self) -> None:
        with self.assertRaises(ValidationError) as caught:
            actions.programme_update(
                actor=self.coordinator,
                programme=self.draft,
                data={"status": "adopted", "adopted_on": None},
            )
        self.assertEqual(
            caught.exception.message_dict["adopted_on"], ["Ange när programmet antogs."]
        )
        self.draft.refresh_from_db()
        self.assertEqual(self.draft.status, "draft")

    def test_it_refuses_a_programme_that_replaces_itself(self) -> None:
        with self.assertRaises(ValidationError) as caught:
            actions.programme_update(
                actor=self.coordinator,
                programme=self.programme,
                data={"replaces": [self.programme]},
            )
        self.assertEqual(
            caught.exception.message_dict["replaces"], ["Ett program kan inte ersätta sig självt."]
        )

    def test_it_reports_every_error_at_once(self) -> None:
        with self.assertRaises(ValidationError) as caught:
            actions.programme_update(
                actor=self.coordinator,
                programme=self.programme,
                data={
                    "title": "",
                    "valid_from": datetime.date(2025, 1, 1),
                    "valid_until": datetime.date(2024, 1, 1),
                },
            )
        errors = caught.exception.message_dict
        self.assertEqual(errors["title"], ["Ange programmets titel."])
        self.assertEqual(errors["valid_until"], ["Slutdatumet kan inte ligga före startdatumet."])

    def test_it_records_a_status_change(self) -> None:
        actions.programme_update(
            actor=self.coordinator, programme=self.draft, data={"status": "on_consultation"}
        )
        event = self.last_event(verb="update", object_id=str(self.draft.pk))
        self.assertEqual(event.changes, {"status": ["draft", "on_consultation"]})

    def test_it_refuses_a_programme_by_a_non_coordinator(self) -> None:
        with self.assertRaises(PermissionDenied):
            actions.programme_create(actor=self.org_admin, data={"title": "Nytt"})
        self.assertFalse(Programme.objects.filter(title="Nytt").exists())


class FocusAreaActionTests(ProgrammeTestCase):
    def test_it_adds_and_renames_a_focus_area(self) -> None:
        area = actions.focus_area_create(
            actor=self.coordinator,
            programme=self.programme,
            data={"title": "Delaktighet och inflytande", "position": 3},
        )
        actions.focus_area_update(
            actor=self.coordinator, focus_area=area, data={"title": "Delaktighet"}
        )
        event = self.last_event(verb="update", object_id=str(area.pk))
        self.assertEqual(event.changes["title"], ["Delaktighet och inflytande", "Delaktighet"])

    def test_it_refuses_a_second_focus_area_with_the_same_title(self) -> None:
        with self.assertRaises(ValidationError) as caught:
            actions.focus_area_create(
                actor=self.coordinator,
                programme=self.programme,
                data={"title": "kunskap och information"},
            )
        self.assertEqual(
            caught.exception.message_dict["title"],
            ["Programmet har redan ett fokusområde med den titeln."],
        )
        self.assertEqual(FocusArea.objects.filter(programme=self.programme).count(), 2)

    def test_it_refuses_a_focus_area_by_an_editor(self) -> None:
        with self.assertRaises(PermissionDenied):
            actions.focus_area_update(actor=self.editor, focus_area=self.knowledge, data={})


class ActionPlanActionTests(ProgrammeTestCase):
    def test_it_adds_an_action_plan_with_special_focus(self) -> None:
        plan = actions.action_plan_create(
            actor=self.coordinator,
            programme=self.programme,
            data={
                "title": "Handlingsplan för romsk inkludering",
                "status": "draft",
                "special_focus": [self.racism],
            },
        )
        self.assertEqual(plan.slug, "handlingsplan-for-romsk-inkludering")
        self.assertEqual(list(plan.special_focus.all()), [self.racism])

    def test_it_updates_an_action_plan(self) -> None:
        actions.action_plan_update(
            actor=self.coordinator, action_plan=self.plan, data={"status": "on_consultation"}
        )
        event = self.last_event(verb="update", object_id=str(self.plan.pk))
        self.assertEqual(event.changes, {"status": ["adopted", "on_consultation"]})

    def test_it_rejects_an_empty_title(self) -> None:
        with self.assertRaises(ValidationError):
            actions.action_plan_create(
                actor=self.coordinator, programme=self.programme, data={"title": ""}
            )
        self.assertEqual(ActionPlan.objects.filter(programme=self.programme).count(), 2)


class CityActivityActionTests(ProgrammeTestCase):
    def test_it_adds_changes_and_removes_an_activity(self) -> None:
        activity = actions.city_activity_create(
            actor=self.coordinator,
            development_area=self.area,
            data={"title": "Utbildningsinsatser", "responsible": self.slk},
        )
        actions.city_activity_update(
            actor=self.coordinator, city_activity=activity, data={"responsible": None}
        )
        event = self.last_event(verb="update", object_id=str(activity.pk))
        self.assertEqual(event.changes["responsible"], ["Stadsledningskontoret", None])
        actions.city_activity_delete(actor=self.coordinator, city_activity=activity)
        self.assertFalse(CityActivity.objects.filter(pk=activity.pk).exists())
        deleted = self.last_event(verb="delete")
        self.assertEqual(deleted.object_repr, "Utbildningsinsatser")

    def test_it_refuses_to_remove_an_activity_for_a_reader(self) -> None:
        with self.assertRaises(PermissionDenied):
            actions.city_activity_delete(actor=self.reader, city_activity=self.activity)
        self.assertTrue(CityActivity.objects.filter(pk=self.activity.pk).exists())


class TargetGroupActionTests(ProgrammeTestCase):
    def test_it_adds_a_target_group_with_a_slug(self) -> None:
        group = actions.target_group_create(
            actor=self.coordinator,
            data={"name": "Sverigefinnar", "category": "national_minority"},
        )
        self.assertEqual(group.slug, "sverigefinnar")

    def test_it_refuses_a_duplicate_name(self) -> None:
        with self.assertRaises(ValidationError) as caught:
            actions.target_group_create(
                actor=self.coordinator, data={"name": "antisemitism", "category": "other"}
            )
        self.assertEqual(
            caught.exception.message_dict["name"], ["Det finns redan en målgrupp med det namnet."]
        )

    def test_it_refuses_a_parent_cycle(self) -> None:
        actions.target_group_update(
            actor=self.coordinator, target_group=self.racism, data={"parent": self.ground}
        )
        with self.assertRaises(ValidationError) as caught:
            actions.target_group_update(
                actor=self.coordinator, target_group=self.ground, data={"parent": self.racism}
            )
        self.assertIn("parent", caught.exception.message_dict)
        self.ground.refresh_from_db()
        self.assertIsNone(self.ground.parent)

    def test_it_refuses_an_unknown_category_in_swedish(self) -> None:
        with self.assertRaises(ValidationError) as caught:
            actions.target_group_create(
                actor=self.coordinator, data={"name": "Något", "category": "nonsense"}
            )
        self.assertIn("är inget giltigt alternativ", caught.exception.message_dict["category"][0])
        self.assertFalse(TargetGroup.objects.filter(name="Något").exists())
