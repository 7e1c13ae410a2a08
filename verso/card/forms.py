import secrets

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from verso.card.choices import AgeGroup, Gender, LifeSituation, StaffRole
from verso.card.models import IssuingUnit, Offering, Provider, Scheme
from verso.card.services import TERMS_MAX
from verso.networks.models import Network, Organisation, Person


class SchemeForm(forms.ModelForm):
    class Meta:
        model = Scheme
        fields = ["name", "area", "validity_days", "max_children", "asks_gender", "is_active"]


class SchemeCreateForm(SchemeForm):
    network = forms.ModelChoiceField(
        label=_("Run by the network"),
        queryset=Network.objects.none(),
        required=False,
        empty_label=_("Installation-wide (no network)"),
    )
    terms = forms.CharField(
        label=_("Terms for providers"),
        max_length=TERMS_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Providers join by accepting these terms. A later change is a new version."),
    )

    class Meta(SchemeForm.Meta):
        fields = ["network", "name", "area", "validity_days", "max_children", "asks_gender"]

    def __init__(self, *args, networks=None, installation_wide=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["network"].queryset = (
            networks if networks is not None else Network.objects.none()
        )
        self.installation_wide = installation_wide
        if not installation_wide:
            self.fields["network"].required = True
            self.fields["network"].empty_label = _("Choose a network")


class TermsForm(forms.Form):
    text = forms.CharField(
        label=_("New version of the terms"),
        max_length=TERMS_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class OrganisationChoiceForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.order_by("name"),
        empty_label=_("Choose an organisation"),
    )


class ProviderAddForm(OrganisationChoiceForm):
    adult_companion_allowed = forms.BooleanField(
        label=_("An adult companion comes free"), required=False
    )


class StaffEndForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, end this role"),
        help_text=_("The person can no longer act in the scheme in this role."),
    )


class StaffAddForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of the person's account"),
        max_length=254,
        help_text=_("The person must already have an account in Verso."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=StaffRole.choices)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("None (administrators)"),
        help_text=_("The issuing unit or provider the person works for."),
    )

    def __init__(self, *args, scheme: Scheme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=[
                *scheme.units.values_list("organisation", flat=True),
                *scheme.providers.values_list("organisation", flat=True),
            ]
        ).order_by("name")

    def clean(self):
        data = super().clean()
        email = data.get("email")
        if email:
            data["user"] = (
                get_user_model().objects.filter(email__iexact=email, is_active=True).first()
            )
            if data["user"] is None:
                self.add_error("email", _("No account has this e-mail address."))
        if data.get("role") in (StaffRole.ISSUER, StaffRole.PROVIDER) and not data.get(
            "organisation"
        ):
            self.add_error("organisation", _("Choose the organisation the person works for."))
        return data


class JoinForm(forms.Form):
    terms_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=10**6)
    accept = forms.BooleanField(
        label=_("We accept the terms above on behalf of our organisation"), required=True
    )
    contact = forms.ModelChoiceField(
        label=_("Contact person"),
        queryset=Person.objects.none(),
        empty_label=_("Choose the contact person"),
        help_text=_("One of your organisation's staff in this scheme."),
    )
    adult_companion_allowed = forms.BooleanField(
        label=_("An adult companion comes free"), required=False
    )

    def __init__(self, *args, provider: Provider, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = Person.objects.filter(
            user__card_staff__scheme=provider.scheme_id,
            user__card_staff__organisation=provider.organisation_id,
            user__card_staff__role=StaffRole.PROVIDER,
        ).distinct()


class OfferingForm(forms.ModelForm):
    class Meta:
        model = Offering
        fields = [
            "title_fi",
            "title_sv",
            "title_en",
            "description_fi",
            "description_sv",
            "description_en",
            "place",
            "venue",
            "address",
            "schedule",
            "daily_quota",
            "booking_needed",
            "booking_info",
            "is_active",
        ]
        widgets = {
            "description_fi": forms.Textarea(attrs={"rows": 3}),
            "description_sv": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "place": _("The place's name, as the lists of offerings show it."),
            "venue": _(
                "If the place is in the network's directory of places, choose it: the "
                "offering's page then shows its accessibility facts."
            ),
        }

    def __init__(self, *args, places, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["venue"].queryset = places
        self.fields["venue"].empty_label = _("None: a place outside the directory")


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the token"),
        max_length=100,
        help_text=_("For example the name of the ticketing system that uses it."),
    )


class IssueForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Issuing unit"), queryset=IssuingUnit.objects.none(), empty_label=None
    )
    age_group = forms.ChoiceField(label=_("Age group"), choices=AgeGroup.choices)
    gender = forms.ChoiceField(
        label=_("Gender (optional)"),
        choices=[("", _("Not told")), *Gender.choices],
        required=False,
    )
    life_situation = forms.ChoiceField(label=_("Life situation"), choices=LifeSituation.choices)

    def __init__(self, *args, units, asks_gender: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["unit"].label_from_instance = lambda u: u.organisation.name
        if not asks_gender:
            del self.fields["gender"]


class RevokeForm(forms.Form):
    reference = forms.CharField(
        label=_("Card number"),
        max_length=12,
        help_text=_("Printed on the card and shown on the holder's page, for example K7Q2M9XA."),
    )
    replace = forms.BooleanField(label=_("Issue a replacement card"), required=False, initial=True)


class RedeemForm(forms.Form):
    CHECK = "check"
    REDEEM = "redeem"

    provider = forms.ModelChoiceField(
        label=_("Provider"), queryset=Provider.objects.none(), empty_label=None
    )
    code = forms.CharField(
        label=_("Card code"),
        max_length=64,
        help_text=_("Type the code on the card, or scan its QR code."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
    offering = forms.ModelChoiceField(
        label=_("Offering"), queryset=Offering.objects.none(), required=False
    )
    children = forms.IntegerField(
        label=_("Children under 16"), min_value=0, max_value=100, initial=0, required=False
    )
    adults = forms.IntegerField(
        label=_("Adult companions"), min_value=0, max_value=10, initial=0, required=False
    )
    submission = forms.CharField(widget=forms.HiddenInput, max_length=80, required=False)
    action = forms.ChoiceField(
        choices=[(CHECK, CHECK), (REDEEM, REDEEM)], widget=forms.HiddenInput, required=False
    )

    def __init__(self, *args, providers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers
        self.fields["provider"].label_from_instance = lambda p: p.organisation.name
        self.fields["offering"].queryset = Offering.objects.filter(
            provider__in=providers, is_active=True
        ).select_related("provider__organisation")
        self.fields["offering"].label_from_instance = lambda o: (
            f"{o.title} ({o.provider.organisation.name})"
        )
        if not self.is_bound:
            self.initial.setdefault("submission", secrets.token_urlsafe(16))

    def clean(self):
        data = super().clean()
        if data.get("action") == self.REDEEM and not data.get("offering"):
            self.add_error("offering", _("Choose the offering the card is used for."))
        data["children"] = data.get("children") or 0
        data["adults"] = data.get("adults") or 0
        return data
