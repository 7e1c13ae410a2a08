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
        # --- perf --- the bulk data set's activities and sign-ups, and the measured pages
        from verso.events import bulk
        from verso.networks.bulk import register_bulk_seeder

        register_bulk_seeder(bulk.seed)
        bulk.register_pages()
