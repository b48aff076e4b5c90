"""The stored open data files: rebuilt by the job after a change, never stale after a withdrawal."""

import io
import json
import time
import zipfile
from typing import Any

from django.db import connection
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from mrplan.public import actions
from mrplan.public.jobs import rebuild_opendata
from mrplan.public.opendata import REGISTRY, store
from mrplan.public.opendata.formats import JsonWriter
from tests.jobs_support import run_queued_tasks
from tests.test_planning_support import PlanningTestCase


def body(response: Any) -> bytes:
    return bytes(response.getvalue())


def zipped_activities(response: Any) -> str:
    with zipfile.ZipFile(io.BytesIO(body(response))) as archive:
        return archive.read("activities.csv").decode()


def queued_rebuilds() -> int:
    return DBTaskResult.objects.filter(
        status="READY", task_path=rebuild_opendata.module_path
    ).count()


class StoredFilesTests(PlanningTestCase):
    def setUp(self) -> None:
        self.goal = self.make_goal(title="Publicerat mål")
        actions.publish(actor=self.editor, obj=self.goal)
        self.activity = self.make_activity(self.goal, title="Aktiviteten som prövas")
        self.anonymous = self.client_for(None)
        # As if setUp had committed: the test's own change registers its rebuild afresh
        # (signals.py registers one per transaction, and a test is one transaction).
        connection.run_on_commit.clear()

    def get_zip(self, **headers: Any) -> Any:
        return self.anonymous.get(reverse("public-opendata-all"), headers=headers)

    def test_the_file_is_rebuilt_after_a_publish(self) -> None:
        store.build()
        self.assertNotIn("Aktiviteten som prövas", zipped_activities(self.get_zip()))

        with self.captureOnCommitCallbacks(execute=True):
            actions.publish(actor=self.editor, obj=self.activity)
        self.assertEqual(queued_rebuilds(), 1)
        run_queued_tasks(include_later=True)

        self.assertIn("Aktiviteten som prövas", zipped_activities(self.get_zip()))
        csv = body(
            self.anonymous.get(reverse("public-opendata-download", args=["activities", "csv"]))
        )
        self.assertIn("Aktiviteten som prövas", csv.decode())

    def test_an_unpublished_item_is_never_served_and_the_job_rebuilds_without_it(self) -> None:
        actions.publish(actor=self.editor, obj=self.activity)
        store.build()
        self.assertIn("Aktiviteten som prövas", zipped_activities(self.get_zip()))

        with override_settings(MRPLAN_OPENDATA_SYNC_MAX_ROWS=0):
            with self.captureOnCommitCallbacks(execute=True):
                actions.unpublish(actor=self.editor, obj=self.activity)
                # Not served from the moment of the change, before the commit too.
                self.assertIsNone(store.stored(store.ZIP_NAME))
            # A large city: 503 with Retry-After and a page saying why, never the old file.
            for url in (
                reverse("public-opendata-all"),
                reverse("public-opendata-download", args=["activities", "json"]),
            ):
                response = self.anonymous.get(url)
                self.assertEqual(response.status_code, 503, url)
                self.assertEqual(response["Retry-After"], "30")
                self.assertEqual(response["Cache-Control"], "no-store")
                self.assertContains(response, "Filerna byggs", status_code=503)
            self.assertEqual(queued_rebuilds(), 1)  # asked once, not once per request
            run_queued_tasks(include_later=True)

        response = self.get_zip()
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("Aktiviteten som prövas", zipped_activities(response))
        for fmt in ("csv", "json"):
            response = self.anonymous.get(
                reverse("public-opendata-download", args=["activities", fmt])
            )
            self.assertNotIn("Aktiviteten som prövas", body(response).decode())

    def test_a_small_city_gets_the_file_built_in_the_request_after_a_withdrawal(self) -> None:
        actions.publish(actor=self.editor, obj=self.activity)
        store.build()
        actions.unpublish(actor=self.editor, obj=self.activity)

        response = self.get_zip()

        self.assertEqual(response.status_code, 200)
        self.assertNotIn("Aktiviteten som prövas", zipped_activities(response))

    def test_an_ordinary_edit_keeps_the_file_served_until_the_rebuild(self) -> None:
        store.build()
        with self.captureOnCommitCallbacks(execute=True):
            self.make_goal(title="Ett nytt utkast")
        self.assertIsNotNone(store.stored(store.ZIP_NAME))
        rebuild = DBTaskResult.objects.get(status="READY")
        self.assertGreater(rebuild.run_after, rebuild.enqueued_at)  # a burst is built once

    def test_a_build_that_started_before_a_withdrawal_keeps_the_mark(self) -> None:
        store.mark_withdrawn()
        seen_at_start = store._withdrawn_token()
        store.mark_withdrawn()  # a withdrawal committed while the build was reading

        store._clear_withdrawn(seen_at_start)
        self.assertTrue(store.is_withdrawn())

        store._clear_withdrawn(store._withdrawn_token())
        self.assertFalse(store.is_withdrawn())

    def test_the_file_has_validators_and_a_conditional_request_gets_304(self) -> None:
        store.build()
        response = self.get_zip()
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/zip")
        self.assertEqual(response["Cache-Control"], "public, no-cache")
        self.assertEqual(int(response["Content-Length"]), len(body(response)))
        etag, last_modified = response["ETag"], response["Last-Modified"]

        self.assertEqual(self.get_zip(if_none_match=etag).status_code, 304)
        self.assertEqual(self.get_zip(if_modified_since=last_modified).status_code, 304)
        self.assertEqual(self.get_zip(if_none_match='"other"').status_code, 200)

    def test_a_build_replaces_the_served_build_and_keeps_no_half_written_files(self) -> None:
        first = store.build()
        second = store.build()
        found = store.stored(store.ZIP_NAME)
        assert found is not None
        self.assertEqual(found.path.parent, second.resolve())
        self.assertTrue(first.exists())  # a reader may still be streaming it (removed later)
        self.assertEqual(
            sorted(p.name for p in second.iterdir() if p.suffix == ".csv"),
            sorted(f"{name}.csv" for name in REGISTRY),
        )

    def test_the_streamed_json_is_byte_for_byte_json_dumps(self) -> None:
        actions.publish(actor=self.editor, obj=self.activity)
        for table in (REGISTRY["activities"], REGISTRY["material"]):  # rows and none
            rows = table.rows()
            out = io.BytesIO()
            writer = JsonWriter(out, table)
            for row in rows:
                writer.write(row)
            writer.close()
            document = json.loads(out.getvalue())
            expected = json.dumps(document, ensure_ascii=False, indent=1).encode()
            self.assertEqual(out.getvalue(), expected, table.name)
            self.assertEqual(len(document["rows"]), len(rows))

    def test_a_build_that_started_earlier_never_replaces_a_newer_one(self) -> None:
        actions.publish(actor=self.editor, obj=self.activity)
        newer = store.build()
        # The served build began reading after the next one did (another worker, slower).
        manifest_path = newer / store.MANIFEST
        manifest = json.loads(manifest_path.read_text())
        manifest["built_at"] = time.time() + 3600
        manifest_path.write_text(json.dumps(manifest))

        dropped = store.build()

        self.assertEqual(dropped, newer)
        found = store.stored(store.ZIP_NAME)
        assert found is not None
        self.assertEqual(found.path.parent, newer.resolve())
