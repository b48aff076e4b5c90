"""Forms for the programme structure; the actions do the writing."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mrplan.organisations.models import Organisation
from mrplan.programmes import actions
from mrplan.programmes.models import (
    ActionPlan,
    CityActivity,
    DevelopmentArea,
    FocusArea,
    Programme,
    TargetGroup,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


SLUG_HELP = _("Används i sidans adress. Lämna tomt för att skapa det från titeln.")


class StructureForm(forms.ModelForm):
    """Shared set-up: optional slugs, and the data an action expects."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = SLUG_HELP

    def action_data(self) -> dict[str, Any]:
        """Return the cleaned values under the model's field names."""
        return {name: self.cleaned_data[name] for name in self.fields}


class ProgrammeForm(StructureForm):
    class Meta:
        model = Programme
        fields = actions.PROGRAMME_FIELDS
        widgets = {
            "goal": forms.Textarea(attrs={"rows": 3}),
            "adopted_on": DateInput(),
            "valid_from": DateInput(),
            "valid_until": DateInput(),
            "replaces": forms.CheckboxSelectMultiple(),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        adopted_by = self.fields["adopted_by"]
        assert isinstance(adopted_by, forms.ModelChoiceField)
        adopted_by.queryset = Organisation.objects.order_by("name")
        replaces = self.fields["replaces"]
        assert isinstance(replaces, forms.ModelMultipleChoiceField)
        others = Programme.objects.order_by("title")
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        replaces.queryset = others


class FocusAreaForm(StructureForm):
    class Meta:
        model = FocusArea
        fields = actions.FOCUS_AREA_FIELDS


class ActionPlanForm(StructureForm):
    class Meta:
        model = ActionPlan
        fields = actions.ACTION_PLAN_FIELDS
        widgets = {
            "goal": forms.Textarea(attrs={"rows": 3}),
            "valid_from": DateInput(),
            "valid_until": DateInput(),
            "special_focus": forms.CheckboxSelectMultiple(),
            "sdg_targets": forms.CheckboxSelectMultiple(),
        }


class DevelopmentAreaForm(StructureForm):
    class Meta:
        model = DevelopmentArea
        fields = actions.DEVELOPMENT_AREA_FIELDS
        widgets = {
            "focus_areas": forms.CheckboxSelectMultiple(),
            "target_groups": forms.CheckboxSelectMultiple(),
            "sdg_targets": forms.CheckboxSelectMultiple(),
        }

    def __init__(self, *args: Any, action_plan: ActionPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        focus_areas = self.fields["focus_areas"]
        assert isinstance(focus_areas, forms.ModelMultipleChoiceField)
        # Only the focus areas of the action plan's own programme can be answered.
        focus_areas.queryset = FocusArea.objects.filter(programme_id=action_plan.programme_id)
        focus_areas.error_messages["required"] = _(
            "Välj minst ett fokusområde som utvecklingsområdet svarar mot."
        )


class CityActivityForm(StructureForm):
    class Meta:
        model = CityActivity
        fields = actions.CITY_ACTIVITY_FIELDS
        widgets = {"target_groups": forms.CheckboxSelectMultiple()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        responsible = self.fields["responsible"]
        assert isinstance(responsible, forms.ModelChoiceField)
        responsible.queryset = Organisation.objects.order_by("name")


class TargetGroupForm(StructureForm):
    class Meta:
        model = TargetGroup
        fields = actions.TARGET_GROUP_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parent = self.fields["parent"]
        assert isinstance(parent, forms.ModelChoiceField)
        others = TargetGroup.objects.order_by("name")
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        parent.queryset = others
        self.fields["slug"].help_text = _(
            "Används i adresser. Lämna tomt för att skapa det från namnet."
        )
