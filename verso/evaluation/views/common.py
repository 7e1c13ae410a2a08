"""What the evaluation pages share: the page language, the context, the short link."""

from django.urls import reverse
from django.utils import translation

SESSION_ANSWERED = "evaluation_answered"


def _lang() -> str:
    return (translation.get_language() or "fi")[:2]


def _ctx(access, **extra) -> dict:
    return {"access": access, "network": access.network, **extra}


def short_link(request, link) -> str:
    return request.build_absolute_uri(reverse("evaluation:answer", kwargs={"code": link.code}))
