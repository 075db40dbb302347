"""Load test: many concurrent sessions through the whole flow, against freshly started servers; prints tables.

    python scripts/load_test.py                                   # one process: 50 sessions, burst and people's pace, against the floor page
    python scripts/load_test.py --sessions 50 --sessions 100 --runs 2
    python scripts/load_test.py --processes 1 --processes 2       # through nginx (scripts/serve.sh N)
    python scripts/load_test.py --processes 2 --stop-one 5        # one process killed 5 s into each level
    python scripts/load_test.py --pace burst --by-step            # burst only; p95 per screen
    python scripts/load_test.py --stagger 10                      # also with the sessions' starts spread over 10 s
    python scripts/load_test.py --sessions 5 --pace people --soak-minutes 30

Each session speaks Streamlit's own websocket protocol (scripts/protocol_client.py), as a browser would: it opens the
page (taking the proxy's sticky cookie, when there is a proxy), connects, picks a language, answers every question
and reaches the results — 9 interactions, each timed from the message the browser would send to the server's
`script_finished`. "burst": every session taps as fast as the server answers; "people": 1 to 3 s between taps.

In lockstep (the main figure) every session starts at once and goes through the same steps together, so in a burst
they all reach the heaviest screens (place typed, results) at the same moment and each of those taps waits for all the
others' heavy taps: the p95 is the heaviest steps', where the floor's steps all cost the same. With --stagger the
starts are spread, each session goes through flows back to back, and only the taps of a window in which every session
is under way are counted: the same number of sessions at once, on a mix of steps, as visitors who did not all arrive
in the same second.

The app is started as production starts it (navigator_server.py: Streamlit's ASGI mode behind the guard of
navigator/ui/server.py). The floor page (scripts/floor_page.py, an empty Streamlit page with two buttons) is started the
same way (scripts/floor_server.py, the same guard) and tapped 9 times per session in the same run: the ratio app p95 / floor p95 is what the app costs beyond the framework.

With --stop-one, app process 1 is killed (SIGKILL) mid-level; its sessions' websockets drop, and each reconnects
through the proxy (with its cookie) to a live process and starts over from the language screen: counted as a
restart, and an error only if the new session fails too. scripts/serve.sh starts the killed process again.

Memory is each app process's resident set size (/proc): before a level, its peak, and after the sessions closed
(past server.disconnectedSessionTTL, 5 s here); and its proportional set size after (/proc/<pid>/smaps_rollup: shared
pages, such as a memory-mapped snapshot, split among the processes that map them). Statistics are off (NAVIGATOR_STATS=off): the figures are the
server's. Bounded: at most --sessions sessions per level, each flow has 9 taps, each tap waits at most 60 s.
Not part of the test suite: it prints figures for the README.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests" / "browser"), str(ROOT / "scripts"), str(ROOT)]

import websockets  # noqa: E402
from browser_helpers import Server, free_port  # noqa: E402
from protocol_client import FLOW_STEPS, Session, complete_flow, floor_flow, page_cookie, pause_between  # noqa: E402

#: Started as production starts them (run.sh, serve.sh, deploy/): Streamlit's ASGI mode, behind the same guard.
APP = ROOT / "navigator_server.py"
FLOOR = ROOT / "scripts" / "floor_server.py"
STREAMLIT_ARGS = ["--server.disconnectedSessionTTL", "5"]
ENV = {"NAVIGATOR_STATS": "off"}
PACES = {"burst": (0.0, 0.0), "people": (1.0, 3.0)}
#: A session that loses its server reconnects at most this many times before it counts as an error.
RECONNECTS = 3
TAP_TIMEOUT_S = 60


def _proc_mb(path: str, field: str) -> float:
    """A memory figure of /proc (in kB there) in MB; 0 when the process is gone."""
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """CPU time a process has used so far (user + system, /proc); 0 when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


def rss_mb(pid: int) -> float:
    return _proc_mb(f"/proc/{pid}/status", "VmRSS:")


def pss_mb(pid: int) -> float:
    """Proportional set size: each shared page (libraries, a memory-mapped snapshot in the page cache) counted as a
    share among the processes that map it, so N processes' PSS add up to what they cost the machine together."""
    return _proc_mb(f"/proc/{pid}/smaps_rollup", "Pss:")


class Direct:
    """One Streamlit process, no proxy."""

    def __init__(self, script: Path):
        self.server = Server(ENV, STREAMLIT_ARGS, script)
        self.url = self.server.url
        self.processes = 1

    def pids(self) -> list[int]:
        return [self.server.process.pid]

    def ports(self) -> list[int]:
        return [self.server.port]

    def kill_one(self) -> None:
        raise RuntimeError("--stop-one needs --processes 2 or more")

    def stop(self) -> None:
        self.server.stop()


