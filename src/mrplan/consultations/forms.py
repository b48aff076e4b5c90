"""Forms for consultations, the diary and decisions (the statement forms live elsewhere)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mrplan.consultations import files, selectors
from mrplan.consultations.models import Consultation
from mrplan.organisations.models import Organisation
from mrplan.programmes.models import ActionPlan, Programme

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ConsultationForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=300)
    description = forms.CharField(
        label=_("Beskrivning"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    sender = forms.ModelChoiceField(label=_("Avsändare"), queryset=Organisation.objects.none())
    sender_diary_number = forms.CharField(
        label=_("Avsändarens diarienummer"), max_length=40, required=False
    )
    programme = forms.ModelChoiceField(
        label=_("Program på remiss"), queryset=Programme.objects.none(), required=False
    )
    action_plan = forms.ModelChoiceField(
        label=_("Handlingsplan på remiss"), queryset=ActionPlan.objects.none(), required=False
    )
    recipients = forms.ModelMultipleChoiceField(
        label=_("Remissinstanser"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Välj minst en remissinstans.")},
    )
    deadline = forms.DateField(label=_("Sista svarsdag"), widget=DATE_WIDGET)
    questions = forms.CharField(
        label=_("Remissfrågor"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("En fråga per rad. Lämna tomt om remissen inte har några frågor."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sender"].queryset = selectors.sender_organisations()  # type: ignore[attr-defined]
        self.fields["programme"].queryset = Programme.objects.order_by("title")  # type: ignore[attr-defined]
        self.fields["action_plan"].queryset = ActionPlan.objects.order_by("title")  # type: ignore[attr-defined]
        self.fields["recipients"].queryset = selectors.recipient_organisations()  # type: ignore[attr-defined]

    @classmethod
    def initial_for(cls, consultation: Consultation) -> dict[str, Any]:
        return {
            "title": consultation.title,
            "description": consultation.description,
            "sender": consultation.sender_id,
            "sender_diary_number": consultation.sender_diary_number,
            "programme": consultation.programme_id,
            "action_plan": consultation.action_plan_id,
            "recipients": [r.organisation_id for r in consultation.recipients.all()],
            "deadline": consultation.deadline,
            "questions": "\n".join(q.text for q in consultation.questions.all()),
        }

    def action_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "description": data["description"],
            "sender": data["sender"],
            "sender_diary_number": data["sender_diary_number"],
            "programme": data["programme"],
            "action_plan": data["action_plan"],
            "recipients": list(data["recipients"]),
            "deadline": data["deadline"],
            "questions": data["questions"].splitlines(),
        }


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Rubrik"), max_length=300, required=False)
    file = forms.FileField(
        label=_("Fil"),
        help_text=_("PDF, Word (.docx) eller OpenDocument (.odt), högst 20 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": files.ACCEPT}),
        error_messages={"required": _("Välj en fil.")},
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Skäl att avstå"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Ange skälet till att ni avstår.")},
    )


class CaseForm(forms.Form):
    title = forms.CharField(label=_("Rubrik"), max_length=300)
    registered_on = forms.DateField(label=_("Registrerad"), widget=DATE_WIDGET)
    sender = forms.CharField(label=_("Avsändare"), max_length=200, required=False)
    recipient = forms.CharField(label=_("Mottagare"), max_length=200, required=False)
    case_officer = forms.ModelChoiceField(
        label=_("Handläggare"), queryset=Organisation.objects.none(), required=False
    )
    diary_number = forms.CharField(
        label=_("Befintligt diarienummer"),
        max_length=40,
        required=False,
        help_text=_(
            "Bara för ärenden som redan har ett nummer, till exempel HÄ 2024/427. "
            "Lämna tomt för att få nästa nummer."
        ),
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case_officer"].queryset = selectors.case_officer_choices(organisation)  # type: ignore[attr-defined]


class DecisionForm(forms.Form):
    committee = forms.ModelChoiceField(label=_("Nämnd"), queryset=Organisation.objects.none())
    meeting_date = forms.DateField(label=_("Sammanträde"), widget=DATE_WIDGET)
    paragraph = forms.CharField(label=_("Paragraf (§)"), max_length=20)
    text = forms.CharField(label=_("Beslut"), widget=forms.Textarea(attrs={"rows": 5}))
    decided_on = forms.DateField(label=_("Beslutsdatum"), widget=DATE_WIDGET)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = Organisation.objects.order_by("name")  # type: ignore[attr-defined]


class AttestationPolicyForm(forms.Form):
    minimum_approvers = forms.IntegerField(
        label=_("Minsta antal attesterare"),
        help_text=_("Så många olika personer måste attestera ett tjänsteutlåtande."),
        error_messages={"required": _("Ange ett antal attesterare.")},
    )


class CaseEditForm(forms.Form):
    title = forms.CharField(
        label=_("Rubrik"),
        max_length=300,
        error_messages={"required": _("Ange ärendets rubrik.")},
    )
    case_officer = forms.ModelChoiceField(
        label=_("Handläggare"), queryset=Organisation.objects.none(), required=False
    )
    sender = forms.CharField(label=_("Avsändare"), max_length=200, required=False)
    recipient = forms.CharField(label=_("Mottagare"), max_length=200, required=False)

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case_officer"].queryset = selectors.case_officer_choices(organisation)  # type: ignore[attr-defined]


class CaseCancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Skäl till makulering"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Ange skälet till att ärendet makuleras.")},
    )


class DeadlineForm(forms.Form):
    deadline = forms.DateField(
        label=_("Ny sista svarsdag"),
        widget=DATE_WIDGET,
        error_messages={"required": _("Ange den nya sista svarsdagen.")},
    )


class RecipientAddForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Ny remissinstans"),
        queryset=Organisation.objects.none(),
        error_messages={"required": _("Välj en remissinstans.")},
    )

    def __init__(self, *args: Any, consultation: Consultation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.exclude(  # type: ignore[attr-defined]
            consultation_invitations__consultation=consultation
        ).order_by("name")
