import re

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language"),
        choices=settings.LANGUAGE_NAMES,
        widget=forms.RadioSelect,
        help_text=_(
            "Your pages open in it when you sign in, and Verso's e-mails to you are written "
            "in it. You can still switch the language of any page."
        ),
    )


class UserLanguagePasswordResetForm(PasswordResetForm):
    """Django's form, with the mail written in the account's own language."""

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        from verso.accounts.language import user_language

        with translation.override(user_language(context.get("user")) or None):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the token"),
        max_length=100,
        help_text=_("For example the name of the program that uses it."),
    )


class TokenCodeForm(forms.Form):
    """The six-digit code of an authenticator app."""

    token = forms.CharField(
        label=_("Six-digit code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
                "size": 8,
            }
        ),
    )

    def clean_token(self) -> str:
        token = "".join(self.cleaned_data["token"].split())
        if not re.fullmatch(r"\d{6}", token):
            raise forms.ValidationError(
                _("Enter the six-digit code that your authenticator app shows."), code="format"
            )
        return token


class EmailChangeForm(forms.Form):
    """A new login address, confirmed with the current password."""

    email = forms.EmailField(
        label=_("New e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password = forms.CharField(
        label=_("Current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."), code="password")
        return password
