"""Every query of the relevance evaluation holds on the real directory page, with the demo
content around (a real directory is never empty): the organisations a person expects are on
the first ten results, whatever language their profile is written in, and unrelated ones are
not among the first three."""

import pytest

from tests.conftest import kept_for_module

from . import evaluation

QUERIES = evaluation.queries()


@pytest.fixture(scope="module")
def evaluation_world(django_db_setup, django_db_blocker):
    yield from kept_for_module(django_db_blocker, evaluation.build)


def test_the_set_is_large_and_varied_enough():
    organisations = evaluation.organisations()
    assert len(organisations) >= 30
    assert all(len(data["versions"]) <= 2 for data in organisations)
    assert {frozenset(data["versions"]) for data in organisations} >= {
        frozenset({"ru"}),
        frozenset({"et"}),
        frozenset({"en"}),
        frozenset({"ru", "et"}),
    }
    assert len(QUERIES) >= 60
    assert {query["lang"] for query in QUERIES} == {"ru", "et", "en"}


@pytest.mark.django_db
@pytest.mark.parametrize("query", QUERIES, ids=[f"{q['lang']}:{q['q']}" for q in QUERIES])
def test_query(client, evaluation_world, query):
    ranked = evaluation.ranked_slugs(client, query["lang"], query["q"])
    outcome = evaluation.Outcome(query, ranked)
    assert not outcome.missing, f"not in the first ten: {outcome.missing}; got {ranked[:10]}"
    assert not outcome.intruders, f"among the first {evaluation.NOT_IN_TOP}: {outcome.intruders}"
