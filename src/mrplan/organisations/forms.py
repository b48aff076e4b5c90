"""Forms for the organisation pages; the actions do the real validation."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mrplan.accounts.models import Role, User
from mrplan.organisations.models import Organisation, OrganisationKind


class DirectoryFilterForm(forms.Form):
    """The directory's filters, read from the query string (?q=…&typ=…)."""

    q = forms.CharField(
        label=_("Sök organisation"),
        required=False,
        max_length=100,
        help_text=_("Namn, kortnamn eller diarieprefix."),
        widget=forms.TextInput(attrs={"type": "search"}),
        error_messages={"max_length": _("Söktexten får vara högst %(limit_value)d tecken.")},
    )
    typ = forms.ChoiceField(
        label=_("Typ"),
        required=False,
        choices=[("", _("Alla typer")), *OrganisationKind.choices],
        error_messages={"invalid_choice": _("Okänd typ av organisation. Välj en typ i listan.")},
    )

    def __init__(self, *args: Any, counts: dict[str, int] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if counts is not None:
            typ = self.fields["typ"]
            assert isinstance(typ, forms.ChoiceField)
            typ.choices = [
                ("", _("Alla typer")),
                *(
                    (value, f"{label} ({counts.get(value, 0)})")
                    for value, label in OrganisationKind.choices
                ),
            ]


class OrganisationForm(forms.Form):
    """An organisation's details; kind and parent only for those who may change the structure."""

    name = forms.CharField(label=_("Namn"), max_length=200)
    short_name = forms.CharField(
        label=_("Kortnamn"),
        max_length=40,
        required=False,
        help_text=_("Till exempel SLK för Stadsledningskontoret."),
    )
    kind = forms.ChoiceField(label=_("Typ"), choices=OrganisationKind.choices)
    parent = forms.ModelChoiceField(
        label=_("Hör till"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Ingen"),
        help_text=_("En förvaltning hör till sin nämnd, ett bolag till sitt moderbolag."),
    )
    diary_prefix = forms.CharField(
        label=_("Diarieprefix"),
        max_length=12,
        required=False,
        help_text=_(
            "Används i diarienummer, till exempel ”HÄ” i HÄ 2024/689. Lämna tomt om det saknas."
        ),
    )
    description = forms.CharField(
        label=_("Beskrivning"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    address = forms.CharField(label=_("Postadress"), max_length=300, required=False)
    email = forms.EmailField(label=_("E-post"), required=False)
    phone = forms.CharField(label=_("Telefon"), max_length=40, required=False)
    website = forms.URLField(label=_("Webbplats"), required=False, assume_scheme="https")

    def __init__(
        self,
        *args: Any,
        may_change_structure: bool,
        organisation: Organisation | None = None,
        **kwargs: Any,
    ) -> None:
        if organisation is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                name: getattr(organisation, name) for name in self.base_fields if name != "parent"
            } | {"parent": organisation.parent_id}
        super().__init__(*args, **kwargs)
        if may_change_structure:
            parents = Organisation.objects.order_by("name")
            if organisation is not None:
                parents = parents.exclude(pk=organisation.pk)
            parent = self.fields["parent"]
            assert isinstance(parent, forms.ModelChoiceField)
            parent.queryset = parents
        else:
            del self.fields["kind"]
            del self.fields["parent"]


class DepartmentForm(forms.Form):
    name = forms.CharField(label=_("Avdelningens namn"), max_length=200)


class MemberForm(forms.Form):
    """Give an existing user a role: found by username or e-mail address (if any)."""

    user = forms.CharField(
        label=_("Användarnamn eller e-postadress"),
        max_length=254,
        help_text=_("Personen måste redan ha ett konto i mrplan."),
    )
    role = forms.ChoiceField(label=_("Roll"), choices=())
    title = forms.CharField(
        label=_("Titel"),
        max_length=120,
        required=False,
        help_text=_("Till exempel avdelningschef eller stadsdelsdirektör."),
    )

    def __init__(self, *args: Any, may_grant_coordinator: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        role = self.fields["role"]
        assert isinstance(role, forms.ChoiceField)
        role.choices = [
            (value, label)
            for value, label in Role.choices
            if value != Role.COORDINATOR or may_grant_coordinator
        ]

    def clean_user(self) -> User | None:
        """Return the one account the text names, or None; say nothing about which."""
        # The answer must be the same whether or not the account exists, so that the
        # form cannot be used to find out which usernames and addresses are in use.
        text = self.cleaned_data["user"].strip()
        match = User.objects.filter(username__iexact=text).first()
        if match is None and "@" in text:
            found = list(User.objects.filter(email__iexact=text)[:2])
            match = found[0] if len(found) == 1 else None
        return match
