"""Import a tjänsteutlåtande (plain text or PDF) as a case and a statement, or print it as JSON."""

from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from mrplan.accounts.models import User
from mrplan.consultations.importing import find_organisation, statement_import
from mrplan.consultations.parsing import NotAStatement, extract_text, parse_statement


class Command(BaseCommand):
    help = (
        "Läs ett tjänsteutlåtande (text eller PDF) och skapa ett ärende med dess diarienummer "
        "och ett tjänsteutlåtande, eller skriv ut det tolkade resultatet som JSON (--json)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file", help="Tjänsteutlåtandet som textfil, PDF eller Word-fil (.docx)."
        )
        parser.add_argument(
            "--organisation",
            default="",
            help="Organisationens adressnamn (slug); annars den vars diarieprefix filen har.",
        )
        parser.add_argument(
            "--json", action="store_true", help="Skriv ut det tolkade resultatet; spara inget."
        )
        parser.add_argument(
            "--user",
            default="",
            help=(
                "Användarnamnet på den som importerar (samordnare eller redaktör i "
                "organisationen); annars den första aktiva superanvändaren."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Filen {path} kan inte läsas: {error.strerror}.") from error
        try:
            parsed = parse_statement(extract_text(data, path.name))
        except NotAStatement as error:
            raise CommandError(error.message) from error
        if options["json"]:
            self.stdout.write(parsed.to_json())
            return
        actor = self._actor(options["user"])
        try:
            organisation = find_organisation(parsed, options["organisation"])
            result = statement_import(
                actor=actor, parsed=parsed, organisation=organisation, source_name=path.name
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        except PermissionDenied as error:
            raise CommandError(
                f"{actor.get_username()} får inte registrera ärenden i {organisation.name}."
            ) from error
        statement = result.statement
        self.stdout.write(
            f"Skapade ärende {statement.case.diary_number} i {organisation.name} "
            f"med tjänsteutlåtandet ”{statement.title}” (id {statement.pk})."
        )
        if result.attestation:
            self.stdout.write(
                "Attesteringen i filen är sparad som attesterad i ett annat system: "
                + "; ".join(result.attestation)
            )
        if result.missing:
            self.stderr.write("Hittades inte i filen: " + ", ".join(result.missing) + ".")

    def _actor(self, username: str) -> User:
        if username:
            user = User.objects.filter(username=username, is_active=True).first()
            if user is None:
                raise CommandError(f"Det finns ingen aktiv användare {username}.")
            return user
        user = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
        if user is None:
            raise CommandError(
                "Ange vem som importerar med --user ANVÄNDARNAMN (en samordnare eller en "
                "redaktör i organisationen)."
            )
        return user
