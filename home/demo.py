"""Demo content of the foundation: locales, site, home pages, editorial pages, accounts.

Every function here is idempotent: it finds what a previous run created and brings it to the
same state instead of creating it again. Other apps' ``demo`` modules build on
``ensure_translated_page``.
"""

import json
from urllib.parse import urlsplit

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from .models import HomePage, StandardPage

SOURCE_LANGUAGE = "ru"
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]

DEMO_ACCOUNTS = [
    # (username, e-mail, password, superuser?, groups)
    ("admin", "admin@sild.example", "sild-admin-2026", True, []),
    ("editor", "editor@sild.example", "sild-editor-2026", False, ["Editors", "Moderators"]),
]

HOME_CONTENT = {
    "ru": {
        "title": "Сеть некоммерческих организаций Эстонии",
        "introduction": (
            "Финансирование, конкурсы и обучение для НКО — каждую неделю на русском языке. "
            "Находите партнёров среди эстоноязычных организаций и начинайте совместные проекты."
        ),
        "seo_title": "Sild — мост между НКО Эстонии",
        "search_description": (
            "Портал сети некоммерческих организаций Эстонии: конкурсы и гранты, еженедельный "
            "бюллетень на русском языке, каталог организаций и консультации."
        ),
    },
    "et": {
        "title": "Eesti mittetulundusühingute võrgustik",
        "introduction": (
            "Rahastusvõimalused, taotlusvoorud ja koolitused vabaühendustele. Leia partnereid "
            "vene keelt kõnelevate ühenduste seast ja alustage ühisprojekte."
        ),
        "seo_title": "Sild — sild Eesti vabaühenduste vahel",
        "search_description": (
            "Eesti vabaühenduste portaal: taotlusvoorud ja toetused, iganädalane uudiskiri, "
            "organisatsioonide kataloog ja nõustamine."
        ),
    },
    "en": {
        "title": "Network of Estonian Non-profit Organisations",
        "introduction": (
            "Funding, open calls and training for non-profits, every week in Russian and "
            "Estonian. Find partners across the language barrier and start joint projects."
        ),
        "seo_title": "Sild — a bridge between Estonia's non-profits",
        "search_description": (
            "The portal of Estonia's civil-society network: funding calls, a weekly bulletin, "
            "a directory of organisations and consultations."
        ),
    },
}

ABOUT_CONTENT = {
    "ru": {
        "title": "О сети",
        "introduction": (
            "С 2009 года мы каждую неделю рассылаем русскоязычным НКО Эстонии информацию о "
            "финансировании, конкурсах, обучении и новостях коллег."
        ),
        "body": [
            ("heading", {"text": "Зачем нужен «Силд»", "level": "h2"}),
            (
                "paragraph",
                "<p>Эстоноязычные организации уже двадцать лет получают рассылку о жизни "
                "третьего сектора. «Силд» — по-эстонски «мост» — даёт то же самое "
                "русскоязычным объединениям, активистам, в том числе людям без гражданства, "
                "и журналистам.</p><p>Мы консультируем по электронной почте и при личной "
                "встрече, изучаем потребности наших подписчиков и помогаем находить "
                "партнёров для совместных проектов.</p>",
            ),
            (
                "quote",
                {
                    "text": "Число совместных проектов русско- и эстоноязычных организаций "
                    "заметно выросло.",
                    "attribution": "Из отчёта сети",
                },
            ),
        ],
    },
    "et": {
        "title": "Võrgustikust",
        "introduction": (
            "Alates 2009. aastast saadame vene keelt kõnelevatele vabaühendustele igal nädalal "
            "teavet rahastuse, taotlusvoorude, koolituste ja kolleegide uudiste kohta."
        ),
        "body": [
            ("heading", {"text": "Miks Sild", "level": "h2"}),
            (
                "paragraph",
                "<p>Eestikeelsed ühendused on juba paarkümmend aastat saanud infolisti "
                "kolmanda sektori elust. Sild annab sama info venekeelsetele ühendustele, "
                "aktivistidele, sealhulgas määratlemata kodakondsusega inimestele, ja "
                "ajakirjanikele.</p><p>Nõustame e-posti teel ja kohtumistel, kaardistame "
                "liikmete vajadusi ja aitame leida partnereid ühisprojektideks.</p>",
            ),
            (
                "quote",
                {
                    "text": "Eesti- ja venekeelsete ühenduste ühisprojekte on märgatavalt rohkem.",
                    "attribution": "Võrgustiku aruandest",
                },
            ),
        ],
    },
    "en": {
        "title": "About the network",
        "introduction": (
            "Since 2009 we have sent Russian-speaking non-profits in Estonia weekly news of "
            "funding, open calls, training and their colleagues' work."
        ),
        "body": [
            ("heading", {"text": "Why Sild", "level": "h2"}),
            (
                "paragraph",
                "<p>Estonian-speaking organisations have had a newsletter about the third "
                "sector for twenty years. Sild, Estonian for “bridge”, gives the same to "
                "Russian-speaking associations, activists, stateless residents among them, "
                "and journalists.</p><p>We advise by e-mail and face to face, map what our "
                "subscribers need and help them find partners for joint projects.</p>",
            ),
            (
                "quote",
                {
                    "text": "Joint projects between Russian- and Estonian-speaking "
                    "organisations have clearly grown in number.",
                    "attribution": "From the network's report",
                },
            ),
        ],
    },
}

