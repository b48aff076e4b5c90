"""The data generation (core/generation.py) that keys the caches of rendered pages."""

from django.core.cache import cache
from django.test import SimpleTestCase

from mrplan.core.generation import GENERATION_KEY, bump_generation, generation


class GenerationTests(SimpleTestCase):
    def test_a_bump_raises_it(self) -> None:
        before = generation()
        bump_generation()
        self.assertGreater(generation(), before)

    def test_it_never_goes_back_after_being_evicted(self) -> None:
        # Pages may still be cached under the old number: starting again from 1 (or any
        # number used before) would serve them.
        bump_generation()
        before = generation()
        cache.delete(GENERATION_KEY)
        self.assertGreater(generation(), before)
        cache.delete(GENERATION_KEY)
        bump_generation()
        self.assertGreater(generation(), before)
