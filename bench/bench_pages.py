"""Throughput of every public page under gunicorn, measured with wrk, and SQL queries per page;
side by side with wagtail/bakerydemo when ``BAKERYDEMO`` names a checkout of it.

    make bench BENCH=pages
    BENCH_DURATION=5 BENCH_CONCURRENCY=8 make bench BENCH=pages      # quicker
    BAKERYDEMO=/work/bakerydemo make bench BENCH=pages               # with the comparison
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sild_bench_pages make bench BENCH=pages

The server is what an operator runs: gunicorn with 2 sync workers on 127.0.0.1, the settings
``portal.settings.bench_production`` (production's, with a cache local to each process) and
whitenoise serving the collected static files; wrk sends ``X-Forwarded-Proto: https`` as the
TLS proxy does. Two servers run side by side, one with ``PAGE_CACHE_SECONDS=0`` (no
full-page cache) and one with the default, and every page is measured on both in turn.

1. Throughput on var/bench-pages.sqlite3 (or ``DATABASE_URL``): the demo content plus 10,000
   organisations, 500 calls and 300 bulletins, created once (a second run finds them).
   ``wrk -t2 -c<N> -d<BENCH_DURATION>s --latency --timeout 30s`` per page and concurrency in
   ``BENCH_CONCURRENCY`` (default 8,32): requests per second and 99th percentile.
2. The comparison, on the demo content alone (var/bench-pages-demo.sqlite3, as bakerydemo's own
   demo data): three rounds of ``wrk -t2 -c8 -d<BENCH_ROUND_DURATION>s`` (default 10 s) per
   page, the median round. With ``BAKERYDEMO=/path`` the bench makes a virtualenv for it in
   ``$BAKERYDEMO/.venv-bench`` (Sild's Wagtail and Django), loads its demo data into
   var/bench-bakerydemo.sqlite3 and runs it with ``bakerydemo.settings.production`` (DEBUG
   off, whitenoise, local-memory cache, SQLite), measured in the same rounds, interleaved.
3. SQL queries per page in-process (the test client through every middleware): cold (the
   cache cleared, a new process) and warm (the second request), with and without the page
   cache.

``BENCH_PAGES_PARTS=comparison,queries`` runs some of the three only.

Figures are noisy on a shared machine: every row carries the 1-minute load average taken
before it. Nothing here asserts on time.
"""

import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VAR = ROOT / "var"
PYTHON = sys.executable
SETTINGS = "portal.settings.bench_production"
DURATION = int(os.environ.get("BENCH_DURATION", "20"))
ROUND_DURATION = int(os.environ.get("BENCH_ROUND_DURATION", "10"))
ROUNDS = 3
PARTS = os.environ.get("BENCH_PAGES_PARTS", "throughput,comparison,queries").split(",")
CONCURRENCY = [int(n) for n in os.environ.get("BENCH_CONCURRENCY", "8,32").split(",")]
ORGANISATIONS = int(os.environ.get("BENCH_ORGANISATIONS", "10000"))
CALLS = 500
BULLETINS = 300
PORTS = range(8200, 8300)
HEADERS = {"X-Forwarded-Proto": "https"}
WRK = shutil.which("wrk") or "/usr/bin/wrk"

# bakerydemo's requirements (requirements/base.txt and production.txt) at versions that go
# with Sild's Wagtail and Django; its main branch asks for Wagtail 7.4 and Django 6.0.
BAKERYDEMO_REQUIREMENTS = [
    "Django==5.2.19",
    "wagtail==8.0.1",
    "gunicorn==27.0.1",
    "whitenoise==6.12.0",
    "python-dotenv==1.2.4",
    "wagtail-font-awesome-svg==1.2.1",
    "django-debug-toolbar==4.4.6",
    "django-extensions==4.1",
    "django-csp==3.8",
    "dj-database-url==3.1.2",
]
# Sild's page ↔ bakerydemo's counterpart (None: compared to nothing).
COUNTERPARTS = [
    ("home", "home", "/"),
    ("directory", "bread index", "/breads/"),
    ("directory search", "search", "/search/?q=bread"),
    ("call list", "blog index", "/blog/"),
    ("call page", "blog post", "/blog/bread-circuses/"),
    ("profile", "bread page", "/breads/anpan/"),
    ("site search", "search", "/search/?q=bread"),
    ("bulletin page", "blog post", "/blog/bread-circuses/"),
    ("event list", "blog index", "/blog/"),
]


