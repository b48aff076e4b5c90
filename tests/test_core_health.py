"""/healthz says the process is alive; /readyz checks what serving needs."""

from unittest import mock

from django.db.utils import OperationalError, ProgrammingError
from django.test import TestCase, override_settings

DUMMY_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


class HealthTests(TestCase):
    def test_healthz_answers_without_touching_the_database(self) -> None:
        with (
            self.assertNumQueries(0),
            mock.patch(
                "django.db.backends.base.base.BaseDatabaseWrapper.cursor",
                side_effect=OperationalError("no database"),
            ),
        ):
            response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"status": "ok"})
        self.assertIn("no-cache", response["Cache-Control"])

    def test_readyz_is_ok_when_everything_answers(self) -> None:
        response = self.client.get("/readyz")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response.json(),
            {
                "status": "ok",
                "checks": {"database": "ok", "migrations": "ok", "cache": "ok", "queue": "ok"},
            },
        )

    def test_readyz_is_503_when_the_database_is_down(self) -> None:
        with mock.patch(
            "django.db.backends.base.base.BaseDatabaseWrapper.cursor",
            side_effect=OperationalError("connection refused to db.internal:5432 password=x"),
        ):
            response = self.client.get("/readyz")
        self.assertEqual(response.status_code, 503)
        body = response.json()
        self.assertEqual(body["status"], "error")
        self.assertEqual(body["checks"]["database"], "error: OperationalError")
        self.assertEqual(body["checks"]["queue"], "skipped")
        self.assertNotIn("password", response.content.decode())

    def test_readyz_is_503_when_migrations_are_not_applied(self) -> None:
        with mock.patch(
            "django.db.migrations.executor.MigrationExecutor.migration_plan",
            return_value=[("migration", False), ("other", False)],
        ):
            response = self.client.get("/readyz")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.json()["checks"]["migrations"], "error: 2 migrations not applied")

    @override_settings(CACHES=DUMMY_CACHE)
    def test_readyz_is_503_when_the_cache_loses_what_was_written(self) -> None:
        response = self.client.get("/readyz")
        self.assertEqual(response.status_code, 503)
        self.assertIn("cache did not return", response.json()["checks"]["cache"])

    def test_readyz_is_503_when_the_task_queue_cannot_be_read(self) -> None:
        with mock.patch(
            "django_tasks_db.models.DBTaskResultQuerySet.ready",
            side_effect=ProgrammingError("no such table"),
        ):
            response = self.client.get("/readyz")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.json()["checks"]["queue"], "error: ProgrammingError")

    def test_the_probes_refuse_writes(self) -> None:
        self.assertEqual(self.client.post("/readyz").status_code, 405)
