from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "verso.networks"
    label = "networks"
    verbose_name = _("Networks")

    def ready(self) -> None:
        from verso.networks.bench import register_network_pages

        register_network_pages()