# In the child process: seeding and query counts ---------------------------------------------


def _url(page):
    return page.get_url()


def _seed_organisations(count):
    """bench_directory_search's organisations, beside the demo's (whose registry codes are
    small numbers)."""
    from bench.bench_directory_search import specs
    from directory.demo import ensure_directory
    from directory.factories import bulk_create_organisations, registry_code
    from directory.models import Organisation
    from home.demo import ensure_home_pages

    existing = Organisation.objects.filter(email__endswith="@bench.example").count()
    if existing >= count:
        return

    def renumbered():
        for number, (facts, fields, versions) in enumerate(specs(count)):
            if number >= existing:
                facts["registry_code"] = registry_code(500_000 + number)
                yield facts, fields, versions

    started = time.perf_counter()
    bulk_create_organisations(ensure_directory(ensure_home_pages()), renumbered(), batch_size=1000)
    print(f"created {count - existing} organisations in {time.perf_counter() - started:.0f} s")


def _seed_bulletins(count):
    from datetime import timedelta

    from django.db import transaction

    from bulletins.factories import BulletinPageFactory
    from bulletins.models import BulletinIndexPage, BulletinPage

    index = BulletinIndexPage.objects.get(locale__language_code="ru")
    existing = BulletinPage.objects.child_of(index).filter(slug__startswith="bench-").count()
    if existing >= count:
        return
    model = BulletinPage.objects.child_of(index).live().order_by("-issue_date").first()
    with transaction.atomic():
        for number in range(existing, count):
            BulletinPageFactory(
                parent=index,
                issue_number=10_000 + number,
                issue_date=model.issue_date - timedelta(weeks=1 + number),
                title=f"Бюллетень № {10_000 + number}",
                slug=f"bench-{number:03}",
                introduction=model.introduction,
                body=model.body,
            )


def _pages(big):
    """The URL of each measured page in this database."""
    from bulletins.models import BulletinPage
    from calls.models import CallPage
    from directory.models import OrganisationPage

    if big:
        # The 500 generated calls are Estonian (bench_calls_list).
        calls_language, call = "et", CallPage.objects.live().filter(slug="bench-000").first()
        profile = OrganisationPage.objects.live().filter(
            locale__language_code="ru", slug__startswith="org-"
        )
    else:
        calls_language = "ru"
        call = CallPage.objects.live().filter(locale__language_code="ru").order_by("pk").first()
        profile = OrganisationPage.objects.live().filter(locale__language_code="ru")
    bulletin = (
        BulletinPage.objects.live()
        .filter(locale__language_code="ru")
        .exclude(slug__startswith="bench-")
        .order_by("-issue_date")
        .first()
    )
    return {
        "home": "/ru/",
        "directory": "/ru/organisations/",
        "directory search": "/ru/organisations/?q=%D0%BC%D0%BE%D0%BB%D0%BE%D0%B4%D1%91%D0%B6%D1%8C",
        "call list": f"/{calls_language}/calls/",
        "call page": _url(call),
        "bulletin page": _url(bulletin),
        "profile": _url(profile.order_by("pk").first()),
        "site search": "/ru/search/?q=%D0%B3%D1%80%D0%B0%D0%BD%D1%82",
        "event list": "/ru/events/",
    }


