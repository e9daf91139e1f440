"""Startup: `charter --version` and the pre-commit hook, side by side with `python -c pass`.

    python benchmarks/bench_startup.py [--runs 21] [--json]

Times, as subprocesses of this interpreter's environment and after untimed warm-ups (which also
write the byte-code caches and charter's compiled-validator cache, as any installed copy has
them after its first run):

* ``python -c pass``: the floor every command pays;
* ``charter --version``: target <= 0.1 s;
* ``charter validate`` on the shipped repository (what the pre-commit hook runs): target <= 0.2 s.

Prints the median wall and CPU seconds of each, each one's margin over ``python -c pass``, the
fastest run, and whether the targets are met. On a loaded machine wall time includes waiting for
a core, so CPU time is printed beside it. Figures for people to read, never assertions in the
test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from bench_check import CPU, _tool, timed  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--runs", type=int, default=21, help="timed runs of each command (median)")
    p.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = p.parse_args(argv)
    # an installed charter has byte-code caches; a development shell may turn writing them off
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    charter = _tool("charter")
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "charter --version": [charter, "--version"],
        "hook: charter validate (shipped)": [charter, "validate", "--repo", str(REPO)],
    }
    for cmd in commands.values():  # warm the caches before anything is timed
        timed(cmd, 1, label="warm-up")
    results = {label: timed(cmd, args.runs, label=label) for label, cmd in commands.items()}
    med = {k: statistics.median(v) for k, v in results.items()}
    cpu = {k: statistics.median(CPU[k]) for k in results}
    floor = med["python -c pass"]
    width = max(len(k) for k in med)
    print(f"median of {args.runs} runs, seconds; load average {os.getloadavg()[0]:.2f} on "
          f"{os.cpu_count()} CPUs:")
    print(f"  {'':<{width}}  {'wall':>7}   {'CPU':>7}   {'over python':>11}   {'fastest':>7}")
    for k, v in med.items():
        print(f"  {k:<{width}}  {v:7.3f}   {cpu[k]:7.3f}   {v - floor:+11.3f}   "
              f"{min(results[k]):7.3f}")
    print("\ntargets:")
    for label, target in (("charter --version", 0.1), ("hook: charter validate (shipped)", 0.2)):
        v = med[label]
        print(f"  {label + ' <= ' + str(target) + ' s':<{width + 10}} {v:.3f} s wall, "
              f"{cpu[label]:.3f} s CPU   {'met' if v <= target else 'NOT met'}")
    if args.json:
        print(json.dumps({"median_seconds": med, "median_cpu_seconds": cpu, "runs": results},
                         indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
