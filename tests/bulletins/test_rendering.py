"""The bulletin as an e-mail: rendered once per language, only the token links per reader."""

import re
from email import message_from_bytes, policy

import pytest
from django.test import override_settings

from bulletins.models import BulletinPage
from bulletins.rendering import BulletinMail, render_bulletin, version_for
from bulletins.tokens import UNSUBSCRIBE, read_token

from . import fixtures_sending
from .fixtures_sending import ESTONIAN, make_subscribers, publish_bulletin, translate

bulletin = fixtures_sending.bulletin

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.bulletins.urls")]


def parse(mail, subscriber, key="1.1"):
    raw = mail.message_bytes(subscriber.email, mail.message_id(key), mail.links_for(subscriber))
    return raw, message_from_bytes(raw, policy=policy.default)


def parts(message):
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    return text, html


def test_html_is_a_table_layout_with_inlined_css_and_absolute_links(bulletin):
    rendered = render_bulletin(bulletin)

    assert re.search(
        r"<table class=\"container\" role=\"presentation\"[^>]* width=\"600\"", rendered.html
    )
    # The CSS is inlined: the cells carry their styles themselves.
    assert re.search(r'<td class="section" style="[^"]*font-family', rendered.html)
    assert "Фонд гражданского общества открыл" in rendered.html
    assert 'href="https://kysk.ee/"' in rendered.html
    assert f'href="{bulletin.get_full_url()}"' in rendered.html  # the web version
    assert "Sild, Tallinn, Estonia" in rendered.html  # the postal address
    assert "потому что подписались на рассылку" in rendered.html  # why the reader gets it
    assert all(len(line.encode()) <= 998 for line in rendered.html.splitlines())


def test_plain_text_part_has_the_content_and_the_links(bulletin):
    rendered = render_bulletin(bulletin)

    assert "Фонд гражданского общества открыл новый конкурс <https://kysk.ee/>" in rendered.text
    assert bulletin.get_full_url() in rendered.text
    assert "Sild, Tallinn, Estonia" in rendered.text
    assert "<p>" not in rendered.text


def test_only_the_token_links_differ_between_readers(bulletin):
    first, second = make_subscribers(2)
    mail = BulletinMail(render_bulletin(bulletin))

    _raw, message_first = parse(mail, first, "7.1")
    _raw, message_second = parse(mail, second, "7.2")

    text_first, html_first = parts(message_first)
    text_second, html_second = parts(message_second)
    links_first, links_second = mail.links_for(first), mail.links_for(second)
    for name in links_first:
        assert links_first[name] in html_first and links_first[name] in text_first
        html_first = html_first.replace(links_first[name], name)
        text_first = text_first.replace(links_first[name], name)
        html_second = html_second.replace(links_second[name], name)
        text_second = text_second.replace(links_second[name], name)
    assert html_first == html_second
    assert text_first == text_second
    assert links_first["unsubscribe"] != links_second["unsubscribe"]


def test_headers_let_mail_clients_unsubscribe_with_one_click(bulletin):
    (reader,) = make_subscribers(1)
    mail = BulletinMail(render_bulletin(bulletin))

    _raw, message = parse(mail, reader, "7.42")

    unsubscribe = message["List-Unsubscribe"]
    https, mailto = re.findall(r"<([^>]+)>", unsubscribe)
    assert https.startswith("http://testserver/newsletter/unsubscribe/")
    assert mailto.startswith("mailto:sild@example.org")
    token = https.rstrip("/").rsplit("/", 1)[1]
    assert read_token(token, UNSUBSCRIBE) == reader
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["List-Id"] == "Sild <bulletin.testserver>"
    assert message["Message-ID"] == "<bulletin.7.42@testserver>"
    assert message["To"] == reader.email
    assert message["Subject"] == bulletin.title
    assert message["Date"]


def test_no_tracking_pixels_and_no_per_person_links_but_the_two_tokens(bulletin):
    readers = make_subscribers(2)
    mail = BulletinMail(render_bulletin(bulletin))
    shared = []
    for reader in readers:
        _raw, message = parse(mail, reader)
        _text, html = parts(message)
        assert "<img" not in html
        own = set(mail.links_for(reader).values())
        links = re.findall(r'href="([^"]+)"', html)
        assert own <= set(links)
        shared.append([link for link in links if link not in own])

    # Every other link is the same for everybody: the web version and the content's links.
    assert shared[0] == shared[1]
    assert shared[0] == [bulletin.get_full_url(), "https://kysk.ee/"]


def test_a_block_uses_its_email_template_when_there_is_one(bulletin, tmp_path, settings):
    folder = tmp_path / "bulletins" / "email" / "blocks"
    folder.mkdir(parents=True)
    (folder / "paragraph.html").write_text(
        '<table class="para"><tr><td>{{ value }} [{{ language }}]</td></tr></table>'
    )
    (folder / "paragraph.txt").write_text("* {{ value.source|striptags }}")
    templates = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]

    with override_settings(TEMPLATES=templates):
        rendered = render_bulletin(bulletin)

    assert '<table class="para"' in rendered.html
    assert "для молодёжных организаций Ида-Вирумаа.</p> [ru]" in " ".join(rendered.html.split())
    assert "* Обучение по написанию заявок пройдёт в Нарве 10 декабря." in rendered.text


def test_relative_links_and_images_become_absolute_and_images_keep_an_alternative(site_tree):
    page = publish_bulletin(
        site_tree["homes"]["ru"],
        content={
            "title": "Бюллетень",
            "body": [
                (
                    "paragraph",
                    '<p><a href="/ru/calls/">Все конкурсы</a></p>',
                )
            ],
        },
    )
    rendered = render_bulletin(page)

    assert 'href="http://testserver/ru/calls/"' in rendered.html
    assert "Все конкурсы <http://testserver/ru/calls/>" in rendered.text


def test_a_long_paragraph_is_folded_without_changing_the_text(site_tree, smtp_server):
    words = " ".join(["молодёжная организация"] * 200)
    page = publish_bulletin(
        site_tree["homes"]["ru"],
        content={"title": "Длинный", "body": [("paragraph", f"<p>{words}</p>")]},
    )
    (reader,) = make_subscribers(1)
    mail = BulletinMail(render_bulletin(page))

    raw, message = parse(mail, reader)

    assert all(len(line) <= 998 for line in raw.split(b"\r\n"))
    assert b"Content-Transfer-Encoding: 8bit" in raw
    _text, html = parts(message)
    assert " ".join(html.split()).count("молодёжная организация") == 200


def test_each_language_gets_its_version_and_falls_back_to_russian(bulletin, locales):
    assert version_for(bulletin, "et").pk == bulletin.pk
    estonian = translate(bulletin, locales["et"], ESTONIAN)

    assert version_for(bulletin, "et").pk == estonian.pk
    assert version_for(bulletin, "en").pk == bulletin.pk
    rendered = render_bulletin(BulletinPage.objects.get(pk=estonian.pk))
    assert rendered.language == "et"
    assert "Kodanikuühiskonna Sihtkapital avas uue taotlusvooru." in rendered.html
    assert 'lang="et"' in rendered.html
