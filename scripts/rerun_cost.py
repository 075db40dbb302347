"""What one rerun of each screen costs the server in CPU, against the floor page: the figure load depends on.

    python scripts/rerun_cost.py            # 40 reruns of each screen
    python scripts/rerun_cost.py --reruns 100

Under load the server's one core is the limit, so a tap's latency grows with the CPU each rerun takes. One session
walks the flow; on each screen it asks for `--reruns` plain reruns (what any tap on that screen costs at least) and
the server process's CPU time (user + system, /proc) is read before and after. CPU time, unlike wall time, hardly
moves when other programs share the machine. The floor page (scripts/floor_page.py) is measured the same way.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load_test import APP, FLOOR, Direct  # noqa: E402
from protocol_client import LANGUAGES, PLACES, Session, label  # noqa: E402

from navigator.presentation.labels import icon  # noqa: E402
from navigator.vocabulary import Project  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


async def cost(session: Session, pid: int, reruns: int) -> float:
    """Milliseconds of server CPU per plain rerun of the current screen."""
    await session.run()
    start = cpu_seconds(pid)
    for _ in range(reruns):
        await session.run()
    return (cpu_seconds(pid) - start) * 1000 / reruns


async def screens(url: str, pid: int, reruns: int, lang: str) -> dict[str, float]:
    found = {}
    async with Session(url) as s:
        await s.run()
        found["language"] = await cost(s, pid, reruns)
        await s.run(f"lang_{lang}")
        found["projects"] = await cost(s, pid, reruns)
        s.set("q_projects", "strings", [icon(Project.FIND_JOB) + "\u00a0" + label(Project.FIND_JOB, lang)])
        for name in ("age", "statuses", "french", "mobility", "place"):
            await s.run("nav_next")
            found[name] = await cost(s, pid, reruns)
        s.set("q_place", "string", PLACES[0])
        await s.run("nav_next")
        found["results"] = await cost(s, pid, reruns)
    return found


async def floor(url: str, pid: int, reruns: int) -> float:
    async with Session(url) as s:
        await s.run()
        await s.run("floor_a")
        return await cost(s, pid, reruns)


async def main(reruns: int, lang: str) -> None:
    app, bare = Direct(APP), Direct(FLOOR)
    try:
        await screens(app.url, app.pids()[0], 3, lang)  # warm-up: catalogue, indexes, caches
        per_screen = await screens(app.url, app.pids()[0], reruns, lang)
        await floor(bare.url, bare.pids()[0], 3)
        base = await floor(bare.url, bare.pids()[0], reruns)
    finally:
        app.stop()
        bare.stop()
    print(f"server CPU per rerun, ms ({reruns} reruns per screen, language {lang}); floor page {base:.1f} ms")
    print("| screen | app ms | × floor |")
    print("|---|---|---|")
    for name, ms in per_screen.items():
        print(f"| {name} | {ms:.1f} | {ms / base:.2f} |")
    mean = sum(per_screen.values()) / len(per_screen)
    print(f"| mean of the screens | {mean:.1f} | {mean / base:.2f} |")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reruns", type=int, default=40)
    parser.add_argument("--lang", default="en", choices=LANGUAGES)
    args = parser.parse_args()
    asyncio.run(main(min(max(5, args.reruns), 500), args.lang))
