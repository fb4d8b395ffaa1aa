import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.browser.test_language_switch import public_paths

VNU_JAR = Path(
    os.environ.get(
        "VNU_JAR", Path(settings.BASE_DIR) / "var/tools/node_modules/vnu-jar/build/dist/vnu.jar"
    )
)

PAGES = [
    "/ru/",
    "/et/",
    "/en/about/",
    "/ru/search/?q=сети",
    "/et/search/?q=zzzz",
    "/en/no-such-page/",
    "/et/accounts/login/",
    "/ru/accounts/signup/",
]


@pytest.fixture(scope="module")
def vnu():
    if VNU_JAR.exists() and shutil.which("java"):
        return VNU_JAR
    if os.environ.get("CI"):
        pytest.fail(f"The Nu Html Checker is required in CI: {VNU_JAR} or java is missing")
    pytest.skip("Nu Html Checker not installed (see .ci/run: npm install vnu-jar, java)")


@pytest.mark.django_db
def test_pages_pass_the_nu_html_checker(client, vnu, tmp_path):
    call_command("seed_demo", stdout=io.StringIO())
    files = []
    for number, path in enumerate(PAGES + public_paths()[4:]):
        response = client.get(path)
        assert response.status_code in (200, 404), path
        file = tmp_path / f"page{number}.html"
        file.write_bytes(response.content)
        files.append((file, path))

    result = subprocess.run(
        [
            "java",
            "-jar",
            str(vnu),
            "--errors-only",
            "--format",
            "json",
            *[str(f) for f, _ in files],
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )

    by_file = {str(file): path for file, path in files}
    errors = [
        (by_file.get(message["url"].removeprefix("file:"), message["url"]), message["message"])
        for message in json.loads(result.stderr or "{}").get("messages", [])
        if message["type"] == "error"
    ]
    assert errors == []
