"""The stored open data files: built by a background job, served as files.

Layout under settings.MRPLAN_OPENDATA_DIR (default var/opendata):

    build-<id>/            one complete build: alla.zip, <table>.csv|json|xlsx, manifest.json
    current -> build-<id>  the build that is served (a symlink, replaced atomically)
    withdrawn              present while the current build may hold something that has since
                           left the public site (an unpublish, a deletion, a status change)

A build writes every file into a fresh directory, a chunk of rows at a time, then points
`current` at it with one rename, so a reader sees the old build or the new one, never half
of one. Ordinary changes (a new publication, an edited text) leave the current build served
until the rebuild replaces it; a withdrawal marks it at once, and it is not served again (see
views/opendata.py) until a build that started after the withdrawal has replaced it.
"""

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import shutil
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from mrplan.public.opendata import TABLES, Table
from mrplan.public.opendata.formats import (
    CsvWriter,
    JsonWriter,
    XlsxWriter,
    table_csv_writer,
    write_zip,
)

logger = logging.getLogger(__name__)

ZIP_NAME = "alla.zip"
MANIFEST = "manifest.json"
CURRENT = "current"
WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class StoredFile:
    """One file of the served build, with what its response's validators need."""

    path: Path
    sha256: str
    size: int
    built_at: float  # Unix time the build started reading the database


def root() -> Path:
    return Path(settings.MRPLAN_OPENDATA_DIR)


def mark_withdrawn() -> None:
    """Stop serving the current build until a rebuild (called when something leaves the
    public site). A new token each time, so a build running meanwhile keeps the mark."""
    directory = root()
    directory.mkdir(parents=True, exist_ok=True)
    temporary = directory / f".withdrawn-{uuid.uuid4().hex}"
    temporary.write_text(uuid.uuid4().hex)
    os.replace(temporary, directory / WITHDRAWN)


def _withdrawn_token() -> str | None:
    try:
        return (root() / WITHDRAWN).read_text()
    except FileNotFoundError:
        return None


def is_withdrawn() -> bool:
    return (root() / WITHDRAWN).exists()


def stored(name: str) -> StoredFile | None:
    """Return file NAME of the current build, or None when there is none to serve."""
    if is_withdrawn():
        return None
    manifest = _current_manifest()
    if manifest is None:
        return None
    entry = manifest["files"].get(name)
    if entry is None:
        return None
    # The symlink may move on between reading the manifest and opening the file; resolve it
    # once, here, so both come from the same build.
    directory = (root() / manifest["directory"]).resolve()
    return StoredFile(directory / name, entry["sha256"], entry["size"], manifest["built_at"])


def build() -> Path:
    """Write every table (CSV, JSON, XLSX) and the zip into a new build; serve it; return it.

    Memory stays low whatever the size: rows are read a chunk at a time and written straight
    to the files, and the zip copies the CSVs in blocks.
    """
    directory = root()
    directory.mkdir(parents=True, exist_ok=True)
    token = _withdrawn_token()
    started = time.time()
    build_id = f"{timezone.now():%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
    target = directory / f"build-{build_id}"
    target.mkdir()
    try:
        csv_files = {}
        for table in TABLES:
            csv_files[table.name] = _write_table(target, table)
        with (target / ZIP_NAME).open("wb") as out:
            write_zip(out, csv_files)
        files = {
            path.name: {"sha256": _sha256(path), "size": path.stat().st_size}
            for path in sorted(target.iterdir())
        }
        manifest = {"directory": target.name, "built_at": started, "files": files}
        (target / MANIFEST).write_text(json.dumps(manifest, indent=1))
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    with _lock():
        # Two builds may run at once (two workers, or the command beside the worker): the
        # one that started reading later wins, whichever finishes first, so an older build
        # (which may hold a row withdrawn since) never replaces a newer one.
        current = _current_manifest()
        if current is not None and current["built_at"] > started:
            shutil.rmtree(target, ignore_errors=True)
            logger.info("Open data build %s dropped: a newer one is served", target.name)
            return root() / current["directory"]
        _publish(target)
        _clear_withdrawn(token)
    _remove_old_builds(keep=target)
    logger.info("Open data built in %.1f s: %s", time.time() - started, target.name)
    return target


@contextlib.contextmanager
def _lock() -> Iterator[None]:
    with (root() / ".lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _current_manifest() -> dict[str, Any] | None:
    try:
        manifest: dict[str, Any] = json.loads((root() / CURRENT / MANIFEST).read_text())
    except (FileNotFoundError, NotADirectoryError, ValueError):
        return None
    return manifest


def _write_table(target: Path, table: Table) -> Path:
    """Write TABLE as CSV, JSON and XLSX in one pass over its rows; return the CSV's path."""
    csv_path = target / f"{table.name}.csv"
    with csv_path.open("wb") as csv_out, (target / f"{table.name}.json").open("wb") as json_out:
        writers: list[CsvWriter | JsonWriter | XlsxWriter] = [
            table_csv_writer(csv_out, table),
            JsonWriter(json_out, table),
            XlsxWriter(target / f"{table.name}.xlsx", table),
        ]
        for row in table.iter_rows():
            for writer in writers:
                writer.write(row)
        for writer in writers:
            writer.close()
    return csv_path


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _publish(target: Path) -> None:
    # A new symlink renamed over the old one: readers see one build or the other.
    link = root() / f".current-{uuid.uuid4().hex}"
    os.symlink(target.name, link)
    os.replace(link, root() / CURRENT)


def _clear_withdrawn(token: str | None) -> None:
    """Remove the withdrawal mark if it is the one seen when the build started.

    A withdrawal during the build wrote a new token: the mark stays, and the rebuild that
    withdrawal queued will clear it.
    """
    marker = root() / WITHDRAWN
    taken = root() / f".withdrawn-taken-{uuid.uuid4().hex}"
    try:
        os.rename(marker, taken)  # atomic: nobody else sees or clears this mark meanwhile
    except FileNotFoundError:
        return
    if taken.read_text() != token:
        with contextlib.suppress(FileExistsError):  # an even newer mark is there
            os.link(taken, marker)  # put it back
    taken.unlink()


def _remove_old_builds(*, keep: Path) -> None:
    # A reader still streaming an old file keeps it open; POSIX frees it when they finish.
    # A build without a manifest may still be running (another worker): left for an hour.
    now = time.time()
    for path in root().glob("build-*"):
        if path == keep:
            continue
        age = now - path.stat().st_mtime
        if age > (60 if (path / MANIFEST).exists() else 3600):
            shutil.rmtree(path, ignore_errors=True)
