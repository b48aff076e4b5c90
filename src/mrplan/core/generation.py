"""The data generation: one number that changes on every write to what the pages show.

public/signals.py raises it whenever a model of a watched app (planning, programmes,
organisations, knowledge, ... and core's audit log, which every action writes, so bulk
UPDATEs and bulk_creates count too) is saved or deleted, once at once and once more on
commit. Caches of rendered pages put it in their keys, so a single bump invalidates them all:
the public page cache (public/cache.py) and the signed-in page bodies
(accounts/reader_cache.py).

It lives in the cache named by MRPLAN_PUBLIC_CACHE_ALIAS (Redis with several workers), so a
bump in one worker is seen by all.
"""

import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import BaseCache

GENERATION_KEY = "mrplan-public-cache:generation"


def generation_cache() -> BaseCache:
    return caches[settings.MRPLAN_PUBLIC_CACHE_ALIAS]


def _fresh() -> int:
    # A generation that was never used before: if the number is evicted or the cache emptied,
    # starting again from 1 could meet pages still cached under an old, small number.
    return time.time_ns() // 1000


def generation() -> int:
    """Return the current data generation (started from the clock, then counted up)."""
    cache = generation_cache()
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, _fresh(), timeout=None)
        value = cache.get(GENERATION_KEY) or _fresh()
    return int(value)


def bump_generation() -> None:
    """Invalidate every page cached under the current generation at once."""
    cache = generation_cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet, or evicted
        cache.add(GENERATION_KEY, _fresh(), timeout=None)
