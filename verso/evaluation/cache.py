"""The evaluation facts of a network (read by the dashboard's evaluation and embedding
blocks, the checklist and the handbook) cached under a version that every change of an
answer, a feedback link or an evaluation moves.

The facts aggregate every feedback answer of the network — a pass over all of them on each
dashboard view, read twice there (the evaluation block and the embedding checklist). The
version is one for the installation (an answer saved anywhere moves it): simple, and never
stale. It moves at once and again on commit, so a reader that computed the old facts just
before a commit cannot keep them under the new version; a version missing from the cache
starts from the clock. The key carries the minimum group size, which decides what is shown.
"""

import time

from django.core.cache import cache
from django.db import transaction

VERSION = "evaluation:facts:v"
TIMEOUT = 600


def _incr() -> None:
    try:
        cache.incr(VERSION)
    except ValueError:
        cache.set(VERSION, time.time_ns(), None)


def facts_bump() -> None:
    _incr()
    transaction.on_commit(_incr)


def facts_key(network_id: int, min_group: int) -> str:
    version = cache.get(VERSION)
    if version is None:
        cache.add(VERSION, time.time_ns(), None)
        version = cache.get(VERSION)
    return f"evaluation:facts:{network_id}:{min_group}:{version}"


def connect_signals() -> None:
    from django.db.models.signals import post_delete, post_save

    from verso.evaluation.models import Evaluation, FeedbackAnswer, FeedbackLink

    def changed(sender, **kwargs):
        facts_bump()

    for model in (FeedbackAnswer, FeedbackLink, Evaluation):
        # weak=False: the receiver is a local function, which a weak reference would lose.
        post_save.connect(
            changed, sender=model, weak=False, dispatch_uid=f"evaluation-facts-{model.__name__}"
        )
        post_delete.connect(
            changed, sender=model, weak=False, dispatch_uid=f"evaluation-facts-d-{model.__name__}"
        )
