"""Forms for the collaboration pages; the actions validate again."""

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from mrplan.collaboration import actions, permissions
from mrplan.collaboration.models import (
    MATERIAL_MAX_BYTES,
    Audience,
    Collaboration,
    CollaborationForm,
    ContactPerson,
    Dialogue,
    Language,
    Material,
    Partner,
    PartnerKind,
    StaffGroup,
    TrainingOffer,
    TrainingSession,
)
from mrplan.core import uploads
from mrplan.organisations.models import Organisation, OrganisationKind
from mrplan.planning.models import Activity
from mrplan.programmes.models import DevelopmentArea, TargetGroup

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
ATTENDANCE_ROWS = 3

# The kinds of file a material may be (the model's MATERIAL_EXTENSIONS, by content).
MATERIAL_KINDS = frozenset({"pdf", "docx", "odt", "pptx", "xlsx", "txt", "png", "jpeg"})


def _set_queryset(form: forms.BaseForm, name: str, queryset: Any) -> None:
    """Narrow the choices of FORM's model choice field NAME."""
    field: Any = form.fields[name]
    field.queryset = queryset


def _organisations() -> Any:
    return Organisation.objects.order_by("name")


def _activities() -> Any:
    return Activity.objects.select_related("organisation", "planning_year").order_by(
        "organisation__name", "-planning_year__year", "title"
    )


class ActivityChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        organisation = obj.organisation.short_name or obj.organisation.name
        return f"{obj.title} ({organisation}, {obj.planning_year})"


class AreaChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} ({obj.action_plan.title})"


class PartnerForm(forms.ModelForm):
    class Meta:
        model = Partner
        fields = actions.PARTNER_FIELDS

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_queryset(self, "target_groups", TargetGroup.objects.order_by("name"))
        _set_queryset(
            self,
            "districts",
            Organisation.objects.filter(kind=OrganisationKind.DISTRICT_COMMITTEE).order_by("name"),
        )
        if self.instance.pk:
            del self.fields["registered_by"]
        else:
            field: Any = self.fields["registered_by"]
            if permissions.is_coordinator(user):
                field.queryset = _organisations()
            else:
                field.queryset = _organisations().filter(
                    pk__in=permissions.writable_organisation_ids(user)
                )
                field.required = True
            field.help_text = _("Den organisation som registrerar partnern.")


class ContactForm(forms.ModelForm):
    class Meta:
        model = ContactPerson
        fields = actions.CONTACT_FIELDS


