"""`mrplan backup` and `mrplan restore`: identical rows and files; nothing from a bad archive."""

import io
import json
import shutil
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.test import TransactionTestCase

from mrplan.jobs.backup import AUTO_CREATED, backed_up_models, non_empty_tables
from mrplan.jobs.models import OutboxMessage
from mrplan.organisations.models import Organisation
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory


def snapshot_rows() -> dict[str, list[dict[str, Any]]]:
    return {
        model._meta.label_lower: list(model._default_manager.order_by("pk").values())
        for model in backed_up_models()
    }


def snapshot_files(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


class BackupRestoreTests(TransactionTestCase):
    def setUp(self) -> None:
        self.work = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.work)
        self.media = self.work / "media"
        settings_override = self.settings(MEDIA_ROOT=str(self.media))
        settings_override.enable()
        self.addCleanup(settings_override.disable)
        self.archive = self.work / "backup.tar.gz"

    def make_data(self, *, demo: bool = False) -> None:
        if demo:  # every app's tables, with the demo's many relations
            call_command("load_demo", stdout=io.StringIO())
        organisation = OrganisationFactory(name="Förvaltning med å, ä och ö")
        MembershipFactory(user=UserFactory(username="berit"), organisation=organisation)
        OutboxMessage.objects.create(
            from_email="a@example.se",
            recipients=["b@example.se"],
            subject="Ämne",
            raw_message=b"Subject: =?utf-8?q?=C3=84mne?=\r\n\r\n\x00\xff bytes",
        )
        (self.media / "reports" / "7").mkdir(parents=True)
        (self.media / "reports" / "7" / "bilaga.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)))
        (self.media / "statements" / "x.docx").parent.mkdir(parents=True)
        (self.media / "statements" / "x.docx").write_bytes(b"PK\x03\x04 docx")

    def empty_everything(self) -> None:
        call_command("flush", interactive=False, verbosity=0)
        shutil.rmtree(self.media)
        self.media.mkdir()
        ContentType.objects.clear_cache()

    def test_a_restore_gives_identical_rows_and_files(self) -> None:
        self.make_data(demo=True)
        rows, files = snapshot_rows(), snapshot_files(self.media)
        self.assertGreater(len(rows["organisations.organisation"]), 10)
        call_command("backup", str(self.archive), stdout=io.StringIO())
        self.empty_everything()
        self.assertEqual(non_empty_tables(), [])

        out = io.StringIO()
        call_command("restore", str(self.archive), stdout=out)

        self.assertIn("Restored", out.getvalue())
        restored = snapshot_rows()
        for label, before in rows.items():
            self.assertEqual(restored[label], before, label)
        self.assertEqual(snapshot_files(self.media), files)
        # Sequences continue after the restored ids (PostgreSQL).
        newest = Organisation.objects.order_by("-pk").first()
        assert newest is not None
        self.assertGreater(OrganisationFactory(name="Ny efter återläsning").pk, newest.pk)

    def test_the_manifest_lists_every_file_with_its_checksum(self) -> None:
        self.make_data()
        call_command("backup", str(self.archive), stdout=io.StringIO())
        with tarfile.open(self.archive) as archive:
            manifest = json.load(archive.extractfile("manifest.json"))  # type: ignore[arg-type]
            names = set(archive.getnames())
        listed = {entry["path"] for entry in manifest["files"]}
        self.assertEqual(names - {"manifest.json", "manifest.sig"}, listed)
        self.assertIn("media/reports/7/bilaga.pdf", listed)
        self.assertIn("db/organisations.organisation.json", listed)
        self.assertTrue(all(len(entry["sha256"]) == 64 for entry in manifest["files"]))

    def test_it_refuses_a_non_empty_database(self) -> None:
        self.make_data()
        call_command("backup", str(self.archive), stdout=io.StringIO())
        before = snapshot_rows()
        with self.assertRaisesMessage(CommandError, "not empty"):
            call_command("restore", str(self.archive), stdout=io.StringIO())
        self.assertEqual(snapshot_rows(), before)

    def rewrite(self, change: str) -> Path:
        """Copy the archive with one member changed, as an attacker or a bad disk would."""
        tampered = self.work / f"{change}.tar.gz"
        with tarfile.open(self.archive) as source, tarfile.open(tampered, "w:gz") as target:
            for member in source:
                data = source.extractfile(member).read()  # type: ignore[union-attr]
                if member.name == "db/accounts.user.json" and change in {"member", "both"}:
                    data = data.replace(b'"is_superuser": false', b'"is_superuser": true', 1)
                if member.name == "manifest.json" and change == "both":
                    manifest = json.loads(data)
                    for entry in manifest["files"]:
                        if entry["path"] == "db/accounts.user.json":
                            import hashlib

                            changed = source.extractfile("db/accounts.user.json").read()  # type: ignore[union-attr]
                            changed = changed.replace(
                                b'"is_superuser": false', b'"is_superuser": true', 1
                            )
                            entry["sha256"] = hashlib.sha256(changed).hexdigest()
                    data = json.dumps(manifest).encode()
                member.size = len(data)
                target.addfile(member, io.BytesIO(data))
        return tampered

    def assert_refused_and_nothing_written(self, archive: Path, message: str) -> None:
        self.empty_everything()
        with self.assertRaisesMessage(CommandError, message):
            call_command("restore", str(archive), stdout=io.StringIO())
        self.assertEqual(non_empty_tables(), [])
        self.assertEqual(snapshot_files(self.media), {})

    def test_a_changed_table_is_refused_before_anything_is_written(self) -> None:
        self.make_data()
        call_command("backup", str(self.archive), stdout=io.StringIO())
        self.assert_refused_and_nothing_written(self.rewrite("member"), "Checksum mismatch")

    def test_a_changed_table_with_a_recomputed_manifest_is_refused(self) -> None:
        self.make_data()
        call_command("backup", str(self.archive), stdout=io.StringIO())
        self.assert_refused_and_nothing_written(self.rewrite("both"), "signature")

    def test_a_truncated_archive_is_refused(self) -> None:
        self.make_data()
        call_command("backup", str(self.archive), stdout=io.StringIO())
        truncated = self.work / "truncated.tar.gz"
        truncated.write_bytes(self.archive.read_bytes()[: self.archive.stat().st_size // 2])
        self.assert_refused_and_nothing_written(truncated, "cannot be read")

    def test_auto_created_tables_do_not_count_as_content(self) -> None:
        self.assertEqual(AUTO_CREATED, {"contenttypes.contenttype", "auth.permission"})
        self.assertEqual(non_empty_tables(), [])
        UserFactory()
        self.assertEqual(non_empty_tables(), ["accounts.user"])
