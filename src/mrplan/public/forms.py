"""Forms of the public site: the query parameters of its pages, and the publication rules."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mrplan.planning.models import FIRST_YEAR, LAST_YEAR
from mrplan.programmes.models import TargetGroupCategory
from mrplan.public.models import RuleKind


class CoverageFilter(forms.Form):
    """?ar=<year>&kategori=<category> on the target-group page; both optional."""

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


class RulesForm(forms.Form):
    """One checkbox per publication rule."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind, label in RuleKind.choices:
            self.fields[kind] = forms.BooleanField(label=label, required=False)
