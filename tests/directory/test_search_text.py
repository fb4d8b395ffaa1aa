"""The shared text normalisation: pure functions, no database."""

import pytest

from portal.search_text import (
    Vocabulary,
    clean_query,
    document_terms,
    key,
    query_terms,
    stems,
    transliterate,
)


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Нарва", "Narva"),
        ("Тарту", "Tartu"),
        ("Йыхви", "Jõhvi"),
        ("Пярну", "Pärnu"),
        ("Таллин", "Tallinn"),
        ("Силламяэ", "Sillamäe"),
        ("Кохтла", "Kohtla"),
        ("Ярве", "Järve"),
        ("Вильянди", "Viljandi"),
        ("Выру", "Võru"),
        ("Пыльва", "Põlva"),
        ("Кейла", "Keila"),
        ("Пайде", "Paide"),
        ("Курессааре", "Kuressaare"),
        ("Отепя", "Otepää"),
        ("Тюри", "Türi"),
        ("Кярдла", "Kärdla"),
        ("Славянка", "Slavyanka"),
        ("молодёжь", "molodezh"),
    ],
)
def test_names_in_cyrillic_and_latin_share_a_key(cyrillic, latin):
    assert key(cyrillic.lower()) == key(latin.lower())


@pytest.mark.parametrize("typed", ["johvi", "JÕHVI", "Jõhvi", "johvi"])
def test_estonian_letters_are_folded(typed):
    assert key(typed.lower()) == "johvi"


def test_transliteration_keeps_estonian_letters_for_estonian_names():
    assert transliterate("Йыгева") == "jõgeva"
    assert transliterate("Narva") == "narva"


def test_russian_and_estonian_word_forms_have_common_base_forms():
    assert "молодежный" in stems("молодёжной")
    assert "noor" in stems("noortele")
    assert "tartu" in stems("tartus")
    # Parts of Estonian compounds, each a dictionary word.
    # Parts of Estonian compounds are indexed, each a dictionary word.
    assert {"parimus", "kultur"} <= set(document_terms("pärimuskultuuri"))
    assert {"norte", "nor", "keskus"} <= set(document_terms("noortekeskus"))


def test_stop_words_and_symbols_are_not_indexed():
    assert document_terms("и в на ja ning the 🤝 !!!") == set()


def test_a_query_has_one_group_of_alternatives_per_word_and_a_word_limit():
    words = query_terms("Нарва молодёжь " + " ".join(f"слово{i}" for i in range(20)))

    # "narv" (the stem) covers "narva": the longer prefix would find nothing more.
    assert words[0].prefixes == {"narv"}
    assert len(words) == 8


def test_vocabulary_finds_the_concept_from_any_language_and_word_form():
    vocabulary = Vocabulary(
        [
            ("youth", "Молодёжная работа"),
            ("youth", "молодёжь"),
            ("youth", "Noorsootöö"),
            ("youth", "noorte"),
            ("culture", "Kultuur"),
            ("disability", "puuetega inimesed"),
            ("integration", "эстонский язык"),
        ]
    )

    assert vocabulary.concepts("молодежной") == {"youth"}
    assert vocabulary.concepts("noorsootööst") == {"youth"}
    assert vocabulary.concepts("noortele") == {"youth"}
    assert vocabulary.concepts("культуры") == {"culture"}
    # Compounds are found by their parts.
    assert vocabulary.concepts("Narva noortekeskus") == {"youth"}
    assert vocabulary.concepts("pärimuskultuuri selts") == {"culture"}
    # "работа" alone names no field; a phrase needs all its words, next to each other.
    assert vocabulary.concepts("работа") == set()
    assert vocabulary.concepts("puuetega inimestele") == {"disability"}
    assert vocabulary.concepts("inimesed, kes on puuetega") == set()
    assert vocabulary.concepts("курсы эстонского языка") == {"integration"}


def test_a_phrase_of_the_vocabulary_is_one_query_word_and_a_place_stays_a_constraint():
    vocabulary = Vocabulary([("~~disability", "puuetega inimesed"), ("~youth", "молодёжь")])

    phrase = query_terms("puuetega inimesed", vocabulary)
    assert len(phrase) == 1
    assert phrase[0].taxonomy == {"~~disability"}
    mixed = query_terms("молодёжь Нарва", vocabulary)
    assert [word.taxonomy for word in mixed] == [{"~youth"}, set()]


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [("  Narva\x00 noored\n", "Narva noored"), ("a" * 500, "a" * 200), ("\t", "")],
)
def test_clean_query_keeps_its_behaviour(raw, cleaned):
    assert clean_query(raw) == cleaned
