"""Anonymous pages with the page cache off and on (portal.page_cache): median and 95th
percentile of whole requests through the WSGI application, on the demo content, with the
settings' cache (local memory, or Redis with REDIS_URL).

make bench BENCH=page_cache
REDIS_URL=redis://127.0.0.1:6379/3 make bench BENCH=page_cache
"""

import os

from bench.wsgi import measure

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "60"))


def _paths():
    from calls.models import CallPage
    from directory.models import DirectoryIndexPage, OrganisationPage

    call = CallPage.objects.live().filter(locale__language_code="ru").order_by("-deadline").first()
    directory = DirectoryIndexPage.objects.live().get(locale__language_code="ru")
    profile = OrganisationPage.objects.live().filter(locale__language_code="ru").first()
    return {
        "home /ru/": "/ru/",
        "directory": directory.url,
        "call list": call.get_parent().url,
        "call page (with a form)": call.url,
        "profile (with a form)": profile.url,
    }


def main():
    from django.conf import settings
    from django.core.cache import cache
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0)
    handler = WSGIHandler()
    paths = _paths()
    print(f"{settings.CACHES['default']['BACKEND']}, {REQUESTS} requests per URL")
    for seconds in (0, 300):
        settings.PAGE_CACHE_SECONDS = seconds
        cache.clear()
        for name, path in paths.items():
            timing = measure(handler, path, [{}], REQUESTS)
            print(timing.line(f"PAGE_CACHE_SECONDS={seconds} {name}", REQUESTS))
    print("load average:", " ".join(f"{value:.2f}" for value in os.getloadavg()))