def _seed(kind):
    """Create what the benchmark reads, unless an earlier run did; print the pages' URLs."""
    from django.core.management import call_command

    from home.models import HomePage

    call_command("migrate", verbosity=0)
    big = kind == "big"
    if not HomePage.objects.exists():
        call_command("seed_demo", verbosity=0)
    if big:
        from bench import bench_calls_list

        _seed_organisations(ORGANISATIONS)
        bench_calls_list._prepare()
        _seed_bulletins(BULLETINS)
        # The planner's statistics of the tables just filled, as autovacuum would have them on
        # a server that has run for a while (without them PostgreSQL guesses a handful of rows
        # per language and loops over thousands).
        from django.db import connection

        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        # The manifest of the static files (whitenoise), once for both databases.
        call_command("collectstatic", interactive=False, verbosity=0)
    print(json.dumps(_pages(big)))


def _queries(paths):
    """Queries per page: cold (cache cleared) and warm (the same request again)."""
    from django.core.cache import cache
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    counts = {}
    for name, path in paths.items():
        figures = []
        for clear in (True, False):
            if clear:
                cache.clear()
            reset_queries()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            figures.append(len(queries))
        counts[name] = {"cold": figures[0], "warm": figures[1], "status": response.status_code}
    print(json.dumps(counts))


def _child(argv):
    import django

    django.setup()
    if argv[0] == "seed":
        _seed(argv[1])
    elif argv[0] == "queries":
        _queries(json.loads(argv[1]))


# In the benchmark's process: servers and wrk -------------------------------------------------


def _load():
    return os.getloadavg()[0]


def _uptime():
    # Django set TZ to the site's time zone in this process; the notes are in UTC.
    env = {**os.environ, "TZ": "UTC"}
    return subprocess.run(["uptime"], capture_output=True, text=True, env=env).stdout.strip()


def _free_port(taken):
    for port in PORTS:
        if port in taken:
            continue
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
        taken.add(port)
        return port
    raise RuntimeError("no free port in 8200-8299")


def _sild_env(database_url, **extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE=SETTINGS,
        DATABASE_URL=database_url,
        PYTHONUNBUFFERED="1",
        **extra,
    )
    return env


def _run_child(env, *args, timeout=3600):
    result = subprocess.run(
        [PYTHON, "-m", "bench.bench_pages", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode:
        stderr = "\n".join(result.stderr.splitlines()[-40:])
        raise RuntimeError(f"bench_pages {args[0]} failed:\n{result.stdout}\n{stderr}")
    lines = result.stdout.strip().splitlines()
    for line in lines[:-1]:
        print(f"  {line}")
    return json.loads(lines[-1])


class Server:
    """gunicorn with 2 sync workers in a session of its own (stopping it stops the workers)."""

    def __init__(self, name, command, cwd, env, port, probe):
        self.name, self.port = name, port
        self.base = f"http://127.0.0.1:{port}"
        self.log = open(VAR / "bench" / f"pages-{name}.log", "wb")  # noqa: SIM115
        self.process = subprocess.Popen(
            [*command, "--bind", f"127.0.0.1:{port}", "--workers", "2", "--timeout", "120"],
            cwd=cwd,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 120
        while _status(self.base + probe) is None:
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"{name} did not start: see var/bench/pages-{name}.log")
            time.sleep(0.5)

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
        self.log.close()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def _status(url):
    try:
        request = urllib.request.Request(url, headers=HEADERS)  # noqa: S310 - http://127.0.0.1
        with _opener.open(request, timeout=60) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _milliseconds(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNITS[unit]


def parse_wrk(output):
    """wrk's report: requests per second, p50 and p99 in ms, failures (non-2xx/3xx, errors)."""
    figures = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))}
    for percentile in ("50", "99"):
        found = re.search(rf"^\s+{percentile}%\s+(\S+)", output, re.MULTILINE)
        figures[f"p{percentile}"] = _milliseconds(found.group(1)) if found else None
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    figures["failed"] = (int(non_2xx.group(1)) if non_2xx else 0) + (
        sum(int(n) for n in errors.groups()) if errors else 0
    )
    return figures


def wrk(url, connections, duration):
    """One wrk run, with the 1-minute load average before it."""
    command = [WRK, "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "30s"]
    for key, value in HEADERS.items():
        command += ["-H", f"{key}: {value}"]
    load = _load()
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, timeout=duration + 60
    ).stdout
    return {"load": load, **parse_wrk(output)}


