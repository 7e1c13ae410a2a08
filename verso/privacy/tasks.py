from django_tasks import task

from verso.privacy.retention import retention_run


@task()
def retention_run_task() -> dict[str, int]:
    """The daily retention run, for a scheduler that enqueues django-tasks."""
    return retention_run()
