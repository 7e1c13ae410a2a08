from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "verso.meetings"
    label = "meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        from verso.core.panels import register_front_page_panel
        from verso.meetings.demo import seed
        from verso.meetings.panels import my_tasks_panel
        from verso.meetings.privacy import register
        from verso.networks.demo import register_demo_seeder

        register()
        register_demo_seeder(seed)
        register_front_page_panel(my_tasks_panel)
