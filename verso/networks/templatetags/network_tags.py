from django import template

from verso.networks.choices import Competence

register = template.Library()
_LABELS = dict(Competence.choices)


@register.filter
def competence_labels(values) -> str:
    return ", ".join(str(_LABELS[v]) for v in values or [] if v in _LABELS)
