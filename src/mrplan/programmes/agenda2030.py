"""Load the goals and targets of Agenda 2030 from a JSON file (idempotent).

The file holds {"goals": [{"number", "title", "description", "targets": [{"code",
"title", "text"}]}]}. A goal that already exists may leave out its title, so that a file
can add targets to goals loaded before. Loading twice changes nothing.
"""

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from mrplan.programmes.models import SdgGoal, SdgTarget

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "agenda2030.json"


@dataclass
class LoadResult:
    goals: int = 0
    targets: int = 0


def _goal(entry: dict[str, Any]) -> SdgGoal:
    try:
        number = int(entry["number"])
    except (KeyError, TypeError, ValueError):
        raise ValidationError(f"Ett mål saknar giltigt nummer: {entry!r}") from None
    if not 1 <= number <= 17:
        raise ValidationError(f"Agenda 2030 har mål 1–17, inte {number}.")
    defaults: dict[str, Any] = {
        name: str(entry[name]).strip() for name in ("title", "description") if name in entry
    }
    if "title" not in defaults and not SdgGoal.objects.filter(number=number).exists():
        raise ValidationError(f"Mål {number} saknar titel.")
    goal, _ = SdgGoal.objects.update_or_create(number=number, defaults=defaults)
    return goal


def _position(code: str) -> int:
    """Order targets as the UN does: 10.1 … 10.7, then 10.a, 10.b …, whatever the file order."""
    suffix = code.split(".", 1)[1]
    if suffix.isdigit():
        return int(suffix)
    if len(suffix) == 1 and suffix.isalpha():
        return 100 + ord(suffix.lower()) - ord("a")
    return 200


def _target(goal: SdgGoal, entry: dict[str, Any]) -> SdgTarget:
    code = str(entry.get("code", "")).strip()
    text = str(entry.get("text", "")).strip()
    if not code.startswith(f"{goal.number}.") or not text:
        raise ValidationError(f"Delmålet {entry!r} under mål {goal.number} saknar kod eller text.")
    target, _ = SdgTarget.objects.update_or_create(
        code=code,
        defaults={
            "goal": goal,
            "title": str(entry.get("title", "")).strip(),
            "text": text,
            "position": _position(code),
        },
    )
    return target


@transaction.atomic
def load_agenda2030(path: str | Path | None = None) -> LoadResult:
    """Create or update the goals and targets in PATH (the bundled Swedish file by default)."""
    with open(path or DEFAULT_PATH, encoding="utf-8") as file:
        document = json.load(file)
    result = LoadResult()
    for entry in document.get("goals", []):
        goal = _goal(entry)
        result.goals += 1
        for target_entry in entry.get("targets", []):
            _target(goal, target_entry)
            result.targets += 1
    return result
