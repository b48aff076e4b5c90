"""Keyed signatures of statement versions and approvals (HMAC-SHA256, chained).

A SHA-256 alone proves nothing against someone who can write to the database: they change
the text and recompute it. So every stored version and every approval is also signed with a
key the server holds outside the database (settings.ATTESTATION_KEY, from
MRPLAN_ATTESTATION_KEY or _FILE), and each approval carries the signature of the previous
approval of the same version ("" for the first), so removing, adding or reordering one of
the approvals a decision rests on breaks the chain.

The exact algorithm (docs/consultations.md): the message is a JSON object serialised with
sorted keys, no spaces, UTF-8 (as content.content_hash does), and the signature is the
lower-case hex HMAC-SHA256 of those bytes with the key's UTF-8 bytes.

    version:  {"kind": "version", "statement": <id>, "number": <n>, "content_hash": <hex>}
    approval: {"kind": "approval", "statement": <id>, "step": <position>,
               "version": <n>, "content_hash": <hex>, "approver": <name>,
               "title": <title>, "approved_at": <ISO 8601 UTC>, "previous": <hex or "">}
"""

import datetime
import hashlib
import hmac
import json
from typing import Any

from django.conf import settings

from mrplan.consultations.models import Approval, StatementVersion


def _canonical(message: dict[str, Any]) -> bytes:
    return json.dumps(message, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def sign(message: dict[str, Any], key: str | None = None) -> str:
    """Return the hex HMAC-SHA256 of MESSAGE in canonical JSON with the attestation key."""
    secret = (key if key is not None else settings.ATTESTATION_KEY).encode("utf-8")
    return hmac.new(secret, _canonical(message), hashlib.sha256).hexdigest()


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).isoformat()


def version_message(version: StatementVersion) -> dict[str, Any]:
    return {
        "kind": "version",
        "statement": version.statement_id,
        "number": version.number,
        "content_hash": version.content_hash,
    }


def approval_message(approval: Approval, statement_id: int) -> dict[str, Any]:
    return {
        "kind": "approval",
        "statement": statement_id,
        "step": approval.step.position,
        "version": approval.version.number,
        "content_hash": approval.content_hash,
        "approver": approval.approver_name,
        "title": approval.approver_title,
        "approved_at": _utc(approval.approved_at),
        "previous": approval.previous_signature,
    }


def sign_version(version: StatementVersion) -> str:
    return sign(version_message(version))


def sign_approval(approval: Approval, statement_id: int) -> str:
    return sign(approval_message(approval, statement_id))


def version_signed(version: StatementVersion) -> bool:
    """Whether VERSION carries a valid signature of its number and stored hash."""
    return bool(version.signature) and hmac.compare_digest(version.signature, sign_version(version))


def approval_signed(approval: Approval, statement_id: int) -> bool:
    """Whether APPROVAL carries a valid signature of what it says (previous link included)."""
    return bool(approval.signature) and hmac.compare_digest(
        approval.signature, sign_approval(approval, statement_id)
    )


def chain_order(approvals: list[Approval]) -> list[Approval]:
    """Return APPROVALS in the order they were made (the chain's order)."""
    return sorted(approvals, key=lambda approval: (approval.approved_at, approval.pk))


def reseal(version: StatementVersion) -> None:
    """Sign VERSION and re-chain its approvals with the current key (key rotation, demo data).

    Only for the key holder's deliberate use: it blesses whatever the rows say now.
    """
    version.signature = sign_version(version)
    version.save(update_fields=["signature"])
    previous = ""
    approvals = Approval.objects.filter(version=version).select_related("step", "version")
    for approval in chain_order(list(approvals)):
        approval.previous_signature = previous
        approval.signature = sign_approval(approval, version.statement_id)
        approval.save(update_fields=["previous_signature", "signature"])
        previous = approval.signature
