import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls made
# from that thread (fixtures, assertions) are safe because they are not concurrent.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_configure(config: object) -> None:
    """Hash passwords quickly in tests; the real hasher is tested by Django itself."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Page caching is tested on its own (tests/test_public_cache.py turns it back on).
    settings.MRPLAN_PUBLIC_CACHE_SECONDS = 0
    # The report form's rate limit is tested on its own (test_public_pages_accessibility.py).
    settings.MRPLAN_ACCESSIBILITY_REPORTS_PER_HOUR = 10_000
    # Open data files go to a directory of this test process, emptied after each test.
    settings.MRPLAN_OPENDATA_DIR = Path(tempfile.mkdtemp(prefix="mrplan-opendata-"))


@pytest.fixture(autouse=True)
def _no_open_data_files_between_tests() -> Iterator[None]:
    """Start every test without built open data files or a withdrawal mark."""
    yield
    shutil.rmtree(settings.MRPLAN_OPENDATA_DIR, ignore_errors=True)


@pytest.fixture(autouse=True)
def _swedish_by_default() -> Iterator[None]:
    """Start every test in Swedish: a request to /en/ leaves English active in the thread."""
    with translation.override(settings.LANGUAGE_CODE):
        yield
