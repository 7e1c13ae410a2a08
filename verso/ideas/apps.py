from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    name = "verso.ideas"
    label = "ideas"
    verbose_name = _("Ideas")

    def ready(self) -> None:
        from verso.ideas import demo, subjects
        from verso.networks.demo import register_demo_seeder

        subjects.register()
        register_demo_seeder(demo.seed)
