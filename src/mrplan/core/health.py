"""Probes for load balancers and orchestrators: /healthz (alive) and /readyz (can serve)."""

import logging
import uuid
from collections.abc import Callable
from datetime import timedelta

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """Say the process is alive; touches neither the database nor the cache."""
    return JsonResponse({"status": "ok"})


def check_database() -> str:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def check_migrations() -> str:
    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        raise NotReady(f"{len(plan)} migrations not applied")
    return "ok"


def check_cache() -> str:
    key = f"mrplan-readyz-{uuid.uuid4().hex}"
    cache.set(key, "1", 10)
    found = cache.get(key)
    cache.delete(key)
    if found != "1":
        raise NotReady("cache did not return the value just written")
    return "ok"


def check_queue() -> str:
    from django_tasks import task_backends
    from django_tasks_db import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    backend = task_backends["default"]
    if not isinstance(backend, DatabaseBackend):
        return "ok"
    waiting = DBTaskResult.objects.ready()
    oldest = waiting.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    if oldest is None:
        return "ok"
    # Tasks waiting a long time mean no worker is running; the web app can still serve.
    age = timezone.now() - oldest
    return (
        "ok" if age < timedelta(minutes=15) else f"ok, oldest waiting {int(age.total_seconds())} s"
    )


class NotReady(Exception):
    """A dependency is reachable but not in a state to serve."""


CHECKS: dict[str, Callable[[], str]] = {
    "database": check_database,
    "migrations": check_migrations,
    "cache": check_cache,
    "queue": check_queue,
}


@never_cache
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    """Check the database, migrations, cache and task queue; 503 with details if any fails."""
    results: dict[str, str] = {}
    ready = True
    for name, check in CHECKS.items():
        if name != "database" and results.get("database", "ok") != "ok":
            results[name] = "skipped"
            continue
        try:
            results[name] = check()
        except NotReady as exc:
            ready = False
            results[name] = f"error: {exc}"
        except Exception as exc:
            ready = False
            logger.warning("readyz: %s check failed", name, exc_info=True)
            # The class name only: messages may carry host names or credentials.
            results[name] = f"error: {type(exc).__name__}"
    return JsonResponse(
        {"status": "ok" if ready else "error", "checks": results}, status=200 if ready else 503
    )
