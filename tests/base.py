"""The base test case: a small city with one named user per role.

- coordinator  Cecilia, samordnare at Stadsledningskontoret (sees and coordinates everything)
- org_admin    Anna, administratör at Hägersten-Älvsjö stadsdelsförvaltning
- editor       Erik, redaktör at Hägersten-Älvsjö stadsdelsförvaltning
- approver     Lars, attesterare (avdelningschef) at Hägersten-Älvsjö stadsdelsförvaltning
- reader       Rita, läsare at Hägersten-Älvsjö stadsdelsförvaltning
- outsider     Oskar, redaktör at Kulturförvaltningen (no rights in Hägersten-Älvsjö)
- nobody       Nils, signed in but with no membership at all
"""

from django.test import Client, TestCase

from mrplan.accounts.models import User
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

PASSWORD = "hemligt-losen-123"


class BaseTestCase(TestCase):
    coordinator: User
    org_admin: User
    editor: User
    approver: User
    reader: User
    outsider: User
    nobody: User

    @classmethod
    def setUpTestData(cls) -> None:
        cls.council = OrganisationFactory(name="Kommunfullmäktige", kind="council")
        cls.slk = OrganisationFactory(name="Stadsledningskontoret", kind="coordinating_office")
        cls.district = OrganisationFactory(
            name="Hägersten-Älvsjö stadsdelsnämnd", kind="district_committee"
        )
        cls.org = OrganisationFactory(
            name="Hägersten-Älvsjö stadsdelsförvaltning",
            kind="administration",
            parent=cls.district,
            diary_prefix="HÄ",
        )
        cls.other_committee = OrganisationFactory(name="Kulturnämnden")
        cls.other_org = OrganisationFactory(
            name="Kulturförvaltningen", kind="administration", parent=cls.other_committee
        )
        cls.coordinator = cls._member("cecilia", "Cecilia", cls.slk, "coordinator")
        cls.org_admin = cls._member("anna", "Anna", cls.org, "org_admin")
        cls.editor = cls._member("erik", "Erik", cls.org, "editor")
        cls.approver = cls._member("lars", "Lars", cls.org, "approver", "avdelningschef")
        cls.reader = cls._member("rita", "Rita", cls.org, "reader")
        cls.outsider = cls._member("oskar", "Oskar", cls.other_org, "editor")
        cls.nobody = UserFactory(username="nils", first_name="Nils")

    @classmethod
    def _member(
        cls, username: str, first_name: str, organisation, role: str, title: str = ""
    ) -> User:  # type: ignore[no-untyped-def]
        user = UserFactory(username=username, first_name=first_name)
        MembershipFactory(user=user, organisation=organisation, role=role, title=title)
        return user

    def client_for(self, user: User | None) -> Client:
        """Return a client signed in as USER (anonymous for None)."""
        client = Client()
        if user is not None:
            client.force_login(user)
        return client
