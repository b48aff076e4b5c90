"""factory_boy factories for the domain models."""

import factory
from django.utils.text import slugify

from mrplan.accounts.models import Membership, User
from mrplan.organisations.models import Department, Organisation
from mrplan.programmes.models import (
    ActionPlan,
    CityActivity,
    DevelopmentArea,
    FocusArea,
    Programme,
    TargetGroup,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="sv_SE")
    last_name = factory.Faker("last_name", locale="sv_SE")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("hemligt-losen-123")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Nämnd {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = "specialist_committee"


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Avdelning {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "reader"


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    title = factory.Sequence(lambda n: f"Program {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    goal = "Staden är fri från diskriminering."
    status = "adopted"
    is_published = factory.LazyAttribute(lambda o: o.status != "draft")
    adopted_on = factory.Faker("date_object")


class FocusAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FocusArea

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Fokusområde {n}")


class ActionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlan

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Handlingsplan {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    status = "adopted"
    is_published = factory.LazyAttribute(lambda o: o.status != "draft")


class TargetGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TargetGroup

    name = factory.Sequence(lambda n: f"Målgrupp {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    category = "other"


class DevelopmentAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DevelopmentArea
        skip_postgeneration_save = True

    action_plan = factory.SubFactory(ActionPlanFactory)
    title = factory.Sequence(lambda n: f"Utvecklingsområde {n}")

    @factory.post_generation
    def focus_areas(self, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if create and extracted:
            self.focus_areas.set(extracted)


class CityActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CityActivity

    development_area = factory.SubFactory(DevelopmentAreaFactory)
    title = factory.Sequence(lambda n: f"Aktivitet {n}")
