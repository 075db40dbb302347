"""What one server holds while it is attacked: visitors go through the whole flow at people's pace while attackers
flood it, and the visitors' times are compared with the same visitors' quiet-time p95.

    python scripts/attack_load.py                         # every attack, at each level (about 6 minutes)
    python scripts/attack_load.py --attacks idle --levels 200 400 800 --seconds 30

Attacks (each through Streamlit's own websocket protocol, like scripts/load_test.py, on loopback only):
- clear-cache: clients sending Streamlit's anonymous `clear_cache` message in a loop (level = clients);
- oversized: clients sending widget states of 0.9 MB (just under server.maxWidgetStateSize, so the server reads them)
  and of 2 MB (which the server must cut off), reconnecting after each cut (level = clients);
- idle: websockets that open a session and then say nothing (level = sockets);
- shutdown: clients asking the server to shut down (`debug_shutdown_runtime`, for Streamlit's own tests), which a
  production server must ignore (level = clients).

Printed per attack and level: the visitors' interactions, p50, p95, p95 against the quiet p95, errors, attackers'
messages sent, and the server's memory before, at its peak and after. Bounded in time; stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests" / "browser"), str(ROOT / "scripts"), str(ROOT)]

import websockets  # noqa: E402
from browser_helpers import Server  # noqa: E402
from load_test import p95, rss_mb  # noqa: E402
from protocol_client import Session, complete_flow, pause_between  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402

ENV = {"NAVIGATOR_STATS": "off"}
STREAMLIT_ARGS = ["--server.disconnectedSessionTTL", "5"]
ATTACKS = ("clear-cache", "oversized", "idle", "shutdown")
LEVELS = {"clear-cache": (1, 5, 20), "oversized": (1, 5, 10), "idle": (200, 400), "shutdown": (5,)}


def ws_url(url: str) -> str:
    return url.replace("http://", "ws://") + "/_stcore/stream"


async def visitors(url: str, count: int, seconds: float, timings: list, errors: list) -> None:
    """`count` visitors going through the flow again and again at people's pace (1 to 3 s between taps)."""
    deadline = time.monotonic() + seconds

    async def one(n: int) -> None:
        while time.monotonic() < deadline:
            try:
                async with Session(url) as visitor:
                    flow: list = []
                    await asyncio.wait_for(complete_flow(visitor, n, pause_between(1, 3), flow), timeout=120)
                    timings.extend(t for _, t in flow)
            except Exception as error:  # noqa: BLE001 (counted, the run goes on)
                errors.append(f"{type(error).__name__}: {error}"[:160])
            n += count

    await asyncio.gather(*(one(n) for n in range(count)))


async def clear_cache(url: str, stop: asyncio.Event, sent: list) -> None:
    message = BackMsg(clear_cache=True).SerializeToString()
    async with websockets.connect(ws_url(url), subprotocols=["streamlit"], max_size=None) as socket:
        while not stop.is_set():
            await socket.send(message)
            sent.append(1)
            await asyncio.sleep(0.01)


def _rerun_with(text_size: int) -> bytes:
    back = BackMsg()
    widget = back.rerun_script.widget_states.widgets.add()
    widget.id = "$$ID-attack-q_place"
    widget.string_value = "8" * text_size
    return back.SerializeToString()


async def oversized(url: str, stop: asyncio.Event, sent: list) -> None:
    messages = [_rerun_with(900_000), _rerun_with(2_000_000)]
    n = 0
    while not stop.is_set():
        try:
            async with websockets.connect(ws_url(url), subprotocols=["streamlit"], max_size=None) as socket:
                while not stop.is_set():
                    await socket.send(messages[n % 2])
                    sent.append(1)
                    n += 1
                    await asyncio.sleep(0.05)
        except Exception:  # noqa: BLE001 (cut off by the server: reconnect)
            await asyncio.sleep(0.05)


async def idle(url: str, stop: asyncio.Event, sent: list) -> None:
    try:
        async with Session(url) as session:
            await session.run()  # a session with its first run, then silence
            sent.append(1)
            await stop.wait()
    except Exception:  # noqa: BLE001 (a socket the server refused)
        return


