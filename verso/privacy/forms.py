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
