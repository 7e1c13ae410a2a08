from django import forms
from django.utils.translation import gettext_lazy as _

from verso.ideas.models import (
    ALT_MAX,
    COMMENT_MAX,
    IDEA_TEXT_MAX,
    NAME_MAX,
    QUESTION_MAX,
    REASON_MAX,
    TITLE_MAX,
    IdeaStatus,
)
from verso.networks.choices import TARGET_GROUP_CHOICES_GROUPED

HONEYPOT = "website"


class IdeaForm(forms.Form):
    """The idea form, phone-first and in plain language: one required field, the rest
    optional, each with a short help text."""

    text = forms.CharField(
        label=_("Your idea"),
        max_length=IDEA_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Write freely. What would you like to do, see or try?"),
    )
    photo = forms.FileField(
        label=_("Photo (you can leave this out)"),
        required=False,
        max_length=200,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=_("A JPEG, PNG or WebP photo, at most 5 MB."),
    )
    photo_alt = forms.CharField(
        label=_("What does the photo show?"),
        max_length=ALT_MAX,
        required=False,
        help_text=_("Needed if you add a photo: a few words for those who cannot see it."),
    )
    proposer_name = forms.CharField(
        label=_("Your name or nickname (you can leave this out)"),
        max_length=NAME_MAX,
        required=False,
    )
    email = forms.EmailField(
        label=_("E-mail (you can leave this out)"), max_length=254, required=False
    )
    phone = forms.CharField(
        label=_("Phone (you can leave this out)"), max_length=40, required=False
    )
    contact_consent = forms.BooleanField(
        label=_("You may keep my contact details to tell me about my idea."),
        required=False,
        help_text=_("Needed only if you give an e-mail or a phone number. You can take it back."),
    )

    def __init__(self, *args, assisted_allowed: bool = False, calls=(), **kwargs):
        super().__init__(*args, **kwargs)
        if calls:
            self.fields["call"] = forms.TypedChoiceField(
                label=_("Idea call"),
                choices=[("", _("No idea call")), *[(c.pk, c.title) for c in calls]],
                coerce=int,
                empty_value=None,
                required=False,
            )
            self.order_fields(["call"])
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})
        self.fields["proposer_name"].widget.attrs["autocomplete"] = "nickname"
        if assisted_allowed:
            self.fields["assisted"] = forms.BooleanField(
                label=_("I am writing this idea down for a client or resident"),
                required=False,
                help_text=_("You are recorded as the one who entered it."),
            )


class PublicIdeaForm(IdeaForm):
    """The anonymous form adds a honeypot: a field people never see or fill in."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_website(self):
        value = self.cleaned_data.get("website", "")
        if value:
            raise forms.ValidationError(
                _(
                    "This field must be left empty. If you are a person, empty it and "
                    "send your idea again."
                )
            )
        return value


class IdeaCallForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    question = forms.CharField(
        label=_("Question"),
        max_length=QUESTION_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What you ask, in plain language: it is the first thing people read."),
    )
    opens_on = forms.DateField(
        label=_("Open from"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    closes_on = forms.DateField(
        label=_("Open until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The last day; empty: until closed."),
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Whom the call asks"),
        choices=TARGET_GROUP_CHOICES_GROUPED,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("The call cannot close before it opens."))
        return data


class TriageForm(forms.Form):
    status = forms.ChoiceField(
        label=_("New state"),
        choices=[(s.value, s.label) for s in IdeaStatus if s != IdeaStatus.NEW],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Answer to the person who proposed the idea"),
        max_length=REASON_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("They see it on their follow page. Needed unless the idea goes to discussion."),
    )
    merged_into = forms.TypedChoiceField(
        label=_("Merged into"), required=False, coerce=int, empty_value=None, choices=()
    )

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["merged_into"].choices = [
            ("", _("Not merged")),
            *[(idea.pk, f"#{idea.pk} {idea.text[:60]}") for idea in candidates],
        ]


class ModerationForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is hidden"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded in the audit trail; the person who proposed the idea sees it."),
    )


class CommentHideForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is hidden"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded in the audit trail."),
    )


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"), max_length=COMMENT_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )


class IdeaFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("All")), *IdeaStatus.choices],
    )
