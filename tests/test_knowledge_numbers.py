import random
from decimal import Decimal

from django.template.defaultfilters import floatformat
from django.test import SimpleTestCase
from django.utils import translation

from mrplan.knowledge.templatetags.knowledge_numbers import decimals


class DecimalsTests(SimpleTestCase):
    def test_it_formats_as_floatformat_minus_two_does(self) -> None:
        rng = random.Random(14)
        values = [0, 0.0, -0.0, -0.001, 0.005, 2.675, 1.005, 1234567.891, -12.5, 1e20, 1e-7]
        values += [Decimal("3.14159"), Decimal("10"), Decimal("-0.004"), 12, "", "abc"]
        values += [float("nan"), float("inf")]
        values += [rng.uniform(-1000, 1000) for _ in range(2000)]
        values += [round(rng.uniform(0, 100), rng.randint(0, 4)) for _ in range(2000)]
        for language in ("sv", "en"):
            with translation.override(language):
                for value in values:
                    self.assertEqual(decimals(value), str(floatformat(value, "-2")), value)
        self.assertEqual(decimals(None), "")
