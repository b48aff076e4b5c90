"""Invalidate the cached public pages and rebuild the open data files when anything they may
show is saved or deleted, and publish or withdraw a report when planning approves or reopens it."""

from typing import Any

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from mrplan.accounts.models import User
from mrplan.core.generation import bump_generation
from mrplan.core.models import AuditEvent
from mrplan.planning import signals as planning_signals
from mrplan.planning.models import Report
from mrplan.public.actions import apply_publication_rules_for_report, withdraw_report_publication
from mrplan.public.jobs import request_rebuild
from mrplan.public.opendata import store

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


# Audit events that change no content.
QUIET_VERBS = frozenset(
    {
        AuditEvent.Verb.READ,
        AuditEvent.Verb.LOGIN,
        AuditEvent.Verb.LOGIN_FAILED,
        AuditEvent.Verb.TOKEN,
    }
)
PUBLICATION_FLAGS = ("is_published", "is_public")
# A row whose status leaves one of these (or becomes a draft) may leave the public site.
PUBLIC_STATUSES = frozenset({"approved", "decided"})


def _is_withdrawal(event: AuditEvent) -> bool:
    """Return whether EVENT may take something off the public site (an unpublish, a reopened
    report or statement, a consultation back to draft). In doubt: yes."""
    changes = event.changes or {}
    for name in (*PUBLICATION_FLAGS, "status"):
        if name not in changes:
            continue
        change = changes[name]
        if not (isinstance(change, list) and len(change) == 2):
            return True  # values kept apart (personal data): assume the worst
        before, after = change
        if name in PUBLICATION_FLAGS and not after:
            return True
        if name == "status" and (before in PUBLIC_STATUSES or after == "draft"):
            return True
    return False


def _rebuild_at_once() -> None:
    # Marked again after the commit: a build that read the old rows before the commit saw the
    # mark's earlier token and must not clear this one (opendata.store._clear_withdrawn).
    store.mark_withdrawn()
    request_rebuild(at_once=True)


def _rebuild_later() -> None:
    request_rebuild()


def _opendata_changed(using: str | None, *, withdrawal: bool) -> None:
    """Queue a rebuild of the open data files after the commit; on a withdrawal, also stop
    serving the current files at once (before the commit, so no reader gets them after it)."""
    connection = transaction.get_connection(using)
    callback = _rebuild_at_once if withdrawal else _rebuild_later
    if not connection.in_atomic_block:
        if withdrawal:
            store.mark_withdrawn()
        callback()
        return
    if any(entry[1] is callback for entry in connection.run_on_commit):
        return
    if withdrawal:
        store.mark_withdrawn()
    transaction.on_commit(callback, using=using, robust=True)


def _opendata_save(sender: Any, instance: Any, using: str | None) -> None:
    if sender is AuditEvent:
        if instance.verb not in QUIET_VERBS:
            _opendata_changed(using, withdrawal=_is_withdrawal(instance))
    else:
        _opendata_changed(using, withdrawal=False)


def _opendata_delete(sender: Any, instance: Any, using: str | None) -> None:
    if sender is AuditEvent:
        return  # pruning the log changes no content
    flags = [getattr(instance, flag) for flag in PUBLICATION_FLAGS if hasattr(instance, flag)]
    # A row without a flag of its own (a report's values, an observation) may have been
    # public through its parent: treat its deletion as a withdrawal.
    _opendata_changed(using, withdrawal=any(flags) or not flags)


def _watched(sender: Any) -> bool:
    meta = getattr(sender, "_meta", None)
    return meta is not None and meta.app_label in WATCHED_APPS


def on_save(sender: Any, instance: Any, using: str | None = None, **kwargs: Any) -> None:
    if _watched(sender):
        _invalidate(using)
        _opendata_save(sender, instance, using)


def on_delete(sender: Any, instance: Any, using: str | None = None, **kwargs: Any) -> None:
    if _watched(sender):
        _invalidate(using)
        _opendata_delete(sender, instance, using)


def on_m2m_changed(sender: Any, action: str, using: str | None = None, **kwargs: Any) -> None:
    if action in M2M_CHANGES and _watched(sender):
        _invalidate(using)
        # Removing a target group from a published activity is an edit, not a withdrawal.
        _opendata_changed(using, withdrawal=False)


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
    post_save.connect(on_save, dispatch_uid="mrplan-public-cache-save")
    post_delete.connect(on_delete, dispatch_uid="mrplan-public-cache-delete")
    m2m_changed.connect(on_m2m_changed, dispatch_uid="mrplan-public-cache-m2m")
