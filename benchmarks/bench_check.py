"""Time `charter check` on a synthetic organisation against check-jsonschema and the targets.

    python benchmarks/bench_check.py [--members 10000] [--modules 1000] [--projects 2000]
                                     [--runs 5] [--keep DIR]

Generates the organisation (benchmarks/synth.py) in a temporary directory, writes its
CODEOWNERS, then times, as subprocesses and after one untimed warm-up each:

* ``charter check --repo DIR`` (everything CI runs);
* ``check-jsonschema --schemafile`` on the same member, module and ecosystem files with the same
  schemas (bundled standalone by ``charter.schema.bundled``), one process per kind, summed;
* the pre-commit hook's command, ``charter validate``, on the shipped repository and on the
  synthetic one.

Prints the median of each and the ratios against the targets: charter check at scale <= 1.5 s
and <= 0.5x check-jsonschema; the hook on the shipped repository <= 0.3 s. These are figures for
people to read, never assertions in the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(HERE))

import synth  # noqa: E402


def _tool(name: str) -> str:
    path = BIN / name
    return str(path) if path.exists() else name


CPU: dict[str, list[float]] = {}  # command label -> CPU seconds (user + system) of each run


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed(cmd: list[str], runs: int, expect: int = 0, cwd: Path | None = None,
          label: str = "") -> list[float]:
    """Run ``cmd`` once untimed, then ``runs`` times; return the wall-clock seconds of each.

    The CPU seconds of each run are kept in ``CPU[label]``: on a busy machine they say more
    than the wall clock, which also counts time spent waiting for a core.
    """
    env = {**os.environ, "NO_COLOR": "1"}
    out = []
    cpu = CPU.setdefault(label or " ".join(cmd[:2]), [])
    for i in range(runs + 1):
        start, cpu0 = time.perf_counter(), _cpu()
        proc = subprocess.run(cmd, capture_output=True, env=env, cwd=cwd, check=False)
        elapsed = time.perf_counter() - start
        if i:
            cpu.append(_cpu() - cpu0)
        if proc.returncode != expect:
            sys.stderr.write(proc.stdout.decode(errors="replace")[-2000:])
            sys.stderr.write(proc.stderr.decode(errors="replace")[-2000:])
            raise SystemExit(f"bench: {' '.join(cmd[:3])} ... exited {proc.returncode}, "
                             f"expected {expect}")
        if i:
            out.append(elapsed)
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--members", type=int, default=10_000)
    p.add_argument("--modules", type=int, default=1_000)
    p.add_argument("--projects", type=int, default=2_000)
    p.add_argument("--runs", type=int, default=5, help="timed runs of each command (median)")
    p.add_argument("--keep", type=Path, help="generate into this directory and keep it")
    p.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = p.parse_args(argv)

    from charter import schema

    charter = _tool("charter")
    cjs = _tool("check-jsonschema")
    with tempfile.TemporaryDirectory(prefix="charter-bench-") as tmp:
        tmpdir = Path(tmp)
        org = args.keep or tmpdir / "org"
        if org.exists() and any(org.iterdir()):
            raise SystemExit(f"bench: {org} is not empty")
        t0 = time.perf_counter()
        synth.generate(org, args.members, args.modules, args.projects)
        gen = time.perf_counter() - t0
        subprocess.run([charter, "codeowners", "--repo", str(org)], check=True,
                       capture_output=True)
        print(f"generated {args.members} members, {args.modules} modules, {args.projects} "
              f"projects in {gen:.2f} s ({org})")

        results: dict[str, list[float]] = {}
        results["charter check (synthetic)"] = timed(
            [charter, "check", "--repo", str(org)], args.runs, label="charter check (synthetic)")
        cjs_runs: list[list[float]] = []
        for kind, folder in (("member", "members"), ("module", "modules"),
                             ("ecosystem", "ecosystem")):
            schema_file = tmpdir / f"{kind}.bundled.json"
            schema_file.write_text(json.dumps(schema.bundled(kind)), encoding="utf-8")
            files = sorted(str(f) for f in (org / folder).glob("*.yaml"))
            cjs_runs.append(timed([cjs, "--schemafile", str(schema_file), *files], args.runs,
                                  label=f"cjs {kind}"))
        results["check-jsonschema (same files)"] = [sum(t) for t in zip(*cjs_runs, strict=True)]
        CPU["check-jsonschema (same files)"] = [
            sum(t) for t in zip(*(CPU.pop(f"cjs {k}") for k in ("member", "module", "ecosystem")),
                                strict=True)]
        for label, where in (("hook: charter validate (synthetic)", org),
                             ("hook: charter validate (shipped)", REPO)):
            results[label] = timed([charter, "validate", "--repo", str(where)], args.runs,
                                   label=label)

    med = {k: statistics.median(v) for k, v in results.items()}
    width = max(len(k) for k in med)
    cpu = {k: statistics.median(v) for k, v in CPU.items()}
    print(f"\nmedian of {args.runs} runs (after one warm-up), seconds; load average "
          f"{os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs:")
    print(f"  {'':<{width}}  {'wall':>7}   {'CPU':>7}   wall spread")
    for k, v in med.items():
        spread = f"min {min(results[k]):.3f}, max {max(results[k]):.3f}"
        print(f"  {k:<{width}}  {v:7.3f}   {cpu[k]:7.3f}   ({spread})")
    check = med["charter check (synthetic)"]
    ratio = check / med["check-jsonschema (same files)"]
    hook = med["hook: charter validate (shipped)"]
    print("\ntargets:")
    print(f"  charter check at scale <= 1.5 s            {check:.3f} s   "
          f"{'met' if check <= 1.5 else 'NOT met'}")
    print(f"  charter check / check-jsonschema <= 0.5    {ratio:.3f}     "
          f"{'met' if ratio <= 0.5 else 'NOT met'}")
    print(f"  hook on the shipped repository <= 0.3 s    {hook:.3f} s   "
          f"{'met' if hook <= 0.3 else 'NOT met'}")
    if args.json:
        print(json.dumps({"median_seconds": med, "median_cpu_seconds": cpu,
                          "ratio_check_vs_cjs": ratio, "runs": results}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
