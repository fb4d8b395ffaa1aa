"""Directory search latency with 10,000 organisations.

    make bench BENCH=directory_search                      # SQLite file var/bench.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sild_bench make bench BENCH=directory_search

Creates the organisations once (bulk inserts of real pages, then the real search index),
then requests the real directory page through the WSGI application (every middleware, the
page's view and template): a query with two facets, rotating over queries in Russian, Estonian
and Latin transliteration. Prints median and 95th percentile of the whole request. "first time
each" repeats the mix with the process's remembered text matches forgotten before every
request, as for a query nobody asked since the index last changed. Set
``BENCH_ORGANISATIONS`` and ``BENCH_REQUESTS`` to change the sizes.
"""

import os
import random
import time

from bench.wsgi import measure

ORGANISATIONS = int(os.environ.get("BENCH_ORGANISATIONS", "10000"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "300"))
BENCH_CODES = 500_000

TOWNS = [
    ("Narva", "ida-viru", "Нарва"),
    ("Jõhvi", "ida-viru", "Йыхви"),
    ("Kohtla-Järve", "ida-viru", "Кохтла-Ярве"),
    ("Sillamäe", "ida-viru", "Силламяэ"),
    ("Tallinn", "harju", "Таллинн"),
    ("Maardu", "harju", "Маарду"),
    ("Keila", "harju", "Кейла"),
    ("Tartu", "tartu", "Тарту"),
    ("Elva", "tartu", "Элва"),
    ("Pärnu", "parnu", "Пярну"),
    ("Viljandi", "viljandi", "Вильянди"),
    ("Rakvere", "laane-viru", "Раквере"),
    ("Haapsalu", "laane", "Хаапсалу"),
    ("Kuressaare", "saare", "Курессааре"),
    ("Kärdla", "hiiu", "Кярдла"),
    ("Võru", "voru", "Выру"),
    ("Põlva", "polva", "Пыльва"),
    ("Valga", "valga", "Валга"),
    ("Paide", "jarva", "Пайде"),
    ("Rapla", "rapla", "Рапла"),
    ("Jõgeva", "jogeva", "Йыгева"),
]
KINDS = {
    "youth": ("Noortekeskus", "молодёжный центр", "Youth Centre"),
    "culture": ("Kultuuriselts", "культурное общество", "Cultural Society"),
    "education": ("Koolitusühing", "учебный центр", "Learning Association"),
    "social-welfare": ("Tugiühing", "общество поддержки", "Support Association"),
    "environment": ("Looduse Sõbrad", "друзья природы", "Friends of Nature"),
    "integration": ("Keeleklubi", "языковой клуб", "Language Club"),
    "health": ("Tervisekool", "школа здоровья", "Health School"),
    "sport": ("Spordiklubi", "спортивный клуб", "Sports Club"),
    "community-development": ("Kogukonnaselts", "общество жителей", "Community Society"),
    "human-rights": ("Õigusabi", "правовая помощь", "Legal Aid"),
    "media": ("Meediaklubi", "медиаклуб", "Media Club"),
    "volunteering": ("Vabatahtlikud", "волонтёры", "Volunteers"),
}
SENTENCES = {
    "et": [
        "Korraldame huviringe, koolitusi ja ühiseid üritusi kohalikele elanikele.",
        "Meie vabatahtlikud aitavad peresid, eakaid ja noori.",
        "Teeme koostööd kooli, raamatukogu ja linnavalitsusega.",
        "Igal suvel toimub laager, kuhu ootame osalejaid üle Eesti.",
        "Otsime partnereid ühisprojektideks ja kogemuste vahetamiseks.",
        "Tegutseme eesti ja vene keeles ning kutsume kõiki kaasa lööma.",
    ],
    "ru": [
        "Мы проводим кружки, обучение и совместные мероприятия для жителей.",
        "Наши волонтёры помогают семьям, пожилым людям и молодёжи.",
        "Сотрудничаем со школой, библиотекой и городской управой.",
        "Каждое лето проходит лагерь, куда приглашаем участников со всей Эстонии.",
        "Ищем партнёров для совместных проектов и обмена опытом.",
        "Работаем на эстонском и русском языках и приглашаем всех участвовать.",
    ],
    "en": [
        "We run clubs, training and joint events for local residents.",
        "Our volunteers help families, older people and the young.",
        "We work with the school, the library and the town government.",
        "Every summer we hold a camp open to people from all over Estonia.",
    ],
}
QUERIES = [
    {"q": "молодёжь", "county": "ida-viru", "language": "et"},
    {"q": "Тарту", "field": "culture", "partners": "1"},
    {"q": "noored", "county": "harju", "language": "ru"},
    {"q": "Нарва", "field": "education", "language": "et"},
    {"q": "Johvi", "field": "volunteering", "language": "ru"},
    {"q": "vabatahtlikud", "county": "tartu", "partners": "1"},
    {"q": "культурное общество", "county": "parnu", "language": "et"},
    {"q": "kogukond", "field": "environment", "county": "voru"},
]


