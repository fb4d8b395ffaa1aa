"""Every public page type, uncached: median and 95th percentile of whole requests through the
WSGI application, the median processor time of the process per request (steadier than the
wall clock on a machine shared with other work) and the queries of one warm request.

    make bench BENCH=public_pages
    BENCH_REQUESTS=200 make bench BENCH=public_pages

Seeds the demo content (``seed_demo``) once; every page is the Russian version of the demo's
first page of its type. The cache is cleared before each page (the site and navigation entries
are then filled by the warm-up requests, as in a running process).
"""

import os
import statistics
import time

from bench.wsgi import measure

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "100"))


def _pages():
    from wagtail.models import Page

    from bulletins.models import BulletinPage
    from calls.models import CallPage
    from directory.models import OrganisationPage
    from events.models import EventPage

    def first(model):
        page = model.objects.live().filter(locale__language_code="ru").order_by("path").first()
        return page.url

    home = Page.objects.get(depth=2, locale__language_code="ru")
    return [
        ("home", home.url),
        ("call list", f"{home.url}calls/"),
        ("call page", first(CallPage)),
        ("directory list", f"{home.url}organisations/"),
        ("organisation profile", first(OrganisationPage)),
        ("event list", f"{home.url}events/"),
        ("event page", first(EventPage)),
        ("bulletin list", f"{home.url}bulletins/"),
        ("bulletin page", first(BulletinPage)),
        ("site search", f"{home.url}search/?q=молодёжь"),
    ]


def processor_time(handler, path, requests):
    """Median processor time (user + system) of this process per request, in ms."""
    from django.test import RequestFactory

    environ = RequestFactory().get(path).environ
    times = []
    for _ in range(requests):
        started = time.process_time()
        b"".join(handler(dict(environ), lambda status, headers, *args: None))
        times.append((time.process_time() - started) * 1000)
    return statistics.median(times)


def main():
    from django.core.cache import cache
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from calls.models import CallPage

    call_command("migrate", verbosity=0)
    if not CallPage.objects.exists():
        call_command("seed_demo", verbosity=0)
    client = Client()
    handler = WSGIHandler()
    print(f"{connection.vendor}, {REQUESTS} requests per page")
    for name, path in _pages():
        cache.clear()
        client.get(path)
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        # Read now: every request through the handler empties the connection's query log.
        query_count = len(queries)
        timing = measure(handler, path, [{}], REQUESTS)
        cpu = processor_time(handler, path, REQUESTS)
        print(
            f"{timing.line(name, REQUESTS)}  cpu {cpu:5.1f} ms  queries {query_count:2}, "
            f"{timing.size / 1024:.1f} KiB  {path}"
        )