class Proxied:
    """scripts/serve.sh N: N Streamlit processes behind nginx."""

    def __init__(self, processes: int, script: Path):
        self.processes = processes
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        self.apps: dict[int, tuple[int, int]] = {}  # app number -> (pid, port)
        self.serve = subprocess.Popen(
            [
                "bash",
                str(ROOT / "scripts" / "serve.sh"),
                str(processes),
                "--port",
                str(port),
                "--script",
                str(script),
                # Every session of the test comes from this one address: the proxy's per-address limits (sized for
                # a library's kiosks behind one NAT) would refuse most of them, so loopback is exempt here.
                "--exempt",
                "127.0.0.1",
                "--",
                *STREAMLIT_ARGS,
            ],
            cwd=ROOT,
            env=os.environ | ENV,
            stdout=subprocess.PIPE,
            text=True,
        )
        ready = threading.Event()

        def follow() -> None:
            for line in self.serve.stdout:
                words = line.split()
                if line.startswith("app ") and len(words) == 6 and words[2] == "pid":
                    self.apps[int(words[1])] = (int(words[3]), int(words[5]))
                elif line.startswith("ready"):
                    ready.set()
            ready.set()

        threading.Thread(target=follow, daemon=True).start()
        ready.wait(180)
        if self.serve.poll() is not None or len(self.apps) != processes:
            self.stop()
            raise RuntimeError("scripts/serve.sh did not start")

    def pids(self) -> list[int]:
        return [self.apps[i][0] for i in sorted(self.apps)]

    def ports(self) -> list[int]:
        return [self.apps[i][1] for i in sorted(self.apps)]

    def kill_one(self) -> None:
        os.kill(self.apps[1][0], signal.SIGKILL)

    def stop(self) -> None:
        if self.serve.poll() is None:
            self.serve.send_signal(signal.SIGTERM)
        self.serve.wait(timeout=60)


def p95(values: list[float]) -> float:
    ordered = sorted(values) or [0.0]
    return ordered[int(round(0.95 * (len(ordered) - 1)))]


async def level(target, flow, sessions: int, pace: str, stop_one_after: float | None, stagger: float | None = None) -> dict:
    """One level: `sessions` visitors at once through the flow. In lockstep (the default) they all start together,
    one flow each. With `stagger` (seconds), visitor n starts `stagger * n / sessions` in and goes through flows back
    to back (each a new visitor: the page, a new websocket) until `2 * stagger`; only taps sent while all of them are
    under way (from `stagger` to `2 * stagger`) are counted, and the CPU of that window alone."""
    timings: list[tuple[str, float]] = []
    errors: list[str] = []
    restarts = 0
    before = [rss_mb(pid) for pid in target.pids()]
    peak = list(before)
    pause = pause_between(*PACES[pace])
    started = time.perf_counter()
    window_cpu: list[float] = []

    def counted() -> list | None:
        """Where a flow's taps go: all of them in lockstep; when staggered, the window's alone (see Window)."""
        return timings if stagger is None else Window(timings, started + stagger, started + 2 * stagger)

    async def sample() -> None:
        while True:
            for i, pid in enumerate(target.pids()):
                peak[i] = max(peak[i], rss_mb(pid))
            await asyncio.sleep(0.5)

    async def visitor(n: int) -> None:
        nonlocal restarts
        try:
            cookie = await asyncio.to_thread(page_cookie, target.url)
        except OSError as error:
            errors.append(f"session {n}: page: {error}")
            return
        if stagger is not None:
            await asyncio.sleep(stagger * n / sessions)
        flows = 0
        for attempt in range(RECONNECTS + 1):
            try:
                while True:
                    async with Session(target.url, cookie=cookie) as session:
                        await asyncio.wait_for(flow(session, n + flows * sessions, pause, counted()), TAP_TIMEOUT_S * len(FLOW_STEPS))
                    flows += 1
                    if stagger is None or time.perf_counter() - started >= 2 * stagger:
                        return
            except (websockets.ConnectionClosed, OSError) as error:
                if attempt == RECONNECTS:
                    errors.append(f"session {n}: {type(error).__name__} after {RECONNECTS} reconnections")
                else:
                    restarts += 1  # the browser reconnects; a new session on a live process starts over
                    await asyncio.sleep(0.5)
            except Exception as error:  # noqa: BLE001 — a load test counts every failure
                errors.append(f"session {n}: {type(error).__name__}: {str(error)[:120]}")
                return

    async def stop_one() -> None:
        await asyncio.sleep(stop_one_after)
        target.kill_one()

    async def window() -> None:
        for at in (stagger, 2 * stagger):
            await asyncio.sleep(max(0.0, started + at - time.perf_counter()))
            window_cpu.append(sum(cpu_seconds(pid) for pid in target.pids()))

    sampler = asyncio.create_task(sample())
    stopper = asyncio.create_task(stop_one()) if stop_one_after is not None else None
    watcher = asyncio.create_task(window()) if stagger is not None else None
    cpu_before = sum(cpu_seconds(pid) for pid in target.pids())
    await asyncio.gather(*(visitor(n) for n in range(sessions)))
    elapsed = time.perf_counter() - started
    cpu = sum(cpu_seconds(pid) for pid in target.pids()) - cpu_before
    if watcher is not None:
        await watcher
        cpu = window_cpu[1] - window_cpu[0]
    sampler.cancel()
    if stopper:
        stopper.cancel()
    await asyncio.sleep(8)  # past server.disconnectedSessionTTL: closed sessions are dropped
    after = [rss_mb(pid) for pid in target.pids()]
    pss_after = [pss_mb(pid) for pid in target.pids()]
    seconds = [t for _, t in timings]
    return {
        "sessions": sessions,
        "pace": pace,
        "interactions": len(seconds),
        "p50_ms": statistics.median(seconds or [0.0]) * 1000,
        "p95_ms": p95(seconds) * 1000,
        "by_step": {step: p95([t for s, t in timings if s == step]) * 1000 for step in FLOW_STEPS},
        "errors": errors,
        "restarts": restarts,
        "rss": list(zip(before, peak, after, strict=False)),
        "pss_after": pss_after,
        "seconds": elapsed,
        # All the sessions cost the servers (opening the page, connecting, each first run, every tap), per tap; not
        # known when a process was killed (its CPU went with it).
        "cpu_ms_per_tap": cpu * 1000 / max(len(seconds), 1) if stop_one_after is None else float("nan"),
    }


