"""Benchmarks: production-like code paths (DEBUG off, real templates, real database given by
DATABASE_URL, default a throw-away SQLite file, connections kept as in production) without
HTTPS redirects."""

import os
from pathlib import Path

os.environ.setdefault(
    "DATABASE_URL", f"sqlite:///{Path(__file__).resolve().parents[2] / 'var' / 'bench.sqlite3'}"
)

from .base import *  # noqa: F403

SECRET_KEY = "bench-only-key"
DEBUG = False
ALLOWED_HOSTS = ["*"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
LOGGING = {"version": 1, "disable_existing_loggers": False}
# How search finds base forms of words (portal.search_text.MORPHOLOGIES), to compare them on
# the relevance evaluation: BENCH_MORPHOLOGY=snowball make bench BENCH=search_quality
SEARCH_MORPHOLOGY = os.environ.get("BENCH_MORPHOLOGY", "both")
