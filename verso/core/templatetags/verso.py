from django import template

from verso.core.pagination import querystring_without_page

register = template.Library()


@register.simple_tag(takes_context=True)
def page_query(context, page_number: int) -> str:
    """The current query string with another page number, for pagination links."""
    base = querystring_without_page(context["request"])
    return f"?{base}&page={page_number}" if base else f"?page={page_number}"


@register.filter
def audit_action(code: str) -> str:
    """The audit action in words; an unknown code is shown as it is."""
    from verso.core.audit_labels import ACTION_LABELS

    return str(ACTION_LABELS.get(code, code))


# --- meetings ---
@register.simple_tag(takes_context=True)
def front_page_panels(context) -> str:
    """The panels apps registered for the signed-in front page (verso.core.panels)."""
    from django.utils.safestring import mark_safe

    from verso.core.panels import FRONT_PAGE_PANELS

    request = context["request"]
    return mark_safe("".join(panel(request) for panel in FRONT_PAGE_PANELS))  # noqa: S308  # nosec B308, B703  # each panel renders an autoescaped template
