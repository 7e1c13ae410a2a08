from django import template

from verso.ideas.selectors import network_idea_summary

register = template.Library()


@register.inclusion_tag("ideas/_network_summary.html")
def idea_summary(network, access):
    return {"network": network, "access": access, "s": network_idea_summary(network)}
