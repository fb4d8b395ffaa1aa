"""The production stack, end to end, over HTTP on 127.0.0.1.

    .venv/bin/python -m tests.e2e.run

Starts what an operator runs (README, "Deploying"): gunicorn with ``portal.settings.production``
(2 workers), an RQ worker with its scheduler (``TASKS_BACKEND=rq``) and, as the mail server, an
aiosmtpd process writing to a maildir; against the machine's PostgreSQL (a database of its own,
created, migrated and seeded with ``seed_demo``, dropped at the end) and Redis (one database
number, emptied before and after). Requests carry ``X-Forwarded-Proto: https`` as the
TLS-terminating proxy would, so HSTS, secure cookies and CSRF's origin check are those of
production. Then, as a visitor would: home, directory search, call list, a bulletin, the
subscription (confirmation read from the mail server, confirmed with its button), and a
campaign queued with ``send_bulletin`` and delivered by the RQ worker to the mail server.

Exits 0 when every check passed, 1 otherwise (the processes' logs are in ``var/e2e/``).
Every wait is bounded; processes and database are removed whatever happens.

Environment: ``E2E_POSTGRES`` (server, default ``postgres://postgres@127.0.0.1:5432``),
``E2E_DATABASE`` (default ``sild_e2e``), ``E2E_REDIS_URL`` (default
``redis://127.0.0.1:6379/14``; that database is emptied).
"""

import mailbox
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from email.header import decode_header, make_header
from html import unescape
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
LOGS = ROOT / "var" / "e2e"
SUBSCRIBER = "e2e-reader@ngo.example"


