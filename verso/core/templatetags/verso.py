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


_URL_SHAPES: dict[tuple, tuple[str, ...] | None] = {}
_URL_SENTINEL = 7_319_846_201_000  # an id that no path holds: the argument's place in a URL


@register.simple_tag
def row_url(viewname: str, *ids) -> str:
    """``{% url viewname id… %}`` for integer ids (primary keys), for links in long lists.

    Reversing a URL walks the resolver each time: in the profiles of the member list and the
    dashboard, a third of the template time. The URL's shape (its text around the ids) is
    worked out once per view name, language and script prefix; the ids are put in their
    places. Anything but integer ids, or a shape that cannot be told apart, reverses as
    ``{% url %}`` does."""
    from django.urls import get_script_prefix, get_urlconf, reverse
    from django.utils.html import conditional_escape
    from django.utils.translation import get_language

    try:
        values = [str(int(i)) for i in ids if not isinstance(i, bool)]
    except (TypeError, ValueError):
        values = []
    if len(values) != len(ids) or not ids:
        return conditional_escape(reverse(viewname, args=ids))
    from django.conf import settings

    urlconf = get_urlconf() or settings.ROOT_URLCONF
    key = (viewname, len(ids), get_language(), get_script_prefix(), urlconf)
    if key not in _URL_SHAPES:
        sentinels = [str(_URL_SENTINEL + n) for n in range(len(ids))]
        url = reverse(viewname, args=sentinels)
        shape: tuple[str, ...] | None = None
        if all(url.count(s) == 1 for s in sentinels):
            parts, rest = [], url
            for s in sentinels:
                head, rest = rest.split(s, 1)
                parts.append(head)
            shape = (*parts, rest)
        _URL_SHAPES[key] = shape
    shape = _URL_SHAPES[key]
    if shape is None:
        return conditional_escape(reverse(viewname, args=ids))
    pieces = [shape[0]]
    for value, tail in zip(values, shape[1:], strict=True):
        pieces += [value, tail]
    return conditional_escape("".join(pieces))
