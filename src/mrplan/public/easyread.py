"""Easy-read (lättläst) summaries of the programme and the action plans.

Coordinators write them; everyone reads those of published programmes and action plans.
Easy Swedish means short sentences and common words, so the form refuses long sentences.
"""

import re
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _

from mrplan.accounts.models import User
from mrplan.accounts.permissions import roles_for
from mrplan.accounts.types import Actor
from mrplan.core.actions import save_audited
from mrplan.core.history import register
from mrplan.core.lookups import primary_key
from mrplan.programmes.models import ActionPlan, Programme
from mrplan.public.models import EasyReadSummary
from mrplan.public.selectors.pages import easy_read_target

MAX_CHARS = 6000
MAX_WORDS_PER_SENTENCE = 25
SENTENCE_END = re.compile(r"(?<=[.!?:])\s+|\n+")


def may_edit_easy_read(user: Actor) -> bool:
    """Only coordinators write the easy-read summaries."""
    return roles_for(user).is_coordinator


def check_edit_easy_read(actor: Actor) -> None:
    if not may_edit_easy_read(actor):
        raise PermissionDenied


def get_easy_read_target_for_user(
    request: HttpRequest, kind: str, slug: str
) -> Programme | ActionPlan:
    """Return the programme or action plan whose summary the user may edit (404, 403)."""
    target = easy_read_target(kind, slug)
    if target is None:
        raise Http404
    check_edit_easy_read(request.user)
    return target


@register("easy-read", EasyReadSummary)
def get_easy_read_history_for_user(request: HttpRequest, key: str) -> EasyReadSummary:
    """Return easy-read summary KEY (its id) for coordinators."""
    try:
        summary = EasyReadSummary.objects.select_related("programme", "action_plan").get(
            pk=primary_key(key)
        )
    except EasyReadSummary.DoesNotExist:
        raise Http404 from None
    check_edit_easy_read(request.user)
    return summary


def long_sentences(text: str) -> list[tuple[str, int]]:
    """Return (beginning, word count) of each sentence of TEXT longer than the limit."""
    found = []
    for sentence in SENTENCE_END.split(text):
        words = sentence.split()
        if len(words) > MAX_WORDS_PER_SENTENCE:
            found.append((" ".join(words[:5]), len(words)))
    return found


class EasyReadForm(forms.Form):
    text = forms.CharField(
        label=_("Lättläst text"),
        widget=forms.Textarea(attrs={"rows": 16}),
        max_length=MAX_CHARS,
        help_text=_(
            "Skriv korta meningar med vanliga ord. Börja med det viktigaste. "
            "Högst %(words)s ord i varje mening. Lämna en tom rad mellan stycken."
        )
        % {"words": MAX_WORDS_PER_SENTENCE},
        error_messages={
            "required": _("Skriv den lättlästa texten."),
            "max_length": _("Texten får vara högst %(limit_value)d tecken (nu %(show_value)d)."),
        },
    )

    def clean_text(self) -> str:
        text = str(self.cleaned_data["text"]).strip()
        errors = [
            ValidationError(
                _(
                    "Meningen som börjar ”%(start)s …” har %(count)s ord. Dela upp den: "
                    "högst %(limit)s ord i varje mening."
                ),
                code="long_sentence",
                params={"start": start, "count": count, "limit": MAX_WORDS_PER_SENTENCE},
            )
            for start, count in long_sentences(text)
        ]
        if errors:
            raise ValidationError(errors)
        return text


@transaction.atomic
def easy_read_summary_save(
    *, actor: User, target: Programme | ActionPlan, text: str
) -> EasyReadSummary:
    """Create or change the easy-read summary of TARGET (coordinators)."""
    check_edit_easy_read(actor)
    if isinstance(target, ActionPlan):
        summary = EasyReadSummary.objects.select_for_update().filter(action_plan=target).first()
        about: dict[str, Any] = {"action_plan": target}
    else:
        summary = EasyReadSummary.objects.select_for_update().filter(programme=target).first()
        about = {"programme": target}
    user = actor if getattr(actor, "is_authenticated", False) else None
    if summary is None:
        return save_audited(
            EasyReadSummary(),
            actor=actor,
            data={**about, "text": text, "language": "sv", "updated_by": user},
        )
    return save_audited(summary, actor=actor, data={"text": text, "updated_by": user})
