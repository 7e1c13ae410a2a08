from django import template
from django.template.loader import render_to_string
from django.utils import timezone

register = template.Library()


@register.simple_tag(takes_context=True)
def meetings_panel(context, access) -> str:
    """The network overview's panel: the next meetings, and overdue items for the
    coordination group."""
    from verso.meetings import selectors
    from verso.meetings.access import meetings_visible_to

    upcoming = list(
        meetings_visible_to(access)
        .filter(ends_at__gte=timezone.now())
        .order_by("starts_at", "id")[:3]
    )
    overdue = selectors.overdue_count(access.network) if access.can_see_clients else 0
    return render_to_string(
        "meetings/_network_panel.html",
        {"access": access, "network": access.network, "upcoming": upcoming, "overdue": overdue},
        request=context.get("request"),
    )
