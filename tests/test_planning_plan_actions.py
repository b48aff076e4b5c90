from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError

from mrplan.planning import actions
from mrplan.planning.actions import MilestoneInput
from mrplan.planning.models import Activity, Goal, Indicator, IndicatorValue, Milestone
from tests.test_planning_support import PlanningTestCase


class GoalActionTests(PlanningTestCase):
    def test_an_editor_creates_a_goal_tied_to_areas_groups_and_targets(self) -> None:
        goal = actions.goal_create(
            actor=self.editor,
            organisation=self.org,
            planning_year=self.year,
            data={
                "title": "  Medarbetare har kunskap om rasism ",
                "description": "Alla chefer utbildas.",
                "development_areas": [self.area, self.children_area],
                "target_groups": [self.target_group],
            },
        )
        self.assertEqual(goal.title, "Medarbetare har kunskap om rasism")
        self.assertEqual(set(goal.development_areas.all()), {self.area, self.children_area})
        event = self.events_for(goal, "create")[0]
        self.assertEqual(event.changes["target_groups"], [None, ["Afrofobi"]])

    def test_org_admins_and_coordinators_write_too_but_not_readers_or_outsiders(self) -> None:
        for user in (self.org_admin, self.coordinator):
            actions.goal_create(
                actor=user, organisation=self.org, planning_year=self.year, data={"title": "Mål"}
            )
        for user in (self.approver, self.reader, self.outsider, self.nobody):
            with self.assertRaises(PermissionDenied):
                actions.goal_create(
                    actor=user,
                    organisation=self.org,
                    planning_year=self.year,
                    data={"title": "Otillåtet"},
                )
        self.assertEqual(Goal.objects.filter(title="Otillåtet").count(), 0)
        self.assertEqual(Goal.objects.filter(title="Mål").count(), 2)

    def test_it_refuses_an_empty_title_and_changes_nothing(self) -> None:
        goal = self.make_goal(title="Ursprunglig titel")
        with self.assertRaisesMessage(ValidationError, "Målet måste ha en titel"):
            actions.goal_update(actor=self.editor, goal=goal, data={"title": "   "})
        goal.refresh_from_db()
        self.assertEqual(goal.title, "Ursprunglig titel")
        self.assertEqual(self.events_for(goal), [])

    def test_an_update_records_before_and_after(self) -> None:
        goal = self.make_goal(title="Före")
        actions.goal_update(
            actor=self.editor,
            goal=goal,
            data={"title": "Efter", "development_areas": [self.children_area]},
        )
        event = self.events_for(goal, "update")[0]
        self.assertEqual(event.changes["title"], ["Före", "Efter"])
        self.assertEqual(
            event.changes["development_areas"], [[self.area.title], [self.children_area.title]]
        )

    def test_a_closed_year_is_read_only(self) -> None:
        goal = self.make_goal()
        self.close_year()
        with self.assertRaisesMessage(ValidationError, "Alla perioder för 2026 är stängda"):
            actions.goal_update(actor=self.coordinator, goal=goal, data={"title": "Nytt"})
        with self.assertRaisesMessage(ValidationError, "stängda"):
            actions.goal_create(
                actor=self.editor,
                organisation=self.org,
                planning_year=self.year,
                data={"title": "X"},
            )
        self.assertEqual(Goal.objects.count(), 1)

    def test_a_goal_with_activities_cannot_be_deleted(self) -> None:
        goal = self.make_goal()
        self.make_activity(goal)
        with self.assertRaisesMessage(ValidationError, "Målet har aktiviteter"):
            actions.goal_delete(actor=self.editor, goal=goal)
        self.assertTrue(Goal.objects.filter(pk=goal.pk).exists())

    def test_a_goal_in_a_submitted_report_cannot_be_deleted_but_a_draft_one_can(self) -> None:
        goal = self.make_goal()
        indicator = self.make_indicator(goal)
        report = self.make_report("T1")
        IndicatorValue.objects.create(report=report, indicator=indicator, value=Decimal(3))
        report.status = "submitted"
        report.save()
        with self.assertRaisesMessage(ValidationError, "inskickad, godkänd eller stängd"):
            actions.goal_delete(actor=self.editor, goal=goal)
        report.status = "draft"
        report.save()
        pk = goal.pk
        actions.goal_delete(actor=self.editor, goal=goal)
        self.assertFalse(Goal.objects.filter(pk=pk).exists())
        self.assertFalse(Indicator.objects.filter(pk=indicator.pk).exists())
        self.assertEqual(len(self.events_for(goal, "delete", pk=pk)), 1)


