from django import template
from django.template.loader import render_to_string

register = template.Library()

ROW = 30
BAR_MAX = 160


@register.filter
def chart_height(rows) -> int:
    return int(rows) * ROW + 4


@register.filter
def chart_y(index) -> int:
    return int(index) * ROW


@register.filter
def bar_width(share) -> int:
    return round((share or 0) * BAR_MAX)


@register.filter
def percent(share) -> str:
    return f"{round((share or 0) * 100)} %"


@register.simple_tag(takes_context=True)
def evaluation_panel(context, access) -> str:
    """The network overview's block: the coordination group's evaluations and the
    feedback, as other parts read them (three queries, whatever the counts)."""
    from verso.evaluation.selectors import network_evaluation_facts

    if not access.can_see_members:
        return ""
    return render_to_string(
        "evaluation/_network_panel.html",
        {
            "access": access,
            "network": access.network,
            "facts": network_evaluation_facts(access.network),
        },
        request=context.get("request"),
    )
