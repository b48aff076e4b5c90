"""`mrplan import_dataset --format tidy|kolada|microdata FILE --dataset SLUG`."""

from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from mrplan.accounts.models import User
from mrplan.knowledge import imports
from mrplan.knowledge.actions import observations_import, parse_file
from mrplan.knowledge.models import Dataset, Measure


class Command(BaseCommand):
    help = (
        "Import observations into a dataset from a tidy CSV/XLSX file, a Kolada API v3 JSON "
        "file or survey microdata (aggregated with suppression). All rows or none are saved."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--format", required=True, choices=imports.FORMATS)
        parser.add_argument("--dataset", required=True, help="the dataset's slug")
        parser.add_argument("--measure", default="", help="the measure's slug or code")
        parser.add_argument("--dry-run", action="store_true", help="check only, save nothing")
        parser.add_argument(
            "--user", default="", help="username recorded in the history (a coordinator)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            dataset = Dataset.objects.get(slug=options["dataset"])
        except Dataset.DoesNotExist:
            raise CommandError(f"Datasetet finns inte: {options['dataset']}") from None
        measure = None
        if options["measure"]:
            measure = (
                Measure.objects.filter(dataset=dataset, slug=options["measure"]).first()
                or Measure.objects.filter(dataset=dataset, code=options["measure"]).first()
            )
            if measure is None:
                raise CommandError(f"Måttet finns inte i datasetet: {options['measure']}")
        actor = _actor(options["user"])
        try:
            imports.check_size(path.stat().st_size)
            content = path.read_bytes()
            rows = parse_file(
                options["format"], path.name, content, dataset=dataset, measure=measure
            )
            result = observations_import(
                actor=actor,
                dataset=dataset,
                rows=rows,
                measure=measure,
                commit=not options["dry_run"],
                microdata=(path.name, content) if options["format"] == "microdata" else None,
            )
        except FileNotFoundError as error:
            raise CommandError(f"Filen finns inte: {error.filename}") from error
        except imports.ImportFileError as error:
            raise CommandError("\n".join(error.messages)) from error
        except (ValidationError, PermissionDenied) as error:
            raise CommandError(str(error)) from error
        if result.has_errors:
            raise CommandError("Ingenting sparades.\n" + "\n".join(result.errors))
        verb = "Skulle spara" if options["dry_run"] else "Sparade"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {result.new} nya och {result.replaced} ersatta observationer "
                f"({result.suppressed} undertryckta) i {dataset}."
            )
        )


def _actor(username: str) -> User | None:
    """Return the user to record, or None: the operator at the command line, the system."""
    if username:
        try:
            return User.objects.get(username=username)
        except User.DoesNotExist:
            raise CommandError(f"Användaren finns inte: {username}") from None
    return None