# Words and phrases that name concepts of the vocabularies, each found in the profiles of all
# three languages ("пожилые люди" = "eakad" = "older people").
CONCEPT_QUERIES = [
    {"q": "пожилые люди", "county": "tartu"},
    {"q": "eakad", "language": "ru"},
    {"q": "older people"},
    {"q": "семьи Нарва"},
    {"q": "perede", "partners": "1"},
    {"q": "young people", "county": "harju"},
]


def specs(count, seed=20261125):
    from directory.factories import registry_code

    rng = random.Random(seed)
    kinds = list(KINDS)
    for number in range(count):
        town, county, town_ru = rng.choice(TOWNS)
        fields = rng.sample(kinds, rng.choice([1, 2, 2, 3]))
        kind_et, kind_ru, kind_en = KINDS[fields[0]]
        mode = rng.random()
        languages = ["ru"] if mode < 0.35 else ["et"] if mode < 0.7 else ["ru", "et"]
        if rng.random() < 0.15:
            languages.append("en")
        versions = {}
        for language in languages:
            title = {
                "et": f"{town} {kind_et} {number}",
                "ru": f"{kind_ru.capitalize()} {town_ru} {number}",
                "en": f"{town} {kind_en} {number}",
            }[language]
            versions[language] = {
                "title": title,
                "slug": f"org-{number}",
                "introduction": rng.choice(SENTENCES[language]),
                "description": " ".join(rng.sample(SENTENCES[language], 3)),
                "target_groups": "",
                "partner_wanted": rng.choice(SENTENCES[language]) if rng.random() < 0.3 else "",
            }
        facts = {
            "registered_name": f"MTÜ {town} {kind_et} {number}",
            # Clear of the demo organisations' codes (8001001x...).
            "registry_code": registry_code(BENCH_CODES + number),
            "county": county,
            "town": town,
            "works_in_russian": "ru" in languages or rng.random() < 0.2,
            "works_in_estonian": "et" in languages or rng.random() < 0.3,
            "works_in_english": "en" in languages,
            "looking_for_partners": rng.random() < 0.3,
            "email": f"info{number}@bench.example",
        }
        yield facts, fields, versions


def prepare():
    from django.core.management import call_command
    from django.db import connection

    from directory.demo import ensure_directory
    from directory.factories import bulk_create_organisations
    from directory.models import Organisation
    from directory.vocabularies import ensure_vocabularies
    from home.demo import ensure_home_pages

    call_command("migrate", verbosity=0)
    homes = ensure_home_pages()
    ensure_vocabularies()
    directories = ensure_directory(homes)
    # Only the bench's own: the demo's (seed_demo, as bench_load seeds) are left out.
    existing = Organisation.objects.filter(email__endswith="@bench.example").count()
    if existing < ORGANISATIONS:
        started = time.perf_counter()
        missing = list(specs(ORGANISATIONS))[existing:]
        bulk_create_organisations(directories, missing, batch_size=1000)
        print(f"created {len(missing)} organisations in {time.perf_counter() - started:.0f} s")
    if connection.vendor == "postgresql":
        # What autovacuum does some minutes after a bulk load: planner statistics and the
        # visibility map (index-only scans).
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    print(f"{Organisation.objects.filter(is_listed=True).count()} organisations listed")


def forget_recent_matches():
    from directory import search

    if search._table is not None:
        search._table._recent_matches.clear()


def main():
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection

    prepare()
    print(f"database: {connection.vendor}")
    handler = WSGIHandler()
    directory = "/ru/organisations/"
    runs = [
        ("query + two facets", directory, QUERIES, REQUESTS, None),
        # The same, as if every query were new to the process (each keeps its recent matches).
        ("  first time each", directory, QUERIES, REQUESTS, forget_recent_matches),
        ("query only", directory, [{"q": query["q"]} for query in QUERIES], REQUESTS // 2, None),
        (
            "concepts in three languages, first time each",
            directory,
            CONCEPT_QUERIES,
            REQUESTS // 2,
            forget_recent_matches,
        ),
        ("no query, name order", directory, [{}, {"page": "20"}, {"county": "tartu"}], 60, None),
        # The home page (foundation, with the sections of every app) through the same stack.
        ("reference: home page /ru/", "/ru/", [{}], 60, None),
    ]
    result = {"database": connection.vendor, "organisations": ORGANISATIONS, "cases": {}}
    for name, path, params_list, requests, before in runs:
        timing = measure(handler, path, params_list, requests, before=before)
        print(timing.line(name, requests))
        result["cases"][name.strip()] = {"median_ms": timing.median, "p95_ms": timing.p95}
    first = result["cases"]["query + two facets"]
    result["summary"] = {
        f"search p95 (median), {ORGANISATIONS} organisations, {connection.vendor}": (
            f"{first['p95_ms']:.1f} ms ({first['median_ms']:.1f} ms)"
        )
    }
    return result
