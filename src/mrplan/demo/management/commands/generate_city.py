"""Generate a deterministic synthetic city for benchmarks: `mrplan generate_city --scale N`."""

import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from mrplan.demo.city import generate_city
from mrplan.organisations.models import Organisation


class Command(BaseCommand):
    help = "Generate a synthetic city (scale 1 ≈ Stockholm) on top of the demo programme."
    requires_system_checks: list[str] = []  # a bulk load; the checks add seconds

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", type=float, default=1.0)
        parser.add_argument("--seed", type=int, default=14)

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["scale"] > 0:
            raise CommandError("--scale must be a positive number.")
        started = time.monotonic()
        if not Organisation.objects.exists():
            call_command("load_demo", stdout=self.stdout)
        counts = generate_city(
            scale=options["scale"], seed=options["seed"], progress=self.stderr.write
        )
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count}")
        self.stdout.write(f"Tid: {time.monotonic() - started:.1f} s")