class ActivityCreateTests(PlanningTestCase):
    def test_an_editor_adds_an_activity_with_milestones(self) -> None:
        goal = self.make_goal()
        activity = actions.activity_create(
            actor=self.editor,
            organisation=self.org,
            planning_year=self.year,
            data={
                "title": "Utbildning för chefer",
                "goal": goal,
                "responsible_department": self.department,
                "start_date": self.date(2, 1),
                "end_date": self.date(6, 30),
                "status": "ongoing",
                "progress": 30,
                "weight": 2,
                "target_groups": [self.target_group],
            },
            milestones=[
                MilestoneInput(pk=None, date=self.date(3, 1), title="Första tillfället"),
                MilestoneInput(pk=None, date=self.date(6, 1), title="Sista", done=False),
            ],
        )
        self.assertEqual(activity.version, 1)
        self.assertEqual(activity.milestones.count(), 2)
        self.assertEqual(self.events_for(activity, "create")[0].changes["weight"], [None, 2])
        milestone_event = self.events_for(activity, "update")[0]
        self.assertEqual(
            milestone_event.changes["delmål"],
            [[], ["2026-03-01 Första tillfället", "2026-06-01 Sista"]],
        )

    def test_it_needs_a_goal_an_area_or_a_city_activity(self) -> None:
        with self.assertRaisesMessage(ValidationError, "Koppla aktiviteten till ett mål"):
            actions.activity_create(
                actor=self.editor,
                organisation=self.org,
                planning_year=self.year,
                data={"title": "Lös aktivitet", "status": "not_started", "progress": 0},
            )
        self.assertFalse(Activity.objects.exists())

    def test_it_refuses_inconsistent_input_and_writes_nothing(self) -> None:
        other_goal = self.make_goal(organisation=self.other_org, title="Kulturens mål")
        other_area_city_activity = self.city_activity  # belongs to self.area
        cases = [
            ({"goal": other_goal}, "Målet hör till en annan organisation"),
            ({"responsible_department": self.other_department}, "Avdelningen hör inte till"),
            ({"start_date": self.date(6, 1), "end_date": self.date(5, 1)}, "Slutdatumet"),
            ({"status": "completed", "progress": 50}, "genomförd aktivitet"),
            ({"status": "not_started", "progress": 10}, "inte är påbörjad"),
            (
                {"development_area": self.other_area, "city_activity": other_area_city_activity},
                "ett annat utvecklingsområde",
            ),
            ({"progress": 101}, "100"),
        ]
        for extra, message in cases:
            data = {
                "title": "Aktivitet",
                "development_area": self.area,
                "status": "ongoing",
                "progress": 20,
                **extra,
            }
            with self.subTest(message), self.assertRaisesMessage(ValidationError, message):
                actions.activity_create(
                    actor=self.editor, organisation=self.org, planning_year=self.year, data=data
                )
        self.assertFalse(Activity.objects.exists())

    def test_a_bad_milestone_rolls_back_the_whole_activity(self) -> None:
        with self.assertRaisesMessage(ValidationError, "behöver både datum och titel"):
            actions.activity_create(
                actor=self.editor,
                organisation=self.org,
                planning_year=self.year,
                data={"title": "Aktivitet", "development_area": self.area, "status": "ongoing"},
                milestones=[MilestoneInput(pk=None, date=None, title="Utan datum")],
            )
        self.assertFalse(Activity.objects.exists())
        self.assertFalse(Milestone.objects.exists())

    def test_outsiders_and_readers_cannot_add_activities(self) -> None:
        for user in (self.reader, self.approver, self.outsider):
            with self.assertRaises(PermissionDenied):
                actions.activity_create(
                    actor=user,
                    organisation=self.org,
                    planning_year=self.year,
                    data={"title": "X", "development_area": self.area},
                )


