"""``manage.py import_subscribers FILE.csv``: the existing list comes over as confirmed
subscribers with their consent source; a second run changes nothing; bad rows are reported as
``line N: column: reason`` and skipped, the rest imported."""

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bulletins.models import Subscriber, Topic

from . import fixtures_subscribers as fixtures

make_subscriber = fixtures.make_subscriber

pytestmark = pytest.mark.django_db

TALLINN = ZoneInfo("Europe/Tallinn")


def run(tmp_path, text, name="list.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    out, err = io.StringIO(), io.StringIO()
    call_command("import_subscribers", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def state():
    return sorted(
        Subscriber.objects.values_list(
            "email",
            "language",
            "topics",
            "kind",
            "status",
            "confirmed_at",
            "consented_at",
            "consent_source",
        )
    )


def test_imports_confirmed_subscribers_with_their_consent_source(tmp_path):
    out, err = run(
        tmp_path,
        "\ufeffemail;language;topics;kind;consent_source;consented_at\n"
        " Irina.Petrova@NGO-Narva.example ;RU;calls, trainings;organisation;old list;2019-09-02\n"
        "anna@tartu.example;et;network;Person;;2023-02-01T09:30:00+02:00\n"
        "john@partners.example;;;;;\n",
    )

    assert err == ""
    assert "Imported 3 subscribers" in out
    irina, anna, john = (
        Subscriber.objects.get(email=email)
        for email in (
            "irina.petrova@ngo-narva.example",
            "anna@tartu.example",
            "john@partners.example",
        )
    )
    assert {s.status for s in (irina, anna, john)} == {Subscriber.Status.CONFIRMED}
    assert (irina.language, irina.topics, irina.kind) == (
        "ru",
        ["calls", "trainings"],
        "organisation",
    )
    assert irina.consent_source == "old list"
    assert irina.consented_at == datetime(2019, 9, 2, tzinfo=TALLINN)
    assert irina.confirmed_at == irina.consented_at
    assert (anna.language, anna.kind) == ("et", "person")
    assert anna.consented_at == datetime.fromisoformat("2023-02-01T09:30:00+02:00")
    assert anna.consent_source == "import from list.csv"
    # Empty columns: Russian, every topic, "other", the moment of the import.
    assert (john.language, john.topics, john.kind) == ("ru", list(Topic.values), "other")
    assert john.consented_at is None
    assert john.confirmed_at is not None


def test_a_second_run_changes_nothing(tmp_path):
    text = (
        "email,language,topics\n"
        "irina@ngo.example,ru,calls\n"
        "anna@ngo.example,et,network organisations\n"
    )
    run(tmp_path, text)
    before = state()

    out, err = run(tmp_path, text)

    assert state() == before
    assert "Imported 0 subscribers; 2 already on the list" in out
    assert err == ""


def test_addresses_already_on_the_list_are_left_as_they_are(tmp_path, make_subscriber):
    make_subscriber("left@ngo.example", status=Subscriber.Status.UNSUBSCRIBED)
    make_subscriber("changed@ngo.example", language="en", topics=["network"])
    before = state()

    run(
        tmp_path, "email,language,topics\nLEFT@ngo.example,ru,calls\nchanged@ngo.example,ru,calls\n"
    )

    # Nobody who left comes back through an old list, and nobody's choices are overwritten.
    assert state() == before


def test_bad_rows_are_reported_with_line_and_column_and_the_rest_imported(tmp_path):
    out, err = run(
        tmp_path,
        "email,language,topics,kind,consent_source,consented_at\n"
        "good1@ngo.example,ru,calls,,,\n"
        ",ru,calls,,,\n"
        "not-an-address,ru,calls,,,\n"
        "good2@ngo.example,de,calls,,,\n"
        "good3@ngo.example,ru,calls sports,,,\n"
        "good4@ngo.example,ru,calls,robot,,\n"
        "good5@ngo.example,ru,calls,,,yesterday\n"
        "good6@ngo.example,ru,calls,,,2999-01-01\n"
        "GOOD1@ngo.example,et,,,,\n"
        f"good7@ngo.example,ru,calls,,{'x' * 201},\n"
        "good8@ngo.example,en,organisations,journalist,,2020-05-01 12:00\n",
    )

    assert err.splitlines() == [
        "line 3: email: required",
        "line 4: email: “not-an-address” is not an e-mail address",
        "line 5: language: “de” is not one of ru, et, en",
        "line 6: topics: unknown sports (known: calls, trainings, network, organisations)",
        "line 7: kind: “robot” is not one of organisation, person, journalist, other",
        "line 8: consented_at: “yesterday” is not a date (e.g. 2021-03-15)",
        "line 9: consented_at: “2999-01-01” is in the future",
        "line 10: email: good1@ngo.example is already on line 2",
        "line 11: consent_source: longer than 200 characters",
    ]
    assert "Imported 2 subscribers; 0 already on the list were left as they are; 9 rows" in out
    assert sorted(Subscriber.objects.values_list("email", flat=True)) == [
        "good1@ngo.example",
        "good8@ngo.example",
    ]


def test_columns_we_do_not_keep_are_ignored_and_said_so(tmp_path):
    out, _err = run(tmp_path, "email,citizenship,name\nirina@ngo.example,none,Irina\n")

    assert "Ignored columns (not imported): citizenship, name" in out
    assert Subscriber.objects.get().email == "irina@ngo.example"


@pytest.mark.parametrize(
    ("text", "encoding", "message"),
    [
        ("address,language\nirina@ngo.example,ru\n", "utf-8", "Missing column: email"),
        ("email\nirina@ngö.example\n", "latin-1", "is not UTF-8 text"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_whole(tmp_path, text, encoding, message):
    with pytest.raises(CommandError, match=message):
        run(tmp_path, text, encoding=encoding)

    assert Subscriber.objects.count() == 0


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_subscribers", str(tmp_path / "nothing.csv"))


def test_a_list_of_more_than_a_thousand_is_written_in_batches(tmp_path):
    rows = "".join(f"person{number}@ngo.example,ru,calls\n" for number in range(1200))

    with CaptureQueriesContext(connection) as queries:
        out, _err = run(tmp_path, "email,language,topics\n" + rows)

    assert "Imported 1200 subscribers" in out
    assert Subscriber.objects.filter(status="confirmed").count() == 1200
    # Rows are written in batches (SQLite takes some 70 per INSERT), not one by one.
    assert len(queries) <= 30


def test_the_demo_subscribers_come_through_the_importer_once():
    from bulletins import demo_subscribers

    demo_subscribers.seed()
    first = state()
    demo_subscribers.seed()

    assert state() == first
    assert 3 <= len(first) <= 10
    assert {row[4] for row in first} == {"confirmed"}
    assert {row[1] for row in first} == {"ru", "et", "en"}
