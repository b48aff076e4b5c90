"""Forms for the statement editor, its preparation and its attestation order."""

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from mrplan.accounts.models import Membership, Role, User
from mrplan.consultations.models import (
    STATEMENT_HEADER_FIELDS,
    STATEMENT_SECTIONS,
    ConsultationQuestion,
    Preparation,
    Statement,
)
from mrplan.organisations.models import Department

HEADER_FIELDS = STATEMENT_HEADER_FIELDS
SECTION_FIELDS = [name for name, _heading in STATEMENT_SECTIONS]
SIGNATURE_KEYS = ("name", "title", "organisation")
MAX_STEPS = 4


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class StatementForm(forms.ModelForm):
    """The header, the seven sections, the answers to the remiss questions and signatures."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Statement
        fields = [*HEADER_FIELDS, *SECTION_FIELDS]
        widgets = {
            "document_date": DateInput(),
            "meeting_date": DateInput(),
            **{name: forms.Textarea(attrs={"rows": 6}) for name in SECTION_FIELDS},
        }

    def __init__(self, *args: Any, questions: list[ConsultationQuestion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        statement: Statement = self.instance
        self.fields["version"].initial = statement.current_version
        self.fields["attachments_text"].help_text = _("En bilaga per rad.")
        self.questions = questions
        for question in questions:
            self.fields[f"answer_{question.pk}"] = forms.CharField(
                label=question.text,
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                initial=(statement.answers or {}).get(str(question.pk), ""),
            )
        rows = list(statement.signatures or [])
        self.signature_count = min(max(len(rows) + 1, 2), 4)
        labels = {
            "name": _("Namn"),
            "title": _("Titel"),
            "organisation": _("Organisation"),
        }
        for index in range(self.signature_count):
            row = rows[index] if index < len(rows) and isinstance(rows[index], dict) else {}
            for key in SIGNATURE_KEYS:
                self.fields[f"signature_{index}_{key}"] = forms.CharField(
                    label=labels[key],
                    required=False,
                    max_length=200,
                    initial=row.get(key, ""),
                )

    def section_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in SECTION_FIELDS]

    def header_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in HEADER_FIELDS]

    def answer_fields(self) -> list[forms.BoundField]:
        return [self[f"answer_{question.pk}"] for question in self.questions]

    def signature_rows(self) -> list[tuple[int, list[forms.BoundField]]]:
        return [
            (index + 1, [self[f"signature_{index}_{key}"] for key in SIGNATURE_KEYS])
            for index in range(self.signature_count)
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        signatures = []
        for index in range(self.signature_count):
            row = {
                key: (cleaned.get(f"signature_{index}_{key}") or "").strip()
                for key in SIGNATURE_KEYS
            }
            if any(row.values()):
                if not row["name"]:
                    self.add_error(
                        f"signature_{index}_name", gettext("Ange namnet på den som undertecknar.")
                    )
                signatures.append(row)
        cleaned["signatures"] = signatures
        cleaned["answers"] = {
            str(question.pk): (cleaned.get(f"answer_{question.pk}") or "").strip()
            for question in self.questions
            if (cleaned.get(f"answer_{question.pk}") or "").strip()
        }
        return cleaned

    def content_data(self) -> dict[str, Any]:
        """Return the cleaned values the statement_update action takes."""
        data = {name: self.cleaned_data[name] for name in (*HEADER_FIELDS, *SECTION_FIELDS)}
        data["signatures"] = self.cleaned_data["signatures"]
        data["answers"] = self.cleaned_data["answers"]
        return data

    def _post_clean(self) -> None:
        # The action validates and saves; the form must not touch the instance it was given.
        pass


class PreparationForm(forms.ModelForm):
    """Departments consulted, who prepared the case and when the union group was informed."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Preparation
        fields = ["prepared_by", "departments", "union_informed_on", "notes"]
        widgets = {
            "departments": forms.CheckboxSelectMultiple,
            "union_informed_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"union_informed_on": _("Förvaltningsgruppen informerad (MBL)")}

    def __init__(self, *args: Any, statement: Statement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = statement.current_version
        departments = self.fields["departments"]
        assert isinstance(departments, forms.ModelMultipleChoiceField)
        departments.queryset = Department.objects.filter(
            organisation_id=statement.case.organisation_id
        ).order_by("pk")

    def _post_clean(self) -> None:
        pass


class ApprovalStepsForm(forms.Form):
    """Up to four approvers in order, each with the title printed on the document."""

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        approvers = User.objects.filter(
            memberships__organisation_id=organisation_id, memberships__role=Role.APPROVER
        ).distinct()
        self.titles = dict(
            Membership.objects.filter(
                organisation_id=organisation_id, role=Role.APPROVER
            ).values_list("user_id", "title")
        )
        for index in range(MAX_STEPS):
            self.fields[f"approver_{index}"] = forms.ModelChoiceField(
                label=gettext("Attesterare %(number)s") % {"number": index + 1},
                queryset=approvers,
                required=False,
                empty_label=gettext("– ingen –"),
            )
            self.fields[f"title_{index}"] = forms.CharField(
                label=gettext("Titel för attesterare %(number)s") % {"number": index + 1},
                required=False,
                max_length=120,
                help_text=_("Lämna tomt för titeln i behörigheten."),
            )

    def steps(self) -> list[tuple[User, str]]:
        return [
            (self.cleaned_data[f"approver_{index}"], self.cleaned_data[f"title_{index}"])
            for index in range(MAX_STEPS)
            if self.cleaned_data.get(f"approver_{index}")
        ]
