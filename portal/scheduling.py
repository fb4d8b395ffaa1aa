"""Work queued for a moment in the future, once."""

from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult


def queue_run(task, moment):
    """Queue ``task`` to run at ``moment`` unless a run is already queued for then. Does
    nothing when the task backend cannot defer work (the matching cron command does it)."""
    backend = task.get_backend()
    if not backend.supports_defer or already_queued(task, moment):
        return None
    return task.using(run_after=moment).enqueue()


def already_queued(task, moment):
    if not isinstance(task.get_backend(), DatabaseBackend):
        return False
    return DBTaskResult.objects.filter(
        task_path=task.module_path, run_after=moment, status="READY"
    ).exists()
