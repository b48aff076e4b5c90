"""E-mails about statements and answers: an approver's turn, voided approvals, an answer.

Each function is called from an action and sends after the commit (`transaction.on_commit`),
so a rolled-back action mails nobody; the outbox backend turns each message into a
background job. Every message is rendered for its addressee, in the user's language when
the user has one, with absolute links (settings.SITE_URL).
"""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from mrplan.accounts.models import User
from mrplan.consultations import selectors
from mrplan.consultations.models import Consultation, ConsultationRecipient, Statement


def _language(user: User) -> str:
    return str(getattr(user, "language", "") or settings.LANGUAGE_CODE)


def send_to(users: Iterable[User], template: str, context: dict[str, Any]) -> int:
    """E-mail TEMPLATE (…_subject.txt and …_body.txt) to each active user with an address."""
    sent = 0
    seen: set[str] = set()
    for user in users:
        if not user.is_active or not user.email or user.email in seen:
            continue
        seen.add(user.email)
        with translation.override(_language(user)):
            full = {**context, "user": user, "site_url": settings.SITE_URL.rstrip("/")}
            subject = render_to_string(f"consultations/email/{template}_subject.txt", full)
            body = render_to_string(f"consultations/email/{template}_body.txt", full)
        EmailMessage(
            " ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, to=[user.email]
        ).send(fail_silently=False)
        sent += 1
    return sent


def _statement(statement_id: int) -> Statement:
    return Statement.objects.select_related("case__organisation", "case__case_officer").get(
        pk=statement_id
    )


def approver_turn_later(statement: Statement, approver_id: int) -> None:
    """After the commit, tell the approver of the next step that it is their turn."""

    def send() -> None:
        approver = User.objects.filter(pk=approver_id).first()
        if approver is not None:
            send_to([approver], "approver_turn", {"statement": _statement(statement.pk)})

    transaction.on_commit(send)


def approvals_voided_later(statement: Statement, approver_ids: Iterable[int], number: int) -> None:
    """After the commit, tell the voided approvers and the case officer of the new version."""
    ids = sorted(set(approver_ids))
    if not ids:
        return

    def send() -> None:
        loaded = _statement(statement.pk)
        users = list(User.objects.filter(pk__in=ids).order_by("pk"))
        if loaded.case.case_officer is not None:
            users.append(loaded.case.case_officer)
        send_to(users, "approvals_voided", {"statement": loaded, "number": number})

    transaction.on_commit(send)


def answer_arrived_later(recipient: ConsultationRecipient, statement: Statement) -> None:
    """After the commit, tell whoever sent the remiss and its sender's writers of the answer."""

    def send() -> None:
        loaded = ConsultationRecipient.objects.select_related(
            "organisation", "consultation__sender", "consultation__sent_by"
        ).get(pk=recipient.pk)
        consultation: Consultation = loaded.consultation
        users: list[User] = []
        if consultation.sent_by is not None:
            users.append(consultation.sent_by)
        addresses = selectors.writer_emails([consultation.sender_id]).get(
            consultation.sender_id, []
        )
        users += list(User.objects.filter(email__in=addresses, is_active=True).order_by("pk"))
        send_to(
            users,
            "answer_arrived",
            {
                "consultation": consultation,
                "recipient": loaded,
                "statement": _statement(statement.pk),
            },
        )

    transaction.on_commit(send)
