"""Compare two versions of a statement field by field, word by word (difflib)."""

import difflib
import re
from dataclasses import dataclass
from typing import Any

from mrplan.consultations.models import STATEMENT_CONTENT_FIELDS, Statement

TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass
class Piece:
    """A run of text: "equal", "delete" (only in the old version) or "insert" (only in the new)."""

    kind: str
    text: str


@dataclass
class FieldChange:
    name: str
    label: str
    pieces: list[Piece]


def _text(value: Any, questions: dict[str, str] | None = None) -> str:
    if value is None:
        return ""
    if isinstance(value, dict) and questions is not None:
        # Answers are stored by question id; a reader compares them by the question's text.
        return "\n".join(
            f"{questions.get(str(key), key)}: {text}"
            for key, text in sorted(value.items(), key=lambda item: str(item[0]))
        )
    if isinstance(value, list):
        return "\n".join(
            ", ".join(str(v) for v in row.values() if v) if isinstance(row, dict) else str(row)
            for row in value
        )
    if isinstance(value, dict):
        return "\n".join(f"{key}: {text}" for key, text in sorted(value.items()))
    return str(value)


def _pieces(old: str, new: str) -> list[Piece]:
    before, after = TOKENS.findall(old), TOKENS.findall(new)
    pieces: list[Piece] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(Piece("equal", "".join(before[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            pieces.append(Piece("delete", "".join(before[i1:i2])))
        if tag in ("insert", "replace"):
            pieces.append(Piece("insert", "".join(after[j1:j2])))
    return pieces


LABELS = {field.name: field.verbose_name for field in Statement._meta.concrete_fields}


def compare(
    old: dict[str, Any], new: dict[str, Any], questions: dict[str, str] | None = None
) -> list[FieldChange]:
    """Return the fields that differ between the OLD and NEW content, in document order.

    QUESTIONS maps question ids to their texts, so that answers show the question asked.
    """
    changes = []
    for name in STATEMENT_CONTENT_FIELDS:
        labels = questions if name == "answers" else None
        before, after = _text(old.get(name), labels), _text(new.get(name), labels)
        if before != after:
            label = str(LABELS.get(name, name))
            changes.append(FieldChange(name, label[:1].upper() + label[1:], _pieces(before, after)))
    return changes
