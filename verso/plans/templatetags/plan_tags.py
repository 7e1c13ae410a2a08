from django import template

from verso.plans.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text: str):
    return render_markdown(text)


@register.inclusion_tag("plans/_dashboard.html")
def plan_dashboard(network, access):
    from verso.plans.selectors import network_plan_summary

    return {"network": network, "access": access, "s": network_plan_summary(access)}


@register.simple_tag
def snapshot_sections(snapshot: dict) -> list[tuple[str, str]]:
    from verso.plans.choices import SECTIONS

    snapshot = snapshot or {}
    return [(str(label), str(snapshot.get(name) or "")) for name, label in SECTIONS]


@register.simple_tag
def include_static_css():
    """The print style sheet inlined, for the PDF (WeasyPrint fetches nothing)."""
    from pathlib import Path

    from django.utils.safestring import mark_safe

    css = (Path(__file__).resolve().parent.parent / "static" / "plans" / "print.css").read_text()
    return mark_safe(css)  # noqa: S308  # nosec B308 B703  # our own file
