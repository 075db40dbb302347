"""How long loading the catalogue takes now that its translations are read from the `catalogue` gettext domain.

Prints: the first load in a process (every catalogue.po parsed by Babel), later loads (each .po read once per file
version and shared), and the desk's per-language review counts.

    python scripts/benchmark_catalogue_load.py [RUNS]
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from navigator.catalogue import translations  # noqa: E402
from navigator.catalogue.curation import translations_to_review  # noqa: E402
from navigator.catalogue.loading import load_catalogue  # noqa: E402


def timed(function) -> float:
    start = time.perf_counter()
    function()
    return (time.perf_counter() - start) * 1000


def main(runs: int) -> None:
    translations._read.cache_clear()
    first = timed(load_catalogue)
    catalogue = load_catalogue()
    later = [timed(load_catalogue) for _ in range(runs)]
    review = [timed(lambda: translations_to_review(catalogue)) for _ in range(3)]
    langs = translations.languages()
    entries = sum(len(translations.entries(lang)) for lang in langs)
    print(f"{len(catalogue)} programmes, {len(langs)} languages with a catalogue.po, {entries} entries")
    print(f"first load (every .po parsed): {first:.0f} ms")
    print(f"later loads ({runs} runs, .po cached per file version): median {statistics.median(later):.0f} ms, max {max(later):.0f} ms")
    print(f"translations to review, per language (desk): median {statistics.median(review):.0f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
