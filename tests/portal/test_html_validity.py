"""The Nu Html Checker's fixture, shared by the HTML validity tests of each area.

Every public page and the member area in each language are checked together in one run of the
checker by tests/browser/test_quality_gates.py; the areas' own tests check the states of
their pages that the demo does not show (errors, expired links...)."""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings

VNU_JAR = Path(
    os.environ.get(
        "VNU_JAR", Path(settings.BASE_DIR) / "var/tools/node_modules/vnu-jar/build/dist/vnu.jar"
    )
)


@pytest.fixture(scope="module")
def vnu():
    if VNU_JAR.exists() and shutil.which("java"):
        return VNU_JAR
    if os.environ.get("CI"):
        pytest.fail(f"The Nu Html Checker is required in CI: {VNU_JAR} or java is missing")
    pytest.skip("Nu Html Checker not installed (see .ci/run: npm install vnu-jar, java)")