class CollaborationEditForm(forms.ModelForm):
    activities = ActivityChoiceField(
        queryset=Activity.objects.none(), required=False, label=_("Aktiviteter i planeringen")
    )
    development_areas = AreaChoiceField(
        queryset=DevelopmentArea.objects.none(), required=False, label=_("Utvecklingsområden")
    )

    class Meta:
        model = Collaboration
        fields = actions.COLLABORATION_FIELDS
        widgets = {"start_date": DATE, "end_date": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_queryset(self, "organisations", _organisations())
        _set_queryset(self, "partners", Partner.objects.order_by("name"))
        _set_queryset(self, "activities", _activities())
        _set_queryset(
            self,
            "development_areas",
            DevelopmentArea.objects.select_related("action_plan").order_by(
                "action_plan__title", "position", "title"
            ),
        )


class DialogueForm(forms.ModelForm):
    activities = ActivityChoiceField(
        queryset=Activity.objects.none(), required=False, label=_("Aktiviteter i planeringen")
    )

    class Meta:
        model = Dialogue
        fields = actions.DIALOGUE_FIELDS
        widgets = {"date": DATE}
        help_texts = {
            "raised": _("Vad invånarna och partnerna tog upp (”ni sa”)."),
            "response": _("Vad staden svarade och gjorde (”vi gjorde”)."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_queryset(self, "organisations", _organisations())
        _set_queryset(self, "partners", Partner.objects.order_by("name"))
        _set_queryset(self, "activities", _activities())
        existing = list(self.instance.attendance.all()) if self.instance.pk else []
        groups = TargetGroup.objects.order_by("name")
        for index in range(1, len(existing) + ATTENDANCE_ROWS + 1):
            self.fields[f"group_{index}"] = forms.ModelChoiceField(
                queryset=groups,
                required=False,
                label=_("Målgrupp, rad %(row)s") % {"row": index},
            )
            self.fields[f"count_{index}"] = forms.IntegerField(
                required=False,
                min_value=0,
                label=_("Antal invånare, rad %(row)s") % {"row": index},
                error_messages={"min_value": _("Antalet invånare kan inte vara negativt.")},
            )
            if index <= len(existing):
                self.initial[f"group_{index}"] = existing[index - 1].target_group_id
                self.initial[f"count_{index}"] = existing[index - 1].count
        self.rows = len(existing) + ATTENDANCE_ROWS

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        attendance: dict[TargetGroup, int] = {}
        for index in range(1, self.rows + 1):
            group = cleaned.get(f"group_{index}")
            count = cleaned.get(f"count_{index}")
            if group is None and count in (None, 0):
                continue
            if group is None:
                self.add_error(f"group_{index}", _("Välj vilken målgrupp antalet gäller."))
            elif count is None:
                if f"count_{index}" not in self.errors:
                    self.add_error(f"count_{index}", _("Ange antalet invånare."))
            elif group in attendance:
                self.add_error(f"group_{index}", _("Målgruppen finns redan på en annan rad."))
            else:
                attendance[group] = count
        self.attendance = attendance
        return cleaned


class MaterialForm(forms.ModelForm):
    class Meta:
        model = Material
        fields = actions.MATERIAL_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_queryset(self, "target_groups", TargetGroup.objects.order_by("name"))

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if not isinstance(upload, UploadedFile):
            return upload
        if uploads.kind_for_name(upload.name or "", MATERIAL_KINDS) is None:
            # The model's FileExtensionValidator names the extension that is not allowed.
            return upload
        uploads.check_upload(
            upload, allowed=MATERIAL_KINDS, max_bytes=MATERIAL_MAX_BYTES, utf8_text=True
        )
        return upload


class TrainingOfferForm(forms.ModelForm):
    class Meta:
        model = TrainingOffer
        fields = actions.OFFER_FIELDS


class TrainingSessionForm(forms.ModelForm):
    class Meta:
        model = TrainingSession
        fields = actions.SESSION_FIELDS
        widgets = {"date": DATE}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_queryset(self, "offer", TrainingOffer.objects.order_by("topic"))
        organisers = _organisations()
        if not permissions.is_coordinator(user):
            organisers = organisers.filter(pk__in=permissions.writable_organisation_ids(user))
        _set_queryset(self, "organiser", organisers)


class ParticipationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Organisation")
    )
    staff_group = forms.ChoiceField(choices=StaffGroup.choices, label=_("Personalgrupp"))
    count = forms.IntegerField(
        min_value=0,
        label=_("Antal deltagare"),
        error_messages={"min_value": _("Antalet deltagare kan inte vara negativt.")},
    )

    def __init__(self, *args: Any, user: Any, session: TrainingSession, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisations = _organisations()
        if not (permissions.is_coordinator(user) or permissions.may_edit_session(user, session)):
            organisations = organisations.filter(pk__in=permissions.writable_organisation_ids(user))
        _set_queryset(self, "organisation", organisations)


def _choices(choices: Any) -> list[tuple[str, Any]]:
    return [("", _("Alla")), *choices]


class PartnerFilterForm(forms.Form):
    q = forms.CharField(label=_("Sök"), required=False, max_length=100)
    typ = forms.ChoiceField(label=_("Typ"), required=False, choices=_choices(PartnerKind.choices))
    malgrupp = forms.ModelChoiceField(
        label=_("Målgrupp"),
        required=False,
        queryset=TargetGroup.objects.order_by("name"),
        empty_label=_("Alla"),
    )


class CollaborationFilterForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        required=False,
        queryset=Organisation.objects.order_by("name"),
        empty_label=_("Alla"),
    )
    form = forms.ChoiceField(
        label=_("Form"), required=False, choices=_choices(CollaborationForm.choices)
    )


class DialogueFilterForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        required=False,
        queryset=Organisation.objects.order_by("name"),
        empty_label=_("Alla"),
    )
    utan_svar = forms.BooleanField(label=_("Bara dialoger utan svar"), required=False)


class MaterialFilterForm(forms.Form):
    q = forms.CharField(label=_("Sök"), required=False, max_length=100)
    malgrupp_for_materialet = forms.ChoiceField(
        label=_("Målgrupp för materialet"), required=False, choices=_choices(Audience.choices)
    )
    sprak = forms.ChoiceField(label=_("Språk"), required=False, choices=_choices(Language.choices))
    malgrupp = forms.ModelChoiceField(
        label=_("Målgrupp"),
        required=False,
        queryset=TargetGroup.objects.order_by("name"),
        empty_label=_("Alla"),
    )
