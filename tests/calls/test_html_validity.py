"""The calls pages pass the Nu Html Checker (skipped where it is not installed, as in
tests/portal/test_html_validity.py)."""

import json
import subprocess

import pytest

from tests.portal.test_html_validity import vnu  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def test_calls_pages_pass_the_nu_html_checker(client, make_call, funders, topics, vnu, tmp_path):  # noqa: F811
    call = make_call(
        title="Kogukonnaprojektid",
        funder=funders["kysk"]["et"],
        topics=[topics["youth"]],
        body=[
            ("heading", {"text": "Tingimused", "level": "h2"}),
            ("paragraph", "<p>Taotleda võivad mittetulundusühingud.</p>"),
            ("contact", {"name": "Mari Tamm", "role": "Koordinaator", "email": "mari@example.ee"}),
        ],
    )
    paths = [
        "/et/",
        "/et/calls/",
        "/et/calls/?topic=youth&county=narnia",
        "/et/calls/?topic=culture",
        call.url,
    ]
    files = []
    for number, path in enumerate(paths):
        response = client.get(path)
        assert response.status_code == 200, path
        file = tmp_path / f"page{number}.html"
        file.write_bytes(response.content)
        files.append(str(file))
    invalid = client.post(f"{call.url}follow/", {"email": "olga@"})
    file = tmp_path / "follow-error.html"
    file.write_bytes(invalid.content)
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
