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
