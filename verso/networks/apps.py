from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "verso.networks"
    label = "networks"
    verbose_name = _("Networks")

    def ready(self) -> None:
        from verso.networks.bench import register_network_pages

        register_network_pages()
        # --- perf --- the dashboard's cached member part moves on with every change
        from verso.networks.cache import connect_signals

        connect_signals()