PRIVACY_CONTENT = {
    "ru": {
        "title": "Защита данных",
        "introduction": "Какие данные мы храним, зачем и как долго.",
        "body": [
            (
                "paragraph",
                "<p>Мы храним адрес электронной почты подписчика, выбранный язык и темы "
                "рассылки, пока вы не отпишетесь. Профили организаций публикуются с согласия "
                "самих организаций. Текст сообщений, отправленных через форму связи, мы не "
                "храним дольше, чем нужно для доставки.</p>",
            ),
        ],
    },
    "et": {
        "title": "Andmekaitse",
        "introduction": "Milliseid andmeid me hoiame, miks ja kui kaua.",
        "body": [
            (
                "paragraph",
                "<p>Hoiame uudiskirja tellija e-posti aadressi, valitud keelt ja teemasid "
                "seni, kuni tellimusest loobute. Organisatsioonide profiilid avaldatakse "
                "organisatsiooni enda nõusolekul. Kontaktivormi kaudu saadetud sõnumite teksti "
                "ei hoia me kauem, kui kohaletoimetamiseks vaja.</p>",
            ),
        ],
    },
    "en": {
        "title": "Data protection",
        "introduction": "What data we keep, why and for how long.",
        "body": [
            (
                "paragraph",
                "<p>We keep a subscriber's e-mail address, chosen language and topics until "
                "they unsubscribe. Organisation profiles are published with the "
                "organisation's consent. We keep the text of messages sent through the contact "
                "form no longer than it takes to deliver them.</p>",
            ),
        ],
    },
}


def ensure_locales():
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGE_CODES}


def _stream_content(stream_value):
    """A StreamField's content as stored (dates as text...) without the random block ids (of
    its blocks and of the items of list blocks inside them), for comparison."""
    stored = json.loads(json.dumps(stream_value.get_prep_value(), cls=DjangoJSONEncoder))
    return [(block["type"], _without_ids(block["value"])) for block in stored]


def _without_ids(value):
    if isinstance(value, list):
        return [_without_ids(item) for item in value]
    if isinstance(value, dict):
        return {
            key: _without_ids(item)
            for key, item in value.items()
            if not (key == "id" and "type" in value and "value" in value)
        }
    return value


def _apply(page, fields):
    """Set ``fields`` on ``page``; return whether anything actually changed."""
    changed = False
    for name, value in fields.items():
        field = page._meta.get_field(name)
        if isinstance(field, StreamField):
            wanted = _stream_content(getattr(type(page)(**{name: value}), name))
            if _stream_content(getattr(page, name)) == wanted:
                continue
        elif getattr(page, name) == value:
            continue
        setattr(page, name, value)
        changed = True
    return changed


def _publish(page, changed):
    if changed or not page.live or page.has_unpublished_changes:
        page.save_revision().publish()
    return page


def ensure_translated_page(model, parent_by_language, slug, content_by_language, **shared):
    """Make sure ``model`` with ``slug`` exists, live, under each language's parent, with that
    language's content. The first language of ``content_by_language`` is the source; the
    others are created as its translations (same translation key) so that the language
    switcher and hreflang link them. ``shared`` fields are set equally in every language."""
    languages = list(content_by_language)
    source_language = languages[0]
    source_parent = parent_by_language[source_language]
    source = model.objects.child_of(source_parent).filter(slug=slug).first()
    if source is None:
        source = model(slug=slug, **shared, **content_by_language[source_language])
        source_parent.add_child(instance=source)
        source.save_revision().publish()
    else:
        changed = _apply(source, {**shared, **content_by_language[source_language]})
        _publish(source, changed)
    pages = {source_language: source}
    locales = ensure_locales()
    for language in languages[1:]:
        translation = source.get_translation_or_none(locales[language])
        if translation is None:
            translation = source.copy_for_translation(locales[language])
        translation = translation.specific
        changed = _apply(translation, {"slug": slug, **shared, **content_by_language[language]})
        pages[language] = _publish(translation, changed)
    return pages


