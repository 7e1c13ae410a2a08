from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmbeddingConfig(AppConfig):
    name = "verso.embedding"
    label = "embedding"
    verbose_name = _("Embedding and continuity")

    def ready(self) -> None:
        from verso.embedding import handover, privacy
        from verso.embedding.demo import seed
        from verso.networks.demo import register_demo_seeder

        privacy.register()
        handover.register()
        _register_bench_pages()
        register_demo_seeder(seed)


def _register_bench_pages() -> None:
    from django.urls import reverse

    from verso.networks.bench import register_bench_page

    register_bench_page(
        "embedding checklist", lambda w: reverse("embedding:checklist", args=[w.network_id])
    )
    register_bench_page("network map", lambda w: reverse("embedding:map", args=[w.network_id]))
