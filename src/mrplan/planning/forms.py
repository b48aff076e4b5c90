"""Forms for the plan and report pages; the actions do the real validation."""

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms import BoundField
from django.utils.translation import gettext_lazy as _

from mrplan.organisations.models import Department, Organisation
from mrplan.planning.actions import ActivityUpdateInput, MilestoneInput, field_name
from mrplan.planning.attachments import ACCEPT
from mrplan.planning.models import (
    FIRST_YEAR,
    LAST_YEAR,
    Activity,
    ActivityStatus,
    Direction,
    Goal,
    Indicator,
    PeriodStatus,
    PlanningYear,
    ReportingPeriod,
    validate_sane_date,
)
from mrplan.planning.report_context import indicator_help, report_context, status_help
from mrplan.planning.selectors import ReportPage
from mrplan.programmes.models import (
    ActionPlan,
    CityActivity,
    DevelopmentArea,
    SdgTarget,
    TargetGroup,
)
from mrplan.programmes.selectors import (
    action_plans_visible_to,
    city_activities_visible_to,
    development_areas_visible_to,
)

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_FORMATS = ["%Y-%m-%d"]


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.action_plan.title}: {obj.title}"


class AreaMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.action_plan.title}: {obj.title}"


class CityActivityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.development_area.title}: {obj.title}"


def _target_groups() -> Any:
    return TargetGroup.objects.order_by("category", "position", "name")


def _year_field(label: Any, **kwargs: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        error_messages={
            "invalid": _("Ange ett årtal med fyra siffror."),
            "min_value": _("Ange ett år från och med %(limit_value)s."),
            "max_value": _("Ange ett år till och med %(limit_value)s."),
        },
        **kwargs,
    )


def _value_field(label: Any, **kwargs: Any) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        max_digits=14,
        decimal_places=2,
        localize=True,
        error_messages={"invalid": _("Ange ett tal, till exempel 12,5.")},
        **kwargs,
    )


# The planning cycle


class PlanningYearForm(forms.Form):
    year = _year_field(_("År"), help_text=_("Perioderna VP, T1, T2 och VB skapas med året."))


class PeriodForm(forms.Form):
    code = forms.CharField(label=_("Kod"), max_length=8, help_text=_("Till exempel T1."))
    name = forms.CharField(label=_("Namn"), max_length=100)
    deadline = forms.DateField(
        label=_("Sista dag"),
        widget=DATE_WIDGET,
        input_formats=DATE_FORMATS,
        validators=[validate_sane_date],
    )


# The plan


class GoalForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=300)
    description = forms.CharField(
        label=_("Beskrivning"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    development_areas = AreaMultipleChoiceField(
        label=_("Utvecklingsområden"),
        queryset=DevelopmentArea.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Målet följs upp i rapporterna för de handlingsplaner områdena hör till."),
    )
    target_groups = forms.ModelMultipleChoiceField(
        label=_("Målgrupper"),
        queryset=TargetGroup.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sdg_targets = forms.ModelMultipleChoiceField(
        label=_("Delmål i Agenda 2030"),
        queryset=SdgTarget.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Delmålen som handlingsplanerna hänvisar till."),
    )

    def __init__(self, *args: Any, user: Any, goal: Goal | None = None, **kwargs: Any) -> None:
        if goal is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "title": goal.title,
                "description": goal.description,
                "development_areas": list(goal.development_areas.all()),
                "target_groups": list(goal.target_groups.all()),
                "sdg_targets": list(goal.sdg_targets.all()),
            }
        super().__init__(*args, **kwargs)
        areas = self.fields["development_areas"]
        assert isinstance(areas, forms.ModelMultipleChoiceField)
        areas.queryset = development_areas_visible_to(user).order_by(
            "action_plan__position", "action_plan__title", "position", "title"
        )
        groups = self.fields["target_groups"]
        assert isinstance(groups, forms.ModelMultipleChoiceField)
        groups.queryset = _target_groups()
        chosen = [target.pk for target in goal.sdg_targets.all()] if goal is not None else []
        targets = self.fields["sdg_targets"]
        assert isinstance(targets, forms.ModelMultipleChoiceField)
        targets.queryset = (
            SdgTarget.objects.filter(
                Q(action_plans__isnull=False)
                | Q(development_areas__isnull=False)
                | Q(pk__in=chosen)
            )
            .select_related("goal")
            .distinct()
            .order_by("goal__number", "position")
        )


class ActivityForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=300)
    description = forms.CharField(
        label=_("Beskrivning"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    goal = forms.ModelChoiceField(
        label=_("Mål"),
        queryset=Goal.objects.none(),
        required=False,
        empty_label=_("Inget mål"),
        help_text=_(
            "Koppla aktiviteten till ett mål, ett utvecklingsområde eller en stadsgemensam "
            "aktivitet – minst ett av dem."
        ),
    )
    development_area = AreaChoiceField(
        label=_("Utvecklingsområde"),
        queryset=DevelopmentArea.objects.none(),
        required=False,
        empty_label=_("Inget utvecklingsområde"),
    )
    city_activity = CityActivityChoiceField(
        label=_("Stadsgemensam aktivitet"),
        queryset=CityActivity.objects.none(),
        required=False,
        empty_label=_("Ingen stadsgemensam aktivitet"),
    )
    responsible_department = forms.ModelChoiceField(
        label=_("Ansvarig avdelning"),
        queryset=Department.objects.none(),
        required=False,
        empty_label=_("Ingen särskild avdelning"),
    )
    start_date = forms.DateField(
        label=_("Startdatum"),
        required=False,
        widget=DATE_WIDGET,
        input_formats=DATE_FORMATS,
        validators=[validate_sane_date],
    )
    end_date = forms.DateField(
        label=_("Slutdatum"),
        required=False,
        widget=DATE_WIDGET,
        input_formats=DATE_FORMATS,
        validators=[validate_sane_date],
    )
    status = forms.ChoiceField(label=_("Status"), choices=ActivityStatus.choices)
    progress = forms.IntegerField(
        label=_("Framdrift (procent)"),
        min_value=0,
        max_value=100,
        initial=0,
        error_messages={
            "invalid": _("Ange framdriften som ett heltal mellan 0 och 100."),
            "min_value": _("Framdriften kan inte vara mindre än 0."),
            "max_value": _("Framdriften kan inte vara mer än 100."),
        },
    )
    weight = forms.IntegerField(
        label=_("Vikt"),
        min_value=1,
        max_value=100,
        initial=1,
        help_text=_("Hur mycket aktiviteten väger när målets framdrift räknas ihop (1–100)."),
        error_messages={
            "invalid": _("Ange vikten som ett heltal mellan 1 och 100."),
            "min_value": _("Vikten måste vara minst 1."),
            "max_value": _("Vikten kan vara högst 100."),
        },
    )
    target_groups = forms.ModelMultipleChoiceField(
        label=_("Målgrupper"),
        queryset=TargetGroup.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        user: Any,
        organisation: Organisation,
        planning_year: PlanningYear,
        activity: Activity | None = None,
        **kwargs: Any,
    ) -> None:
        if activity is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                name: getattr(activity, name)
                for name in (
                    "title",
                    "description",
                    "start_date",
                    "end_date",
                    "status",
                    "progress",
                    "weight",
                    "version",
                )
            } | {
                "goal": activity.goal_id,
                "development_area": activity.development_area_id,
                "city_activity": activity.city_activity_id,
                "responsible_department": activity.responsible_department_id,
                "target_groups": list(activity.target_groups.all()),
            }
        super().__init__(*args, **kwargs)
        self._set_queryset(
            "goal",
            Goal.objects.filter(organisation=organisation, planning_year=planning_year).order_by(
                "position", "title"
            ),
        )
        self._set_queryset(
            "development_area",
            development_areas_visible_to(user).order_by(
                "action_plan__position", "action_plan__title", "position", "title"
            ),
        )
        self._set_queryset(
            "city_activity",
            city_activities_visible_to(user).order_by(
                "development_area__action_plan__position",
                "development_area__position",
                "position",
                "title",
            ),
        )
        self._set_queryset("responsible_department", organisation.departments.order_by("name"))
        self._set_queryset("target_groups", _target_groups())
        if activity is None:
            del self.fields["version"]

    def _set_queryset(self, name: str, queryset: Any) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = queryset

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # A hidden field's own errors are not shown, so a missing version is a form error.
        if "version" in self.fields and data.get("version") is None:
            raise ValidationError(_("Formuläret saknar versionsnummer. Ladda om sidan."))
        return data

    def activity_data(self) -> dict[str, Any]:
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}


class MilestoneForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    date = forms.DateField(
        label=_("Datum"),
        required=False,
        widget=DATE_WIDGET,
        input_formats=DATE_FORMATS,
        validators=[validate_sane_date],
    )
    title = forms.CharField(label=_("Delmål"), max_length=300, required=False)
    done = forms.BooleanField(label=_("Klart"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        deleting = data.get("DELETE")
        has_title = bool((data.get("title") or "").strip())
        if (
            not deleting
            and (has_title or data.get("date"))
            and not (has_title and data.get("date"))
        ):
            raise ValidationError(_("Ange både datum och text för delmålet."))
        return data

    def as_input(self) -> MilestoneInput | None:
        """Return the row for the action, or None for an empty new row."""
        data = self.cleaned_data
        pk = data.get("id")
        title = (data.get("title") or "").strip()
        if pk is None and not title and not data.get("date"):
            return None
        if pk is None and data.get("DELETE"):
            return None
        return MilestoneInput(
            pk=pk,
            date=data.get("date"),
            title=title,
            done=bool(data.get("done")),
            delete=bool(data.get("DELETE")),
        )


class BaseMilestoneFormSet(forms.BaseFormSet):
    def inputs(self) -> list[MilestoneInput]:
        rows = [form.as_input() for form in self.forms]
        return [row for row in rows if row is not None]


MilestoneFormSet = forms.formset_factory(
    MilestoneForm, formset=BaseMilestoneFormSet, extra=2, can_delete=True, max_num=50
)


def milestone_formset(data: Any, activity: Activity | None) -> Any:
    initial = (
        [
            {"id": m.pk, "date": m.date, "title": m.title, "done": m.done}
            for m in activity.milestones.all()
        ]
        if activity is not None
        else []
    )
    return MilestoneFormSet(data, initial=initial, prefix="delmal")


class IndicatorForm(forms.Form):
    name = forms.CharField(label=_("Namn"), max_length=300)
    unit = forms.CharField(
        label=_("Enhet"),
        max_length=40,
        required=False,
        help_text=_("Till exempel procent eller antal."),
    )
    direction = forms.ChoiceField(label=_("Riktning"), choices=Direction.choices)
    baseline_value = _value_field(_("Utgångsvärde"))
    baseline_year = _year_field(_("Utgångsår"), required=False)
    target_value = _value_field(_("Målvärde"))
    target_year = _year_field(_("Målår"), required=False)
    breakdown_dimension = forms.CharField(
        label=_("Uppdelning"),
        max_length=60,
        required=False,
        help_text=_("Till exempel kön eller åldersgrupp. Lämna tomt om värdet inte delas upp."),
    )
    breakdown_categories = forms.CharField(
        label=_("Kategorier"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("En kategori per rad, till exempel Kvinnor och Män på var sin rad."),
    )
    decimals = forms.TypedChoiceField(
        label=_("Antal decimaler"),
        choices=[(0, "0"), (1, "1"), (2, "2")],
        coerce=int,
        required=False,
        empty_value=2,  # type: ignore[arg-type]
        initial=2,
        help_text=_("Hur många decimaler värdena visas med, 0–2."),
    )

    def __init__(self, *args: Any, indicator: Indicator | None = None, **kwargs: Any) -> None:
        if indicator is not None and "initial" not in kwargs:
            kwargs["initial"] = {name: getattr(indicator, name) for name in self.base_fields} | {
                "breakdown_categories": "\n".join(indicator.breakdown_categories)
            }
        super().__init__(*args, **kwargs)


# Reports


class ReportCreateForm(forms.Form):
    action_plan = forms.ModelChoiceField(
        label=_("Handlingsplan"), queryset=ActionPlan.objects.none(), empty_label=None
    )
    period = forms.ModelChoiceField(
        label=_("Period"), queryset=ReportingPeriod.objects.none(), empty_label=None
    )

    def __init__(self, *args: Any, user: Any, planning_year: PlanningYear, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plans = self.fields["action_plan"]
        assert isinstance(plans, forms.ModelChoiceField)
        plans.queryset = action_plans_visible_to(user).order_by("position", "title")
        periods = self.fields["period"]
        assert isinstance(periods, forms.ModelChoiceField)
        periods.queryset = planning_year.periods.filter(status=PeriodStatus.OPEN).order_by(
            "position"
        )
        periods.help_text = _("Bara öppna perioder kan väljas.")


class ReviewCommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Kommentar till organisationen"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        error_messages={"required": _("Skriv en kommentar som förklarar vad som ska ändras.")},
    )


class ReportForm(forms.Form):
    """Every part of a report: activity updates, indicator values and goal analyses."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, page: ReportPage, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.page = page
        self.context_labels: dict[str, str] = {}
        self.fields["version"].initial = page.report.version
        self.context_labels["version"] = str(_("Formulärets version (ladda om sidan)"))
        context = report_context(page.report, [e.activity.pk for e in page.activity_entries])
        for entry in page.activity_entries:
            activity, update = entry.activity, entry.update
            source = update if update is not None else activity
            names = self._activity_names(activity.pk)
            self.fields[names[0]] = forms.ChoiceField(
                label=_("Status"),
                choices=ActivityStatus.choices,
                initial=source.status,
                help_text=status_help(activity.pk, context),
            )
            self.fields[names[1]] = forms.IntegerField(
                label=_("Framdrift (procent)"),
                min_value=0,
                max_value=100,
                initial=source.progress,
                error_messages={
                    "invalid": _("Ange framdriften som ett heltal mellan 0 och 100."),
                    "min_value": _("Framdriften kan inte vara mindre än 0."),
                    "max_value": _("Framdriften kan inte vara mer än 100."),
                },
            )
            self.fields[names[2]] = forms.CharField(
                label=_("Kommentar"),
                required=False,
                initial=update.comment if update is not None else "",
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            for name, label in zip(
                names, (_("status"), _("framdrift"), _("kommentar")), strict=True
            ):
                self.context_labels[name] = f"{activity.title}, {label}"
        for indicator_entry in page.indicator_entries:
            indicator = indicator_entry.indicator
            for index, category, value in indicator_entry.values:
                name = field_name("indicator", indicator.pk, str(index))
                self.fields[name] = _value_field(
                    category or _("Totalt"),
                    initial=value,
                    validators=[indicator.check_value],
                    help_text=indicator_help(indicator, category, context),
                )
                self.context_labels[name] = f"{indicator.name}, {category or _('totalt')}"
        for section in page.goals:
            name = field_name("goal", section.goal.pk, "analysis")
            self.fields[name] = forms.CharField(
                label=_("Analys"),
                required=False,
                initial=section.analysis,
                widget=forms.Textarea(attrs={"rows": 5}),
                help_text=_("Hur går arbetet mot målet? Vad behöver ändras?"),
            )
            self.context_labels[name] = f"{section.goal.title}, {_('analys')}"

    @staticmethod
    def _activity_names(pk: int) -> tuple[str, str, str]:
        return (
            field_name("activity", pk, "status"),
            field_name("activity", pk, "progress"),
            field_name("activity", pk, "comment"),
        )

    def errors_for_summary(self) -> list[tuple[str | None, str]]:
        """Return (field id or None, message) for every error, with the field's context."""
        rows: list[tuple[str | None, str]] = [(None, str(e)) for e in self.non_field_errors()]
        for name in self.fields:
            for error in self.errors.get(name, []):
                label = self.context_labels.get(name, name)
                rows.append((self[name].auto_id or None, f"{label}: {error}"))
        return rows

    def layout(self) -> dict[str, Any]:
        """Return the bound fields grouped as the page shows them."""

        def activity(entry: Any) -> dict[str, Any]:
            status, progress, comment = self._activity_names(entry.activity.pk)
            return {
                "entry": entry,
                "status": self[status],
                "progress": self[progress],
                "comment": self[comment],
            }

        def indicator(entry: Any) -> dict[str, Any]:
            fields: list[BoundField] = [
                self[field_name("indicator", entry.indicator.pk, str(index))]
                for index, _category, _value in entry.values
            ]
            return {"entry": entry, "fields": fields}

        return {
            "goals": [
                {
                    "section": section,
                    "analysis": self[field_name("goal", section.goal.pk, "analysis")],
                    "activities": [activity(entry) for entry in section.activities],
                    "indicators": [indicator(entry) for entry in section.indicators],
                }
                for section in self.page.goals
            ],
            "other_activities": [activity(entry) for entry in self.page.other_activities],
        }

    def activity_inputs(self) -> dict[int, ActivityUpdateInput]:
        data = self.cleaned_data
        result = {}
        for entry in self.page.activity_entries:
            status, progress, comment = self._activity_names(entry.activity.pk)
            result[entry.activity.pk] = ActivityUpdateInput(
                status=data[status], progress=data[progress], comment=data.get(comment, "")
            )
        return result

    def indicator_inputs(self) -> dict[tuple[int, str], Decimal | None]:
        return {
            (entry.indicator.pk, category): self.cleaned_data[
                field_name("indicator", entry.indicator.pk, str(index))
            ]
            for entry in self.page.indicator_entries
            for index, category, _value in entry.values
        }

    def analysis_inputs(self) -> dict[int, str]:
        return {
            section.goal.pk: self.cleaned_data[field_name("goal", section.goal.pk, "analysis")]
            for section in self.page.goals
        }


class AttachmentForm(forms.Form):
    """Upload one file to a report; the action checks its type, contents and size."""

    file = forms.FileField(
        label=_("Fil"),
        help_text=_(
            "PDF, Word (.docx), Excel (.xlsx), OpenDocument (.odt), PNG, JPEG, CSV eller "
            "text (.txt), högst 10 MB."
        ),
        error_messages={
            "required": _("Välj en fil att bifoga."),
            "empty": _("Filen är tom."),
            "invalid": _("Ingen fil skickades. Kontrollera formulärets kodning."),
        },
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
    )
    description = forms.CharField(
        label=_("Beskrivning"),
        help_text=_("Valfri. Till exempel vad filen visar."),
        max_length=300,
        required=False,
    )
