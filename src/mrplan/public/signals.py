"""Invalidate the cached public pages when anything they may show is saved or deleted,
and publish or withdraw a report when planning approves or reopens it."""

from typing import Any

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from mrplan.accounts.models import User
from mrplan.core.generation import bump_generation
from mrplan.planning import signals as planning_signals
from mrplan.planning.models import Report
from mrplan.public.actions import apply_publication_rules_for_report, withdraw_report_publication

# Apps whose rows appear on public pages. "core" is the audit log: publishing writes the
# publication flag with an UPDATE (no post_save) but always records an audit event.
WATCHED_APPS = frozenset(
    {
        "core",
        "organisations",
        "programmes",
        "planning",
        "knowledge",
        "collaboration",
        "consultations",
        "public",
    }
)
M2M_CHANGES = frozenset({"post_add", "post_remove", "post_clear"})


def _invalidate(using: str | None) -> None:
    # Bump now (the writing request sees its own change) and once more after the commit:
    # a reader rendering between the two would otherwise cache the old rows under the new
    # generation.
    bump_generation()
    connection = transaction.get_connection(using)
    if connection.in_atomic_block and not any(
        entry[1] is bump_generation for entry in connection.run_on_commit
    ):
        transaction.on_commit(bump_generation, using=using)


def _watched(sender: Any) -> bool:
    meta = getattr(sender, "_meta", None)
    return meta is not None and meta.app_label in WATCHED_APPS


def on_save_or_delete(sender: Any, using: str | None = None, **kwargs: Any) -> None:
    if _watched(sender):
        _invalidate(using)


def on_m2m_changed(sender: Any, action: str, using: str | None = None, **kwargs: Any) -> None:
    if action in M2M_CHANGES and _watched(sender):
        _invalidate(using)


def on_report_approved(sender: Any, report: Report, actor: User, **kwargs: Any) -> None:
    apply_publication_rules_for_report(report, actor)


def on_report_reopened(sender: Any, report: Report, actor: User, **kwargs: Any) -> None:
    withdraw_report_publication(report, actor)


def connect() -> None:
    """Connect the receivers (called from PublicConfig.ready)."""
    planning_signals.report_approved.connect(
        on_report_approved, dispatch_uid="mrplan-public-report-approved"
    )
    planning_signals.report_reopened.connect(
        on_report_reopened, dispatch_uid="mrplan-public-report-reopened"
    )
    post_save.connect(on_save_or_delete, dispatch_uid="mrplan-public-cache-save")
    post_delete.connect(on_save_or_delete, dispatch_uid="mrplan-public-cache-delete")
    m2m_changed.connect(on_m2m_changed, dispatch_uid="mrplan-public-cache-m2m")
