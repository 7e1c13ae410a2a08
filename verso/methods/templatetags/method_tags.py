from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

register = template.Library()


@register.simple_tag
def method_text(method, field: str, lang: str) -> str:
    """The method's name or description in ``lang`` when written in it, else as written."""
    return method.localized(field, lang or method.language)


@register.simple_tag(takes_context=True)
def methods_used(context, access, activity=None, meeting=None) -> str:
    """The methods an activity or a training used, with a link to choose them for the
    network's staff (one query). Meetings other than trainings show nothing."""
    from verso.meetings.choices import Kind as MeetingKind
    from verso.methods.selectors import methods_of

    if meeting is not None and meeting.kind != MeetingKind.TRAINING:
        return ""
    methods = methods_of(activity=activity, meeting=meeting)
    edit_url = ""
    if access.can_see_clients:  # the coordination group and the coordinator
        if activity is not None:
            edit_url = reverse("methods:activity_uses", args=[access.network.pk, activity.pk])
        else:
            edit_url = reverse("methods:meeting_uses", args=[access.network.pk, meeting.pk])
    return render_to_string(
        "methods/_used.html",
        {"methods": methods, "edit_url": edit_url, "lang": translation.get_language()},
        request=context.get("request"),
    )
