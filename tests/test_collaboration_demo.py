"""The demo collaboration data: valid, spread over the demo organisations, and idempotent."""

from mrplan.collaboration.demo import load_collaboration
from mrplan.collaboration.models import (
    Collaboration,
    ContactPerson,
    Dialogue,
    Material,
    Participation,
    Partner,
    TrainingSession,
    validate_organisation_number,
)
from mrplan.demo import users as account_demo
from mrplan.organisations import demo as organisation_demo
from mrplan.programmes import demo as programme_demo
from mrplan.programmes.agenda2030 import load_agenda2030


def test_it_loads_valid_demo_data_twice_without_duplicates(db) -> None:  # type: ignore[no-untyped-def]
    load_agenda2030()
    organisation_demo.load_organisations()
    programme_demo.load_programmes()
    account_demo.load_users()
    load_collaboration()
    counts = [
        m.objects.count()
        for m in (
            Partner,
            ContactPerson,
            Collaboration,
            Dialogue,
            Material,
            TrainingSession,
            Participation,
        )
    ]
    load_collaboration()
    assert [
        m.objects.count()
        for m in (
            Partner,
            ContactPerson,
            Collaboration,
            Dialogue,
            Material,
            TrainingSession,
            Participation,
        )
    ] == counts
    assert all(counts)
    for partner in Partner.objects.all():
        validate_organisation_number(partner.organisation_number)
        partner.full_clean()
    assert all(c.email.endswith("@example.org") for c in ContactPerson.objects.all())
    assert Dialogue.objects.exclude(response="").exists()
    assert Dialogue.objects.filter(response="").exists()
    assert Material.objects.filter(is_public=True).exists()
    assert Collaboration.objects.values("organisations").distinct().count() >= 3
