from django_tasks import task

from .retention import anonymise_expired


@task()
def anonymise_consultations():
    """Anonymise the consultation requests whose retention period is over."""
    return anonymise_expired()
