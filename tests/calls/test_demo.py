import pytest
from wagtail_localize.models import Translation

from calls import demo
from calls.models import CallPage
from calls.status import CallStatus

pytestmark = pytest.mark.django_db


def test_demo_calls_cover_every_status_in_estonian_and_russian(client, site_tree):
    result = demo.seed()
    again = demo.seed()  # idempotent

    estonian = CallPage.objects.live().filter(locale__language_code="et")
    russian = CallPage.objects.live().filter(locale__language_code="ru")
    assert estonian.count() == russian.count() == len(demo.CALLS) >= 12
    assert {call.status for call in estonian} == set(CallStatus)
    for pair, repeated in zip(result["calls"], again["calls"], strict=True):
        assert pair["et"].pk == repeated["et"].pk
        assert pair["ru"].pk == repeated["ru"].pk
        assert pair["ru"].translation_key == pair["et"].translation_key
        assert pair["ru"].deadline == pair["et"].deadline
        assert pair["ru"].funder.locale.language_code == "ru"
        assert pair["ru"].title != pair["et"].title
    # Real wagtail-localize translations: the translator can open and sync them.
    assert Translation.objects.filter(
        source__object_id__in=[pair["et"].translation_key for pair in result["calls"]],
        target_locale__language_code="ru",
    ).count() == len(demo.CALLS)

    listing = client.get("/ru/calls/")
    assert listing.status_code == 200
    assert len(listing.context["calls"]) >= 5
    assert client.get(result["calls"][0]["ru"].url).status_code == 200
