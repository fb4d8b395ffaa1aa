import pytest
from django.db import OperationalError, connection
from django_tasks_db.models import DBTaskResult

pytestmark = pytest.mark.django_db


def test_healthz_reports_ok_when_database_and_queue_are_reachable(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "status": "ok",
        "checks": {"database": True, "task_queue": True, "cache": True},
    }
    assert "no-cache" in response["Cache-Control"]


def _refuse_every_query(execute, sql, params, many, context):
    raise OperationalError("connection refused")


def test_healthz_answers_503_when_the_database_is_unreachable(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    with connection.execute_wrapper(_refuse_every_query):
        response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"] is False
    assert body["checks"]["task_queue"] is False


def test_healthz_answers_503_when_only_the_task_queue_is_unreachable(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    def refuse_task_table(execute, sql, params, many, context):
        if DBTaskResult._meta.db_table in sql:
            raise OperationalError("no such table")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(refuse_task_table):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"] == {"database": True, "task_queue": False, "cache": True}


def test_healthz_is_outside_the_language_prefix(client, site_tree):
    assert client.get("/ru/healthz/").status_code == 404
