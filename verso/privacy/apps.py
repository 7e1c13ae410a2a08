from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "verso.privacy"
    label = "privacy"
    verbose_name = _("Privacy")

    def ready(self) -> None:
        from verso.privacy import subjects

        subjects.register_core()
