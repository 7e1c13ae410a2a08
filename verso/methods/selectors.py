"""Queries of the methods library."""

import re

from django.db import connection
from django.db.models import Q, QuerySet

from verso.methods.models import Method

WORD = re.compile(r"\w+", re.UNICODE)
MAX_WORDS = 8


def full_text_search_available() -> bool:
    return connection.vendor == "postgresql"


def methods_search(q: str = "", kind: str = "", target_group: str = "") -> QuerySet[Method]:
    """The library filtered: ``q`` searches every language's name and description and the
    materials — PostgreSQL full-text search (every word, as a prefix) ranked by relevance,
    or on SQLite every word as a case-insensitive substring."""
    qs = Method.objects.all()
    if kind:
        qs = qs.filter(kind=kind)
    if target_group:
        qs = qs.filter(target_groups__icontains=f'"{target_group}"')
    words = WORD.findall(q or "")[:MAX_WORDS]
    if not words:
        return qs.order_by("name", "id")
    if full_text_search_available():
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = SearchVector("search_text", config="simple")
        query = SearchQuery(
            " & ".join(f"{w.lower()}:*" for w in words), config="simple", search_type="raw"
        )
        return (
            qs.annotate(search=vector, rank=SearchRank(vector, query))
            .filter(search=query)
            .order_by("-rank", "name", "id")
        )
    for w in words:
        qs = qs.filter(search_text__icontains=w)
    return qs.order_by("name", "id")


def methods_used_in_network(network) -> list:
    """The methods the network's activities and trainings used, each with ``name``,
    ``kind_label`` and ``get_absolute_url()`` — the contract the handbook reads. One query,
    whatever the number of activities, trainings and uses."""
    return list(
        Method.objects.filter(
            Q(uses__activity__network=network) | Q(uses__meeting__network=network)
        )
        .distinct()
        .order_by("name", "id")
    )


def methods_of(*, activity=None, meeting=None) -> list[Method]:
    target = {"uses__activity": activity} if activity is not None else {"uses__meeting": meeting}
    return list(Method.objects.filter(**target).order_by("name", "id"))
