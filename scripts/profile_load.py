"""Where the server's CPU goes under load: py-spy samples one app process during a burst of sessions.

    python scripts/profile_load.py                  # 50 sessions, burst; summary printed, raw stacks in var/profile/
    python scripts/profile_load.py --sessions 100 --pace people
    python scripts/profile_load.py --page floor     # the floor page the same way: what the framework alone spends
    python scripts/profile_load.py --stagger 10     # sessions arriving over 10 s, flows back to back (steady traffic)

Samples only the thread holding the GIL (the CPU Python code uses). Prints the share of samples spent in each screen (by the screen's function in navigator/ui), the navigator
functions that hold the most samples (inclusive), and the frames that run most (self time). The raw collapsed stacks
(`py-spy record --format raw`) are kept for a flame graph (e.g. speedscope, or `flamegraph.pl`). Needs py-spy
(`pip install -e '.[profile]'`) and the right to trace the process (root, or ptrace allowed).
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

from load_test import APP, FLOOR, Direct, level, warm_up  # noqa: E402
from protocol_client import complete_flow, floor_flow  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
#: A screen's share is the samples whose stack passes through its function (file, function).
SCREENS = {
    "language": ("flow.py", "language_screen"),
    "projects": ("flow.py", "projects_screen"),
    "age": ("flow.py", "age_screen"),
    "statuses": ("flow.py", "statuses_screen"),
    "french": ("flow.py", "french_screen"),
    "mobility": ("flow.py", "mobility_screen"),
    "place": ("flow.py", "place_screen"),
    "results": ("results.py", "page"),
    "header (every screen)": ("app.py", "header"),
    "style (every screen)": ("style.py", "apply"),
}
FRAME = re.compile(r"^(?P<function>.+?) \((?P<file>[^:()]+)(?::\d+)?\)$")
#: Where a sample is, by a function its stack passes through (the first that matches names it).
PARTS = (
    ("the script's runs (our code and the st.* calls)", "exec_func_with_error_handling"),
    ("the script runner around them (new runs, widget states)", "_run_script_thread"),
    ("event loop: a script's messages and events (the new-session message on every run)", "_on_scriptrunner_event"),
    ("event loop: websockets (receiving, sending frames)", "websocket"),
    ("event loop: HTTP (the page, health, static files)", "http"),
    ("event loop: the rest", "run_forever"),
    ("other threads", "Thread._bootstrap"),
)


def frames(stack: str) -> list[tuple[str, str]]:
    found = []
    for frame in stack.split(";"):
        m = FRAME.match(frame.strip())
        if m:
            found.append((m["function"], m["file"]))
    return found


def summarise(raw: Path, top: int, screens: bool = True) -> None:
    stacks: list[tuple[list[tuple[str, str]], int]] = []
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if stack and count.isdigit():
            stacks.append((frames(stack), int(count)))
    total = sum(n for _, n in stacks) or 1
    # A script's run, whole or a fragment's (st.fragment reruns the fragment's function, not the script's file).
    runs = [(f, n) for f, n in stacks if any(fn == "exec_func_with_error_handling" for fn, _ in f)]
    in_script = sum(n for _, n in runs)
    print(f"{total} samples; {100 * in_script / total:.0f}% inside the script's runs, the rest in Streamlit's server and idle threads")
    print("\nwhere (share of all samples):")
    parts: collections.Counter = collections.Counter()
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if stack and count.isdigit():
            parts[next((name for name, marker in PARTS if marker in stack.lower() or marker in stack), "no Python frame")] += int(count)
    for name, n in parts.most_common():
        print(f"  {100 * n / total:5.1f}%  {name}")
    if screens:
        print("\nper screen (share of all samples):")
        for name, (file, function) in SCREENS.items():
            n = sum(c for f, c in runs if any(fn == function and fl.endswith(file) for fn, fl in f))
            print(f"  {name:<24} {100 * n / total:5.1f}%")
    inclusive: collections.Counter = collections.Counter()
    selfs: collections.Counter = collections.Counter()
    for f, n in stacks:
        for key in {(fn, fl) for fn, fl in f if "navigator/" in fl or fl.startswith("navigator")}:
            inclusive[key] += n
        if f:
            selfs[f[-1]] += n
    print(f"\nnavigator functions, inclusive (top {top}):")
    for (fn, fl), n in inclusive.most_common(top):
        print(f"  {100 * n / total:5.1f}%  {fn}  {fl.split('site-packages/')[-1]}")
    print(f"\nframes that run most, self time (top {top}):")
    for (fn, fl), n in selfs.most_common(top):
        print(f"  {100 * n / total:5.1f}%  {fn}  {fl.split('site-packages/')[-1]}")


async def main(args) -> None:
    spy = shutil.which("py-spy")
    if spy is None:
        sys.exit("py-spy is missing: pip install -e '.[profile]'")
    out = ROOT / "var" / "profile"
    out.mkdir(parents=True, exist_ok=True)
    raw = out / f"{args.page}-{args.pace}-{args.sessions}-{time.strftime('%Y%m%d-%H%M%S')}.txt"
    script, flow = (FLOOR, floor_flow) if args.page == "floor" else (APP, complete_flow)
    target = Direct(script)
    try:
        await warm_up(target, flow)
        recorder = subprocess.Popen(
            [
                spy,
                "record",
                "--pid",
                str(target.pids()[0]),
                "--format",
                "raw",
                "--output",
                str(raw),
                "--rate",
                "200",
                "--nonblocking",
                "--gil",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(1)
        r = await level(target, flow, args.sessions, args.pace, None, args.stagger)
        recorder.send_signal(signal.SIGINT)
        recorder.wait(timeout=30)
    finally:
        target.stop()
    print(
        f"{args.page}, {args.sessions} sessions, {args.pace}: p50 {r['p50_ms']:.0f} ms, p95 {r['p95_ms']:.0f} ms, "
        f"server CPU {r['cpu_ms_per_tap']:.1f} ms per tap (with py-spy), {len(r['errors'])} errors; stacks in {raw}"
    )
    summarise(raw, args.top, screens=args.page == "app")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--pace", choices=["burst", "people"], default="burst")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--page", choices=["app", "floor"], default="app", help="the app, or the floor page started the same way")
    parser.add_argument(
        "--stagger", type=float, metavar="SECONDS", help="sessions' starts spread over SECONDS, flows back to back (load_test.py --stagger)"
    )
    args = parser.parse_args()
    args.sessions = min(max(1, args.sessions), 200)
    asyncio.run(main(args))
