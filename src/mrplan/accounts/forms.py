from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from mrplan.accounts.models import TOKEN_DEFAULT_LIFETIME_DAYS, TOKEN_LIFETIME_DAYS, ApiToken


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Fel användarnamn eller lösenord. "
            "Observera att båda fälten kan vara skiftlägeskänsliga."
        ),
        "inactive": _("Kontot är inaktiverat."),
    }


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Namn på nyckeln"),
        max_length=100,
        help_text=_("Till exempel vad nyckeln ska användas till."),
    )
    scope = forms.ChoiceField(
        label=_("Vad får nyckeln göra?"),
        choices=ApiToken.Scope.choices,
        initial=ApiToken.Scope.READ,
        widget=forms.RadioSelect,
        help_text=_("Ge bara rätt att ändra om programmet verkligen ska skriva."),
    )
    days = forms.TypedChoiceField(
        label=_("Giltig i"),
        coerce=int,
        choices=(),
        initial=TOKEN_DEFAULT_LIFETIME_DAYS,
        help_text=_("Nyckeln slutar gälla efter den tiden, och när du byter lösenord."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        days = self.fields["days"]
        assert isinstance(days, forms.ChoiceField)
        # Built here rather than at import, so that the labels follow the active language.
        days.choices = [
            (count, ngettext("%(days)d dag", "%(days)d dagar", count) % {"days": count})
            for count in TOKEN_LIFETIME_DAYS
        ]


class OneTimeCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Kod"),
        max_length=20,
        help_text=_("Sex siffror från autentiseringsappen, eller en av dina reservkoder."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class EnrolCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Kod från appen"),
        max_length=20,
        help_text=_("Sex siffror som appen visar efter att du skannat QR-koden."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class SecurityPolicyForm(forms.Form):
    require_two_factor = forms.BooleanField(
        label=_("Kräv tvåstegsverifiering för samordnare, administratörer och attesterare"),
        required=False,
        help_text=_(
            "De som inte har aktiverat det skickas direkt till sidan för att aktivera det, "
            "innan de kommer vidare."
        ),
    )
