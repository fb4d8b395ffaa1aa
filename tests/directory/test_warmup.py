"""gunicorn's master reads the search's word-form dictionaries before it forks its workers:
no worker's first directory search spends seconds reading them, or under load more than
gunicorn's 30 s timeout (bench_load found 500s there)."""

import runpy
from pathlib import Path
from urllib.parse import urlencode

import pytest
from simplemma.strategies.dictionaries import dictionary_factory

from portal import search_text

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def reads(monkeypatch):
    """The languages whose dictionary is read from disk, in order, in a process that has read
    none yet."""
    read = []
    load = dictionary_factory._load_dictionary_from_disk

    def counting(language):
        read.append(language)
        return load(language)

    monkeypatch.setattr(dictionary_factory, "_load_dictionary_from_disk", counting)
    dictionary_factory.DEFAULT_DICTIONARY_FACTORY._get_dictionary.cache_clear()
    for cached in (search_text.stems, search_text.part_keys, search_text.compound_parts):
        cached.cache_clear()
    return read


def test_workers_start_with_the_dictionaries_their_searches_need(
    reads, client, make_organisation, settings
):
    settings.SEARCH_MORPHOLOGY = "both"
    make_organisation(
        {"ru": {"title": "Нарвский молодёжный центр", "description": "Кружки для подростков."}},
        town="Narva",
    )
    runpy.run_path(str(ROOT / "gunicorn.conf.py"))["when_ready"](server=None)
    assert sorted(reads) == ["en", "et", "ru"]

    # What a worker forked from the master then does: it reads nothing more.
    reads.clear()
    for language, query in [("ru", "молодёжные центры"), ("et", "noortekeskused Narvas")]:
        response = client.get(f"/{language}/organisations/?" + urlencode({"q": query}))
        assert response.status_code == 200
    assert client.get("/en/search/?" + urlencode({"q": "youth centres"})).status_code == 200
    assert reads == []
