"""The directory's relevance evaluation: fictional organisations in one or two languages
(``organisations.toml``) and queries in Russian, Estonian and English with the answers a
person expects (``queries.toml``), run through the real directory page on top of the demo
content. Shared by ``test_relevance.py`` (every query must hold) and
``bench/bench_search_quality.py`` (precision and recall at 10 per language pair)."""

import tomllib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

HERE = Path(__file__).parent
TOP = 10
NOT_IN_TOP = 3


def organisations():
    with open(HERE / "organisations.toml", "rb") as file:
        return tomllib.load(file)["organisation"]


def queries():
    with open(HERE / "queries.toml", "rb") as file:
        return tomllib.load(file)["query"]


def build(with_fields=True):
    """The demo content and the evaluation's organisations, through the real code paths
    (published revisions, the search index kept by signals). Returns ``{slug: languages}``:
    the languages each profile is written in, demo profiles included. Without
    ``with_fields`` the evaluation's organisations have no fields of activity: only their
    texts can be found (the bench compares the ways of finding word forms so)."""
    from directory import demo
    from directory.factories import OrganisationFactory, create_profile

    seeded = demo.seed()
    directories = seeded["directories"]
    languages = {data["slug"]: set(data["versions"]) for data in demo.ORGANISATIONS}
    for data in organisations():
        working = data["languages"].split()
        organisation = OrganisationFactory(
            registered_name=next(iter(data["versions"].values()))["title"],
            county=data["county"],
            town=data["town"],
            works_in_russian="ru" in working,
            works_in_estonian="et" in working,
            works_in_english="en" in working,
            fields=data["fields"] if with_fields else [],
        )
        create_profile(directories, organisation, data["versions"], slug=data["slug"])
        languages[data["slug"]] = set(data["versions"])
    return languages


def ranked_slugs(client, language, query):
    """Slugs of the organisations on the first page of results, in order."""
    response = client.get(f"/{language}/organisations/", {"q": query})
    assert response.status_code == 200, (query, response.status_code)
    page = BeautifulSoup(response.content, "html.parser")
    return [
        urlsplit(link["href"]).path.rstrip("/").rsplit("/", 1)[-1]
        for link in page.select(".directory-card h2 a")
    ]


@dataclass
class Outcome:
    query: dict
    ranked: list

    @property
    def missing(self):
        return [slug for slug in self.query["top10"] if slug not in self.ranked[:TOP]]

    @property
    def intruders(self):
        return [slug for slug in self.query.get("not_top3", []) if slug in self.ranked[:NOT_IN_TOP]]

    @property
    def holds(self):
        return not self.missing and not self.intruders


def run(client):
    return [Outcome(query, ranked_slugs(client, query["lang"], query["q"])) for query in queries()]


def _profile_languages(languages):
    return "+".join(sorted(languages))


def scores(outcomes, languages):
    """Precision and recall at 10 per language pair (query language → languages of the
    profile). Only judged organisations count for precision: an expected one on the first ten
    is right, an excluded one (``not_top3``) on the first ten is wrong; organisations the set
    says nothing about are not counted either way."""
    found = defaultdict(int)
    expected = defaultdict(int)
    wrong = defaultdict(int)
    for outcome in outcomes:
        top = outcome.ranked[:TOP]
        for slug in outcome.query["top10"]:
            pair = f"{outcome.query['lang']}→{_profile_languages(languages.get(slug, ()))}"
            expected[pair] += 1
            found[pair] += slug in top
        for slug in outcome.query.get("not_top3", []):
            if slug in top:
                pair = f"{outcome.query['lang']}→{_profile_languages(languages.get(slug, ()))}"
                wrong[pair] += 1
    rows = []
    for pair in sorted(set(expected) | set(wrong)):
        judged = found[pair] + wrong[pair]
        rows.append(
            (
                pair,
                found[pair] / judged if judged else 1.0,
                found[pair] / expected[pair] if expected[pair] else 1.0,
                expected[pair],
            )
        )
    return rows


def report(outcomes, languages):
    lines = [f"{'pair (query → profile)':26} precision@10  recall@10  expected"]
    for pair, precision, recall, count in scores(outcomes, languages):
        lines.append(f"{pair:26} {precision:12.2f} {recall:10.2f} {count:9}")
    total_expected = sum(len(o.query["top10"]) for o in outcomes)
    total_found = total_expected - sum(len(o.missing) for o in outcomes)
    held = sum(o.holds for o in outcomes)
    lines.append(
        f"all: recall@10 {total_found / total_expected:.2f}; {held} of {len(outcomes)} queries hold"
    )
    return "\n".join(lines)
