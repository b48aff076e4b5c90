"""The accessibility statement's report form: store the report, e-mail it after the commit.

The law (2018:1937) om tillgänglighet till digital offentlig service requires a way for
anyone to tell the city about accessibility problems; no login is needed.
"""

import datetime
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from mrplan.accounts.models import User
from mrplan.core.actions import save_audited
from mrplan.public.models import AccessibilityReport

# When the statement was drawn up and last reviewed (shown on the page, as DIGG's model asks).
STATEMENT_DRAWN_UP = datetime.date(2026, 11, 22)
LAST_REVIEWED = datetime.date(2026, 11, 22)
DIGG_REPORT_URL = "https://www.digg.se/tdosanmalan"


def contact_email() -> str:
    """Return where reports go: ACCESSIBILITY_CONTACT_EMAIL, else DEFAULT_FROM_EMAIL."""
    return settings.ACCESSIBILITY_CONTACT_EMAIL or settings.DEFAULT_FROM_EMAIL


class AccessibilityReportForm(forms.Form):
    page_url = forms.CharField(
        label=_("Sidans adress"),
        max_length=500,
        help_text=_("Till exempel /oppet/remisser/ eller hela adressen från webbläsaren."),
        error_messages={
            "required": _("Ange adressen till sidan där problemet finns."),
            "max_length": _("Adressen får vara högst %(limit_value)d tecken."),
        },
    )
    description = forms.CharField(
        label=_("Beskriv problemet"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text=_(
            "Vad försökte du göra, och vad hände? Berätta gärna vilket hjälpmedel du använder."
        ),
        error_messages={
            "required": _("Beskriv problemet du stötte på."),
            "max_length": _("Beskrivningen får vara högst %(limit_value)d tecken."),
        },
    )
    email = forms.EmailField(
        label=_("Din e-postadress (frivilligt)"),
        required=False,
        max_length=254,
        help_text=_("Fyll i om du vill att vi svarar dig. Vi använder den bara för att svara."),
        error_messages={"invalid": _("Ange en giltig e-postadress, till exempel namn@exempel.se.")},
    )

    def clean_page_url(self) -> str:
        value = str(self.cleaned_data["page_url"]).strip()
        parts = urlsplit(value)
        is_path = value.startswith("/") and not value.startswith("//")
        is_web = parts.scheme in {"http", "https"} and bool(parts.netloc)
        if not (is_path or is_web) or any(character.isspace() for character in value):
            raise forms.ValidationError(
                _("Ange en adress som börjar med / eller med https://."), code="invalid"
            )
        return value


def _rate_key(address: str) -> str:
    return f"mrplan:accessibility-reports:{address}"


def may_report(address: str) -> bool:
    """Whether ADDRESS may send another report this hour (MRPLAN_ACCESSIBILITY_REPORTS_PER_HOUR)."""
    limit = settings.MRPLAN_ACCESSIBILITY_REPORTS_PER_HOUR
    return int(cache.get(_rate_key(address), 0)) < limit


def count_report(address: str) -> None:
    """Count one report from ADDRESS in the current hour's window."""
    key = _rate_key(address)
    if not cache.add(key, 1, timeout=3600):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=3600)


def _send(report_id: int) -> None:
    report = AccessibilityReport.objects.get(pk=report_id)
    context = {"report": report, "site_url": settings.SITE_URL.rstrip("/")}
    subject = render_to_string("public/accessibility_email_subject.txt", context)
    body = render_to_string("public/accessibility_email_body.txt", context)
    EmailMessage(
        " ".join(subject.split()),
        body,
        settings.DEFAULT_FROM_EMAIL,
        to=[contact_email()],
        # No Reply-To from the visitor: the address is in the text, for a person to judge.
    ).send(fail_silently=False)


@transaction.atomic
def accessibility_report_create(
    *, actor: User | AnonymousUser, page_url: str, description: str, email: str = ""
) -> AccessibilityReport:
    """Store a report of an accessibility problem (anyone may) and e-mail it after the commit."""
    report = save_audited(
        AccessibilityReport(),
        actor=actor if isinstance(actor, User) else None,  # a visitor: recorded as "system"
        data={"page_url": page_url, "description": description, "email": email},
    )
    transaction.on_commit(lambda: _send(report.pk))
    return report
