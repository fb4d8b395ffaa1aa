"""Run Sild's benchmarks: every ``bench/bench_*.py`` module's ``main(argv)``.

    python -m bench                 # all of them
    python -m bench calls_list      # only bench/bench_calls_list.py

Benchmarks are not tests: they print figures for the notes and never assert on time. Each
module's ``main()`` returns a dict of its figures, written to ``var/bench/<name>-<time>.json``;
the figures under its ``"summary"`` key end the run in one table.
"""

import importlib
import json
import os
import pkgutil
import sys
import time
from pathlib import Path

OUTPUT = Path(__file__).resolve().parents[1] / "var" / "bench"


def _summary(results):
    rows = [
        (name, label, value)
        for name, result in results.items()
        for label, value in (result or {}).get("summary", {}).items()
    ]
    if not rows:
        return
    load = ", ".join(f"{figure:.2f}" for figure in os.getloadavg())
    print(f"\n== summary (load average {load})")
    width = max(len(label) for _, label, _ in rows)
    for name, label, value in rows:
        print(f"{name:18} {label:{width}}  {value}")


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
    OUTPUT.mkdir(parents=True, exist_ok=True)
    results = {}
    for module_info in sorted(pkgutil.iter_modules([str(Path(__file__).parent)]), key=str):
        name = module_info.name
        if not name.startswith("bench_") or (wanted and name.removeprefix("bench_") not in wanted):
            continue
        print(f"== {name}", flush=True)
        started = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
        result = importlib.import_module(f"bench.{name}").main() or {}
        results[name.removeprefix("bench_")] = result
        result = {"load_average": os.getloadavg(), **result}
        path = OUTPUT / f"{name.removeprefix('bench_')}-{started}.json"
        path.write_text(json.dumps(result, indent=2, ensure_ascii=False, default=str) + "\n")
        print(f"   figures written to {path.relative_to(OUTPUT.parents[1])}", flush=True)
    _summary(results)


if __name__ == "__main__":
    main(sys.argv[1:])
