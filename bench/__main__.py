"""Run Sild's benchmarks: every ``bench/bench_*.py`` module's ``main(argv)``.

    python -m bench                 # all of them
    python -m bench calls_list      # only bench/bench_calls_list.py

Benchmarks are not tests: they print figures for the notes and never assert on time.
"""

import importlib
import os
import pkgutil
import sys
from pathlib import Path


def main(argv):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.bench")
    if argv == ["search_quality"]:
        # Its expected answers assume a directory of the demo and the evaluation set only,
        # not the generated organisations of the directory_search bench.
        os.environ.setdefault(
            "DATABASE_URL",
            f"sqlite:///{Path(__file__).resolve().parents[1] / 'var' / 'bench-quality.sqlite3'}",
        )
    import django

    django.setup()
    wanted = set(argv)
    for module_info in sorted(pkgutil.iter_modules([str(Path(__file__).parent)]), key=str):
        name = module_info.name
        if not name.startswith("bench_") or (wanted and name.removeprefix("bench_") not in wanted):
            continue
        print(f"== {name}")
        importlib.import_module(f"bench.{name}").main()


if __name__ == "__main__":
    main(sys.argv[1:])
