import socket
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client, TestCase
from wagtail.models import Locale
from wagtail.signal_handlers import disable_reference_index_auto_update

from home import demo


def pytest_configure(config):
    config.pluginmanager.register(XdistGroups(), "sild-xdist-groups")


class XdistGroups:
    """With pytest-xdist (``make test`` runs ``-n auto --dist loadgroup --no-loadscope-reorder``)
    each worker has its own database and receives the tests a module at a time. A transactional
    test (the browser tests) empties its worker's database when it ends, so the transactional
    tests of a module form a group of their own; the groups keep pytest-django's order, which
    hands every worker its ordinary tests before any transactional one."""

    @pytest.hookimpl(tryfirst=True)
    def pytest_collection_modifyitems(self, config, items):
        # tryfirst: pytest-xdist reads the groups in its own hook.
        if config.getoption("dist", "no") != "loadgroup":
            return
        for item in items:
            module = item.nodeid.split("::")[0]
            group = f"{module}:transactional" if _transactional(item) else module
            item.add_marker(pytest.mark.xdist_group(group))


def _transactional(item):
    """pytest-django's own test of a test that runs outside a transaction."""
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return True
    return bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """The browser quality gates run after every other test, after pytest-django has put the
    transactional tests last: their module seeds the demo once, outside any test's transaction,
    and empties the database at its end, which Wagtail's migrated groups do not survive."""
    gates = [item for item in items if item.fspath.basename == "test_quality_gates.py"]
    if gates:
        items[:] = [item for item in items if item not in gates] + gates


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # The foundation's tree (three locales, home pages, about and privacy) and the index page of
    # each section, as on every real site, once per session; each test runs in a transaction
    # that is rolled back, so it starts from this state. The sections' fixtures (call_indexes,
    # directories...) find their pages here instead of making them again for every test.
    with django_db_blocker.unblock():
        section_indexes(demo.seed()["homes"])
    yield
    # pytest-django closes its own connection before it drops the test database, but after the
    # browser tests (Playwright's event loop in this thread) one more idle connection of this
    # process is still open, out of its reach and of connections.close_all()'s; PostgreSQL
    # refuses to drop a database in use, and it would be left behind. The run is over: end
    # whatever still uses the database.
    if connection.vendor == "postgresql":
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


def section_indexes(homes):
    """The calls, events, bulletins and organisations pages of each language (idempotent)."""
    from directory.demo import ensure_directory
    from directory.vocabularies import ensure_vocabularies

    ensure_vocabularies()
    return {
        "calls": call_index_pages(homes),
        "events": event_index_pages(homes),
        "bulletins": bulletin_archives(homes),
        "organisations": ensure_directory(homes),
    }


def call_index_pages(homes):
    """calls/ in every language, the three pages translations of each other (idempotent)."""
    from calls.demo import INDEX_CONTENT
    from calls.models import CallIndexPage

    return demo.ensure_translated_page(CallIndexPage, homes, "calls", INDEX_CONTENT)


def event_index_pages(homes):
    """events/ in every language, the three pages translations of each other (idempotent)."""
    from events import demo as events_demo
    from events.models import EventIndexPage

    return demo.ensure_translated_page(EventIndexPage, homes, "events", events_demo.load()["index"])


def bulletin_archives(homes):
    """bulletins/ in every language, the three pages translations of each other (idempotent)."""
    from bulletins.models import BulletinIndexPage

    return demo.ensure_translated_page(
        BulletinIndexPage, homes, "bulletins", BULLETIN_ARCHIVE_CONTENT
    )


BULLETIN_ARCHIVE_CONTENT = {
    "ru": {"title": "Бюллетень", "introduction": "Еженедельный бюллетень сети."},
    "et": {"title": "Uudiskiri", "introduction": "Võrgustiku iganädalane uudiskiri."},
    "en": {"title": "Bulletin", "introduction": "The network's weekly bulletin."},
}


@pytest.fixture(scope="session", autouse=True)
def _no_reference_index():
    """Wagtail's reference index (the admin's "usage" counts) is not updated by the tests' saves:
    no Sild behaviour reads it, and updating it after every save of a page or snippet was about a
    tenth of the suite's time. A test of it would re-enable it with the same context manager."""
    with disable_reference_index_auto_update():
        yield


def kept_for_module(django_db_blocker, build):
    """For a module-scoped fixture (``yield from kept_for_module(...)``): ``build()`` once,
    in a transaction that every test of the module runs inside (each in its own savepoint)
    and that is rolled back after the last. For what takes seconds to make, such as the
    demo content, and that the module's tests only read or change within themselves."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build()
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


class CommittingClient(Client):
    """A test client whose requests end as in production: each test runs inside a transaction
    that is never committed, so what a view queued with ``transaction.on_commit`` (mail, tasks)
    is run here when the request returns, as the real commit would run it."""

    def request(self, **request):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return super().request(**request)


@pytest.fixture
def client():
    return CommittingClient()


@pytest.fixture
def site_tree(db):
    """The home page of each language and the demo editorial pages, by language code.

    Idempotent: cheap when the session's tree is there, rebuilds it after a transactional
    test (browser tests) has flushed the database."""
    result = demo.seed()
    homes = result["homes"]
    return {
        "homes": homes,
        "about": {
            code: home.get_children().get(slug="about").specific for code, home in homes.items()
        },
    }


@pytest.fixture
def locales(db):
    return {locale.language_code: locale for locale in Locale.objects.all()}


class RecordingHandler:
    """aiosmtpd handler that keeps every message a real SMTP session delivered.

    ``refuse`` maps an address to the answer its RCPT TO gets (e.g. ``"550 No such user"``);
    ``answer_data``, when set, is called with the envelope and returns an answer to DATA (e.g.
    ``"451 Try again later"``) or ``None`` to accept the message."""

    def __init__(self):
        self.messages = []
        self.refuse = {}
        self.answer_data = None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.answer_data is not None:
            answer = self.answer_data(envelope)
            if answer:
                return answer
        self.messages.append(
            {
                "from": envelope.mail_from,
                "to": list(envelope.rcpt_tos),
                "message": message_from_bytes(envelope.original_content or envelope.content),
            }
        )
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on a free loopback port; Django's SMTP backend sends to it.

    Yields the handler: ``smtp_server.messages`` is the list of delivered messages, each a dict
    with ``from``, ``to`` and ``message`` (an ``email.message.Message``)."""
    handler = RecordingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = controller.hostname
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield handler
    finally:
        controller.stop()


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
