"""A call and the calls list's sub-routes (feed, calendar) answer through the remembered routes
of the page tree as through Wagtail's walk, and a call whose slug is taken by a sub-route's
name never hides the sub-route."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_list_its_feed_and_a_call_answer_and_keep_answering(client, make_call):
    call = make_call(title="Kevadvoor", slug="kevadvoor")
    for _ in range(2):  # the second time through the remembered routes
        assert client.get("/et/calls/").status_code == 200
        feed = client.get("/et/calls/feed/")
        assert feed.status_code == 200
        assert "xml" in feed["Content-Type"]
        page = client.get("/et/calls/kevadvoor/")
        assert page.status_code == 200
        assert call.title.encode() in page.content
    assert client.get("/et/calls/kevadvoor/calendar/").status_code == 200


def test_a_call_moved_to_another_slug_leaves_its_old_address(client, make_call):
    call = make_call(title="Sügisvoor", slug="sugisvoor")
    assert client.get("/et/calls/sugisvoor/").status_code == 200

    call.slug = "sugisvoor-2027"
    call.save_revision().publish()

    assert client.get("/et/calls/sugisvoor/").status_code == 404
    assert client.get("/et/calls/sugisvoor-2027/").status_code == 200
