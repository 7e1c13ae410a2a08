from django import forms
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from verso.events.models import (
    Activity,
    ActivityStatus,
    ActivityType,
    Credit,
    Language,
    Place,
    SignupKind,
)
from verso.networks.choices import TARGET_GROUP_CHOICES_GROUPED, TargetGroup

DATETIME = {"type": "datetime-local"}
DT_FORMAT = "%Y-%m-%dT%H:%M"
LANGUAGE_LABELS = {
    "fi": (_("Title in Finnish"), _("Description in Finnish")),
    "sv": (_("Title in Swedish"), _("Description in Swedish")),
    "en": (_("Title in English"), _("Description in English")),
}


def _dt_widget():
    return forms.DateTimeInput(attrs=DATETIME, format=DT_FORMAT)


class PlaceForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages used"),
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Place
        fields = [
            "name",
            "address",
            "postal_code",
            "municipality",
            "latitude",
            "longitude",
            "setting",
            "step_free",
            "accessible_toilet",
            "hearing_loop",
            "seating",
            "sensory_friendly",
            "parking",
            "transport_distance_m",
            "safety_notes",
            "languages",
        ]
        widgets = {"safety_notes": forms.Textarea(attrs={"rows": 3})}

    def clean_latitude(self):
        value = self.cleaned_data.get("latitude")
        if value is not None and not -90 <= value <= 90:
            raise forms.ValidationError(_("The latitude must be between -90 and 90."))
        return value

    def clean_longitude(self):
        value = self.cleaned_data.get("longitude")
        if value is not None and not -180 <= value <= 180:
            raise forms.ValidationError(_("The longitude must be between -180 and 180."))
        return value

    def clean(self):
        cleaned = super().clean()
        has_lat = cleaned.get("latitude") is not None
        has_lon = cleaned.get("longitude") is not None
        if has_lat != has_lon and "latitude" not in self.errors and "longitude" not in self.errors:
            self.add_error("longitude", _("Give both coordinates, or neither."))
        return cleaned

    def _post_clean(self):
        # The service validates the model; the form only parses.
        pass


