from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


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
