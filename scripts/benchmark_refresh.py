"""What keeping a process's catalogue and snapshot up to date costs it: the background check, a reload, its memory.

    python scripts/benchmark_refresh.py --data-dir var            # the snapshot there (e.g. the synthetic national one)
    python scripts/benchmark_refresh.py --data-dir var --reloads 5

Prints the CPU of one check when nothing changed (what every process spends every NAVIGATOR_REFRESH_SECONDS), then,
for each reload (the staff reload's generation file replaced, as an import's new snapshot would be seen), its wall
and CPU time in the background thread and the process's resident memory once no session holds the previous
catalogue any more (the previous one must be freed, not piled up). Figures, not a test: run it on a quiet machine.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
import weakref
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def resident_mb() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) // 1024
    return -1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True, help="the data folder (NAVIGATOR_DATA_DIR) with a snapshot")
    parser.add_argument("--reloads", type=int, default=4)
    parser.add_argument("--checks", type=int, default=200)
    args = parser.parse_args()
    os.environ["NAVIGATOR_DATA_DIR"] = str(args.data_dir)

    from navigator.loaded import bump_generation  # noqa: PLC0415 (after NAVIGATOR_DATA_DIR is set)
    from navigator.ui import resources  # noqa: PLC0415

    holder = resources.CatalogueHolder()
    wall, cpu = time.perf_counter(), time.process_time()
    loaded, error = holder.get()
    if loaded is None:
        raise SystemExit(f"the catalogue cannot be read: {error}")
    resources.warm(loaded)
    services = int(loaded.directory.active.sum()) if loaded.directory is not None else 0
    print(f"first reading, warmed: {time.perf_counter() - wall:.2f} s wall, {time.process_time() - cpu:.2f} s CPU;", end=" ")
    print(f"{len(loaded.catalogue)} programmes, {services} imported services; resident {resident_mb()} MB")

    cpu = time.process_time()
    for _ in range(args.checks):
        holder.refresh()
    print(f"a check with nothing changed: {(time.process_time() - cpu) * 1000 / args.checks:.3f} ms CPU (readings: {holder.readings})")

    for n in range(1, args.reloads + 1):
        previous = weakref.ref(loaded)
        bump_generation(args.data_dir)
        wall, cpu = time.perf_counter(), time.process_time()
        if not holder.refresh():
            raise SystemExit("the reload was not seen")
        spent = time.perf_counter() - wall, time.process_time() - cpu
        loaded = holder.get()[0]  # the sessions' next reruns let go of the previous one
        time.sleep(resources.WARM_UP_AFTER + 0.5)  # the warm-up timer the build starts holds it till then
        gc.collect()
        freed = "freed" if previous() is None else "STILL HELD"
        print(f"reload {n}: {spent[0]:.2f} s wall, {spent[1]:.2f} s CPU; previous catalogue {freed}; resident {resident_mb()} MB")


if __name__ == "__main__":
    main()
