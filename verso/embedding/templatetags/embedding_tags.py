from django import template
from django.template.loader import render_to_string

register = template.Library()


@register.simple_tag(takes_context=True)
def embedding_panel(context, access) -> str:
    """The network overview's panel: the embedding score and the gaps that would raise it
    most, for members (clients see the network's page without it)."""
    if not access.can_see_members:
        return ""
    from verso.embedding.checklist import network_checklist

    checklist = network_checklist(access.network)
    return render_to_string(
        "embedding/_network_panel.html",
        {
            "access": access,
            "network": access.network,
            "checklist": checklist,
            "gaps": checklist.gaps[:3],
        },
        request=context.get("request"),
    )