class Failed(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failed(message)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(what, probe, timeout, interval=0.5):
    """``probe()`` until it returns something true, for at most ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = probe()
        if result:
            return result
        if time.monotonic() > deadline:
            raise Failed(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)


def step(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


class Stack:
    def __init__(self):
        server = os.environ.get("E2E_POSTGRES", "postgres://postgres@127.0.0.1:5432")
        self.database = os.environ.get("E2E_DATABASE", "sild_e2e")
        check(re.fullmatch(r"[a-z_][a-z0-9_]*", self.database), "E2E_DATABASE: a plain name")
        self.server_url = server.rstrip("/")
        self.redis_url = os.environ.get("E2E_REDIS_URL", "redis://127.0.0.1:6379/14")
        self.web_port = free_port()
        self.smtp_port = free_port()
        self.base = f"http://127.0.0.1:{self.web_port}"
        self.maildir = LOGS / "maildir"
        self.processes = {}
        self.env = {
            **{
                key: value
                for key, value in os.environ.items()
                if not key.startswith(("DJANGO_", "E2E_")) and key != "DATABASE_URL"
            },
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": f"{self.server_url}/{self.database}",
            "REDIS_URL": self.redis_url,
            "TASKS_BACKEND": "rq",
            "EMAIL_URL": f"smtp://127.0.0.1:{self.smtp_port}",
            "DEFAULT_FROM_EMAIL": "Sild <sild@sild.example>",
            "WAGTAILADMIN_BASE_URL": self.base,
            "NEWSLETTER_RATE_PER_SECOND": "0",
            "PYTHONUNBUFFERED": "1",
        }

    # Database and cache --------------------------------------------------------------------

    def _postgres(self, *statements):
        import psycopg

        with psycopg.connect(f"{self.server_url}/postgres", autocommit=True) as connection:
            for statement in statements:
                connection.execute(statement)

    def _redis(self):
        import redis

        return redis.Redis.from_url(self.redis_url)

    def create_database(self):
        self._postgres(
            f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)',
            f'CREATE DATABASE "{self.database}"',
            # A throw-away database: commits need not wait for the disk.
            f'ALTER DATABASE "{self.database}" SET synchronous_commit = off',
        )
        self._redis().flushdb()

    def drop_database(self):
        self._postgres(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
        self._redis().flushdb()

    # Processes -----------------------------------------------------------------------------

    def manage(self, *args, timeout=300, env=None):
        result = subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env={**self.env, **(env or {})},
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        check(
            result.returncode == 0,
            f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}",
        )
        return result.stdout

    def start(self, name, command):
        log = open(LOGS / f"{name}.log", "wb")  # noqa: SIM115 - closed with the process
        # A session of its own: stopping it stops gunicorn's and RQ's children too.
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes[name] = (process, log)
        return process

    def stop_all(self):
        for name, (process, log) in self.processes.items():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    step(f"{name} did not stop in 15 s: killed")
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait(timeout=5)
            log.close()

    def assert_running(self):
        for name, (process, _log) in self.processes.items():
            check(process.poll() is None, f"{name} exited with {process.returncode}")

    def logs_tail(self, lines=30):
        for name in self.processes:
            text = (LOGS / f"{name}.log").read_text(errors="replace").splitlines()
            print(f"---- {name}.log (last {lines} lines)")
            print("\n".join(text[-lines:]))

    def start_services(self):
        shutil.rmtree(self.maildir, ignore_errors=True)
        mailbox.Maildir(self.maildir, create=True)
        self.start(
            "smtp",
            [
                PYTHON,
                *("-m", "aiosmtpd", "-n"),
                *("-l", f"127.0.0.1:{self.smtp_port}"),
                *("-c", "aiosmtpd.handlers.Mailbox", str(self.maildir)),
            ],
        )
        self.start(
            "worker",
            [
                PYTHON,
                *("manage.py", "rqworker", "--with-scheduler"),
                *("--job-class", "django_tasks_rq.Job", "default"),
            ],
        )
        self.start(
            "web",
            [
                str(Path(PYTHON).with_name("gunicorn")),
                *("--bind", f"127.0.0.1:{self.web_port}", "--workers", "2"),
                *("--access-logfile", "-", "--timeout", "60"),
                "portal.wsgi",
            ],
        )

    # Mail ----------------------------------------------------------------------------------

    def messages_to(self, address):
        found = []
        for message in mailbox.Maildir(self.maildir, create=False):
            if address in (message.get("To") or ""):
                found.append(message)
        return found


def text_of(message):
    """The plain-text part of a message, decoded."""
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
    return ""


def subject_of(message):
    return str(make_header(decode_header(message["Subject"])))


class Browser:
    """Requests as a browser behind the site's TLS proxy sends them: the proxy's
    ``X-Forwarded-Proto`` header, the cookies the site set (they are ``Secure``, so a cookie
    jar would keep them from plain HTTP) and the page's own origin on forms."""

    def __init__(self, base):
        import requests

        self.base = base
        self.session = requests.Session()
        self.cookies = {}
        self.origin = "https://" + base.removeprefix("http://")

    def request(self, method, path, **kwargs):
        headers = {
            "X-Forwarded-Proto": "https",
            "Accept-Language": "ru",
            **kwargs.pop("headers", {}),
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method == "POST":
            headers["Origin"] = self.origin
            headers["Referer"] = self.origin + path
        url = path if path.startswith("http") else self.base + path
        response = self.session.request(
            method, url, headers=headers, allow_redirects=False, timeout=30, **kwargs
        )
        self.session.cookies.clear()
        for cookie in response.cookies:
            self.cookies[cookie.name] = cookie.value
        return response

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, data, **kwargs):
        return self.request("POST", path, data=data, **kwargs)

    def page(self, path, status=200):
        response = self.get(path)
        check(response.status_code == status, f"GET {path}: {response.status_code}")
        return response


def csrf_token(html):
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    check(match, "the form has no CSRF token")
    return match.group(1)


def links(html, prefix):
    return [unescape(href) for href in re.findall(rf'href="({re.escape(prefix)}[^"#?]+)"', html)]


def check_production_headers(response, path):
    headers = response.headers
    check("max-age=" in headers.get("Strict-Transport-Security", ""), f"{path}: no HSTS")
    check(headers.get("X-Content-Type-Options") == "nosniff", f"{path}: no nosniff")
    policy = headers.get("Content-Security-Policy", "")
    check("default-src 'self'" in policy, f"{path}: no Content-Security-Policy")
    check("'unsafe-inline'" not in policy, f"{path}: the policy allows inline code")


def visit(stack, browser):
    """The visitor's checks; returns the Russian bulletin page's path."""
    response = browser.get("/healthz")
    check(response.status_code == 200, f"/healthz: {response.status_code} {response.text}")

    # Plain HTTP goes to HTTPS; the proxy's header is trusted.
    plain = browser.session.get(stack.base + "/ru/", allow_redirects=False, timeout=30)
    check(plain.status_code == 301, f"plain HTTP /ru/: {plain.status_code}")
    check(plain.headers["Location"].startswith("https://"), "no redirect to HTTPS")

    home = browser.page("/ru/")
    check_production_headers(home, "/ru/")
    check('<html lang="ru"' in home.text, "/ru/ is not in Russian")
    stylesheets = re.findall(r'href="(/static/[^"]+\.css)"', home.text)
    check(stylesheets, "the home page links no stylesheet")
    # Whitenoise serves hashed file names with a far-future lifetime.
    static = browser.get(stylesheets[0])
    check(static.status_code == 200, f"{stylesheets[0]}: {static.status_code}")
    check("max-age=315360000" in static.headers.get("Cache-Control", ""), "static not cached")
    step("home, healthz, static files, HTTPS redirect and security headers: ok")

    search = browser.page("/ru/organisations/?" + urlencode({"q": "Нарва"}))
    profiles = links(search.text, "/ru/organisations/")
    check(profiles, "directory search for Нарва found no profile")
    profile = browser.page(profiles[0])
    check("application/ld+json" in profile.text, "the profile has no structured data")
    step(f"directory search (Нарва: {len(set(profiles))} profiles) and {profiles[0]}: ok")

    calls = browser.page("/ru/calls/")
    call_links = links(calls.text, "/ru/calls/")
    call_links = [link for link in call_links if not link.endswith(("feed/", ".ics"))]
    check(call_links, "the call list shows no call")
    browser.page(call_links[0])
    feed = browser.get("/ru/calls/feed/")
    check(feed.status_code == 200 and "<rss" in feed.text, "the calls' feed")
    ics = browser.get("/ru/calls/calendar.ics")
    check(ics.status_code == 200 and "BEGIN:VCALENDAR" in ics.text, "the calls' calendar")
    step(f"call list, {call_links[0]}, feed and calendar: ok")

    archive = browser.page("/ru/bulletins/")
    issues = [link for link in links(archive.text, "/ru/bulletins/") if not link.endswith("feed/")]
    check(issues, "the bulletin archive lists no issue")
    browser.page(issues[0])
    step(f"bulletin archive and {issues[0]}: ok")
    return issues[0]


def subscribe(stack, browser):
    form = browser.page("/ru/newsletter/subscribe/")
    data = {
        "csrfmiddlewaretoken": csrf_token(form.text),
        "email": SUBSCRIBER,
        "language": "ru",
        "topics": ["calls", "trainings", "network", "organisations"],
        "kind": "organisation",
        "homepage": "",
    }
    sent = browser.post("/ru/newsletter/subscribe/", data)
    check(sent.status_code == 302, f"subscribing: {sent.status_code} {sent.text[:2000]}")
    check(sent.headers["Location"].endswith("/ru/newsletter/subscribe/sent/"), "subscribing")

    (message,) = wait_for(
        "the confirmation e-mail", lambda: stack.messages_to(SUBSCRIBER), timeout=60
    )
    link = re.search(r"https?://\S+/newsletter/confirm/[^/\s]+/", text_of(message))
    check(link, "no confirmation link in the e-mail")
    path = "/" + link.group(0).split("/", 3)[3]
    page = browser.page(path)
    check("Yes" in page.text or "csrfmiddlewaretoken" in page.text, "no button to confirm")
    confirmed = browser.post(path, {"csrfmiddlewaretoken": csrf_token(page.text)})
    check(confirmed.status_code == 200, f"confirming: {confirmed.status_code}")
    check("/newsletter/preferences/" in confirmed.text, "the subscription was not confirmed")
    step(f"subscription of {SUBSCRIBER} confirmed through the e-mailed link: ok")


def send_campaign(stack, browser, bulletin_path):
    query = {"type": "bulletins.BulletinPage", "locale": "ru"}
    query["slug"] = bulletin_path.rstrip("/").rsplit("/", 1)[1]
    found = browser.get("/api/v2/pages/?" + urlencode(query))
    check(found.status_code == 200, f"API {bulletin_path}: {found.status_code}")
    (item,) = found.json()["items"]
    page_id, title = item["id"], item["title"]

    output = stack.manage("send_bulletin", str(page_id), "--language", "ru", timeout=120)
    step(f"send_bulletin {page_id}: {output.strip().splitlines()[-1] if output else ''}")

    audience = int(re.search(r"queued for (\d+) subscriber", output).group(1))

    def delivered():
        sent = [m for m in stack.messages_to("@") if subject_of(m) == title]
        return sent if len(sent) >= audience else None

    sent = wait_for(f"the bulletin to reach {audience} subscribers", delivered, timeout=90)
    check(len(sent) == audience, f"{len(sent)} messages for {audience} subscribers")
    (message,) = [m for m in sent if SUBSCRIBER in m["To"]]
    check("List-Unsubscribe=One-Click" in message["List-Unsubscribe-Post"], "no one-click")
    unsubscribe = re.search(
        r"<(https?://[^>]+/newsletter/unsubscribe/[^>]+)>", message["List-Unsubscribe"]
    )
    check(unsubscribe, "no https unsubscribe link")
    # One-click unsubscribe, as a mail client does it: no cookie, no token.
    path = "/" + unsubscribe.group(1).split("/", 3)[3]
    left = Browser(stack.base).post(path, {"List-Unsubscribe": "One-Click"})
    check(left.status_code == 200, f"one-click unsubscribe: {left.status_code}")
    step(f"campaign «{title}» delivered to {audience} by the RQ worker; unsubscribed: ok")


def main():
    # Stopped by CI or by hand: clean up as after a failure.
    signal.signal(signal.SIGTERM, lambda *args: sys.exit(1))
    LOGS.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    stack = Stack()
    failed = None
    try:
        step(f"database {stack.database}, Redis {stack.redis_url}, site {stack.base}")
        stack.create_database()
        stack.manage("migrate", "--noinput", timeout=600)
        stack.manage("collectstatic", "--noinput")
        stack.manage("compile_translations")
        # Seeding saves hundreds of pages, each queuing search and reference index updates:
        # they run inside the command (an RQ worker forks a process per task).
        stack.manage("seed_demo", timeout=600, env={"TASKS_BACKEND": "immediate"})
        step("migrated, static files collected, seeded")
        stack.start_services()
        wait_for(
            "gunicorn to answer",
            lambda: _answers(stack.base + "/healthz"),
            timeout=60,
        )
        stack.assert_running()
        browser = Browser(stack.base)
        bulletin = visit(stack, browser)
        subscribe(stack, browser)
        send_campaign(stack, browser, bulletin)
        stack.assert_running()
    except Failed as error:
        failed = str(error)
    except Exception as error:  # noqa: BLE001 - reported as a failure of the job
        failed = f"{type(error).__name__}: {error}"
    finally:
        if failed:
            print(f"FAILED: {failed}", flush=True)
            stack.logs_tail()
        stack.stop_all()
        try:
            stack.drop_database()
        except Exception as error:  # noqa: BLE001
            print(f"could not drop the database: {error}", flush=True)
    took = time.monotonic() - started
    if failed:
        print(f"production end-to-end: FAILED after {took:.0f} s")
        return 1
    print(f"production end-to-end: passed in {took:.0f} s")
    return 0


def _answers(url):
    import requests

    try:
        return requests.get(url, timeout=10).status_code == 200
    except requests.RequestException:
        return False


if __name__ == "__main__":
    sys.exit(main())
