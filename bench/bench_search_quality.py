"""Relevance of the directory search on the evaluation set (tests/directory/relevance/):
precision and recall at 10 per language pair, query language → languages of the profile.

    make bench BENCH=search_quality      # its own database, var/bench-quality.sqlite3
    BENCH_MORPHOLOGY=snowball make bench BENCH=search_quality   # Snowball stems only
    BENCH_TEXT_ONLY=1 make bench BENCH=search_quality           # no fields of activity chosen

Builds the demo content and the evaluation's organisations inside a transaction that is rolled
back at the end (the database is left as it was), then asks every query of the set through
the real directory page. Prints the queries that do not hold, then the table. The expected
answers assume a directory of the demo and the set only: use a database without the
directory_search bench's generated organisations (it refuses one that has them).
"""

import os

from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import Client


def main():
    from directory.models import Organisation
    from tests.directory.relevance import evaluation

    call_command("migrate", verbosity=0)
    if Organisation.objects.filter(email__endswith="@bench.example").exists():
        print(
            "This database holds the directory_search bench's organisations: run with "
            "DATABASE_URL=sqlite:///var/bench-quality.sqlite3"
        )
        return
    text_only = os.environ.get("BENCH_TEXT_ONLY") == "1"
    print(f"morphology: {settings.SEARCH_MORPHOLOGY}; fields of activity: {not text_only}")
    with transaction.atomic():
        languages = evaluation.build(with_fields=not text_only)
        outcomes = evaluation.run(Client())
        for outcome in outcomes:
            if not outcome.holds:
                query = outcome.query
                print(
                    f"  {query['lang']}: {query['q']!r}: missing {outcome.missing}, "
                    f"too high {outcome.intruders}"
                )
        print(evaluation.report(outcomes, languages))
        transaction.set_rollback(True)
