import datetime
from dataclasses import dataclass

from django.test import SimpleTestCase

from mrplan.planning import rollup
from mrplan.planning.rollup import AT_RISK, DELAYED, NO_ASSESSMENT, ON_TRACK

ON = datetime.date(2026, 7, 1)


@dataclass
class Item:
    status: str = "ongoing"
    progress: int = 50
    weight: int = 1
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None


def spanning(progress: int, *, status: str = "ongoing", weight: int = 1) -> Item:
    """An activity over the whole of 2026: a steady pace has it at 50 % on 1 July."""
    return Item(
        status=status,
        progress=progress,
        weight=weight,
        start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2026, 12, 31),
    )


class ExpectedProgressTests(SimpleTestCase):
    def test_a_steady_pace_between_start_and_end(self) -> None:
        self.assertAlmostEqual(rollup.expected_progress(spanning(0), ON) or 0, 49.7, places=1)
        self.assertEqual(rollup.expected_progress(spanning(0), datetime.date(2025, 12, 1)), 0.0)
        self.assertEqual(rollup.expected_progress(spanning(0), datetime.date(2027, 1, 1)), 100.0)
        self.assertIsNone(rollup.expected_progress(Item(), ON))


class ActivityLevelTests(SimpleTestCase):
    def test_status_decides_for_completed_delayed_and_cancelled(self) -> None:
        self.assertIs(rollup.activity_level(spanning(100, status="completed"), ON), ON_TRACK)
        self.assertIs(rollup.activity_level(spanning(90, status="delayed"), ON), DELAYED)
        self.assertIs(rollup.activity_level(spanning(0, status="cancelled"), ON), NO_ASSESSMENT)

    def test_otherwise_the_lag_behind_a_steady_pace_decides(self) -> None:
        self.assertIs(rollup.activity_level(spanning(45), ON), ON_TRACK)  # 4.7 points behind
        self.assertIs(rollup.activity_level(spanning(35), ON), AT_RISK)  # 14.7 behind
        self.assertIs(rollup.activity_level(spanning(20), ON), DELAYED)  # 29.7 behind
        self.assertIs(rollup.activity_level(Item(progress=0), ON), ON_TRACK)  # no dates

    def test_every_level_has_a_text_label_besides_its_colour(self) -> None:
        labels = {str(level.label) for level in (ON_TRACK, AT_RISK, DELAYED, NO_ASSESSMENT)}
        self.assertEqual(labels, {"I fas", "Risk för försening", "Försenad", "Ingen bedömning"})
        self.assertEqual(
            [ON_TRACK.colour, AT_RISK.colour, DELAYED.colour], ["green", "yellow", "red"]
        )


class RollupTests(SimpleTestCase):
    def test_progress_is_the_mean_weighted_by_weight(self) -> None:
        result = rollup.rollup([Item(progress=20, weight=1), Item(progress=80, weight=3)], on=ON)
        self.assertEqual(result.progress, 65.0)  # (20 + 3 * 80) / 4
        self.assertEqual((result.counted, result.total_weight), (2, 4))

    def test_with_equal_weights_it_is_the_plain_mean(self) -> None:
        result = rollup.rollup([Item(progress=10), Item(progress=20), Item(progress=60)], on=ON)
        self.assertEqual(result.percent, 30)

    def test_cancelled_activities_are_left_out(self) -> None:
        result = rollup.rollup(
            [Item(progress=80), Item(status="cancelled", progress=0, weight=10)], on=ON
        )
        self.assertEqual((result.progress, result.counted, result.excluded), (80.0, 1, 1))

    def test_nothing_to_count_gives_no_assessment(self) -> None:
        for items in ([], [Item(status="cancelled", progress=0)]):
            result = rollup.rollup(items, on=ON)
            self.assertIsNone(result.progress)
            self.assertIsNone(result.percent)
            self.assertIs(result.level, NO_ASSESSMENT)

    def test_the_assessment_follows_the_weighted_score_thresholds(self) -> None:
        on_track, delayed = spanning(50), spanning(50, status="delayed")
        # scores: 1.0 → green; 4 on track + 1 delayed = 0.8 → green (threshold inclusive)
        self.assertIs(rollup.rollup([on_track] * 4 + [delayed], on=ON).level, ON_TRACK)
        # 3 on track + 1 delayed = 0.75 → yellow
        self.assertIs(rollup.rollup([on_track] * 3 + [delayed], on=ON).level, AT_RISK)
        # 1 on track + 1 delayed = 0.5 → yellow (inclusive); weight 2 on delayed → red
        self.assertIs(rollup.rollup([on_track, delayed], on=ON).level, AT_RISK)
        heavy = spanning(50, status="delayed", weight=2)
        self.assertIs(rollup.rollup([on_track, heavy], on=ON).level, DELAYED)

    def test_an_action_plan_counts_each_organisation_once(self) -> None:
        big = rollup.rollup([Item(progress=90)] * 10, on=ON)
        small = rollup.rollup([Item(progress=10)], on=ON)
        combined = rollup.combine([big, small, rollup.rollup([], on=ON)])
        self.assertEqual(combined.progress, 50.0)
        self.assertEqual(combined.counted, 11)
        self.assertIn("varje organisation väger lika", str(combined.method))
        self.assertIsNone(rollup.combine([]).progress)
