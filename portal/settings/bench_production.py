"""The production settings for the page benchmarks (``bench/bench_pages.py``): everything of
``portal.settings.production`` (DEBUG off, whitenoise's manifest storage, the security
middleware's redirects and headers, the database of ``DATABASE_URL``) except the cache, which
is local to each process, as bakerydemo's is without Redis, and the collected static files,
which go to var/bench-static. The benchmark sends ``X-Forwarded-Proto: https`` as the TLS
proxy does, so the HTTPS redirect stays on as in production."""

import os

# Production refuses to start without them; the secret signs nothing the benchmark keeps and
# the cache below replaces Redis.
os.environ.setdefault("SECRET_KEY", "bench-only-key")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/2")

from .production import *  # noqa: F403
from .production import VAR_DIR

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STATIC_ROOT = VAR_DIR / "bench-static"
