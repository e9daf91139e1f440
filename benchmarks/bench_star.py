#!/usr/bin/env python3
"""Bloc STAR at scale: charter's full finishing order against starvote's own bare count.

Generates a seeded election (default 100,000 ballots x 30 candidates, scores 0-5 drawn from a
different distribution per candidate), writes it as ballots.csv, then runs each count in a fresh
child process so that peak memory (ru_maxrss) belongs to that count alone:

* starvote: ``bloc_star_voting(ballots, seats=candidates - 1, tiebreaker=None)`` on the canonical
  list of dicts (parsing excluded from its time) -- the bare count, without the default hashed
  tiebreaker (pass ``--starvote-default-tiebreaker`` to measure that one too);
* charter: ``read_scores`` on the file's bytes plus the complete finishing order (parsing
  included), and the count alone;
* charter's tally path: the same plus starvote's reference recount (recorded ties replayed by a
  cheap tiebreaker), which ``charter election tally`` and ``charter check`` require to agree.

Prints the times, the ratio, peak memory and whether the two finishing orders are identical.
Targets from issue 6: ratio <= 1.2 and peak memory <= 300 MB.

    /work/venv/bin/python benchmarks/bench_star.py [--ballots N] [--candidates K] [--seed S]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD_STARVOTE = r"""
import json, resource, sys, time
import starvote
path, default_tb = sys.argv[1], sys.argv[2] == "1"
lines = open(path, encoding="utf-8").read().splitlines()
cands = lines[0].split(",")
ballots = [dict(zip(cands, map(int, line.split(",")))) for line in lines[1:]]
del lines
t0 = time.perf_counter()
kw = {} if default_tb else {"tiebreaker": None}
winners = starvote.bloc_star_voting(ballots, seats=len(cands) - 1, **kw)
t1 = time.perf_counter()
order = winners + [c for c in cands if c not in winners]
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": t1 - t0, "peak_mb": peak, "order": order}))
"""

CHILD_CHARTER = r"""
import json, resource, sys, time
from charter.elections.ballots import read_scores
from charter.elections.star import finishing_order
path = sys.argv[1]
raw = open(path, "rb").read()
t0 = time.perf_counter()
ballots = read_scores(raw, "ballots.csv", 5)
t1 = time.perf_counter()
order = finishing_order(ballots)
t2 = time.perf_counter()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
verify = len(sys.argv) > 2
if verify:  # what `charter election tally` does: recount with starvote, require the same order
    from charter.elections.reference import reference_order
    ref = reference_order(ballots, len(order), None)
    assert ref == order[: len(ref)], "starvote disagrees"
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
t3 = time.perf_counter()
print(json.dumps({"seconds": t2 - t0, "parse_seconds": t1 - t0, "count_seconds": t2 - t1,
                  "verified_seconds": t3 - t0, "peak_mb": peak, "order": order}))
"""

CHILD_BASELINE = r"""
import json, resource
import charter.elections.star, starvote
print(json.dumps({"peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def generate(path: Path, ballots: int, candidates: int, seed: int) -> None:
    rng = random.Random(seed)
    names = [f"candidate-{i:02d}" for i in range(candidates)]
    columns = []
    for _ in names:
        weights = [rng.random() + 0.05 for _ in range(6)]
        columns.append(rng.choices("012345", weights=weights, k=ballots))
    with path.open("w", encoding="utf-8") as fh:
        fh.write(",".join(names) + "\n")
        for row in zip(*columns, strict=True):
            fh.write(",".join(row) + "\n")


def child(code: str, *args: str) -> dict[str, object]:
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          check=False)
    if proc.returncode != 0:
        raise SystemExit(f"child failed:\n{proc.stderr}")
    return json.loads(proc.stdout)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ballots", type=int, default=100_000)
    ap.add_argument("--candidates", type=int, default=30)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--starvote-default-tiebreaker", action="store_true",
                    help="also time starvote with its default hashed-ballots tiebreaker")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ballots.csv"
        generate(path, args.ballots, args.candidates, args.seed)
        size = path.stat().st_size
        print(f"election: {args.ballots:,} ballots x {args.candidates} candidates "
              f"(seed {args.seed}, ballots.csv {size / 1e6:.1f} MB)")
        base = child(CHILD_BASELINE)
        sv = child(CHILD_STARVOTE, str(path), "0")
        ch = child(CHILD_CHARTER, str(path))
        cv = child(CHILD_CHARTER, str(path), "verify")
        print(f"interpreter baseline (imports only): peak {base['peak_mb']:.0f} MB")
        print(f"starvote bare count (tiebreaker=None, seats={args.candidates - 1}): "
              f"{sv['seconds']:.3f} s, peak {sv['peak_mb']:.0f} MB (ballots as dicts included)")
        print(f"charter full finishing order: {ch['seconds']:.3f} s "
              f"(parse {ch['parse_seconds']:.3f} s + count {ch['count_seconds']:.4f} s), "
              f"peak {ch['peak_mb']:.0f} MB")
        ratio = float(ch["seconds"]) / float(sv["seconds"])  # type: ignore[arg-type]
        count_ratio = float(ch["count_seconds"]) / float(sv["seconds"])  # type: ignore[arg-type]
        same = ch["order"] == sv["order"]
        print(f"ratio charter/starvote: {ratio:.3f} including parsing, {count_ratio:.4f} count "
              f"alone (target <= 1.2)")
        print(f"peak memory target <= 300 MB: {'met' if float(ch['peak_mb']) <= 300 else 'MISSED'}"  # type: ignore[arg-type]
              f" ({ch['peak_mb']:.0f} MB)")
        print(f"finishing orders identical: {same}")
        vratio = float(cv["verified_seconds"]) / float(sv["seconds"])  # type: ignore[arg-type]
        print(f"charter tally path (parse + count + starvote reference recount with recorded "
              f"ties replayed): {cv['verified_seconds']:.3f} s, ratio {vratio:.3f}, "
              f"peak {cv['peak_mb']:.0f} MB")
        if args.starvote_default_tiebreaker:
            dv = child(CHILD_STARVOTE, str(path), "1")
            print(f"starvote with its default hashed tiebreaker: {dv['seconds']:.3f} s, "
                  f"peak {dv['peak_mb']:.0f} MB")
        return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
