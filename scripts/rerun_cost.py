"""What one rerun of each screen costs the server in CPU, against the floor page: the figure load depends on.

    python scripts/rerun_cost.py            # 40 reruns of each screen
    python scripts/rerun_cost.py --reruns 100
    python scripts/rerun_cost.py --profile    # also py-spy on each screen's reruns: where in the UI's code they go

With --app, another checkout's entry script is measured beside this one's, in the same run (before/after a change):

    python scripts/rerun_cost.py --app /tmp/navigator-main/navigator_server.py --app navigator_server.py

Under load the server's one core is the limit, so a tap's latency grows with the CPU each rerun takes. One session
walks the flow; on each screen it asks for `--reruns` reruns as a tap there would cause them, with no change (what any
tap on that screen costs at least: the screen's fragment alone where it is one, else the whole page), and
the server process's CPU time (user + system, /proc) is read before and after. CPU time, unlike wall time, hardly
moves when other programs share the machine. The floor page (scripts/floor_page.py) is measured the same way: once
before and once after all the apps (the first table), and right before and after each screen (the second table; the
machine's speed drifts over the minutes of a run, by ±10 % here, and a ratio to a floor measured seconds away does not).
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load_test import APP, FLOOR, Direct, cpu_seconds  # noqa: E402
from protocol_client import LANGUAGES, PLACES, Session, choose_project  # noqa: E402

from navigator.ui.resources import WARM_UP_AFTER  # noqa: E402
from navigator.vocabulary import Project  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
#: A frame of our own code in py-spy's raw format: "function (navigator/ui/flow.py:106)".
OURS = re.compile(r"\((?:.*/)?(navigator/[^():]+:\d+)\)$")


#: With --profile: py-spy's raw stacks of each screen's reruns, by screen name.
PROFILES: dict[str, Path] = {}


#: The floor page's session and process, measured right before and after each screen (`cost`), and those figures.
BESIDE: dict[str, tuple[Session, int]] = {}
ADJACENT: dict[str, float] = {}


async def cost(session: Session, pid: int, reruns: int, name: str = "", profile: Path | None = None, tap: str | None = None) -> float:
    """Milliseconds of server CPU per rerun of the current screen, the rerun a change of widget `tap` causes (the
    screen's fragment only, where it has one; else the whole page), recorded by py-spy into `profile`/`name`. With a
    floor session in BESIDE, the floor page's own cost is measured right before and after (half as many reruns each),
    into ADJACENT[name]: a ratio the machine's drift over the minutes of a run does not move."""
    if name and "floor" in BESIDE:
        floor_session, floor_pid = BESIDE["floor"]
        before = await cost(floor_session, floor_pid, max(5, reruns // 2))
    await session.run(scope=tap)
    spy = None
    if profile is not None and name:
        PROFILES[name] = raw = profile / f"{name}.txt"
        spy = subprocess.Popen(
            [shutil.which("py-spy") or "py-spy", "record", "--pid", str(pid), "--format", "raw", "--output", str(raw)]
            + ["--rate", "500", "--nonblocking", "--gil"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(1)
    start = cpu_seconds(pid)
    for _ in range(reruns):
        await session.run(scope=tap)
    spent = (cpu_seconds(pid) - start) * 1000 / reruns
    if spy is not None:
        spy.send_signal(signal.SIGINT)
        spy.wait(timeout=30)
    if name and "floor" in BESIDE:
        ADJACENT[name] = (before + await cost(floor_session, floor_pid, max(5, reruns // 2))) / 2
    return spent


def settle(pid: int, started: float, timeout: float = 30.0) -> None:
    """Wait until the server (started at monotonic time `started`) spends no CPU of its own for a second: the search
    indexes it builds in the background a little after loading (resources.WARM_UP_AFTER) would otherwise be counted
    as the screen's work."""
    time.sleep(max(0.0, started + WARM_UP_AFTER + 3 - time.monotonic()))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        start = cpu_seconds(pid)
        time.sleep(1.0)
        if cpu_seconds(pid) - start < 0.01:
            return


def call_sites(raw: Path, top: int) -> list[tuple[float, str]]:
    """The lines of navigator/ that hold the most samples, inclusive, as shares of the samples inside script runs."""
    inclusive: collections.Counter = collections.Counter()
    total = 0
    for line in raw.read_text().splitlines() if raw.exists() else []:
        stack, _, count = line.rpartition(" ")
        if not count.isdigit() or "code_to_exec" not in stack:  # a script run, of the whole page or a fragment
            continue
        total += int(count)
        for site in {m.group(1) for f in stack.split(";") if (m := OURS.search(f))}:
            inclusive[site] += int(count)
    return [(100 * n / max(total, 1), site) for site, n in inclusive.most_common(top)]


async def screens(url: str, pid: int, reruns: int, lang: str, profile: Path | None = None) -> dict[str, float]:
    found = {}
    async with Session(url) as s:
        await s.run()
        found["language"] = await cost(s, pid, reruns, "language", profile)
        await s.run(f"lang_{lang}")
        found["projects"] = await cost(s, pid, reruns, "projects", profile, "nav_next")
        choose_project(s, Project.FIND_JOB, lang)
        for name in ("age", "statuses", "french", "mobility", "place"):
            await s.run("nav_next")
            found[name] = await cost(s, pid, reruns, name, profile, "nav_next")
        s.set("q_place", "string", PLACES[0])
        await s.run("nav_next")
        found["results"] = await cost(s, pid, reruns, "results", profile, "results_back")
    return found


async def floor(url: str, pid: int, reruns: int) -> float:
    async with Session(url) as s:
        await s.run()
        await s.run("floor_a")
        return await cost(s, pid, reruns)


async def main(args) -> None:
    bare = Direct(FLOOR)
    per_app: dict[str, dict[str, float]] = {}
    adjacent: dict[str, dict[str, float]] = {}  # each screen's floor, measured right before and after it
    profile = None
    if args.profile:
        profile = ROOT / "var" / "profile" / f"reruns-{time.strftime('%Y%m%d-%H%M%S')}"
        profile.mkdir(parents=True, exist_ok=True)
    try:
        await floor(bare.url, bare.pids()[0], 3)
        base = await floor(bare.url, bare.pids()[0], args.reruns)
        for script in args.app:
            app, started = Direct(script), time.monotonic()
            try:
                await screens(app.url, app.pids()[0], 3, args.lang)  # warm-up: catalogue, indexes, caches
                settle(app.pids()[0], started)
                async with Session(bare.url) as beside:  # the floor measured right before and after each screen
                    await beside.run()
                    await beside.run("floor_a")
                    BESIDE["floor"] = (beside, bare.pids()[0])
                    per_app[str(script)] = await screens(app.url, app.pids()[0], args.reruns, args.lang, profile)
                    del BESIDE["floor"]
                adjacent[str(script)] = dict(ADJACENT)
            finally:
                app.stop()
        base = (base + await floor(bare.url, bare.pids()[0], args.reruns)) / 2  # the floor before and after the apps
    finally:
        bare.stop()
    print(f"server CPU per rerun, ms ({args.reruns} reruns per screen, language {args.lang}); floor page {base:.1f} ms")
    names = list(per_app)
    print("| screen | " + " | ".join(f"{n} ms | × floor" for n in names) + " |")
    print("|---|" + "---|---|" * len(names))
    for screen in next(iter(per_app.values())):
        print(f"| {screen} | " + " | ".join(f"{per_app[n][screen]:.1f} | {per_app[n][screen] / base:.2f}" for n in names) + " |")
    means = [sum(per_app[n].values()) / len(per_app[n]) for n in names]
    print("| mean of the screens | " + " | ".join(f"{m:.1f} | {m / base:.2f}" for m in means) + " |")
    print("\nthe same against the floor page measured right before and after each screen (half as many reruns each):")
    print("| screen | " + " | ".join(f"{n} ms | floor beside ms | × floor beside" for n in names) + " |")
    print("|---|" + "---|---|---|" * len(names))
    for screen in next(iter(per_app.values())):
        cells = [f"{per_app[n][screen]:.1f} | {adjacent[n][screen]:.1f} | {per_app[n][screen] / adjacent[n][screen]:.2f}" for n in names]
        print(f"| {screen} | " + " | ".join(cells) + " |")
    ratios = [sum(per_app[n][k] / adjacent[n][k] for k in per_app[n]) / len(per_app[n]) for n in names]
    print("| mean ratio of the screens | " + " | ".join(f" | | {r:.2f}" for r in ratios) + " |")
    for screen, raw in PROFILES.items():  # the last app's profile
        print(f"\n{screen}: navigator lines holding the most of a rerun (py-spy, inclusive; {raw})")
        for share, site in call_sites(raw, args.top):
            print(f"  {share:5.1f}%  {site}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reruns", type=int, default=40)
    parser.add_argument("--lang", default="en", choices=LANGUAGES)
    parser.add_argument("--app", type=Path, action="append", help="an entry script to measure (repeatable); default navigator_server.py")
    parser.add_argument("--profile", action="store_true", help="record each screen's reruns with py-spy (needs py-spy and ptrace rights)")
    parser.add_argument("--top", type=int, default=15, help="with --profile: lines shown per screen")
    args = parser.parse_args()
    args.reruns = min(max(5, args.reruns), 500)
    args.app = [path.resolve() for path in args.app or [APP]]
    asyncio.run(main(args))
