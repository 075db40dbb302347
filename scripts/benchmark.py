"""Benchmark search and matching on synthetic catalogues of 1k, 10k and 100k programmes.

    python scripts/benchmark.py            # all sizes
    python scripts/benchmark.py 1000 10000 # some sizes

Synthetic programmes are copies of the real entries with a new id, a name with
a numbered suffix and random words, and — like a national directory, where
most services are local — a zone moved to a random département or
intercommunality (2% stay national). Prints a table: build time of the search
index and of both indexes (search, and matching's candidate index), their
memory, p50/p95 latency of `search` and of matching (`match_offered`), and a
plain difflib search over names as a baseline, with the ratio.
"""

from __future__ import annotations

import difflib
import gc
import os
import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from navigator.catalogue.loading import load_catalogue  # noqa: E402
from navigator.eligibility import CandidateIndex, match_offered  # noqa: E402
from navigator.indexing.programme_table import Shapes  # noqa: E402
from navigator.person.places import _communes_by_postal_code, departement_names  # noqa: E402
from navigator.person.profile import Profile  # noqa: E402
from navigator.search.index import SearchIndex  # noqa: E402
from navigator.text import fold  # noqa: E402

QUERIES = [
    "cours de francais",
    "prepa comp",
    "permis libourne",
    "créer ma boîte",
    "alternance",
    "FLE",
    "apprentisage",
    "refugie",
    "RSA",
    "poitier",
    "ecole de la vigne",
    "learn french",
    "vélo",
    "mission locale",
    "cooperative",
    "seniors bordeaux",
    "décrocheur",
    "fablab niort",
    "تعلم الفرنسية",
    "xqzwv",
]
PROFILES = [
    Profile(projects=["learn_french"], postal_code="86000", age=28, statuses=["refugee"]),
    Profile(projects=["mobility", "find_job"], postal_code="33500", statuses=["rsa"]),
    Profile(projects=["apprenticeship"], age=17, postal_code="86280"),
    Profile(projects=["create_business"], postal_code="17000", qpv=True),
    Profile(projects=["find_job"], age=52, postal_code="33000"),
    Profile(projects=["training", "discover_trades"], postal_code="87000"),
]
WORDS = "atelier parcours emploi jeunes solidaire insertion numerique quartier avenir metiers".split()


def synthetic(real, size: int, seed: int = 7):
    rng = random.Random(seed)
    departements = sorted(departement_names())
    epcis = sorted({c.epci for cs in _communes_by_postal_code().values() for c in cs if c.epci})
    out = []
    for i in range(size):
        base = real[i % len(real)]
        roll = rng.random()
        if roll < 0.02:
            zone = {"name": "France", "france": True}
        elif roll < 0.6:
            code = rng.choice(departements)
            zone = {"name": f"Département {code}", "departements": [code]}
        else:
            zone = {"name": f"Interco {i}", "epcis": [rng.choice(epcis)]}
        # Names differ in French and English (a directory's own languages); other translations are shared.
        name = base.name | {k: f"{base.name[k]} {i} {rng.choice(WORDS)}" for k in ("fr", "en") if k in base.name}
        out.append(base.model_copy(update={"id": f"{base.id}-{i}", "name": name, "zone": base.zone.model_validate(zone)}))
    return out


def rss_mb() -> float:
    """Resident memory of this process, from /proc (Linux)."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p50 = statistics.median(ordered)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return p50 * 1000, p95 * 1000


def timed(fn, args_list, repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        for args in args_list:
            start = time.perf_counter()
            fn(*args)
            samples.append(time.perf_counter() - start)
    return samples


def main(sizes: list[int]) -> None:
    real = load_catalogue().programmes
    today = date.today()
    print(
        f"{len(real)} real programmes; {len(QUERIES)} queries, {len(PROFILES)} profiles; machine: {sys.platform}, Python {sys.version.split()[0]}"
    )
    header = "| programmes | search index build s | both indexes build s | indexes RSS MB | search p50 ms | search p95 ms | match p50 ms | match p95 ms | difflib p50 ms | difflib p95 ms | difflib/search p95 |"
    print(header)
    # The process's one-time costs (imports made on first use, the geography tables) are paid here, not in the first row.
    SearchIndex(real).search("warm up")
    match_offered(PROFILES[0], CandidateIndex(real), today)
    print("|" + "|".join("---" for _ in range(header.count("|") - 1)) + "|")
    for size in sizes:
        programmes = synthetic(real, size)
        gc.collect()
        before = rss_mb()
        start = time.perf_counter()
        shapes = Shapes(programmes)
        index = SearchIndex(programmes, shapes)
        search_build = time.perf_counter() - start
        candidates = CandidateIndex(programmes, shapes)
        build = time.perf_counter() - start
        gc.collect()
        memory = rss_mb() - before
        index.search("warm up")
        search = percentiles(timed(index.search, [(q,) for q in QUERIES], repeat=3))
        matching = percentiles(timed(lambda p, c=candidates: match_offered(p, c, today), [(p,) for p in PROFILES], repeat=3))
        names = [fold(p.name["fr"]) for p in programmes]
        baseline_queries = QUERIES if size <= 10_000 else QUERIES[:5]
        baseline = percentiles(
            timed(
                lambda q, pool=names: difflib.get_close_matches(fold(q), pool, n=10, cutoff=0.5), [(q,) for q in baseline_queries], repeat=1
            )
        )
        print(
            f"| {size:,} | {search_build:.2f} | {build:.2f} | {memory:.0f} | {search[0]:.1f} | {search[1]:.1f} | {matching[0]:.1f} | {matching[1]:.1f} "
            f"| {baseline[0]:.0f} | {baseline[1]:.0f} | {baseline[1] / max(search[1], 1e-6):.0f}× |"
        )
        gc.collect()


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1_000, 10_000, 100_000])
