import json
import subprocess

import pytest

from tests.portal.test_html_validity import vnu  # noqa: F401 - the checker's fixture

pytestmark = pytest.mark.django_db


def test_member_pages_pass_the_nu_html_checker(client, two_organisations, vnu, tmp_path):  # noqa: F811
    a = two_organisations["a"]
    client.force_login(a["owner"].user)
    base = f"/et/my/organisations/{a['organisation'].pk}/"
    paths = [
        "/et/my/",
        "/et/my/organisations/new/",
        "/et/my/organisations/join/",
        "/et/my/data/",
        "/et/my/delete/",
        base,
        base + "members/",
        base + "facts/",
        base + "profile/et/",
        base + "profile/ru/",
        base + "news/",
        base + "news/new/",
        base + "projects/",
        base + "projects/new/",
    ]
    files = {}
    for number, path in enumerate(paths):
        response = client.get(path)
        assert response.status_code == 200, path
        file = tmp_path / f"member{number}.html"
        file.write_bytes(response.content)
        files[str(file)] = path

    result = subprocess.run(
        ["java", "-jar", str(vnu), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )

    errors = [
        (files.get(message["url"].removeprefix("file:"), message["url"]), message["message"])
        for message in json.loads(result.stderr or "{}").get("messages", [])
        if message["type"] == "error"
    ]
    assert errors == []
