"""`mrplan load_agenda2030 [FILE]`: load or update the goals and targets of Agenda 2030."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from mrplan.programmes.agenda2030 import DEFAULT_PATH, load_agenda2030


class Command(BaseCommand):
    help = (
        "Load the goals and targets of Agenda 2030 from a JSON file "
        "(by default the bundled Swedish one). Running it again updates, never duplicates."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file", nargs="?", default=None, help=f"JSON file (default: {DEFAULT_PATH})"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = load_agenda2030(options["file"])
        except FileNotFoundError as error:
            raise CommandError(f"Filen finns inte: {error.filename}") from error
        except ValueError as error:  # includes json.JSONDecodeError
            raise CommandError(f"Filen är inte giltig JSON: {error}") from error
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Agenda 2030: {result.goals} mål och {result.targets} delmål inlästa."
            )
        )