def translate_page(source_page, target_locale, pairs, changed=True):
    """Translate ``source_page`` as a translator does in wagtail-localize: a translation
    source, a translation, one StringTranslation per segment (``pairs`` maps a source string
    to its translation; strings not in it stay as they are), then the target saved and
    published. Returns the live translation; does nothing when ``changed`` is false and the
    translation is already live and up to date."""
    source, created = TranslationSource.get_or_create_from_instance(source_page)
    existing = source_page.get_translation_or_none(target_locale)
    if (
        existing is not None
        and not created
        and not changed
        and existing.live
        and not existing.has_unpublished_changes
    ):
        return existing.specific
    if not created:
        source.update_from_db()
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=target_locale
    )
    for segment in source.stringsegment_set.select_related("string", "context"):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=target_locale,
            context=segment.context,
            defaults={"data": pairs.get(segment.string.data, segment.string.data)},
        )
    # A draft first, published right away: publishing through save_target(publish=True) waits
    # for the transaction to commit, and seed_demo runs in one transaction.
    translation.save_target(publish=False)
    target = source_page.get_translation(target_locale)
    target.get_latest_revision().publish()
    return type(source_page).objects.get(pk=target.pk)


@transaction.atomic
def ensure_home_pages():
    locales = ensure_locales()
    # A database flushed by a test (or created without Wagtail's initial data) has no root.
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locales[SOURCE_LANGUAGE])
    )
    source_locale = locales[SOURCE_LANGUAGE]
    home = HomePage.objects.filter(depth=2, locale=source_locale).first()
    if home is None:
        # Wagtail's first migration leaves a plain "Welcome" page; Sild's tree replaces it.
        Page.objects.filter(depth=2).exclude(
            content_type__app_label="home", content_type__model="homepage"
        ).delete()
        root.refresh_from_db()
        home = HomePage(slug=f"home-{SOURCE_LANGUAGE}", **HOME_CONTENT[SOURCE_LANGUAGE])
        root.add_child(instance=home)
        home.save_revision().publish()
    else:
        _publish(home, _apply(home, HOME_CONTENT[SOURCE_LANGUAGE]))

    homes = {SOURCE_LANGUAGE: home}
    for language in LANGUAGE_CODES:
        if language == SOURCE_LANGUAGE:
            continue
        translation = home.get_translation_or_none(locales[language])
        if translation is None:
            translation = home.copy_for_translation(locales[language])
        translation = translation.specific
        changed = _apply(translation, {"slug": f"home-{language}", **HOME_CONTENT[language]})
        homes[language] = _publish(translation, changed)

    # The site answers where the admin says it lives (http://127.0.0.1:8000 for `make run`), so
    # that absolute URLs in the sitemap, feeds and e-mails point at the running portal.
    base_url = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    wanted = {
        "hostname": base_url.hostname or "localhost",
        "port": base_url.port or (443 if base_url.scheme == "https" else 80),
        "site_name": "Sild",
        "root_page_id": home.pk,
    }
    if site.pk is None or any(getattr(site, name) != value for name, value in wanted.items()):
        for name, value in wanted.items():
            setattr(site, name, value)
        site.save()
    # Read back: pages made by copy_for_translation and published here keep a stale tree path
    # and url_path in memory, and their children would not be found through them.
    fresh = HomePage.objects.in_bulk([page.pk for page in homes.values()])
    return {language: fresh[page.pk] for language, page in homes.items()}


def ensure_accounts():
    user_model = get_user_model()
    created = []
    for username, email, password, is_superuser, groups in DEMO_ACCOUNTS:
        user = user_model.objects.filter(username=username).first()
        if user is None:
            user = user_model(username=username)
            user.set_password(password)
        if user.pk is None or (user.email, user.is_staff, user.is_superuser) != (
            email,
            True,
            is_superuser,
        ):
            user.email, user.is_staff, user.is_superuser = email, True, is_superuser
            user.save()
        for group_name in groups:
            group = Group.objects.filter(name=group_name).first()
            if group is not None:
                user.groups.add(group)
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        created.append((username, email, password))
    return created


def seed():
    homes = ensure_home_pages()
    ensure_translated_page(StandardPage, homes, "about", ABOUT_CONTENT, show_in_menus=True)
    ensure_translated_page(StandardPage, homes, "privacy", PRIVACY_CONTENT)
    return {"homes": homes, "accounts": ensure_accounts()}
