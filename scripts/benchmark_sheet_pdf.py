"""What the PDF sheet costs to make: five routes in several languages, the HTML sheet as the baseline measured in the
same run (this machine is shared: compare ratios), the PDF cold and from the per-process cache.

    python scripts/benchmark_sheet_pdf.py            # fr ar ti ur bn, 3 rounds
    python scripts/benchmark_sheet_pdf.py --rounds 5 uk fa
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import date
from functools import partial
from io import BytesIO

from pypdf import PdfReader

from navigator.catalogue.loading import load_catalogue
from navigator.presentation import sheet_pdf as module
from navigator.presentation.sheet import share_query, sheet_html

FIVE = ("afpa-hope", "collectif-alpha-poitiers", "france-travail", "infolang-poitiers", "mission-locale")
TODAY = date(2026, 12, 1)


def timed(function) -> tuple[float, object]:
    start = time.perf_counter()
    value = function()
    return (time.perf_counter() - start) * 1000, value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("langs", nargs="*", default=["fr", "ar", "ti", "ur", "bn"])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    catalogue = load_catalogue()
    five = [catalogue.get(i) for i in FIVE]
    timed(lambda: module.sheet_pdf(five[:1], "fr", TODAY, "warm-up"))  # WeasyPrint's import and first fonts
    print("lang | HTML ms (baseline) | PDF cold ms | × HTML | PDF cached ms | pages | KB")
    for lang in args.langs:
        link = "https://navigateur.example.org/?" + share_query(list(FIVE), lang)
        html_ms, cold_ms, cached_ms = [], [], []
        for _ in range(args.rounds):
            html_ms.append(timed(partial(sheet_html, five, lang, TODAY, "Mes routes", link))[0])
            module._cache.clear()
            ms, pdf = timed(partial(module.sheet_pdf, five, lang, TODAY, "Mes routes", link))
            cold_ms.append(ms)
            cached_ms.append(timed(partial(module.sheet_pdf, five, lang, TODAY, "Mes routes", link))[0])
        pages = len(PdfReader(BytesIO(pdf)).pages)
        html, cold = statistics.median(html_ms), statistics.median(cold_ms)
        print(f"{lang} | {html:.1f} | {cold:.0f} | {cold / html:.0f}× | {statistics.median(cached_ms):.3f} | {pages} | {len(pdf) // 1024}")


if __name__ == "__main__":
    main()
