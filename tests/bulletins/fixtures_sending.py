"""Bulletins and subscribers to send to, built directly (the editor's and subscribers' own
flows are tested elsewhere)."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model

from bulletins.models import BulletinIndexPage, BulletinPage, Subscriber

RUSSIAN = {
    "title": "Бюллетень №12: гранты на декабрь",
    "introduction": "Конкурсы, обучение и новости сети за неделю.",
    "body": [
        (
            "paragraph",
            '<p>Фонд гражданского общества открыл <a href="https://kysk.ee/">новый конкурс</a> '
            "для молодёжных организаций Ида-Вирумаа.</p>",
        ),
        ("paragraph", "<p>Обучение по написанию заявок пройдёт в Нарве 10 декабря.</p>"),
    ],
}
ESTONIAN = {
    "title": "Infokiri nr 12: detsembri toetused",
    "introduction": "Taotlusvoorud, koolitused ja võrgustiku uudised.",
    "body": [("paragraph", "<p>Kodanikuühiskonna Sihtkapital avas uue taotlusvooru.</p>")],
}


def bulletin_index(home):
    index = BulletinIndexPage.objects.child_of(home).first()
    if index is None:
        index = BulletinIndexPage(title="Bulletins", slug="bulletins")
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def publish_bulletin(home, *, number=12, slug="issue-12", content=RUSSIAN):
    page = BulletinPage(slug=slug, issue_number=number, issue_date=date(2026, 12, 1), **content)
    bulletin_index(home).add_child(instance=page)
    page.save_revision().publish()
    return page


def translate(page, locale, content):
    """An independent translation (not synchronised by wagtail-localize), published."""
    translation = page.copy_for_translation(locale, copy_parents=True)
    parent = translation.get_parent().specific
    if not parent.live:
        parent.save_revision().publish()
    translation = BulletinPage.objects.get(pk=translation.pk)
    for name, value in content.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return BulletinPage.objects.get(pk=translation.pk)


def make_subscribers(
    count, *, language="ru", topics=(), status=Subscriber.Status.CONFIRMED, prefix="reader"
):
    Subscriber.objects.bulk_create(
        Subscriber(
            email=f"{prefix}{number}.{language}@example.org",
            language=language,
            topics=list(topics),
            status=status,
        )
        for number in range(count)
    )
    return list(
        Subscriber.objects.filter(email__startswith=prefix, language=language).order_by("pk")
    )


@pytest.fixture
def bulletin(site_tree):
    return publish_bulletin(site_tree["homes"]["ru"])


@pytest.fixture
def editor(site_tree):
    return get_user_model().objects.get(username="editor")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client
