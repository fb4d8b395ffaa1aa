"""Every page of subscribing passes the Nu Html Checker (skipped where it is not installed, as
in tests/portal/test_html_validity.py)."""

import json
import subprocess
import time
from unittest import mock

import pytest

from bulletins import tokens
from bulletins.models import Subscriber
from tests.portal.test_html_validity import vnu  # noqa: F401 - the fixture

from . import fixtures_subscribers as fixtures
from .fixtures_subscribers import subscribe

make_subscriber = fixtures.make_subscriber

pytestmark = pytest.mark.django_db


def link(subscriber, purpose):
    kind = {tokens.CONFIRM: "confirm", tokens.UNSUBSCRIBE: "unsubscribe"}.get(
        purpose, "preferences"
    )
    return f"/newsletter/{kind}/{tokens.make_token(subscriber, purpose)}/"


def subscriber_pages(client, make_subscriber):
    """(name, response) for every state of every subscriber page."""
    pending = make_subscriber("pending@ngo.example", status="pending", language="et")
    confirmed = make_subscriber("confirmed@ngo.example", language="ru")
    left = make_subscriber("left@ngo.example", status="unsubscribed", language="en")
    gone = make_subscriber("gone@ngo.example")
    gone_links = (link(gone, tokens.UNSUBSCRIBE), link(gone, tokens.PREFERENCES))
    gone.delete()
    with mock.patch("django.core.signing.time.time", return_value=time.time() - 8 * 86400):
        expired = link(pending, tokens.CONFIRM)
    return [
        ("form ru", client.get("/ru/newsletter/subscribe/")),
        ("form et", client.get("/et/newsletter/subscribe/")),
        ("form with errors", subscribe(client, "olga@", topics=(), kind="")),
        ("sent", subscribe(client, "new@ngo.example", follow=True)),
        ("confirm pending", client.get(link(pending, tokens.CONFIRM))),
        (
            "confirm done",
            client.post(link(make_subscriber("x@ngo.example", status="pending"), tokens.CONFIRM)),
        ),
        ("confirm after leaving", client.get(link(left, tokens.CONFIRM))),
        ("confirm expired", client.get(expired)),
        ("link forged", client.get("/newsletter/confirm/abc:def/")),
        ("unsubscribe ask", client.get(link(confirmed, tokens.UNSUBSCRIBE))),
        ("unsubscribe done", client.get(link(left, tokens.UNSUBSCRIBE))),
        ("unsubscribe gone", client.get(gone_links[0])),
        ("preferences", client.get(link(confirmed, tokens.PREFERENCES))),
        ("preferences left", client.get(link(left, tokens.PREFERENCES))),
        (
            "preferences with errors",
            client.post(link(confirmed, tokens.PREFERENCES), {"language": "xx"}),
        ),
        ("preferences gone", client.get(gone_links[1])),
        ("deleted", client.post(link(pending, tokens.PREFERENCES) + "delete/")),
    ]


def test_subscriber_pages_pass_the_nu_html_checker(
    client,
    site_tree,
    make_subscriber,
    vnu,  # noqa: F811 - the fixture imported above
    tmp_path,
):
    files = {}
    for name, response in subscriber_pages(client, make_subscriber):
        assert response.status_code in (200, 400, 410), name
        file = tmp_path / f"{name.replace(' ', '-')}.html"
        file.write_bytes(response.content)
        files[str(file)] = name
    assert not Subscriber.objects.filter(email="pending@ngo.example").exists()

    result = subprocess.run(
        ["java", "-jar", str(vnu), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    messages = json.loads(result.stderr or "{}").get("messages", [])
    assert [
        (files.get(m["url"].removeprefix("file:"), m["url"]), m["message"], m.get("extract", ""))
        for m in messages
    ] == []