def _warm(server, paths):
    """Every page a few times through both workers: renditions, per-process tables, caches."""
    for path in paths:
        status = _status(server.base + path)
        if status != 200:
            raise RuntimeError(f"{server.name}: {path} answered {status}")
        subprocess.run(
            [WRK, "-t2", "-c4", "-d2s", "-H", "X-Forwarded-Proto: https", server.base + path],
            capture_output=True,
            timeout=60,
        )


def _sild_server(name, database_url, taken, **extra):
    return Server(
        name,
        [str(Path(PYTHON).with_name("gunicorn")), "portal.wsgi"],
        ROOT,
        _sild_env(database_url, **extra),
        _free_port(taken),
        "/ru/",
    )


def _sqlite_url(name):
    return f"sqlite:///{VAR / name}"


# bakerydemo ------------------------------------------------------------------------------


def _bakerydemo_env(checkout):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_", "REDIS_", "ELASTICSEARCH_", "AWS_", "GS_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="bakerydemo.settings.production",
        DJANGO_SECRET_KEY="bench-only-key",  # noqa: S106 - signs nothing kept
        DATABASE_NAME=str(VAR / "bench-bakerydemo.sqlite3"),
        DJANGO_LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    return env


def _bakerydemo(checkout, taken):
    """bakerydemo in its own virtualenv and database, under gunicorn."""
    venv = checkout / ".venv-bench"
    if not (venv / "bin" / "gunicorn").exists():
        print(f"making {venv} ({', '.join(BAKERYDEMO_REQUIREMENTS)})", flush=True)
        subprocess.run([PYTHON, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [venv / "bin" / "pip", "install", "--quiet", *BAKERYDEMO_REQUIREMENTS], check=True
        )
    env = _bakerydemo_env(checkout)
    python = str(venv / "bin" / "python")
    database = Path(env["DATABASE_NAME"])
    loaded = database.with_suffix(".loaded")
    if not loaded.exists():
        print("loading bakerydemo's demo data", flush=True)
        database.unlink(missing_ok=True)
        try:
            for command in (["migrate", "--noinput"], ["load_initial_data"]):
                subprocess.run(
                    [python, "manage.py", *command],
                    cwd=checkout,
                    env=env,
                    check=True,
                    capture_output=True,
                )
        except subprocess.CalledProcessError as error:
            database.unlink(missing_ok=True)
            raise RuntimeError(f"bakerydemo: {error.stderr.decode(errors='replace')}") from error
        loaded.touch()
    subprocess.run(
        [python, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=checkout,
        env=env,
        check=True,
        capture_output=True,
    )
    version = subprocess.run(
        [python, "-c", "import django, wagtail; print(wagtail.__version__, django.__version__)"],
        capture_output=True,
        text=True,
    ).stdout.split()
    server = Server(
        "bakerydemo",
        [str(venv / "bin" / "gunicorn"), "bakerydemo.wsgi"],
        checkout,
        env,
        _free_port(taken),
        "/",
    )
    return server, version


# The parts -----------------------------------------------------------------------------------


def _fmt(value, digits=0):
    return "-" if value is None else f"{value:.{digits}f}"


def throughput(database_url, pages, taken):
    print(
        f"\n1. Throughput: wrk -t2 -c<N> -d{DURATION}s --latency --timeout 30s "
        "-H 'X-Forwarded-Proto: https'; gunicorn 2 sync workers; "
        f"{database_url.split('@')[-1]}"
    )
    servers = {}
    rows = []
    try:
        servers["uncached"] = _sild_server("uncached", database_url, taken, PAGE_CACHE_SECONDS="0")
        servers["cached"] = _sild_server("cached", database_url, taken)
        for server in servers.values():
            _warm(server, pages.values())
        print(f"  {_uptime()}")
        header = f"  {'page':18} {'c':>3}  {'rps uncached':>12} {'p99 ms':>8}  "
        header += f"{'rps cached':>10} {'p99 ms':>8}  {'load':>5}"
        print(header)
        for name, path in pages.items():
            for connections in CONCURRENCY:
                row = {"page": name, "path": path, "connections": connections}
                for mode, server in servers.items():
                    row[mode] = wrk(server.base + path, connections, DURATION)
                rows.append(row)
                failed = row["uncached"]["failed"] + row["cached"]["failed"]
                print(
                    f"  {name:18} {connections:>3}  {row['uncached']['rps']:>12.1f} "
                    f"{_fmt(row['uncached']['p99'], 1):>8}  {row['cached']['rps']:>10.1f} "
                    f"{_fmt(row['cached']['p99'], 1):>8}  {row['uncached']['load']:>5.2f}"
                    + (f"  ({failed} failed)" if failed else ""),
                    flush=True,
                )
        print(f"  {_uptime()}")
    finally:
        for server in servers.values():
            server.stop()
    return rows


def comparison(database_url, pages, checkout, taken):
    print(
        f"\n2. Sild (demo content) vs bakerydemo: wrk -t2 -c8 -d{ROUND_DURATION}s --latency "
        f"--timeout 30s, median of {ROUNDS} rounds, interleaved"
    )
    servers = {}
    sild_paths = {name: pages[name] for name, _, _ in COUNTERPARTS}
    bakery_paths = {}
    version = None
    try:
        servers["uncached"] = _sild_server(
            "demo-uncached", database_url, taken, PAGE_CACHE_SECONDS="0"
        )
        servers["cached"] = _sild_server("demo-cached", database_url, taken)
        if checkout:
            servers["bakerydemo"], version = _bakerydemo(checkout, taken)
            bakery_paths = {f"{name} ({path})": path for _, name, path in COUNTERPARTS}
            print(f"  bakerydemo {checkout} with Wagtail {version[0]}, Django {version[1]}")
        for mode in ("uncached", "cached"):
            _warm(servers[mode], sild_paths.values())
        if checkout:
            _warm(servers["bakerydemo"], set(bakery_paths.values()))
        print(f"  {_uptime()}")
        runs = {}
        for number in range(ROUNDS):
            for name, _bakery_name, bakery_path in COUNTERPARTS:
                for mode in ("uncached", "cached"):
                    figures = wrk(servers[mode].base + sild_paths[name], 8, ROUND_DURATION)
                    runs.setdefault((mode, name), []).append(figures)
                key = ("bakerydemo", bakery_path)
                if checkout and len(runs.get(key, [])) <= number:
                    figures = wrk(servers["bakerydemo"].base + bakery_path, 8, ROUND_DURATION)
                    runs.setdefault(key, []).append(figures)
            print(f"  round {number + 1} done, {_uptime()}", flush=True)
    finally:
        for server in servers.values():
            server.stop()

    def median(key):
        if key not in runs:
            return None
        return {
            "rps": statistics.median(run["rps"] for run in runs[key]),
            "p99": statistics.median(run["p99"] or 0 for run in runs[key]),
            "rounds": [run["rps"] for run in runs[key]],
            "load": statistics.median(run["load"] for run in runs[key]),
            "failed": sum(run["failed"] for run in runs[key]),
        }

    rows = []
    print(
        f"  {'Sild page':18} {'bakerydemo page':30} {'Sild rps':>9} {'bakery rps':>10} "
        f"{'ratio':>6}  {'Sild cached':>11} {'ratio':>6}  {'load':>5}"
    )
    for name, bakery_name, bakery_path in COUNTERPARTS:
        row = {
            "page": name,
            "path": sild_paths[name],
            "bakerydemo_page": f"{bakery_name} {bakery_path}",
            "uncached": median(("uncached", name)),
            "cached": median(("cached", name)),
            "bakerydemo": median(("bakerydemo", bakery_path)),
        }
        bakery = row["bakerydemo"]["rps"] if row["bakerydemo"] else None
        for mode in ("uncached", "cached"):
            row[f"ratio_{mode}"] = row[mode]["rps"] / bakery if bakery else None
        rows.append(row)
        print(
            f"  {name:18} {row['bakerydemo_page'] if checkout else '-':30} "
            f"{row['uncached']['rps']:>9.1f} {_fmt(bakery, 1):>10} "
            f"{_fmt(row['ratio_uncached'], 2):>6}  {row['cached']['rps']:>11.1f} "
            f"{_fmt(row['ratio_cached'], 2):>6}  {row['uncached']['load']:>5.2f}"
        )
    return {"bakerydemo_versions": version, "rows": rows}


def queries(database_url, pages):
    counts = {}
    for mode, extra in (("uncached", {"PAGE_CACHE_SECONDS": "0"}), ("cached", {})):
        counts[mode] = _run_child(
            _sild_env(database_url, **extra), "queries", json.dumps(pages), timeout=600
        )
    print(f"  {'page':18} {'uncached cold':>13} {'warm':>5}  {'cached cold':>11} {'warm':>5}")
    for name in pages:
        uncached, cached = counts["uncached"][name], counts["cached"][name]
        print(
            f"  {name:18} {uncached['cold']:>13} {uncached['warm']:>5}  "
            f"{cached['cold']:>11} {cached['warm']:>5}"
            + ("" if uncached["status"] == 200 else f"  (status {uncached['status']})")
        )
    return counts


def main():
    (VAR / "bench").mkdir(parents=True, exist_ok=True)
    taken = set()
    checkout = Path(os.environ["BAKERYDEMO"]).resolve() if os.environ.get("BAKERYDEMO") else None
    big_url = os.environ.get("DATABASE_URL") or _sqlite_url("bench-pages.sqlite3")
    if big_url == _sqlite_url("bench.sqlite3"):
        # portal.settings.bench defaults DATABASE_URL to the other modules' file: not ours.
        big_url = _sqlite_url("bench-pages.sqlite3")
    demo_url = os.environ.get("BENCH_DEMO_DATABASE_URL") or _sqlite_url("bench-pages-demo.sqlite3")
    env = {"TASKS_BACKEND": "immediate", "PAGE_CACHE_SECONDS": "0"}
    big_pages = {}
    if "throughput" in PARTS or "queries" in PARTS:
        where = big_url.split("@")[-1]
        print(f"{_uptime()}\npreparing {where} (a first run creates it)", flush=True)
        big_pages = _run_child(_sild_env(big_url, **env), "seed", "big")
    print(f"preparing {demo_url.split('@')[-1]}", flush=True)
    demo_pages = _run_child(_sild_env(demo_url, **env), "seed", "demo")

    result = {
        "duration": DURATION,
        "round_duration": ROUND_DURATION,
        "concurrency": CONCURRENCY,
        "database": big_url.split("@")[-1],
        "load_start": os.getloadavg(),
    }
    result["throughput"] = throughput(big_url, big_pages, taken) if "throughput" in PARTS else []
    result["comparison"] = (
        comparison(demo_url, demo_pages, checkout, taken) if "comparison" in PARTS else {"rows": []}
    )
    if "queries" in PARTS:
        print("\n3. SQL queries per page, in-process, 10,000 organisations (cold: cache cleared)")
        result["queries"] = queries(big_url, big_pages)
        print("   the same on the demo content")
        result["queries_demo"] = queries(demo_url, demo_pages)
    result["load_end"] = os.getloadavg()
    print(_uptime())

    summary = {}
    for row in result["throughput"]:
        if row["connections"] == CONCURRENCY[0]:
            summary[f"{row['page']} rps c{row['connections']} (uncached/cached)"] = (
                f"{row['uncached']['rps']:.0f} / {row['cached']['rps']:.0f}"
            )
    for row in result["comparison"]["rows"]:
        if row["ratio_uncached"] is not None:
            summary[f"{row['page']} vs bakerydemo (uncached/cached)"] = (
                f"{row['ratio_uncached']:.2f}x / {row['ratio_cached']:.2f}x"
            )
    result["summary"] = summary
    return result


if __name__ == "__main__":
    _child(sys.argv[1:])
