"""`mrplan restore FILE`: restore a backup into an empty database, after checking all of it."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mrplan.jobs.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore an archive made by `mrplan backup` into a freshly migrated, empty database. "
        "A corrupt or changed archive is refused before anything is written."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The archive made by `mrplan backup`.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = restore_backup(Path(options["file"]))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["rows"].values())
        self.stdout.write(f"Restored {rows} rows from {options['file']}.")
