"""What the gentle question costs: working out the answer that narrows routes most, against the results it sits on.

    python scripts/benchmark_narrowing.py                    # the shipped catalogue alone
    python scripts/benchmark_narrowing.py --files var/synthetic   # with a national directory imported from these files

For profiles that skipped questions (as a person does who gets many routes), prints in the same run the median and
p95 of the results' own matching (match_offered + rank_routes, the baseline) and of `narrowing_question` over the
same routes, and their ratio. The results page works the question out once per set of answers (kept in the session),
so this is paid when answers change, not on every rerun.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT)]

from navigator.vocabulary import Project  # noqa: E402

POSTAL_CODES = ["75011", "86000", "33500", "87000", "13001", "59000", "97400"]


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=Path, help="services.json and structures.json to import first (optional)")
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    if args.files:
        import os

        from benchmark_directory import import_snapshot

        data_dir = Path(tempfile.mkdtemp(prefix="navigator-narrowing-"))
        print(f"import: {import_snapshot(args.files, data_dir):.1f} s")
        os.environ["NAVIGATOR_DATA_DIR"] = str(data_dir)
    from navigator.catalogue.loading import CATALOGUE_DIR
    from navigator.eligibility import match_offered
    from navigator.eligibility.narrowing import narrowing_question, offered_routes
    from navigator.eligibility.ranking import rank_routes
    from navigator.person.profile import Profile
    from navigator.ui.resources import build

    loaded = build(CATALOGUE_DIR)
    today = date.today()
    rng = random.Random(16)
    projects = [p.value for p in Project]
    people = [Profile()] + [
        Profile(
            projects=rng.sample(projects, rng.randint(0, 2)), **({"postal_code": rng.choice(POSTAL_CODES)} if rng.random() < 0.5 else {})
        )
        for _ in range(args.runs - 1)
    ]
    results_ms, narrowing_ms, asked = [], [], {}
    for person in people:
        started = time.perf_counter()
        curated = match_offered(person, loaded.candidates, today)
        rank_routes(person, curated, loaded.directory, today)
        results_ms.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        found = narrowing_question(person, [m.programme for m in curated], offered_routes(loaded.candidates, loaded.directory, today))
        narrowing_ms.append((time.perf_counter() - started) * 1000)
        asked[found.question if found else "nothing"] = asked.get(found.question if found else "nothing", 0) + 1
    directory = len(loaded.directory) if loaded.directory is not None else 0
    print(f"catalogue {len(loaded.catalogue.programmes)} programmes, directory {directory:,} services, {len(people)} profiles")
    for name, values in (("results (baseline)", results_ms), ("narrowing question", narrowing_ms)):
        print(f"{name:<22} p50 {statistics.median(values):8.1f} ms   p95 {p95(values):8.1f} ms")
    print(
        f"{'ratio':<22} p50 {statistics.median(narrowing_ms) / statistics.median(results_ms):8.1f} ×   p95 {p95(narrowing_ms) / p95(results_ms):8.1f} ×"
    )
    print("questions asked:", ", ".join(f"{q} {n}" for q, n in sorted(asked.items(), key=lambda kv: -kv[1])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
