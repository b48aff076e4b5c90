"""Load the Stockholm demo data into an empty database, and print the demo logins."""

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from mrplan.collaboration.demo import load_collaboration
from mrplan.demo import users as account_demo
from mrplan.demo.consultations import load_consultations, load_seed_cases
from mrplan.demo.publication import publish_demo_content
from mrplan.knowledge.demo import load_knowledge
from mrplan.organisations import demo as organisation_demo
from mrplan.organisations.models import Organisation
from mrplan.planning.demo import load_planning
from mrplan.programmes import demo as programme_demo
from mrplan.programmes.agenda2030 import load_agenda2030


class Command(BaseCommand):
    help = "Load the Stockholm demo data (only into an empty database) and print the demo logins."

    def handle(self, *args: Any, **options: Any) -> None:
        if Organisation.objects.exists():
            self.stdout.write("Databasen innehåller redan data – demodata laddas inte igen.")
        else:
            with transaction.atomic():
                load_agenda2030()
                organisation_demo.load_organisations()
                programme_demo.load_programmes()
                load_planning()
                load_knowledge()
                load_collaboration()
                account_demo.load_users()
                load_consultations()
                load_seed_cases()
                publish_demo_content()
            self.stdout.write(self.style.SUCCESS("Demodata för Stockholms stad är inläst."))
        self.stdout.write("")
        self.stdout.write("mrplan körs på http://127.0.0.1:8000 – logga in som:")
        for line in account_demo.login_lines():
            self.stdout.write(line)
        self.stdout.write("")
