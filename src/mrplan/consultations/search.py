"""Case-insensitive search that knows å, ä and ö on SQLite too.

SQLite's LIKE and LOWER() fold ASCII letters only, so "älvsjö" would not find "Älvsjö".
Each SQLite connection gets a small Python function that folds the whole of Unicode, and
Fold() calls it there; PostgreSQL's LOWER() already folds Unicode.
"""

from typing import Any

from django.db.backends.signals import connection_created
from django.db.models import Func, TextField


def _fold(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value


def register_sqlite_fold(sender: Any, connection: Any, **kwargs: Any) -> None:
    """Give a new SQLite connection the mrplan_fold() function."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("mrplan_fold", 1, _fold, deterministic=True)


connection_created.connect(register_sqlite_fold, dispatch_uid="mrplan-consultations-fold")


class Fold(Func):
    """Lower-case text for comparison, Unicode-aware on every database."""

    function = "LOWER"
    output_field = TextField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return super().as_sql(compiler, connection, function="mrplan_fold", **extra)


def fold(text: str) -> str:
    """Fold TEXT the same way for the query side."""
    return text.casefold()
