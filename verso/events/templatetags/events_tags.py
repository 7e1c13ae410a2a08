from django import template

from verso.events.selectors import places_left

register = template.Library()


@register.filter
def localized_title(activity, lang: str) -> str:
    return activity.localized("title", lang)


@register.filter
def localized_description(activity, lang: str) -> str:
    return activity.localized("description", lang)


@register.filter
def left(activity):
    return places_left(activity)
