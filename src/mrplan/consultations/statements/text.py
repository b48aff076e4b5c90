"""Swedish wording the statement writes for itself: dates, lists and the preparation section.

The document's language is Swedish whatever the interface language, so these are plain
strings in the seeds' wording rather than translatable messages.
"""

import datetime
from collections.abc import Iterable, Sequence

MONTHS = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
]

DEPARTMENT_PREFIXES = ("avdelningen för ", "avdelning för ")


def long_date(value: datetime.date) -> str:
    """Return VALUE as a Swedish long date: 14 januari 2025."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def join_swedish(items: Sequence[str]) -> str:
    """Join ITEMS the Swedish way: "a, b, c samt d"."""
    items = [item for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " samt " + items[-1]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def department_phrase(names: Iterable[str]) -> str:
    """Return "avdelningarna för x, y samt z" (or "avdelningen för x") from department names.

    Names such as "Avdelningen för äldreomsorg" lose their prefix; others ("Nämndkansliet")
    are listed after the departments, as they stand.
    """
    areas: list[str] = []
    others: list[str] = []
    for name in names:
        text = name.strip()
        lowered = text.lower()
        for prefix in DEPARTMENT_PREFIXES:
            if lowered.startswith(prefix):
                areas.append(text[len(prefix) :])
                break
        else:
            others.append(_lower_first(text))
    parts = []
    if areas:
        noun = "avdelningen" if len(areas) == 1 else "avdelningarna"
        parts.append(f"{noun} för {join_swedish(areas)}")
    parts.extend(others)
    return join_swedish(parts)


def preparation_text(
    *, prepared_by: str, departments: Sequence[str], union_informed_on: datetime.date | None
) -> str:
    """Return the "Ärendets beredning" section in the seeds' wording."""
    within = _lower_first(prepared_by.strip()) or "förvaltningen"
    sentence = f"Ärendet har beretts inom {within}"
    consulted = department_phrase(departments)
    if consulted:
        sentence += f" i samråd med {consulted}"
    text = sentence + "."
    if union_informed_on is not None:
        text += (
            " De fackliga organisationerna informeras i förvaltningsgruppen den "
            f"{long_date(union_informed_on)}."
        )
    return text


def decision_proposal(committee_name: str) -> str:
    """Return the decision proposal template for a statement answering a remiss."""
    return (
        f"{committee_name} godkänner förvaltningens tjänsteutlåtande och överlämnar det "
        "till kommunstyrelsen som svar på remissen."
    )
