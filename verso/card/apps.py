from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CardConfig(AppConfig):
    name = "verso.card"
    label = "card"
    verbose_name = _("Nature & Creativity card")

    def ready(self) -> None:
        from verso.card import demo, privacy
        from verso.networks.demo import register_demo_seeder

        privacy.register()
        register_demo_seeder(demo.seed)
        demo.register_logins()
        # --- perf --- the bulk data set's cards and uses, and the measured card check
        from verso.card import bulk
        from verso.networks.bulk import register_bulk_seeder

        register_bulk_seeder(bulk.seed)
        bulk.register_pages()