class Window(list):
    """A staggered level's record of taps: a tap counts when it was sent between `start` and `end` (perf_counter),
    while every session is under way; `flow` appends (step, seconds) when the tap is answered."""

    def __init__(self, into: list, start: float, end: float):
        super().__init__()
        self.into, self.start, self.end = into, start, end

    def append(self, tap: tuple[str, float]) -> None:
        super().append(tap)
        sent = time.perf_counter() - tap[1]
        if self.start <= sent <= self.end:
            self.into.append(tap)


async def warm_up(target, flow) -> None:
    """One flow on each process (straight to its port): the catalogue and indexes load once per process."""
    for port in target.ports():
        async with Session(f"http://127.0.0.1:{port}") as session:
            await flow(session, 0)
    await asyncio.sleep(8)


def row(name: str, processes: str, r: dict) -> str:
    memory = " · ".join(f"{b:.0f}/{p:.0f}/{a:.0f}" for b, p, a in r["rss"])
    shared = " · ".join(f"{pss:.0f}" for pss in r["pss_after"])
    return (
        f"| {name} | {processes} | {r['sessions']} | {r['pace']} | {r['interactions']} | {r['p50_ms']:.0f} | {r['p95_ms']:.0f} "
        f"| {r['cpu_ms_per_tap']:.1f} | {len(r['errors'])} | {r['restarts']} | {memory} | {shared} | {r['seconds']:.0f} |"
    )


def machine() -> str:
    """When, and how busy the machine is: the figures move with the load of whatever else runs on it."""
    return f"{time.strftime('%Y-%m-%d %H:%M:%S UTC', time.gmtime())}, load average {' '.join(f'{v:.1f}' for v in os.getloadavg())}"


