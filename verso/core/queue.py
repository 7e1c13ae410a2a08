"""Background work through django-tasks: queued with the change that causes it, retried
with back-off.

``enqueue_on_commit`` puts a task on the queue only when the surrounding transaction
commits, so a rolled-back change never sends its mail, and a committed one always has its
task in the queue (with the database backend the queue is a table: the worker may be
stopped and the work waits). ``retry_later`` is what a task calls when an attempt fails:
it enqueues the next attempt after an exponentially growing delay, or answers False when
the attempts are used up, and the task then records the failure and raises, so that the
queue marks the task failed (the operator sees it in the admin).
"""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

logger = logging.getLogger("verso.queue")


def enqueue_on_commit(task, *args, **kwargs) -> None:
    transaction.on_commit(lambda: task.enqueue(*args, **kwargs))


def max_attempts() -> int:
    return int(getattr(settings, "VERSO_TASK_MAX_ATTEMPTS", 5))


def backoff(attempt: int) -> datetime.timedelta:
    """The wait before attempt ``attempt + 1``: base × 4^attempt seconds, at most a day."""
    base = int(getattr(settings, "VERSO_TASK_RETRY_SECONDS", 60))
    return datetime.timedelta(seconds=min(base * 4**attempt, 24 * 60 * 60))


def retry_later(task, attempt: int, *args, **kwargs) -> bool:
    """Enqueue attempt ``attempt + 1`` of ``task`` after the back-off; False when the
    attempts are used up. ``attempt`` counts from 0 and is passed to the task as
    ``attempt``."""
    if attempt + 1 >= max_attempts():
        return False
    if task.get_backend().supports_defer:
        task = task.using(run_after=timezone.now() + backoff(attempt))
    logger.warning("%s failed (attempt %s), retrying", task.name, attempt + 1)
    task.enqueue(*args, attempt=attempt + 1, **kwargs)
    return True
