import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "k8Zq-2vLr9!pX4mW7yT1nB6cF3hJ0dS5gA8eR2uI9oP4lK7jH1zX6cV3bN0mQ5wE",
    "ALLOWED_HOSTS": "sild.example.org",
    "DATABASE_URL": "sqlite:////tmp/sild-check-deploy.sqlite3",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.org:587",
    "WAGTAILADMIN_BASE_URL": "https://sild.example.org",
    "REDIS_URL": "redis://cache.internal:6379/0",
}


def manage(*args, env):
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in PRODUCTION_ENV and key != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "SECRET_KEY"}

    result = manage("check", env=env)

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_passes_check_deploy_without_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_shared_cache():
    # With a cache local to each process, two gunicorn workers count rate limits apart.
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "REDIS_URL"}

    result = manage("check", env=env)

    assert result.returncode != 0
    assert "REDIS_URL must be set" in result.stderr


def test_check_deploy_warns_when_the_cache_is_not_shared_between_processes():
    env = {
        key: value
        for key, value in PRODUCTION_ENV.items()
        if key not in ("DJANGO_SETTINGS_MODULE", "REDIS_URL")
    }
    env["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"

    result = manage("check", "--deploy", env=env)

    assert "sild.W001" in result.stdout + result.stderr


PROBE = """
from django.test import Client
client = Client(HTTP_HOST="sild.example.org")
for path in ("/healthz", "/ru/"):
    response = client.get(path)
    print(path, response.status_code, response.get("Location", ""))
"""


def test_plain_http_probes_of_healthz_are_answered_without_the_https_redirect():
    result = manage("shell", "-c", PROBE, env=PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr
    answers = {
        line.split()[0]: line.split()[1:]
        for line in result.stdout.splitlines()
        if line.startswith("/")
    }
    # The probe gets the health report itself (503 here: no cache server in this test).
    assert answers["/healthz"][0] in {"200", "503"}, answers
    # Everything else still goes to HTTPS.
    assert answers["/ru/"] == ["301", "https://sild.example.org/ru/"]
