from django import forms
from django.utils.translation import gettext_lazy as _

from verso.privacy.models import Method, Purpose


class ConsentForm(forms.Form):
    GIVE = "give"
    WITHDRAW = "withdraw"
    purpose = forms.ChoiceField(choices=Purpose.choices)
    action = forms.ChoiceField(choices=[(GIVE, _("Give")), (WITHDRAW, _("Withdraw"))])


class ConsentOnBehalfForm(ConsentForm):
    method = forms.ChoiceField(
        label=_("How was the consent given?"), choices=Method.choices[1:], required=False
    )


class EraseSelfForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(label=_("I understand that erasure cannot be undone."))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."))
        return password


class EraseOnBehalfForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("The person asked for erasure, and I understand that it cannot be undone.")
    )


class MyDetailsForm(forms.Form):
    display_name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("A first name or nickname is enough.")
    )
    phone = forms.CharField(label=_("Phone number (optional)"), max_length=40, required=False)
    contact_consent = forms.BooleanField(
        label=_("Verso may keep my phone number."),
        help_text=_("Needed only when you give a phone number. You can withdraw it at any time."),
        required=False,
    )
