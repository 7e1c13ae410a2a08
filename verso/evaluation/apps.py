from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "verso.evaluation"
    label = "evaluation"
    verbose_name = _("Evaluation")

    def ready(self) -> None:
        from verso.evaluation import bulk, privacy
        from verso.evaluation.cache import connect_signals
        from verso.evaluation.demo import seed
        from verso.networks.demo import register_demo_seeder

        privacy.register()
        register_demo_seeder(seed)
        connect_signals()
        bulk.register()