class ActivityUpdateTests(PlanningTestCase):
    def test_an_update_raises_the_version_and_records_before_and_after(self) -> None:
        activity = self.make_activity(progress=40)
        actions.activity_update(
            actor=self.editor, activity=activity, data={"progress": 60}, version=1
        )
        activity.refresh_from_db()
        self.assertEqual((activity.progress, activity.version), (60, 2))
        self.assertEqual(self.events_for(activity, "update")[0].changes["progress"], [40, 60])

    def test_a_stale_save_is_refused_and_nothing_is_overwritten(self) -> None:
        activity = self.make_activity(progress=40)
        opened_by_anna = Activity.objects.get(pk=activity.pk)
        opened_by_erik = Activity.objects.get(pk=activity.pk)
        actions.activity_update(
            actor=self.org_admin, activity=opened_by_anna, data={"progress": 50}, version=1
        )
        with self.assertRaisesMessage(
            ValidationError, "Aktiviteten har ändrats sedan du öppnade den"
        ):
            actions.activity_update(
                actor=self.editor,
                activity=opened_by_erik,
                data={"progress": 90, "title": "Eriks titel"},
                version=1,
            )
        activity.refresh_from_db()
        self.assertEqual(
            (activity.progress, activity.title, activity.version), (50, activity.title, 2)
        )
        self.assertNotEqual(activity.title, "Eriks titel")
        self.assertEqual(len(self.events_for(activity, "update")), 1)

    def test_invalid_input_leaves_the_version_as_it_was(self) -> None:
        activity = self.make_activity()
        with self.assertRaises(ValidationError):
            actions.activity_update(
                actor=self.editor, activity=activity, data={"progress": 300}, version=1
            )
        activity.refresh_from_db()
        self.assertEqual((activity.version, activity.progress), (1, 40))

    def test_milestones_are_changed_added_and_removed(self) -> None:
        activity = self.make_activity()
        first = Milestone.objects.create(activity=activity, date=self.date(3, 1), title="Första")
        second = Milestone.objects.create(activity=activity, date=self.date(4, 1), title="Andra")
        actions.activity_update(
            actor=self.editor,
            activity=activity,
            data={},
            version=1,
            milestones=[
                MilestoneInput(pk=first.pk, date=first.date, title="Första", done=True),
                MilestoneInput(pk=second.pk, date=second.date, title="Andra", delete=True),
                MilestoneInput(pk=None, date=self.date(9, 1), title="Tredje"),
            ],
        )
        titles = list(activity.milestones.values_list("title", "done"))
        self.assertEqual(titles, [("Första", True), ("Tredje", False)])
        event = self.events_for(activity, "update")[0]
        self.assertEqual(event.changes["delmål"][1], ["2026-03-01 Första ✓", "2026-09-01 Tredje"])

    def test_another_activitys_milestone_is_refused(self) -> None:
        activity = self.make_activity()
        other = self.make_activity(title="Annan")
        foreign = Milestone.objects.create(activity=other, date=self.date(3, 1), title="Främmande")
        with self.assertRaisesMessage(ValidationError, "finns inte längre"):
            actions.activity_update(
                actor=self.editor,
                activity=activity,
                data={"progress": 45},
                version=1,
                milestones=[MilestoneInput(pk=foreign.pk, date=foreign.date, title="Kapad")],
            )
        foreign.refresh_from_db()
        self.assertEqual(foreign.title, "Främmande")
        activity.refresh_from_db()
        self.assertEqual((activity.progress, activity.version), (40, 1))

    def test_an_activity_in_an_approved_report_cannot_be_deleted(self) -> None:
        activity = self.make_activity()
        self.make_report("T1", status="approved")
        with self.assertRaisesMessage(ValidationError, "Ändra dess status till Inställd"):
            actions.activity_delete(actor=self.editor, activity=activity)
        self.assertTrue(Activity.objects.filter(pk=activity.pk).exists())

    def test_an_activity_only_in_a_draft_report_is_deleted_with_its_update(self) -> None:
        activity = self.make_activity()
        report = self.make_report("T1")
        self.assertEqual(report.activity_updates.count(), 1)
        pk = activity.pk
        actions.activity_delete(actor=self.editor, activity=activity)
        self.assertFalse(Activity.objects.filter(pk=pk).exists())
        self.assertEqual(report.activity_updates.count(), 0)
        self.assertEqual(len(self.events_for(activity, "delete", pk=pk)), 1)

    def test_outsiders_cannot_delete(self) -> None:
        activity = self.make_activity()
        with self.assertRaises(PermissionDenied):
            actions.activity_delete(actor=self.outsider, activity=activity)
        self.assertTrue(Activity.objects.filter(pk=activity.pk).exists())


