"""Time the compiled follow-up PDF as its background job builds it (run by bench.run).

    DATABASE_URL=... python -m bench.jobs '{"action_plan": "...", "year": 2024, "code": "BO"}'

Runs what the job planning-compiled does (compile the approved reports, render the PDF) in
this process, ROUNDS times after WARMUP untimed builds (default 2 and 1), and prints JSON
with the seconds per round, the organisations in the compilation and the PDF's size. The
job's queueing is not timed.
"""

import json
import os
import sys
import time
from typing import Any


def time_compiled(params: dict[str, Any]) -> dict[str, Any]:
    from django.utils import timezone

    from mrplan.planning import compiled, documents
    from mrplan.planning.models import ReportingPeriod
    from mrplan.programmes.models import ActionPlan

    action_plan = ActionPlan.objects.get(slug=params["action_plan"])
    period = ReportingPeriod.objects.select_related("planning_year").get(
        planning_year__year=params["year"], code__iexact=params["code"]
    )
    seconds, size, organisations = [], 0, 0
    warmup = int(params.get("warmup", 1))
    for round_ in range(warmup + int(params.get("rounds", 2))):
        start = time.perf_counter()
        compilation = compiled.compile_report(
            action_plan=action_plan, period=period, today=timezone.localdate()
        )
        content = documents.render_pdf(compilation)
        if round_ >= warmup:
            seconds.append(time.perf_counter() - start)
        size = len(content)
        organisations = len(compilation.organisations)
    return {"seconds": seconds, "bytes": size, "organisations": organisations}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mrplan.settings")
    import django

    django.setup()
    json.dump(time_compiled(json.loads(sys.argv[1])), sys.stdout)


if __name__ == "__main__":
    main()
