"""The "My tasks" panel of the signed-in front page (registered in apps.py)."""

from django.template.loader import render_to_string

from verso.meetings.selectors import my_tasks


def my_tasks_panel(request) -> str:
    if not request.user.is_authenticated:
        return ""
    items = list(my_tasks(request.user)[:10])
    return render_to_string("meetings/_my_tasks.html", {"items": items}, request=request)