async def main(args) -> None:
    setups = [(None, "1, direct")] if not args.processes else [(n, f"{n}, nginx") for n in args.processes]
    paces = ["burst", "people"] if args.pace == "both" else [args.pace]
    print(f"start: {machine()}")
    print(
        "| page | processes | sessions | pace | interactions | p50 ms | p95 ms | server CPU ms per tap | errors | restarts "
        "| RSS per process MB before/peak/after | PSS per process MB after | s |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    ratios: list[str] = []
    by_step: list[str] = []
    for processes, described in setups:
        targets = {}
        try:
            pages = [("floor", FLOOR, floor_flow)] if args.floor else []
            pages += [(app_name(script, args.app), script, complete_flow) for script in args.app]
            for name, script, flow in pages:
                target = Direct(script) if processes is None else Proxied(processes, script)
                targets[name] = (target, flow)
                await warm_up(target, flow)
            for run in range(args.runs):
                for sessions in args.sessions:
                    for pace, stagger in [
                        (pace, stagger) for pace in paces for stagger in [None] + ([args.stagger] if args.stagger else [])
                    ]:
                        results = {}
                        shown = pace if stagger is None else f"{pace}, staggered over {stagger:g} s"
                        for name, (target, flow) in targets.items():
                            stop = args.stop_one if name != "floor" and (processes or 1) >= 2 else None
                            results[name] = r = await level(target, flow, sessions, pace, stop, stagger)
                            r["pace"] = shown
                            print(row(name, described + (f", 1 killed at {stop:g} s" if stop is not None else ""), r), flush=True)
                            for sample in r["errors"][:3]:
                                print(f"    {sample}")
                        apps = [name for name in results if name != "floor"]
                        for name in apps if "floor" in results else []:
                            app, floor = results[name]["p95_ms"], results["floor"]["p95_ms"]
                            app_cpu, floor_cpu = results[name]["cpu_ms_per_tap"], results["floor"]["cpu_ms_per_tap"]
                            ratios.append(
                                f"run {run + 1}, {described}, {sessions} sessions, {shown}: {name} p95 {app:.0f} ms / floor p95 {floor:.0f} ms = {app / max(floor, 1e-9):.2f}×"
                                f" (server CPU per tap {app_cpu:.1f} / {floor_cpu:.1f} ms = {app_cpu / max(floor_cpu, 1e-9):.2f}×)"
                            )
                        for name in apps if args.by_step else []:
                            steps = " · ".join(f"{s} {ms:.0f}" for s, ms in results[name]["by_step"].items())
                            by_step.append(f"run {run + 1}, {described}, {sessions} sessions, {shown}: {name} p95 ms per screen: {steps}")
            if args.soak_minutes:
                await soak(*targets[app_name(args.app[0], args.app)], args.soak_minutes)
        finally:
            for target, _ in targets.values():
                target.stop()
    for line in ratios + by_step:
        print(line)
    print(f"end: {machine()}")


def app_name(script: Path, scripts: list[Path]) -> str:
    """The name a measured app is printed under: "app", or its path when several are compared (--app)."""
    return "app" if len(scripts) == 1 else f"app {script}"


async def soak(target, flow, minutes: float) -> None:
    print(f"\nsoak: {minutes:g} minutes, 5 sessions at a time at people's pace, RSS sampled each minute")
    end = time.monotonic() + minutes * 60
    done = failures = minute = 0
    next_sample = time.monotonic()
    while time.monotonic() < end:
        r = await level(target, flow, 5, "people", None)
        done += 5
        failures += len(r["errors"])
        if time.monotonic() >= next_sample:
            memory = ", ".join(f"{rss_mb(pid):.0f}" for pid in target.pids())
            print(f"  minute {minute:>3}: {done} flows, {failures} errors, RSS {memory} MB", flush=True)
            minute += 1
            next_sample += 60
    memory = ", ".join(f"{rss_mb(pid):.0f}" for pid in target.pids())
    print(f"  end: {done} flows, {failures} errors, RSS {memory} MB")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, action="append", help="concurrent sessions (repeatable); default 50")
    parser.add_argument("--processes", type=int, action="append", help="through nginx with N app processes (repeatable)")
    parser.add_argument("--pace", choices=["both", "burst", "people"], default="both")
    parser.add_argument("--no-floor", dest="floor", action="store_false", help="do not measure the floor page")
    parser.add_argument("--runs", type=int, default=1, help="repeat every measurement")
    parser.add_argument("--stop-one", type=float, metavar="SECONDS", help="kill app process 1 this long into each level")
    parser.add_argument(
        "--app",
        type=Path,
        action="append",
        help="the app's entry script (repeatable, e.g. another checkout's navigator_server.py to compare before/after); "
        "default navigator_server.py",
    )
    parser.add_argument("--by-step", action="store_true", help="also print the app's p95 per screen")
    parser.add_argument(
        "--stagger",
        type=float,
        metavar="SECONDS",
        help="after each lockstep level, the same with the sessions' starts spread over SECONDS and flows back to back, "
        "counting the taps of the next SECONDS, while all are under way (the lockstep figure stays the main one)",
    )
    parser.add_argument("--soak-minutes", type=float, default=0, help="then run steady traffic this long")
    args = parser.parse_args()
    args.sessions = [min(max(1, s), 200) for s in (args.sessions or [50])]
    args.runs = min(max(1, args.runs), 5)
    args.app = [path.resolve() for path in args.app or [APP]]
    if args.stagger is not None and not 1 <= args.stagger <= 120:
        parser.error("--stagger takes 1 to 120 seconds")
    if args.stop_one is not None and not any(n >= 2 for n in args.processes or []):
        parser.error("--stop-one needs --processes 2 or more")
    asyncio.run(main(args))
