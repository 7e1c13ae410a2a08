from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from verso.evaluation.models import TEXT_MAX, Decision, GoalMet, Rating


class AnswerForm(forms.Form):
    """The anonymous feedback form: five faces, each with its word, and optional words."""

    rating = forms.TypedChoiceField(
        label=_("How was it?"),
        choices=Rating.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose one of the five faces."),
            "invalid_choice": _("Choose one of the five faces (1–5)."),
        },
    )
    text = forms.CharField(
        label=_("Anything else? (optional)"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    name = forms.CharField(
        label=_("Your name (optional)"),
        required=False,
        max_length=100,
        help_text=_("Leave it empty to answer anonymously."),
    )


class PaperAnswerForm(AnswerForm):
    """Staff type in an answer collected on paper; it is marked as from paper."""

    rating = forms.TypedChoiceField(
        label=_("The face chosen on paper"),
        choices=Rating.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the face marked on the paper."),
            "invalid_choice": _("Choose one of the five faces (1–5)."),
        },
    )
    text = forms.CharField(
        label=_("Words written on the paper"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    name = forms.CharField(
        label=_("Name written on the paper (optional)"), required=False, max_length=100
    )


def _targets(network, activities, meetings):
    choices = [("", _("Choose…"))]
    choices += [(f"a{a.pk}", f"{a.title} ({a.starts_at:%d.%m.%Y})") for a in activities]
    choices += [(f"m{m.pk}", f"{m.title} ({m.starts_at:%d.%m.%Y})") for m in meetings]
    return choices


class TargetMixin:
    def _set_targets(self, activities, meetings, required=True):
        self.activities = {a.pk: a for a in activities}
        self.meetings = {m.pk: m for m in meetings}
        self.fields["target"].choices = _targets(None, activities, meetings)
        self.fields["target"].required = required

    def clean_target(self):
        value = self.cleaned_data.get("target") or ""
        self.cleaned_data["activity"] = None
        self.cleaned_data["meeting"] = None
        if value.startswith("a") and value[1:].isdigit():
            self.cleaned_data["activity"] = self.activities.get(int(value[1:]))
        elif value.startswith("m") and value[1:].isdigit():
            self.cleaned_data["meeting"] = self.meetings.get(int(value[1:]))
        return value


class LinkForm(TargetMixin, forms.Form):
    target = forms.ChoiceField(
        label=_("Activity or meeting"),
        error_messages={"required": _("Choose the activity or meeting to ask feedback on.")},
    )
    one_per_link = forms.BooleanField(
        label=_("One answer per personal link"),
        required=False,
        help_text=_(
            "Each participant gets a link of their own that takes one answer; the shared "
            "link and QR code take none."
        ),
    )

    def __init__(self, *args, activities=(), meetings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._set_targets(activities, meetings)


class TokensForm(forms.Form):
    count = forms.IntegerField(
        label=_("How many personal links"),
        min_value=1,
        max_value=500,
        initial=10,
        error_messages={"required": _("Give a number of links from 1 to 500.")},
    )


class EvaluationForm(TargetMixin, forms.Form):
    target = forms.ChoiceField(label=_("Activity or meeting"), required=False)
    evaluated_on = forms.DateField(
        label=_("Evaluated on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    goal_met = forms.ChoiceField(
        label=_("Was the goal met?"),
        choices=GoalMet.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether the goal was met.")},
    )
    worked = forms.CharField(
        label=_("What worked"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write what worked.")},
    )
    did_not_work = forms.CharField(
        label=_("What did not work"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    participants_said = forms.CharField(
        label=_("What participants said"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    decision = forms.ChoiceField(
        label=_("Continue, change or stop?"),
        choices=Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose continue, change or stop.")},
    )
    next_step = forms.CharField(label=_("Next step"), required=False, max_length=200)
    owner = forms.TypedChoiceField(
        label=_("Who owns the next step"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("With an owner and a date the next step becomes a task of the network."),
    )
    due_on = forms.DateField(
        label=_("Next step done by"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, activities=(), meetings=(), people=(), **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("evaluated_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self._set_targets(activities, meetings, required=False)
        self.people = {p.pk: p for p in people}
        self.fields["owner"].choices = [("", _("No one yet"))] + [
            (p.pk, p.display_name) for p in people
        ]

    def clean(self):
        data = super().clean()
        owner = data.get("owner")
        data["owner_person"] = self.people.get(owner) if owner else None
        if data["owner_person"] is not None and not data.get("due_on"):
            self.add_error("due_on", _("Give the date by which the next step is done."))
        return data


class InstrumentImportForm(forms.Form):
    file = forms.FileField(
        label=_("Instrument definition file (JSON or YAML)"),
        required=False,
        help_text=_(
            "Checked against the instrument schema; nothing is imported if anything is wrong."
        ),
    )
    text = forms.CharField(
        label=_("Or paste the definition"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=256 * 1024,
    )

    def clean(self):
        data = super().clean()
        if not data.get("file") and not (data.get("text") or "").strip() and not self.errors:
            self.add_error("text", _("Choose a file or paste the definition."))
        return data


class MeasurementForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={"required": _("Give the measurement a title.")},
    )
    instrument = forms.TypedChoiceField(
        label=_("Instrument"),
        coerce=int,
        error_messages={"required": _("Choose an instrument.")},
    )

    def __init__(self, *args, instruments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.instruments = {i.pk: i for i in instruments}
        self.fields["instrument"].choices = [("", _("Choose…"))] + [
            (i.pk, str(i)) for i in instruments
        ]

    def clean_instrument(self):
        return self.instruments.get(self.cleaned_data["instrument"])


class InstrumentAnswerForm(forms.Form):
    """The start or end questionnaire of a pre/post measurement, in the reader's language."""

    phase = forms.ChoiceField(
        label=_("Are you starting or ending?"),
        choices=(
            ("pre", _("Starting: this is my first answer")),
            ("post", _("Ending: I have my code")),
        ),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether you are starting or ending.")},
    )
    code = forms.CharField(
        label=_("Your code (at the end only)"),
        required=False,
        max_length=20,
        help_text=_("The code you got at the start, for example ABCD-2345."),
    )

    def __init__(self, *args, instrument, lang: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        labels = instrument.scale_labels.get(lang) or instrument.scale_labels["fi"]
        choices = [(str(i + 1), label) for i, label in enumerate(labels)]
        for item in instrument.items:
            self.fields[f"item_{item['key']}"] = forms.ChoiceField(
                label=item["text"].get(lang) or item["text"]["fi"],
                choices=choices,
                required=False,
                widget=forms.RadioSelect,
                error_messages={
                    "invalid_choice": _("Choose a point from 1 to %(n)s.")
                    % {"n": instrument.scale_points}
                },
            )

    def item_fields(self):
        return [self[f"item_{item['key']}"] for item in self.instrument.items]

    def values(self) -> dict:
        return {
            item["key"]: self.cleaned_data.get(f"item_{item['key']}") or None
            for item in self.instrument.items
        }

    def clean(self):
        data = super().clean()
        if data.get("phase") == "post" and not (data.get("code") or "").strip():
            self.add_error("code", _("Give the code you got at the start."))
        return data


class QuestionnaireForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={"required": _("Give the questionnaire a title (at most 200 characters).")},
    )
    intro = forms.CharField(
        label=_("Introduction (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    questions = forms.CharField(
        label=_("Questions, one a line"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20000,
        help_text=_(
            "Start each line with its kind: “scale: How was the place?” (five faces), "
            "“single: Which day suits you? | Monday | Friday”, “multiple: What did you do? "
            "| Painted | Walked” or “text: Anything else?”."
        ),
        error_messages={"required": _("Write at least one question.")},
    )
    is_template = forms.BooleanField(
        label=_("Keep it as a template for the network"), required=False
    )


class UseTemplateForm(forms.Form):
    template = forms.TypedChoiceField(
        label=_("Template"),
        coerce=int,
        error_messages={"required": _("Choose a template.")},
    )

    def __init__(self, *args, templates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.templates = {t.pk: t for t in templates}
        self.fields["template"].choices = [("", _("Choose…"))] + [
            (t.pk, t.title if t.network_id else f"{t.title} (Verso)") for t in templates
        ]

    def clean_template(self):
        return self.templates.get(self.cleaned_data["template"])


class QuestionnaireAnswerForm(forms.Form):
    """The public questionnaire, built from its questions."""

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        from verso.evaluation.models import QuestionKind, Rating

        self.questions = list(questions)
        for q in self.questions:
            key = f"q{q.pk}"
            if q.kind == QuestionKind.TEXT:
                self.fields[key] = forms.CharField(
                    label=q.text,
                    required=False,
                    max_length=TEXT_MAX,
                    widget=forms.Textarea(attrs={"rows": 3}),
                )
                continue
            if q.kind == QuestionKind.SCALE:
                choices = [(str(v), label) for v, label in Rating.choices]
            else:
                choices = [(str(i), o) for i, o in enumerate(q.options, start=1)]
            field_class = (
                forms.MultipleChoiceField if q.kind == QuestionKind.MULTIPLE else forms.ChoiceField
            )
            widget = (
                forms.CheckboxSelectMultiple
                if q.kind == QuestionKind.MULTIPLE
                else forms.RadioSelect
            )
            self.fields[key] = field_class(
                label=q.text,
                choices=choices,
                required=False,
                widget=widget,
                error_messages={"invalid_choice": _("Choose one of the given answers.")},
            )
        self.fields["name"] = forms.CharField(
            label=_("Your name (optional)"),
            required=False,
            max_length=100,
            help_text=_("Leave it empty to answer anonymously."),
        )

    def answers(self) -> dict:
        return {q.pk: self.cleaned_data.get(f"q{q.pk}") for q in self.questions}
