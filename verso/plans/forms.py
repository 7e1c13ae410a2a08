from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from verso.networks.choices import TARGET_GROUP_CHOICES_GROUPED, Phase
from verso.plans.choices import BudgetStatus, FundingSource
from verso.plans.models import SECTION_MAX, Plan
from verso.plans.services import clean_amount, network_organisations, network_people

MARKDOWN_HELP = _("You can use Markdown: *italics*, **bold**, lists with - and links.")


class PlanForm(forms.ModelForm):
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"),
        choices=TARGET_GROUP_CHOICES_GROUPED,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Plan
        fields = [
            "title",
            "need",
            "target_groups",
            "target_description",
            "competence",
            "budget_notes",
            "operating_model",
            "activity",
            "evaluation",
        ]
        labels = {
            "title": _("Title"),
            "need": _("Need for change and the activity that brings it"),
            "target_description": _("Target groups or organisations"),
            "competence": _("Competence and networks needed"),
            "budget_notes": _("Budget"),
            "operating_model": _("Operating model"),
            "activity": _("Loose description of the activity"),
            "evaluation": _("Evaluation plan"),
        }
        help_texts = {
            "target_description": _("Who the activity is for, and which organisations reach them."),
            "budget_notes": _(
                "Add the budget lines on the plan's page; write here what they leave out."
            ),
            "evaluation": _("How you will know, planned before the activity starts."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.Meta.fields:
            field = self.fields[name]
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs.update({"rows": 5})
                field.max_length = SECTION_MAX
                if not field.help_text:
                    field.help_text = MARKDOWN_HELP


class BudgetLineForm(forms.Form):
    item = forms.CharField(label=_("Item"), max_length=200)
    amount = forms.CharField(
        label=_("Amount (€)"),
        max_length=20,
        help_text=_("In euros with at most two decimals, e.g. 150.00."),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    owner_organisation = forms.ModelChoiceField(
        label=_("Owner organisation"),
        queryset=None,
        required=False,
        empty_label=_("No owner yet"),
        help_text=_("The organisation in the network whose budget this is (budjettivastuu)."),
    )
    owner_person = forms.ModelChoiceField(
        label=_("Owner person"),
        queryset=None,
        required=False,
        empty_label=_("No one yet"),
        help_text=_("Needed once the line is committed."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=BudgetStatus.choices)
    funding_source = forms.ChoiceField(label=_("Funding source"), choices=FundingSource.choices)

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_organisation"].queryset = network_organisations(network).order_by("name")
        self.fields["owner_person"].queryset = network_people(network).order_by("display_name")

    def clean_amount(self):
        try:
            return clean_amount(self.cleaned_data["amount"])
        except ValidationError as error:
            raise ValidationError(error.message_dict["amount"]) from None


class GapAcceptForm(forms.Form):
    gap = forms.CharField(widget=forms.HiddenInput, max_length=100)
    reason = forms.CharField(
        label=_("Why is this gap accepted?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class GapWithdrawForm(forms.Form):
    gap = forms.CharField(widget=forms.HiddenInput, max_length=100)


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Comment on this version"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PhaseForm(forms.Form):
    phase = forms.ChoiceField(label=_("Phase"), choices=Phase.choices)


class CompareForm(forms.Form):
    a = forms.IntegerField(label=_("Earlier version"), min_value=1, max_value=10**9)
    b = forms.IntegerField(label=_("Later version"), min_value=1, max_value=10**9)


class IdeaTakeForm(forms.Form):
    idea = forms.ModelChoiceField(
        label=_("Idea"),
        queryset=None,
        widget=forms.RadioSelect,
        help_text=_("The person who proposed it sees that it was taken into the plan."),
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["idea"].queryset = candidates
        self.fields["idea"].label_from_instance = lambda idea: idea.text[:200]
