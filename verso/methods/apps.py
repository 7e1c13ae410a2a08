from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MethodsConfig(AppConfig):
    name = "verso.methods"
    label = "methods"
    verbose_name = _("Methods library")

    def ready(self) -> None:
        from verso.methods import privacy
        from verso.methods.demo import seed
        from verso.networks.demo import register_demo_seeder

        privacy.register()
        register_demo_seeder(seed)
