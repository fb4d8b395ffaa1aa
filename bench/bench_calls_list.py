"""The calls list and the iCal feed with 500 calls: median and 95th percentile per request.

make bench BENCH=calls_list
DATABASE_URL=postgres://... make bench BENCH=calls_list
"""

from datetime import timedelta

from bench.wsgi import measure

REQUESTS = 60
CALLS = 500


def _prepare():
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from calls import demo
    from calls.factories import CallPageFactory
    from calls.models import CallIndexPage, CallPage
    from directory.vocabularies import ensure_vocabularies

    call_command("migrate", verbosity=0)
    demo.seed()
    index = CallIndexPage.objects.get(locale__language_code="et")
    existing = CallPage.objects.child_of(index).filter(slug__startswith="bench-").count()
    if existing >= CALLS:
        return index
    taxonomy = ensure_vocabularies()["activity_fields"]
    funders = demo.ensure_funders(demo.ensure_locales())
    slugs = list(taxonomy)
    now = timezone.now()
    with transaction.atomic():
        for number in range(existing, CALLS):
            CallPageFactory(
                parent=index,
                title=f"Võrdlusvoor {number:03}",
                slug=f"bench-{number:03}",
                funder=list(funders.values())[number % len(funders)]["et"],
                topics=[taxonomy[slugs[number % len(slugs)]]],
                # Spread over the statuses: most open or closing soon.
                opens_at=now - timedelta(days=30) + timedelta(days=number % 40),
                deadline=now + timedelta(days=1 + number % 90),
            )
    return index


def main():
    from django.core.cache import cache
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from calls.models import CallPage

    _prepare()
    client = Client()
    handler = WSGIHandler()
    live = CallPage.objects.live().filter(locale__language_code="et").count()
    print(f"{live} live Estonian calls, {connection.vendor}, {REQUESTS} requests per URL")
    result = {"database": connection.vendor, "calls": live}
    for path in (
        "/et/calls/",
        "/et/calls/?status=closing-soon&topic=youth",
        "/et/calls/?page=5",
        "/et/calls/calendar/",
        "/et/calls/feed/",
    ):
        cache.clear()
        # The query log keeps 9,000 entries; a full log would count nothing.
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        cold = len(queries)
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        warm = len(queries)
        timing = measure(handler, path, [{}], REQUESTS)
        print(
            f"{timing.line(path, REQUESTS)}  queries {cold} cold, {warm} warm, "
            f"{timing.size / 1024:.1f} KiB"
        )
        result[path] = {"median_ms": timing.median, "p95_ms": timing.p95, "queries": [cold, warm]}
    first = result["/et/calls/"]
    result["summary"] = {
        f"/et/calls/ p95 (median), {live} calls": (
            f"{first['p95_ms']:.1f} ms ({first['median_ms']:.1f} ms)"
        )
    }
    return result
