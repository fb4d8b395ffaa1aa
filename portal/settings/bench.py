"""Benchmarks: production-like code paths (DEBUG off, real templates, real database given by
DATABASE_URL, default a throw-away SQLite file) without HTTPS redirects."""

from .base import *  # noqa: F403
from .base import VAR_DIR, env

SECRET_KEY = "bench-only-key"
DEBUG = False
ALLOWED_HOSTS = ["*"]
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'bench.sqlite3'}")}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
LOGGING = {"version": 1, "disable_existing_loggers": False}
