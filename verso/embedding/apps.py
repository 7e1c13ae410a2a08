from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmbeddingConfig(AppConfig):
    name = "verso.embedding"
    label = "embedding"
    verbose_name = _("Embedding and continuity")

    def ready(self) -> None:
        from verso.embedding import privacy
        from verso.embedding.demo import seed
        from verso.networks.demo import register_demo_seeder

        privacy.register()
        register_demo_seeder(seed)