async def shutdown(url: str, stop: asyncio.Event, sent: list) -> None:
    message = BackMsg(debug_shutdown_runtime=True).SerializeToString()
    while not stop.is_set():
        try:
            async with websockets.connect(ws_url(url), subprotocols=["streamlit"], max_size=None) as socket:
                while not stop.is_set():
                    await socket.send(message)
                    sent.append(1)
                    await asyncio.sleep(0.2)
        except Exception:  # noqa: BLE001
            await asyncio.sleep(0.2)


ATTACKERS = {"clear-cache": clear_cache, "oversized": oversized, "idle": idle, "shutdown": shutdown}


async def measure(server: Server, visitor_count: int, seconds: float, attack: str | None = None, level: int = 0) -> dict:
    timings: list = []
    errors: list = []
    sent: list = []
    stop = asyncio.Event()
    pid = server.process.pid
    before = rss_mb(pid)
    peak = [before]

    async def sample() -> None:
        while not stop.is_set():
            peak[0] = max(peak[0], rss_mb(pid))
            await asyncio.sleep(0.5)

    attackers = [asyncio.create_task(ATTACKERS[attack](server.url, stop, sent)) for _ in range(level)] if attack else []
    sampler = asyncio.create_task(sample())
    if attack == "idle":
        await asyncio.sleep(min(20, 2 + level / 40))  # the sockets open before the visitors come
    await visitors(server.url, visitor_count, seconds, timings, errors)
    stop.set()
    await asyncio.gather(*attackers, sampler, return_exceptions=True)
    await asyncio.sleep(6)  # past the disconnected-session TTL
    with urllib.request.urlopen(server.url + "/_stcore/health", timeout=10) as answer:
        healthy = answer.read() == b"ok"
    return {
        "n": len(timings),
        "p50": statistics.median(timings) * 1000 if timings else 0.0,
        "p95": p95(timings) * 1000,
        "errors": len(errors),
        "first_error": errors[0] if errors else "",
        "sent": len(sent),
        "before": before,
        "peak": peak[0],
        "after": rss_mb(pid),
        "healthy": healthy,
    }


def line(attack: str, level: int | str, r: dict, quiet_p95: float) -> str:
    ratio = r["p95"] / quiet_p95 if quiet_p95 else 0.0
    return (
        f"| {attack} | {level} | {r['n']} | {r['p50']:.0f} | {r['p95']:.0f} | {ratio:.1f}× | {r['errors']} | {r['sent']} "
        f"| {r['before']:.0f} | {r['peak']:.0f} | {r['after']:.0f} | {'yes' if r['healthy'] else 'NO'} |"
    )


async def main(args) -> None:
    server = Server(ENV, STREAMLIT_ARGS)
    try:
        async with Session(server.url) as warm:
            await complete_flow(warm, 0)
        quiet = await measure(server, args.visitors, args.seconds)
        print(f"{args.visitors} visitors at people's pace, {args.seconds:.0f} s per row, one server process (pid {server.process.pid})")
        print(
            "| attack | level | visitor taps | p50 ms | p95 ms | p95 / quiet p95 | errors | attack messages | RSS before MB | peak MB | after MB | healthy |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|---|---|")
        print(line("none (quiet)", "-", quiet, quiet["p95"]), flush=True)
        for attack in args.attacks:
            for level in args.levels or LEVELS[attack]:
                r = await measure(server, args.visitors, args.seconds, attack, level)
                print(line(attack, level, r, quiet["p95"]), flush=True)
                if r["first_error"]:
                    print(f"    first visitor error: {r['first_error']}", flush=True)
        again = await measure(server, args.visitors, args.seconds)
        print(line("none (quiet, after)", "-", again, quiet["p95"]), flush=True)
    finally:
        server.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--visitors", type=int, default=5, help="visitors going through the flow meanwhile (default 5)")
    parser.add_argument("--seconds", type=float, default=25, help="seconds per row (default 25)")
    parser.add_argument("--attacks", nargs="+", choices=ATTACKS, default=list(ATTACKS))
    parser.add_argument("--levels", nargs="+", type=int, help="attack levels (default: per attack)")
    asyncio.run(main(parser.parse_args()))
