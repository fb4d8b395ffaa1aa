"""Settings of the task workers that tests start as separate processes (test_reliability):
the development settings, with the database, SMTP server, lease and rate given by the test in
the environment (DATABASE_URL, EMAIL_URL, NEWSLETTER_*), and the test's URLs and secret key."""

from portal.settings.dev import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"
ROOT_URLCONF = "tests.bulletins.urls"
WAGTAILADMIN_BASE_URL = "http://testserver"
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
