"""Reading a file of releases runs in the task worker, so the upload answers at once."""

from __future__ import annotations

from django.tasks import task

from sinergi.news import services


@task()
def import_releases_task(*, job_id: int) -> int:
    """Safe to run twice: it resumes after the last line read, and a release is recorded once."""
    return services.import_run(job_id=job_id)
