"""Forms of the public site: the query parameters of its pages, and the publication rules."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mrplan.planning.models import FIRST_YEAR, LAST_YEAR
from mrplan.programmes.models import TargetGroupCategory
from mrplan.public.models import RuleKind


class CoverageFilter(forms.Form):
    """?ar=<year>&kategori=<category>&malgrupp=<slug>&sida=<n> on the target-group page; all
    optional."""

    ar = forms.IntegerField(
        label=_("År"),
        required=False,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        error_messages={"invalid": _("Året ska anges med fyra siffror, till exempel 2026.")},
    )
    kategori = forms.ChoiceField(
        label=_("Kategori"),
        required=False,
        choices=[("", _("Alla kategorier")), *TargetGroupCategory.choices],
        error_messages={"invalid_choice": _("Det finns ingen sådan kategori av målgrupper.")},
    )
    # The list of one target group's activities, a page at a time (checked by the view
    # against the target groups the matrix shows).
    malgrupp = forms.SlugField(label=_("Målgrupp"), required=False)
    sida = forms.IntegerField(
        label=_("Sida"),
        required=False,
        min_value=1,
        error_messages={"invalid": _("Sidan ska anges med en siffra.")},
    )


class RulesForm(forms.Form):
    """One checkbox per publication rule."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind, label in RuleKind.choices:
            self.fields[kind] = forms.BooleanField(label=label, required=False)
