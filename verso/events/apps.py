from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "verso.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from verso.events import privacy
        from verso.events.demo import seed
        from verso.networks.demo import register_demo_seeder

        privacy.register()
        register_demo_seeder(seed)
