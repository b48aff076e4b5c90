"""`mrplan opendata_build`: build the open data files now (after a deploy or a bulk load)."""

from typing import Any

from django.core.management.base import BaseCommand

from mrplan.public.opendata import store


class Command(BaseCommand):
    help = (
        "Build the open data files (every table as CSV, JSON and XLSX, and alla.zip) and serve "
        "them. The worker does this by itself when public content changes; run it after a "
        "deploy or after writes that bypass the actions (generate_city, QuerySet.update)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        target = store.build()
        self.stdout.write(f"Built {target}")
