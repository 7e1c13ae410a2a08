from django import forms
from django.utils.translation import gettext_lazy as _

from verso.embedding.models import (
    HANDBOOK_TEXT_MAX,
    NOTE_MAX,
    CommunicationEntry,
    RotationSettings,
    StructureKind,
)


class StructureLinkForm(forms.Form):
    kind = forms.ChoiceField(label=_("Structure"), choices=StructureKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    # A plain text field: Django's URLField would quietly add a scheme to "www.…"; the
    # service says clearly that the address must start with http:// or https://.
    url = forms.CharField(
        label=_("Web address"),
        max_length=500,
        help_text=_("An address starting with https://."),
    )


class ConfirmForm(forms.Form):
    confirmed = forms.TypedChoiceField(
        label=_(
            "Is the network's documentation complete and kept where the next coordinator finds it?"
        ),
        choices=[("yes", _("Yes")), ("no", _("Not yet"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class CommunicationForm(forms.ModelForm):
    class Meta:
        model = CommunicationEntry
        fields = ["what", "channel", "communicated_on", "audience"]
        widgets = {"communicated_on": forms.DateInput(attrs={"type": "date"})}


class RotationSettingsForm(forms.ModelForm):
    class Meta:
        model = RotationSettings
        fields = ["max_responsibilities", "max_months"]


class HandoverNoteForm(forms.Form):
    note = forms.CharField(
        label=_("A note to the new coordinator"),
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What they should know: open questions, contacts, promises made."),
    )


class HandbookTextForm(forms.Form):
    text = forms.CharField(
        label=_("Your text for this section"),
        max_length=HANDBOOK_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
