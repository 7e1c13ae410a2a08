from django import forms
from django.utils.translation import gettext_lazy as _

from verso.methods.models import NAME_MAX, NOTE_MAX, TEXT_MAX, Kind, Language
from verso.methods.transfer import SKIP, UPDATE
from verso.networks.choices import TARGET_GROUP_CHOICES_GROUPED, Competence, TargetGroup

LANGUAGE_LABELS = {
    "fi": (_("Name in Finnish"), _("Description in Finnish")),
    "sv": (_("Name in Swedish"), _("Description in Swedish")),
    "en": (_("Name in English"), _("Description in English")),
}


class MethodForm(forms.Form):
    """Parses; the service validates (and names every wrong field)."""

    language = forms.ChoiceField(label=_("Written in"), choices=Language.choices)
    name = forms.CharField(label=_("Name"), max_length=NAME_MAX)
    description = forms.CharField(
        label=_("Description"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What happens, step by step, and why it helps."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", "—"), *Kind.choices])
    competence = forms.ChoiceField(
        label=_("Guidance competence needed"),
        choices=[("", _("None in particular")), *Competence.choices],
        required=False,
    )
    competence_notes = forms.CharField(
        label=_("What the guide needs to know"), max_length=500, required=False
    )
    materials = forms.CharField(
        label=_("Materials"),
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    safety = forms.CharField(
        label=_("Safety"),
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Suitable target groups"),
        choices=TARGET_GROUP_CHOICES_GROUPED,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration in minutes"), min_value=1, max_value=10080, required=False
    )
    evidence_links = forms.CharField(
        label=_("Links to evidence"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One web address (http:// or https://) a line; at most 10."),
    )

    def __init__(self, *args, method=None, **kwargs):
        if method is not None and not kwargs.get("data") and not (args and args[0]):
            kwargs["initial"] = {
                "language": method.language,
                "name": method.name,
                "description": method.description,
                "kind": method.kind,
                "competence": method.competence,
                "competence_notes": method.competence_notes,
                "materials": method.materials,
                "safety": method.safety,
                "target_groups": method.target_groups,
                "duration_minutes": method.duration_minutes,
                "evidence_links": "\n".join(method.evidence_links),
            }
        super().__init__(*args, **kwargs)
        translations = method.translations if method is not None else {}
        for lang, (name_label, description_label) in LANGUAGE_LABELS.items():
            self.fields[f"name_{lang}"] = forms.CharField(
                label=name_label,
                max_length=NAME_MAX,
                required=False,
                initial=(translations.get(lang) or {}).get("name", ""),
                help_text=_("Optional; leave empty for the language it is written in."),
            )
            self.fields[f"description_{lang}"] = forms.CharField(
                label=description_label,
                max_length=TEXT_MAX,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=(translations.get(lang) or {}).get("description", ""),
            )

    def service_data(self) -> dict:
        data = {
            name: self.cleaned_data.get(name)
            for name in (
                "language",
                "name",
                "description",
                "kind",
                "competence",
                "competence_notes",
                "materials",
                "safety",
                "target_groups",
                "duration_minutes",
            )
        }
        data["evidence_links"] = [
            line.strip()
            for line in (self.cleaned_data.get("evidence_links") or "").splitlines()
            if line.strip()
        ]
        written = data["language"]
        data["translations"] = {}
        for lang in LANGUAGE_LABELS:
            if lang == written:
                continue
            name = (self.cleaned_data.get(f"name_{lang}") or "").strip()
            text = (self.cleaned_data.get(f"description_{lang}") or "").strip()
            if name or text:
                data["translations"][lang] = {"name": name, "description": text}
        return data


class MethodFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *Kind.choices], required=False
    )
    target_group = forms.ChoiceField(
        label=_("Target group"),
        choices=[("", _("All target groups")), *TargetGroup.choices],
        required=False,
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("JSON file"),
        help_text=_("A file exported from a Verso methods library (format verso-methods, 1)."),
    )
    on_duplicate = forms.ChoiceField(
        label=_("When the library already has a method of the same name"),
        choices=[
            (SKIP, _("Keep the library's method (skip the one in the file)")),
            (UPDATE, _("Update the library's method from the file")),
        ],
        initial=SKIP,
        widget=forms.RadioSelect,
    )


class MethodChoiceField(forms.ModelMultipleChoiceField):
    """Ids that cannot be a row's (out of the database's range) are refused as unknown
    choices before any query (SQLite cannot even compare them)."""

    def _check_values(self, value):
        for pk in value:
            text = str(pk)
            if not text.isdigit() or not 0 < int(text) < 2**63:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": text[:20]},
                )
        return super()._check_values(value)

    def label_from_instance(self, obj) -> str:
        from django.utils.translation import get_language

        return obj.localized("name", get_language() or obj.language)


class UsesForm(forms.Form):
    methods = MethodChoiceField(
        label=_("Methods used"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["methods"].queryset = queryset
