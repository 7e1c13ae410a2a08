from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmbeddingConfig(AppConfig):
    name = "verso.embedding"
    label = "embedding"
    verbose_name = _("Embedding and continuity")
