"""The impact report with 100,000 subscribers and 10,000 contacts.

    make bench BENCH=impact                      # SQLite file var/bench.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sild_bench make bench BENCH=impact

Generates, once, subscribers over three years (languages, kinds, statuses as on the real
list), 1,000 listed organisations, contacts through the directory, consultation requests, a
year of weekly bulletin campaigns with their deliveries and a hundred funding calls; then
requests the admin's impact report and dashboard through the WSGI application as a signed-in
editor (every middleware, the view, the template). Set ``BENCH_SUBSCRIBERS``,
``BENCH_CONTACTS`` and ``BENCH_REQUESTS`` to change the sizes.
"""

import os
import random
import time
from contextlib import contextmanager
from datetime import date, timedelta

from bench.wsgi import measure

SUBSCRIBERS = int(os.environ.get("BENCH_SUBSCRIBERS", "100000"))
CONTACTS = int(os.environ.get("BENCH_CONTACTS", "10000"))
ORGANISATIONS = 1000
CONSULTATIONS = 2000
CAMPAIGNS = 52
RECIPIENTS_PER_CAMPAIGN = 1000
CALLS = 100
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "30"))
DAYS = 3 * 365


@contextmanager
def dated(*models):
    """Let bulk inserts keep the ``created_at`` they are given (it is ``auto_now_add``)."""
    fields = [model._meta.get_field("created_at") for model in models]
    for field in fields:
        field.auto_now_add = False
    try:
        yield
    finally:
        for field in fields:
            field.auto_now_add = True


def moment(rng, now, days=DAYS):
    return now - timedelta(days=rng.uniform(0, days))


def make_subscribers(rng, now):
    from bulletins.models import Subscriber

    rows = []
    for number in range(SUBSCRIBERS):
        created = moment(rng, now)
        status = rng.choices(["confirmed", "unsubscribed", "pending", "bounced"], [80, 10, 7, 3])[0]
        confirmed = None if status == "pending" else created + timedelta(hours=rng.uniform(0, 48))
        left = None
        if status == "unsubscribed":
            left = confirmed + timedelta(days=rng.uniform(1, (now - confirmed).days + 1))
        rows.append(
            Subscriber(
                email=f"subscriber{number}@bench.example",
                language=rng.choices(["ru", "et", "en"], [70, 22, 8])[0],
                kind=rng.choices(
                    ["organisation", "person", "journalist", "other"], [45, 40, 5, 10]
                )[0],
                status=status,
                created_at=created,
                confirmed_at=confirmed,
                unsubscribed_at=min(left, now) if left else None,
            )
        )
    with dated(Subscriber):
        Subscriber.objects.bulk_create(rows, batch_size=5000)


def make_organisations(rng, now):
    from directory.factories import registry_code
    from directory.models import Organisation
    from directory.taxonomy import County

    counties = [value for value, _label in County.choices]
    rows = []
    for number in range(ORGANISATIONS):
        mode = rng.random()
        rows.append(
            Organisation(
                registered_name=f"MTÜ Pingiühing {number}",
                registry_code=registry_code(700_000 + number),
                county=rng.choices(
                    counties, [30 if c in ("harju", "ida-viru") else 3 for c in counties]
                )[0],
                works_in_russian=mode < 0.65,
                works_in_estonian=mode > 0.35,
                works_in_english=rng.random() < 0.15,
                email=f"org{number}@bench.example",
                is_listed=True,
                created_at=moment(rng, now),
            )
        )
    with dated(Organisation):
        Organisation.objects.bulk_create(rows, batch_size=1000)
    return list(
        Organisation.objects.filter(email__endswith="@bench.example").values_list("pk", flat=True)
    )


def make_contacts(rng, now, organisations):
    from directory.models import ContactRecord

    rows = [
        ContactRecord(
            organisation_id=rng.choice(organisations),
            sender_language=rng.choices(["ru", "et", "en"], [60, 35, 5])[0],
            profile_language=rng.choice(["ru", "et"]),
            created_at=moment(rng, now),
        )
        for _number in range(CONTACTS)
    ]
    with dated(ContactRecord):
        ContactRecord.objects.bulk_create(rows, batch_size=5000)


def make_consultations(rng, now):
    from consultations.models import Channel, ConsultationRequest, Status, Topic

    rows = [
        ConsultationRequest(
            name=f"Person {number}",
            email=f"person{number}@bench.example",
            topic=rng.choice(Topic.values),
            channel=rng.choice(Channel.values),
            language=rng.choice(["ru", "et", "en"]),
            status=rng.choice(Status.values),
            message="Вопрос о финансировании.",
            created_at=moment(rng, now),
        )
        for number in range(CONSULTATIONS)
    ]
    with dated(ConsultationRequest):
        ConsultationRequest.objects.bulk_create(rows, batch_size=1000)


