from io import StringIO

from django.core.management import call_command
from django.test import TestCase

from mrplan.accounts.models import Membership, User
from mrplan.accounts.permissions import roles_for
from mrplan.organisations.models import Organisation
from mrplan.programmes.models import ActionPlan, Programme, SdgGoal


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


class LoadDemoTests(TestCase):
    def test_it_loads_the_stockholm_demo_and_prints_the_logins(self) -> None:
        output = load_demo()
        self.assertIn("samordnare", output)
        self.assertIn("mrplan-demo", output)
        self.assertEqual(Organisation.objects.filter(kind="district_committee").count(), 11)
        programme = Programme.objects.get(status="adopted")
        self.assertEqual(programme.focus_areas.count(), 3)
        self.assertEqual(programme.action_plans.count(), 6)
        self.assertEqual(programme.replaces.count(), 4)
        self.assertEqual(SdgGoal.objects.count(), 17)
        coordinator = User.objects.get(username="samordnare")
        self.assertTrue(roles_for(coordinator).is_coordinator)
        self.assertTrue(coordinator.check_password("mrplan-demo"))

    def test_running_it_twice_neither_duplicates_nor_wipes(self) -> None:
        load_demo()
        counts = (
            Organisation.objects.count(),
            User.objects.count(),
            Membership.objects.count(),
            ActionPlan.objects.count(),
        )
        plan = ActionPlan.objects.get(slug__contains="rasism")
        plan.goal = "Ett eget, ändrat mål."
        plan.save()
        output = load_demo()
        self.assertIn("laddas inte igen", output)
        self.assertEqual(
            counts,
            (
                Organisation.objects.count(),
                User.objects.count(),
                Membership.objects.count(),
                ActionPlan.objects.count(),
            ),
        )
        plan.refresh_from_db()
        self.assertEqual(plan.goal, "Ett eget, ändrat mål.")
