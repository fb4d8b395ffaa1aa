from django.conf import settings
from django.core.checks import Tags, Warning, register

PROCESS_LOCAL_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@register(Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs):
    """Sild keeps the page tree's generation, the contact form's rate limits and the taxonomy
    in the cache; each web process must see the others' changes and counts."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend not in PROCESS_LOCAL_CACHES:
        return []
    return [
        Warning(
            "The default cache is local to each process: menus can stay stale for up to an "
            "hour after a publication, and rate limits count per process.",
            hint="Set REDIS_URL to a Redis server shared by the web processes and the worker.",
            id="sild.W001",
        )
    ]