class IndicatorActionTests(PlanningTestCase):
    def test_an_editor_adds_an_indicator_with_a_breakdown(self) -> None:
        goal = self.make_goal()
        indicator = actions.indicator_create(
            actor=self.editor,
            goal=goal,
            data={
                "name": "Andel medarbetare som gått utbildningen",
                "unit": "procent",
                "direction": "higher",
                "baseline_value": Decimal("8.5"),
                "baseline_year": 2025,
                "target_value": Decimal(90),
                "target_year": 2026,
                "breakdown_dimension": "Kön",
                "breakdown_categories": "Kvinnor\n Män \n\n",
            },
        )
        self.assertEqual(indicator.breakdown_categories, ["Kvinnor", "Män"])
        self.assertEqual(indicator.categories, ["", "Kvinnor", "Män"])
        self.assertEqual(
            self.events_for(indicator, "create")[0].changes["baseline_value"], [None, "8.5"]
        )

    def test_it_refuses_bad_indicators_and_writes_nothing(self) -> None:
        goal = self.make_goal()
        cases = [
            ({"name": ""}, "Indikatorn måste ha ett namn"),
            ({"baseline_value": Decimal(1)}, "Ange vilket år utgångsvärdet gäller"),
            ({"target_value": Decimal(1)}, "Ange vilket år målvärdet ska nås"),
            ({"baseline_year": 2026, "target_year": 2024}, "Målåret kan inte ligga före"),
            ({"breakdown_dimension": "Kön", "breakdown_categories": "Kvinnor"}, "minst två"),
            ({"breakdown_dimension": "Kön", "breakdown_categories": "Män\nmän"}, "bara förekomma"),
            ({"breakdown_categories": "A\nB"}, "Ange vad värdet delas upp efter"),
        ]
        for extra, message in cases:
            data = {"name": "Indikator", **extra}
            with self.subTest(message), self.assertRaisesMessage(ValidationError, message):
                actions.indicator_create(actor=self.editor, goal=goal, data=data)
        self.assertFalse(Indicator.objects.exists())

    def test_update_and_delete_are_for_writers_only(self) -> None:
        goal = self.make_goal()
        indicator = self.make_indicator(goal)
        with self.assertRaises(PermissionDenied):
            actions.indicator_update(actor=self.reader, indicator=indicator, data={"unit": "x"})
        with self.assertRaises(PermissionDenied):
            actions.indicator_delete(actor=self.outsider, indicator=indicator)
        actions.indicator_update(actor=self.editor, indicator=indicator, data={"unit": "procent"})
        self.assertEqual(self.events_for(indicator, "update")[0].changes["unit"], ["", "procent"])
        actions.indicator_delete(actor=self.editor, indicator=indicator)
        self.assertFalse(Indicator.objects.exists())

    def test_an_indicator_with_values_in_a_closed_period_cannot_be_deleted(self) -> None:
        goal = self.make_goal()
        indicator = self.make_indicator(goal)
        report = self.make_report("T1")
        IndicatorValue.objects.create(report=report, indicator=indicator, value=Decimal(5))
        self.close_period("T1")
        with self.assertRaisesMessage(ValidationError, "kan inte tas bort"):
            actions.indicator_delete(actor=self.editor, indicator=indicator)
        self.assertTrue(Indicator.objects.filter(pk=indicator.pk).exists())