class ActivityForm(forms.ModelForm):
    target_groups = forms.MultipleChoiceField(
        label=_("Audience"),
        choices=TARGET_GROUP_CHOICES_GROUPED,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Activity
        fields = [
            "type",
            "status",
            "language",
            "title",
            "description",
            "organisers",
            "target_groups",
            "age_min",
            "age_max",
            "place",
            "starts_at",
            "ends_at",
            "recurrence",
            "recurrence_until",
            "parent",
            "plan",
            "is_free",
            "price",
            "signup_enabled",
            "signup_opens_at",
            "signup_closes_at",
            "capacity",
            "waitlist_capacity",
            "group_limit",
            "is_exhibition",
            "works_per_community",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "organisers": forms.CheckboxSelectMultiple,
            "starts_at": _dt_widget(),
            "ends_at": _dt_widget(),
            "signup_opens_at": _dt_widget(),
            "signup_closes_at": _dt_widget(),
            "recurrence_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, network, organisations, places, parents, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.network = network
        self.fields["organisers"].queryset = organisations
        self.fields["place"].queryset = places
        self.fields["parent"].queryset = parents
        self.fields["parent"].empty_label = _("None: an activity of its own")
        self.fields["plan"].queryset = plans
        self.fields["plan"].empty_label = _("None: not part of a plan")
        for field in ("starts_at", "ends_at", "signup_opens_at", "signup_closes_at"):
            self.fields[field].input_formats = [DT_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]
        translations = self.instance.translations if self.instance.pk else {}
        for lang, (title_label, description_label) in LANGUAGE_LABELS.items():
            self.fields[f"title_{lang}"] = forms.CharField(
                label=title_label,
                max_length=200,
                required=False,
                initial=(translations.get(lang) or {}).get("title", ""),
                help_text=_("Optional; leave empty for the language it is written in."),
            )
            self.fields[f"description_{lang}"] = forms.CharField(
                label=description_label,
                max_length=5000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=(translations.get(lang) or {}).get("description", ""),
            )

    def clean(self):
        cleaned = super().clean()
        written = cleaned.get("language")
        translations = {}
        for lang in LANGUAGE_LABELS:
            if lang == written:
                continue
            title = (cleaned.get(f"title_{lang}") or "").strip()
            description = (cleaned.get(f"description_{lang}") or "").strip()
            if title or description:
                translations[lang] = {"title": title, "description": description}
        cleaned["translations"] = translations
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("The end must not be before the start."))
        return cleaned

    def _post_clean(self):
        # The service validates the model; the form only parses.
        pass

    def service_fields(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields if name != "organisers"}
        data["translations"] = self.cleaned_data["translations"]
        return data


class ActivityFilterForm(forms.Form):
    type = forms.ChoiceField(
        label=_("Type"), choices=[("", _("All types")), *ActivityType.choices], required=False
    )
    date_from = forms.DateField(
        label=pgettext_lazy("date range", "From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = forms.DateField(
        label=pgettext_lazy("date range", "Until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    place = forms.TypedChoiceField(label=_("Place"), coerce=int, required=False, empty_value=None)
    language = forms.ChoiceField(
        label=_("Language"), choices=[("", _("Any language")), *Language.choices], required=False
    )
    audience = forms.ChoiceField(
        label=_("For whom"),
        choices=[("", _("Everyone")), *TargetGroup.choices],
        required=False,
    )
    free = forms.BooleanField(label=_("Free of charge"), required=False)
    accessible = forms.BooleanField(label=_("Step-free with an accessible toilet"), required=False)

    def __init__(self, *args, places=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].choices = [("", _("Any place"))] + [(p.pk, p.name) for p in places]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end must not be before the start."))
        return cleaned


class SignupForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("I want to"),
        choices=SignupKind.choices,
        initial=SignupKind.TAKE_PART,
        widget=forms.RadioSelect,
    )
    name = forms.CharField(
        label=_("Name or nickname"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("E-mail or phone: we send the confirmation there."),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    group_size = forms.IntegerField(label=_("How many people"), min_value=1, initial=1)
    access_needs = forms.CharField(
        label=_("Anything we should know so that you can take part?"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example a wheelchair, an interpreter or a quiet place. Optional."),
    )

    def __init__(self, *args, group_limit: int = 1, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group_size"].max_value = group_limit
        self.fields["group_size"].validators.append(MaxValueValidator(group_limit))
        self.fields["group_size"].widget.attrs.update({"min": 1, "max": group_limit})
        if group_limit <= 1:
            self.fields["group_size"].widget = forms.HiddenInput()
        else:
            self.fields["group_size"].help_text = _(
                "A professional may sign up a group of up to %(n)s people."
            ) % {"n": group_limit}

    def clean(self):
        cleaned = super().clean()
        if (
            not self.errors
            and not cleaned.get("email")
            and not (cleaned.get("phone") or "").strip()
        ):
            self.add_error("email", _("Give an e-mail address or a phone number."))
        if "name" in cleaned and not cleaned["name"].strip():
            self.add_error("name", _("Give a name or a nickname."))
        return cleaned


class OutcomeForm(forms.Form):
    taking_part = forms.IntegerField(label=_("How many took part"), min_value=0, max_value=100000)
    following = forms.IntegerField(label=_("How many followed"), min_value=0, max_value=100000)
    unnamed_clients = forms.IntegerField(
        label=_("Of those who took part, clients without names"),
        min_value=0,
        max_value=100000,
        required=False,
    )
    notes = forms.CharField(
        label=_("What was realised"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class WorkForm(forms.Form):
    community = forms.ModelChoiceField(label=_("Work community"), queryset=None)
    title = forms.CharField(label=_("Title"), max_length=200)
    image = forms.FileField(
        label=_("Image (JPEG, PNG or WebP)"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    alt_text = forms.CharField(
        label=_("Alt text"),
        max_length=500,
        help_text=_("What the picture shows, for people who cannot see it."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    creator = forms.ModelChoiceField(label=_("Creator"), queryset=None)
    credit = forms.ChoiceField(label=_("Credit as the creator wishes"), choices=Credit.choices)
    credit_text = forms.CharField(
        label=_("Name or nickname to show"), max_length=100, required=False
    )
    people_shown = forms.ModelMultipleChoiceField(
        label=_("People shown in the picture"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    creator_consents = forms.BooleanField(
        label=_("The creator agreed that the work is shown publicly."), required=False
    )
    people_shown_consent = forms.BooleanField(
        label=_("Everyone shown in the picture agreed."), required=False
    )

    def __init__(self, *args, communities, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = communities
        self.fields["creator"].queryset = people
        self.fields["people_shown"].queryset = people


class CurationForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept")), ("decline", _("Decline"))],
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class AttendanceForm(forms.Form):
    attended = forms.ChoiceField(
        label=_("Attendance"),
        choices=[("yes", _("Present")), ("no", _("Absent")), ("", _("Not marked"))],
        required=False,
    )


STATUS_CHOICES = ActivityStatus.choices
