# Fixtures are imported from fixtures_pages and named as test arguments:
# ruff: noqa: F811
"""The bulletin pages pass the Nu Html Checker (skipped where it is not installed, as in
tests/portal/test_html_validity.py)."""

import json
import subprocess
from datetime import date

import pytest

from tests.portal.test_html_validity import vnu  # noqa: F401 - the fixture

from .fixtures_pages import (  # noqa: F401 - fixtures
    OTHER_SECTIONS,
    archives,
    call_indexes,
    calls_section,
    funders,
    make_bulletin,
    make_call,
    make_translated_call,
    topics,
)

pytestmark = pytest.mark.django_db


def test_bulletin_pages_pass_the_nu_html_checker(
    client, make_bulletin, make_translated_call, vnu, tmp_path
):
    call = make_translated_call("Avatud voor", "Открытый конкурс")
    make_bulletin(issue_number=794, issue_date=date(2025, 11, 24))
    make_bulletin(
        issue_number=846,
        issue_date=date(2026, 3, 2),
        body=[calls_section(call["ru"], notes={call["ru"].pk: "Заметка."}), *OTHER_SECTIONS],
    )
    make_bulletin(issue_number=847, issue_date=date(2026, 3, 9))
    paths = [
        "/ru/",
        "/ru/bulletins/",
        "/ru/bulletins/?year=2025",
        "/en/bulletins/",
        "/et/bulletins/",
        "/ru/bulletins/846/",
    ]
    files = []
    for number, path in enumerate(paths):
        response = client.get(path)
        assert response.status_code == 200, path
        file = tmp_path / f"page{number}.html"
        file.write_bytes(response.content)
        files.append(str(file))

    result = subprocess.run(
        ["java", "-jar", str(vnu), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    messages = json.loads(result.stderr or "{}").get("messages", [])
    assert [
        (m["url"].rsplit("/", 1)[-1], m["message"], m.get("extract", "")) for m in messages
    ] == []
