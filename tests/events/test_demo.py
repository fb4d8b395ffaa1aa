import pytest
from django.utils import timezone
from wagtail.models import Revision
from wagtail_localize.models import Translation

from directory import demo as directory_demo
from events import demo
from events.models import EventPage

pytestmark = pytest.mark.django_db


def test_demo_has_a_dozen_events_in_estonian_and_russian_some_online_some_past(client, site_tree):
    directory_demo.seed()  # the organisers that are in the directory
    result = demo.seed()
    revisions = Revision.objects.count()
    again = demo.seed()  # idempotent

    assert Revision.objects.count() == revisions
    estonian = EventPage.objects.live().filter(locale__language_code="et")
    russian = EventPage.objects.live().filter(locale__language_code="ru")
    assert estonian.count() == russian.count() == len(demo.load()["event"]) >= 12
    now = timezone.now()
    assert estonian.past(now).count() >= 3
    assert estonian.upcoming(now).count() >= 6
    assert estonian.filter(attendance="online").count() >= 3
    assert estonian.filter(organisation__isnull=False).count() >= 5
    for pair, repeated in zip(result["events"], again["events"], strict=True):
        assert (pair["et"].pk, pair["ru"].pk) == (repeated["et"].pk, repeated["ru"].pk)
        assert pair["ru"].translation_key == pair["et"].translation_key
        assert pair["ru"].starts_at == pair["et"].starts_at
        assert pair["ru"].title != pair["et"].title
    assert Translation.objects.filter(
        source__object_id__in=[pair["et"].translation_key for pair in result["events"]],
        target_locale__language_code="ru",
    ).count() == len(result["events"])

    assert len(client.get("/ru/events/").context["events"]) >= 6
    assert client.get(result["events"][0]["ru"].url).status_code == 200
