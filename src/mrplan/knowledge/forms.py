"""Forms for the knowledge pages."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mrplan.knowledge import imports
from mrplan.knowledge.models import Dataset, Measure, QualitativeRecord
from mrplan.programmes.models import TargetGroup


class DatasetForm(forms.ModelForm):
    class Meta:
        model = Dataset
        fields = [
            "title",
            "slug",
            "source",
            "publisher",
            "method_note",
            "licence",
            "update_frequency",
            "is_published",
            "is_illustrative",
        ]


FORMAT_CHOICES = [
    ("tidy", gettext_lazy("Tabell (CSV eller Excel), en observation per rad")),
    ("kolada", gettext_lazy("Kolada, JSON från API v3")),
    ("microdata", gettext_lazy("Mikrodata från en enkät, en svarande per rad")),
]


class ImportForm(forms.Form):
    format = forms.ChoiceField(
        label=gettext_lazy("Format"), choices=FORMAT_CHOICES, widget=forms.RadioSelect
    )
    measure = forms.ModelChoiceField(
        label=gettext_lazy("Mått"),
        queryset=Measure.objects.none(),
        required=False,
        help_text=gettext_lazy(
            "Krävs för mikrodata och för tabeller utan kolumnen ”measure”. Kolada-filer "
            "hittar måttet på nyckeltalets kod."
        ),
    )
    file = forms.FileField(
        label=gettext_lazy("Fil"),
        help_text=gettext_lazy("En .csv-, .xlsx- eller .json-fil."),
        error_messages={"required": gettext_lazy("Välj en fil att importera.")},
    )

    def __init__(self, *args: Any, dataset: Dataset, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.dataset = dataset
        self.fields["measure"].queryset = dataset.measures.all()  # type: ignore[attr-defined]
        self.content = b""

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        try:
            imports.check_size(upload.size)
        except imports.ImportFileError as error:
            raise ValidationError(error.messages) from None
        self.content = upload.read()
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("format") == "microdata" and not data.get("measure"):
            self.add_error("measure", _("Välj vilket mått mikrodatan ska räknas om till."))
        return data


class RecordForm(forms.ModelForm):
    attachment = forms.FileField(
        label=gettext_lazy("Fil"),
        required=False,
        help_text=gettext_lazy("Till exempel en minnesanteckning eller rapport."),
    )

    class Meta:
        model = QualitativeRecord
        fields = ["date", "title", "heard", "target_groups", "key_findings", "organisation"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}),
            "target_groups": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target_groups"].queryset = TargetGroup.objects.all()  # type: ignore[attr-defined]


class AreaCodeForm(forms.Form):
    """An area's code and the code system it belongs to (validated again by the action)."""

    code = forms.CharField(
        label=gettext_lazy("Områdeskod"),
        max_length=20,
        required=False,
        help_text=gettext_lazy(
            "Text, inte ett tal: inledande nollor behålls (0180). Bokstäver a–z, siffror, "
            "bindestreck och understreck."
        ),
    )
    code_scheme = forms.CharField(
        label=gettext_lazy("Kodsystem"),
        max_length=100,
        required=False,
        help_text=gettext_lazy(
            "Vem som har bestämt koderna, till exempel ”SCB kommunkod” eller ”mrplan lokal "
            "stadsdelskod”. Kalla aldrig egna koder för SCB-koder."
        ),
    )
