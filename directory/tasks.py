from django.core.cache import cache
from django_tasks import task

from . import indexing
from .vocabularies import vocabulary_rows

INDEXED_WITH_KEY = "directory:index-vocabulary"


@task()
def refresh_directory_index():
    """Re-tag every profile with the concepts of the current vocabularies. Queued after every
    change of a concept; runs once per version of the vocabularies (a transaction that changes
    twenty concepts queues twenty tasks, the first does the work)."""
    version = vocabulary_rows()[0]
    if cache.get(INDEXED_WITH_KEY) == version:
        return
    indexing.refresh_all()
    cache.set(INDEXED_WITH_KEY, version, None)
