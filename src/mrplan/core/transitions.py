"""One table per status field: which named move may start from which state, and where it ends.

Every workflow in mrplan (a report under review, a remiss, a recipient's answer, a case in
the diary, a statement under attestation, a planning year, a period) keeps its rule in one
`TransitionTable` next to its actions:

    REPORT_MOVES = TransitionTable(
        Report, "status",
        {
            "submit": Transition({DRAFT, RETURNED}, SUBMITTED, _("… status %(status)s.")),
            "approve": Transition({SUBMITTED}, APPROVED, _("… status %(status)s."), contested=True),
        },
    )

and each move is an action that calls `REPORT_MOVES.apply(report, actor=…, name="approve")`.
`apply` locks the row, refuses a move the table does not allow from the current state (with
the row's Swedish refusal), and saves through `save_audited`, so the history records the
move under its kind ("report.approve"). Nothing else in the code sets a status field.

A contested move (two reviewers may race for it) answers "already done" when the row is
already in a state the move could not start from but another contested move could have led
to; the API turns that into HTTP 409.

Every table registers itself in TABLES, so one test walks all of them and proves that each
move not in a table is refused.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.functional import Promise

from mrplan.core.actions import save_audited

if TYPE_CHECKING:  # core imports no app at run time
    from mrplan.accounts.models import User

M = TypeVar("M", bound=models.Model)

# Raised (as the ValidationError code) when a contested move lost the race.
ALREADY_DONE = "already_done"


@dataclass(frozen=True)
class Transition:
    """A named move: the states it may start from, the state it ends in, and the refusal."""

    sources: frozenset[str]
    target: str
    refusal: Promise | str
    # Several people may race for this move; the loser is told it is already done (409).
    contested: bool = False
    # Extra facts a table's owner needs about the move (e.g. planning's "needs an open period").
    tags: frozenset[str] = field(default_factory=frozenset)

    def __init__(
        self,
        sources: Iterable[str],
        target: str,
        refusal: Promise | str,
        *,
        contested: bool = False,
        tags: Iterable[str] = (),
    ) -> None:
        object.__setattr__(self, "sources", frozenset(sources))
        object.__setattr__(self, "target", target)
        object.__setattr__(self, "refusal", refusal)
        object.__setattr__(self, "contested", contested)
        object.__setattr__(self, "tags", frozenset(tags))


TABLES: list["TransitionTable[Any]"] = []


class TransitionTable(Generic[M]):
    """The moves of one status field of one model (see the module docstring)."""

    def __init__(
        self,
        model: type[M],
        field_name: str,
        moves: Mapping[str, Transition],
        *,
        already_done: Promise | str | None = None,
    ) -> None:
        self.model = model
        self.field_name = field_name
        self.moves = dict(moves)
        self.already_done = already_done
        states = self.states()
        for name, move in self.moves.items():
            unknown = (move.sources | {move.target}) - states
            if unknown:
                raise ValueError(f"{model.__name__}.{field_name} move {name!r}: {sorted(unknown)}")
        TABLES.append(self)

    def __repr__(self) -> str:
        return f"<TransitionTable {self.label}>"

    @property
    def label(self) -> str:
        """The prefix of this table's audit kinds, e.g. "report" (the model's name)."""
        return self.model._meta.model_name or self.model.__name__.lower()

    def kind(self, name: str) -> str:
        """The audit kind recorded for move NAME, e.g. "report.approve"."""
        return f"{self.label}.{name}"

    def states(self) -> frozenset[str]:
        """Every state the field can hold (its choices)."""
        field_object = self.model._meta.get_field(self.field_name)
        choices = getattr(field_object, "choices", None) or ()
        return frozenset(str(value) for value, _label in choices)

    def __getitem__(self, name: str) -> Transition:
        return self.moves[name]

    def allows(self, name: str, state: str) -> bool:
        """Whether move NAME may start from STATE."""
        return state in self.moves[name].sources

    def next_states(self, state: str) -> frozenset[str]:
        """The states an object in STATE may move to."""
        return frozenset(move.target for move in self.moves.values() if state in move.sources)

    def moves_from(self, state: str) -> list[str]:
        """The names of the moves that may start from STATE, in table order."""
        return [name for name, move in self.moves.items() if state in move.sources]

    def _state_of(self, obj: M) -> str:
        return str(getattr(obj, self.field_name))

    def _display(self, obj: M) -> str:
        getter = getattr(obj, f"get_{self.field_name}_display", None)
        return str(getter() if getter else self._state_of(obj)).lower()

    def check(self, obj: M, name: str) -> Transition:
        """Return move NAME, or raise ValidationError (code "state") if OBJ cannot make it."""
        move = self.moves[name]
        state = self._state_of(obj)
        if state in move.sources:
            return move
        refusal = str(move.refusal)
        if "%(status)s" in refusal:
            refusal = refusal % {"status": self._display(obj)}
        if move.contested and self.already_done and self._lost_race(state, name):
            raise ValidationError(f"{self.already_done} {refusal}", code=ALREADY_DONE)
        raise ValidationError(refusal, code="state")

    def _lost_race(self, state: str, name: str) -> bool:
        """Whether STATE is where a rival contested move from NAME's sources would have led."""
        sources = self.moves[name].sources
        return any(
            rival.contested and rival.sources & sources and rival.target == state
            for rival in self.moves.values()
        )

    def lock(self, obj: M) -> M:
        """Lock OBJ's row until the transaction ends and reload it, so moves take turns."""
        type(obj)._default_manager.select_for_update().filter(pk=obj.pk).values_list(
            "pk", flat=True
        ).first()
        obj.refresh_from_db()
        return obj

    @transaction.atomic
    def apply(
        self,
        obj: M,
        *,
        actor: "User | None",
        name: str,
        data: Mapping[str, Any] | None = None,
        message: str = "",
        lock: bool = True,
    ) -> M:
        """Make move NAME on OBJ: lock, check, set the target state and DATA, audit as the move."""
        if lock and obj.pk is not None:
            self.lock(obj)
        move = self.check(obj, name)
        return save_audited(
            obj,
            actor=actor,
            data={self.field_name: move.target, **(data or {})},
            message=message,
            kind=self.kind(name),
        )


def table_for(model: type[models.Model], field_name: str = "status") -> TransitionTable[Any]:
    """Return the registered table of MODEL's FIELD_NAME (KeyError when there is none)."""
    for table in TABLES:
        if table.model is model and table.field_name == field_name:
            return table
    raise KeyError(f"{model.__name__}.{field_name}")
