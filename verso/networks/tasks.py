"""The task `make scale-check` queues to show that no task is lost or done twice when a
worker is killed: its effect (a marker file in a directory both workers share) is made at
most once, however often the task runs, and every run is logged."""

import os
import time
from pathlib import Path

from django_tasks import task


@task()
def scale_check_task(n: int, marks_dir: str, seconds: float = 0.05) -> int:
    marks = Path(marks_dir)
    time.sleep(seconds)  # long enough for a SIGKILL to land in the middle of some
    with open(marks / "runs.log", "a") as log:  # one short append per run
        log.write(f"{n} {os.getpid()}\n")
    try:
        fd = os.open(marks / f"task-{n}", os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:  # a rerun after its worker died: the effect is already there
        return n
    os.close(fd)
    return n
