from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "verso.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.contrib.auth import signals as auth_signals

        from verso.accounts import signals

        auth_signals.user_logged_in.connect(
            signals.on_user_logged_in, dispatch_uid="verso.accounts.login"
        )
        auth_signals.user_login_failed.connect(
            signals.on_user_login_failed, dispatch_uid="verso.accounts.login_failed"
        )
        auth_signals.user_logged_out.connect(
            signals.on_user_logged_out, dispatch_uid="verso.accounts.logout"
        )
