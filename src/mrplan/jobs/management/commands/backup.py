"""`mrplan backup FILE`: database contents, uploaded files and a signed checksum manifest."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from mrplan.jobs.backup import create_backup


class Command(BaseCommand):
    help = "Write a portable backup (all tables as JSON + MEDIA_ROOT + manifest) to FILE."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The archive to write, e.g. mrplan-2026-12-05.tar.gz")

    def handle(self, *args: Any, **options: Any) -> None:
        manifest = create_backup(Path(options["file"]))
        rows = sum(manifest["rows"].values())
        files = sum(1 for entry in manifest["files"] if entry["path"].startswith("media/"))
        self.stdout.write(f"Wrote {options['file']}: {rows} rows, {files} uploaded files.")
