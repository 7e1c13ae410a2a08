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


# --- perf ---
_FIELD_GROUPS: dict[tuple, str] = {}
_FIELD_GROUPS_MAX = 2048


@register.filter
def field_group(field) -> str:
    """``field.as_field_group``, remembered in this process for filter forms.

    Django renders every <option> of a select through its own template include; in the
    profiles of the member and organisation lists the filter form cost more than the table.
    The markup depends only on the form class, the field, the language, the choices and
    the value, which make the key; a field with errors is rendered each time. Nothing
    personal is in it: use it only for forms whose fields hold no personal data."""
    from django.utils.safestring import mark_safe
    from django.utils.translation import get_language

    if field.errors:
        return field.as_field_group()
    choices = getattr(field.field, "choices", None)
    key = (
        type(field.form).__qualname__,
        field.html_name,
        field.auto_id,
        get_language(),
        tuple(str(value) for value, _ in choices) if choices is not None else None,
        repr(field.value()),
    )
    html = _FIELD_GROUPS.get(key)
    if html is None:
        html = str(field.as_field_group())
        if len(_FIELD_GROUPS) >= _FIELD_GROUPS_MAX:
            _FIELD_GROUPS.clear()
        _FIELD_GROUPS[key] = html
    return mark_safe(html)  # noqa: S308  # nosec B308, B703  # Django's own rendering of the field
