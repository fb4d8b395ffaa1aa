import os

from .base import *  # noqa: F403
from .base import DATABASES, VAR_DIR, env

SECRET_KEY = "test-only-key"
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Off unless asked for: tests of the page cache (tests/portal/test_page_cache.py) switch it on;
# PAGE_CACHE_SECONDS=300 make test runs the whole suite with it.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WAGTAILADMIN_BASE_URL = "http://testserver"
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
MEDIA_ROOT = VAR_DIR / "test-media"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}

if env("REDIS_URL"):
    # CI's PostgreSQL run exercises the real cache server. Each run (each pytest-xdist worker)
    # gets its own key prefix, and clearing the cache deletes only the keys under it.
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": env("REDIS_URL"),
            "KEY_PREFIX": f"sild-test-{os.getpid()}",
            "OPTIONS": {"CLIENT_CLASS": "tests.redis_client.PrefixScopedClient"},
        }
    }
