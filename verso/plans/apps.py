from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "verso.plans"
    label = "plans"
    verbose_name = _("Plans")

    def ready(self) -> None:
        from verso.networks.demo import register_demo_seeder
        from verso.plans import demo, phases, subjects

        phases.register()
        subjects.register()
        register_demo_seeder(demo.seed)
