"""Portable backups: every table as Django JSON, the uploaded files, and a signed manifest.

The archive (`.tar.gz`) holds `manifest.json`, `manifest.sig`, `db/<app>.<model>.json`
and `media/<path>`. The manifest lists every member with its SHA-256 and size, and is
signed (HMAC) with MRPLAN_BACKUP_KEY (default: SECRET_KEY). Restore checks all of it
before it writes anything, and only into an empty database.
"""

import datetime
import hashlib
import hmac
import io
import json
import tarfile
import tempfile
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.utils import timezone

FORMAT = "mrplan-backup/1"
# Recreated by `migrate` in every database, so they do not make it "non-empty".
AUTO_CREATED = {"contenttypes.contenttype", "auth.permission"}


class ExactJSONEncoder(DjangoJSONEncoder):
    """Keep microseconds, which Django's encoder cuts to milliseconds."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class BackupError(Exception):
    """The archive cannot be restored (corrupt, tampered, or the target is not empty)."""


def backed_up_models() -> list[type[models.Model]]:
    """Return every concrete, managed model, in a stable order."""
    found = [
        model
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy and not model._meta.swapped
    ]
    return sorted(found, key=lambda model: model._meta.label_lower)


def _key() -> bytes:
    return (settings.MRPLAN_BACKUP_KEY or settings.SECRET_KEY).encode()


def _sign(manifest_bytes: bytes) -> str:
    return hmac.new(_key(), manifest_bytes, hashlib.sha256).hexdigest()


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _media_files(media_root: Path) -> Iterable[Path]:
    if not media_root.is_dir():
        return []
    return sorted(
        path for path in media_root.rglob("*") if path.is_file() and not path.is_symlink()
    )


def create_backup(target: Path, *, using: str = DEFAULT_DB_ALIAS) -> dict[str, Any]:
    """Write a backup archive to TARGET and return its manifest."""
    media_root = Path(settings.MEDIA_ROOT)
    entries: list[dict[str, Any]] = []
    counts: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as scratch:
        scratch_dir = Path(scratch)
        members: list[tuple[str, Path]] = []
        # One consistent snapshot of all tables (REPEATABLE READ on PostgreSQL).
        with transaction.atomic(using=using):
            if connections[using].vendor == "postgresql":
                with connections[using].cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            for model in backed_up_models():
                label = model._meta.label_lower
                path = scratch_dir / f"{label}.json"
                queryset = model._default_manager.using(using).order_by("pk")
                counts[label] = queryset.count()
                with path.open("w", encoding="utf-8") as handle:
                    serializers.serialize(
                        "json", queryset.iterator(), stream=handle, cls=ExactJSONEncoder
                    )
                members.append((f"db/{label}.json", path))
        for path in _media_files(media_root):
            members.append((f"media/{path.relative_to(media_root).as_posix()}", path))
        for name, path in members:
            entries.append({"path": name, "sha256": _sha256(path), "size": path.stat().st_size})
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "database_vendor": connections[using].vendor,
            "rows": counts,
            "files": entries,
        }
        manifest_bytes = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            _add_bytes(archive, "manifest.json", manifest_bytes)
            _add_bytes(archive, "manifest.sig", _sign(manifest_bytes).encode())
            for name, path in members:
                archive.add(path, arcname=name, recursive=False)
        partial.replace(target)
    return manifest


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(data))


def _safe_member_name(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and bool(path.parts)


def verify_archive(source: Path, scratch_dir: Path) -> dict[str, Any]:
    """Unpack SOURCE into SCRATCH_DIR and check it completely; raise BackupError if not sound."""
    try:
        with tarfile.open(source, "r:gz") as archive:
            for member in archive:
                if not member.isfile() or not _safe_member_name(member.name):
                    raise BackupError(f"Unexpected member in archive: {member.name!r}")
                handle = archive.extractfile(member)
                assert handle is not None
                destination = scratch_dir / member.name
                destination.parent.mkdir(parents=True, exist_ok=True)
                with destination.open("wb") as out:
                    while chunk := handle.read(1024 * 1024):
                        out.write(chunk)
    except (tarfile.TarError, OSError, EOFError, ValueError) as exc:
        raise BackupError(f"The archive cannot be read: {exc}") from exc
    manifest_path = scratch_dir / "manifest.json"
    signature_path = scratch_dir / "manifest.sig"
    if not manifest_path.is_file() or not signature_path.is_file():
        raise BackupError("The archive has no manifest.")
    manifest_bytes = manifest_path.read_bytes()
    if not hmac.compare_digest(_sign(manifest_bytes), signature_path.read_text().strip()):
        raise BackupError(
            "The manifest's signature does not match: the archive was changed, or it was made "
            "with another MRPLAN_BACKUP_KEY/SECRET_KEY."
        )
    manifest = json.loads(manifest_bytes)
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format: {manifest.get('format')!r}")
    listed = {entry["path"]: entry for entry in manifest["files"]}
    present = {
        path.relative_to(scratch_dir).as_posix()
        for path in scratch_dir.rglob("*")
        if path.is_file()
    } - {"manifest.json", "manifest.sig"}
    if present != set(listed):
        raise BackupError("The archive's files differ from those listed in its manifest.")
    for name, entry in listed.items():
        path = scratch_dir / name
        if path.stat().st_size != entry["size"] or _sha256(path) != entry["sha256"]:
            raise BackupError(f"Checksum mismatch: {name}")
    known = {model._meta.label_lower for model in backed_up_models()}
    unknown = set(manifest["rows"]) - known
    if unknown:
        raise BackupError(f"The archive has tables this version does not know: {sorted(unknown)}")
    return manifest


def non_empty_tables(using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """Return the labels of tables that hold rows (other than those `migrate` creates)."""
    return [
        model._meta.label_lower
        for model in backed_up_models()
        if model._meta.label_lower not in AUTO_CREATED
        and model._default_manager.using(using).exists()
    ]


def restore_backup(source: Path, *, using: str = DEFAULT_DB_ALIAS) -> dict[str, Any]:
    """Restore SOURCE into an empty database and MEDIA_ROOT; check everything first."""
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as scratch:
        scratch_dir = Path(scratch)
        manifest = verify_archive(source, scratch_dir)
        occupied = non_empty_tables(using)
        if occupied:
            raise BackupError(
                "The database is not empty (" + ", ".join(occupied[:5]) + "): restore only "
                "into a freshly migrated database."
            )
        media_files = [
            entry["path"] for entry in manifest["files"] if entry["path"].startswith("media/")
        ]
        clashes = [
            name for name in media_files if (media_root / name.removeprefix("media/")).exists()
        ]
        if clashes:
            raise BackupError(f"MEDIA_ROOT already holds files from the archive: {clashes[:3]}")
        # Parse every table before writing, so a bad file stops the restore up front.
        tables: list[tuple[type[models.Model], list[Any]]] = []
        try:
            for model in backed_up_models():
                label = model._meta.label_lower
                path = scratch_dir / "db" / f"{label}.json"
                if not path.exists():
                    continue
                with path.open(encoding="utf-8") as handle:
                    objects = list(serializers.deserialize("json", handle, using=using))
                if len(objects) != manifest["rows"].get(label):
                    raise BackupError(f"Row count of {label} differs from the manifest.")
                tables.append((model, objects))
        except serializers.base.DeserializationError as exc:
            raise BackupError(f"A table cannot be read: {exc}") from exc

        connection = connections[using]
        with transaction.atomic(using=using):
            for label in AUTO_CREATED:
                apps.get_model(label)._default_manager.using(using).all().delete()
            for _model, objects in tables:
                for deserialized in objects:
                    deserialized.save(using=using)
            connection.check_constraints(
                table_names=[model._meta.db_table for model, _objects in tables]
            )
            sequence_sql = connection.ops.sequence_reset_sql(
                no_style(), [model for model, _objects in tables]
            )
            if sequence_sql:
                with connection.cursor() as cursor:
                    for statement in sequence_sql:
                        cursor.execute(statement)
            for name in media_files:
                destination = media_root / name.removeprefix("media/")
                destination.parent.mkdir(parents=True, exist_ok=True)
                destination.write_bytes((scratch_dir / name).read_bytes())
    ContentType.objects.clear_cache()
    return manifest
