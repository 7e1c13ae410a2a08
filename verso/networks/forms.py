import copy

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from verso.networks.choices import (
    TARGET_GROUP_CHOICES_GROUPED,
    Competence,
    NetworkStatus,
    Phase,
    Role,
    Sector,
)
from verso.networks.models import Membership, Network, Organisation

ASSIGNABLE_ROLES = [(r.value, r.label) for r in Role if r != Role.COORDINATOR]


def split_tags(value: str) -> list[str]:
    return [t.strip() for t in (value or "").split(",") if t.strip()]


class NetworkForm(forms.ModelForm):
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"),
        choices=TARGET_GROUP_CHOICES_GROUPED,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Network
        fields = ["name", "municipality", "goal", "description", "phase", "target_groups"]
        widgets = {
            "goal": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 5}),
        }


class NetworkEditForm(NetworkForm):
    class Meta(NetworkForm.Meta):
        fields = [*NetworkForm.Meta.fields, "status"]


class NetworkCreateForm(NetworkForm):
    organisation = forms.ModelChoiceField(
        label=_("Your organisation"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label=_("No organisation"),
        help_text=_("The organisation you coordinate the network from, if any."),
    )


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = [
            "name",
            "sector",
            "is_project",
            "ends_on",
            "parent",
            "municipality",
            "description",
        ]
        widgets = {
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parents = Organisation.objects.order_by("name")
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["parent"].empty_label = _("None: an organisation of its own")
        self.fields["parent"].help_text = _("For a unit: the organisation it belongs to.")

    def clean(self):
        data = super().clean()
        if data.get("is_project") and not data.get("ends_on"):
            self.add_error("ends_on", _("A fixed-term project needs an end date."))
        return data


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    sector = forms.ChoiceField(
        label=_("Sector"), choices=[("", _("All sectors")), *Sector.choices], required=False
    )


class MembershipFieldsMixin(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label=_("No organisation"),
    )
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=ASSIGNABLE_ROLES, widget=forms.CheckboxSelectMultiple
    )
    competences = forms.MultipleChoiceField(
        label=_("Competence areas"),
        choices=Competence.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    competence_tags = forms.CharField(
        label=_("Other competences"),
        required=False,
        max_length=500,
        help_text=_("Separate with commas, for example: photography, forest therapy."),
    )

    def clean_competence_tags(self):
        tags = split_tags(self.cleaned_data["competence_tags"])
        if any(len(tag) > 50 for tag in tags):
            raise forms.ValidationError(_("A competence tag can be at most 50 characters long."))
        if len(tags) > 20:
            raise forms.ValidationError(_("Give at most 20 other competences."))
        return tags


class MemberAddForm(MembershipFieldsMixin):
    HAS_ACCOUNT = "account"
    NO_ACCOUNT = "person"
    kind = forms.ChoiceField(
        label=_("Does the person have a Verso account?"),
        choices=[
            (HAS_ACCOUNT, _("Yes, find the account by e-mail address")),
            (NO_ACCOUNT, _("No, add the person without an account")),
        ],
        widget=forms.RadioSelect,
        initial=NO_ACCOUNT,
    )
    account_email = forms.EmailField(label=_("E-mail address of the account"), required=False)
    display_name = forms.CharField(
        label=_("Name"),
        max_length=100,
        required=False,
        help_text=_("A first name or nickname is enough."),
    )
    email = forms.EmailField(label=_("E-mail address (optional)"), required=False)
    phone = forms.CharField(label=_("Phone number (optional)"), max_length=40, required=False)
    contact_consent = forms.BooleanField(
        label=_("The person agreed that Verso keeps their e-mail address and phone number."),
        help_text=_(
            "Needed only when you give contact details. Tell the person what the privacy "
            "notice says."
        ),
        required=False,
    )
    starts_on = forms.DateField(
        label=_("Member since"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    field_order = [
        "kind",
        "account_email",
        "display_name",
        "email",
        "phone",
        "organisation",
        "roles",
        "competences",
        "competence_tags",
        "starts_on",
    ]

    def clean(self):
        data = super().clean()
        if data.get("kind") == self.HAS_ACCOUNT:
            email = data.get("account_email")
            if not email:
                if "account_email" not in self.errors:
                    self.add_error("account_email", _("Give the e-mail address of the account."))
            else:
                user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
                if user is None:
                    self.add_error(
                        "account_email",
                        _("No account has this e-mail address. Add the person without an account."),
                    )
                data["user"] = user
        elif data.get("kind") == self.NO_ACCOUNT and not (data.get("display_name") or "").strip():
            self.add_error("display_name", _("Give the person's name."))
        return data


class MembershipEditForm(MembershipFieldsMixin):
    """Roles and competence; for a person without an account also the name and contact
    details, which nobody else can correct."""

    DETAIL_FIELDS = ("display_name", "email", "phone", "contact_consent")

    def __init__(self, *args, with_details: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if with_details:
            extra = {n: copy.deepcopy(MemberAddForm.base_fields[n]) for n in self.DETAIL_FIELDS}
            extra["display_name"].required = True
            self.fields = {**extra, **self.fields}

    def details(self) -> dict | None:
        if "display_name" not in self.fields:
            return None
        return {name: self.cleaned_data[name] for name in self.DETAIL_FIELDS}


class MembershipEndForm(forms.Form):
    ends_on = forms.DateField(
        label=_("Membership ends on"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("From this day on the person is no longer a member."),
    )


# Fields other apps add to the handover form (name → a function making the field); their
# cleaned values reach the handover hooks (services.register_handover_hook) as ``extra``.
HANDOVER_FIELDS: dict = {}


class HandoverForm(forms.Form):
    to = forms.ModelChoiceField(
        label=_("New coordinator"),
        queryset=Membership.objects.none(),
        empty_label=_("Choose a member"),
    )
    keep_previous_in_group = forms.BooleanField(
        label=_("The current coordinator stays in the coordination group"),
        required=False,
        initial=True,
    )

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = (
            candidates if candidates is not None else Membership.objects.none()
        )
        self.fields["to"].label_from_instance = lambda m: (
            f"{m.person.display_name} ({m.organisation.name})"
            if m.organisation
            else m.person.display_name
        )
        for name, make_field in HANDOVER_FIELDS.items():
            self.fields[name] = make_field()

    def extra(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in HANDOVER_FIELDS}


class MemberFilterForm(forms.Form):
    q = forms.CharField(label=_("Search by name"), required=False, max_length=100)
    role = forms.ChoiceField(label=_("Role"), required=False)
    sector = forms.ChoiceField(
        label=_("Sector"), choices=[("", _("All sectors")), *Sector.choices], required=False
    )
    include_ended = forms.BooleanField(label=_("Show ended memberships"), required=False)

    def __init__(self, *args, can_see_clients: bool, **kwargs):
        super().__init__(*args, **kwargs)
        roles = [(r.value, r.label) for r in Role if can_see_clients or r != Role.CLIENT]
        self.fields["role"].choices = [("", _("All roles")), *roles]


STATUS_CHOICES = NetworkStatus.choices
PHASE_CHOICES = Phase.choices