def make_bulletins(rng, now, homes):
    from bulletins.models import BulletinIndexPage, BulletinPage, Campaign, Delivery, Subscriber

    index = BulletinIndexPage.objects.child_of(homes["ru"]).first()
    if index is None:
        index = BulletinIndexPage(title="Бюллетень", slug="bulletins")
        homes["ru"].add_child(instance=index)
    readers = list(
        Subscriber.objects.filter(language="ru", status="confirmed").values_list("pk", flat=True)[
            : RECIPIENTS_PER_CAMPAIGN * 5
        ]
    )
    for week in range(CAMPAIGNS):
        page = BulletinPage(
            title=f"Бюллетень № {week + 1}",
            slug=f"bench-{week + 1}",
            issue_number=week + 1,
            issue_date=date.today() - timedelta(weeks=CAMPAIGNS - week),
        )
        index.add_child(instance=page)
        campaign = Campaign.objects.create(
            page=page,
            languages=["ru"],
            status=Campaign.Status.DONE,
            send_at=now - timedelta(weeks=CAMPAIGNS - week),
        )
        deliveries = []
        for reader in rng.sample(readers, RECIPIENTS_PER_CAMPAIGN):
            failed = rng.random() < 0.02
            deliveries.append(
                Delivery(
                    campaign=campaign,
                    subscriber_id=reader,
                    language="ru",
                    status="failed" if failed else "sent",
                    sent_at=None if failed else campaign.send_at,
                )
            )
        Delivery.objects.bulk_create(deliveries, batch_size=5000)


def make_calls(rng, now, homes):
    from calls.demo import INDEX_CONTENT
    from calls.factories import CallPageFactory
    from calls.models import CallIndexPage, CallPage
    from home.demo import ensure_translated_page

    indexes = ensure_translated_page(CallIndexPage, homes, "calls", INDEX_CONTENT)
    for number in range(CALLS):
        call = CallPageFactory(parent=indexes["et"], title=f"Pingi taotlusvoor {number}")
        CallPage.objects.filter(pk=call.pk).update(first_published_at=moment(rng, now, 720))


def prepare():
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from bulletins.models import Subscriber
    from directory.models import ContactRecord
    from home.demo import ensure_accounts, ensure_home_pages

    call_command("migrate", verbosity=0)
    homes = ensure_home_pages()
    ensure_accounts()
    if Subscriber.objects.count() < SUBSCRIBERS:
        rng, now = random.Random(20261127), timezone.now()
        started = time.perf_counter()
        with transaction.atomic():
            make_subscribers(rng, now)
            organisations = make_organisations(rng, now)
            make_contacts(rng, now, organisations)
            make_consultations(rng, now)
            make_bulletins(rng, now, homes)
            make_calls(rng, now, homes)
        print(f"generated the records in {time.perf_counter() - started:.0f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    print(
        f"{Subscriber.objects.count()} subscribers, "
        f"{ContactRecord.objects.count()} contacts through the directory"
    )


def editor_cookie():
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username="editor"))
    name = settings.SESSION_COOKIE_NAME
    return {"HTTP_COOKIE": f"{name}={client.cookies[name].value}"}


def main():
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection
    from django.utils import timezone

    prepare()
    print(f"database: {connection.vendor}")
    handler = WSGIHandler()
    headers = editor_cookie()
    today = timezone.localdate()
    runs = [
        ("impact report, last 12 months", "/admin/impact/", [{}]),
        (
            "impact report, 24 months by month",
            "/admin/impact/",
            [{"start": f"{today.year - 2}-{today.month:02d}-01", "end": f"{today:%Y-%m-%d}"}],
        ),
        (
            "impact report, 3 years by year",
            "/admin/impact/",
            [{"start": f"{today.year - 3}-01-01", "end": f"{today:%Y-%m-%d}"}],
        ),
        ("one figure as CSV (subscribers)", "/admin/impact/subscribers-by-language.csv", [{}]),
        ("admin dashboard with the impact panel", "/admin/", [{}]),
        ("impact report, last 12 months (again)", "/admin/impact/", [{}]),
    ]
    result = {"database": connection.vendor, "cases": {}}
    for name, path, params_list in runs:
        timing = measure(handler, path, params_list, REQUESTS, headers=headers)
        print(timing.line(name, REQUESTS))
        result["cases"][name] = {"median_ms": timing.median, "p95_ms": timing.p95}
    first = result["cases"]["impact report, last 12 months"]
    result["summary"] = {
        "impact report p95 (median)": f"{first['p95_ms']:.1f} ms ({first['median_ms']:.1f} ms)"
    }
    return result
