import logging

from django_tasks import task

from verso.core.queue import retry_later
from verso.privacy.retention import retention_run

logger = logging.getLogger("verso.privacy")


@task()
def retention_run_task(attempt: int = 0) -> dict[str, int]:
    """The daily retention run, for a scheduler that enqueues django-tasks. A failed run is
    retried with back-off; when it gives up the task fails, which the operator sees in the
    admin's task results."""
    try:
        return retention_run()
    except Exception:
        if retry_later(retention_run_task, attempt):
            return {}
        logger.exception("the retention run failed for good")
        raise
