"""What the public may see: one rule per publishable model, stated once.

The public is anonymous visitors and signed-in users without a membership. Each publishable
model's queryset subclasses `PublishedQuerySet` and states its rule once, in
`published_rule(prefix)`; everything that shows rows to the public (the public pages, open
data, search, feeds, indicator pages, the anonymous API) filters with `.published()`, and a
read that starts from a related row filters with the same rule under a prefix, e.g.
`EasyReadSummary.objects.filter(published_rule(Programme, "programme__"))`.

A rule that depends on a parent states only its own condition and the parent's rule under
the parent's prefix, so "an action plan is public only when its programme is" is written
once, in the action plan's rule. The list of rules is in docs/architecture.md.
"""

from typing import Any, Self, cast

from django.db import models
from django.db.models import Exists, OuterRef, Q


def prefixed(condition: Q, prefix: str) -> Q:
    """Return CONDITION with every lookup moved under PREFIX (e.g. "report__")."""
    if not prefix:
        return condition
    copy = Q()
    copy.connector = condition.connector
    copy.negated = condition.negated
    for child in condition.children:
        if isinstance(child, Q):
            copy.children.append(prefixed(child, prefix))
        else:
            lookup, value = cast(tuple[str, Any], child)
            copy.children.append((prefix + lookup, value))
    return copy


class PublishedQuerySet(models.QuerySet[Any]):
    """A queryset whose `published()` keeps what the public may see.

    Subclasses override `published_rule`; the default is the model's own `is_published` flag.
    """

    @classmethod
    def published_rule(cls, prefix: str = "") -> Q:
        """Return the condition a row reached through PREFIX meets when it is public."""
        return Q(**{f"{prefix}is_published": True})

    def published(self) -> Self:
        """Return only the rows the public may see."""
        return self.filter(self.published_rule())

    def is_published_ref(self, field: str) -> Exists:
        """Return an expression for `annotate()`: whether the row the outer query's FIELD
        points to is published (no extra query, e.g. to hide a link to a hidden parent)."""
        return Exists(self.published().filter(pk=OuterRef(field)))


def published_rule(model: type[models.Model], prefix: str = "") -> Q:
    """Return MODEL's public rule for rows reached through PREFIX (e.g. "programme__")."""
    queryset = model._default_manager.all()
    if not isinstance(queryset, PublishedQuerySet):
        raise TypeError(f"{model.__name__} has no published() rule")
    return queryset.published_rule(prefix)
