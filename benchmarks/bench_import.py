"""Time `charter import` and `charter export` on PyTorch's real published files.

    python benchmarks/bench_import.py [--runs 5] [--scale 10]

Times, each as the median of ``--runs`` after one untimed warm-up:

* ``charter import maintainers-rst`` (dry run: parse with docutils, resolve people, plan the
  diff) and ``charter import landscape`` (dry run) into an empty repository, in-process;
* the same with ``--apply`` (validation of the whole repository and the atomic writes);
* the re-import that changes nothing, and both exports;
* the whole command as a subprocess (interpreter start included), once each;
* a page ``--scale`` times the real one (groups repeated under new names, new people), to show
  how the maintainers import grows.

Prints figures for people to read; nothing in the test suite asserts on time.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parent / "tests" / "importers" / "fixtures"
RST = FIXTURES / "pytorch-persons_of_interest.rst"
LANDSCAPE = FIXTURES / "pytorch-landscape.yml"
POLICY = "organisation:\n  name: PyTorch Foundation\n  github: pytorch\n"
ORGS = ["OpenMMLab=open-mmlab/mmcv", "joeynmt=joeynmt/joeynmt", "MONAI=Project-MONAI/MONAI",
        "Substra=Substra/substra"]


def charter(*args: str | Path) -> int:
    from charter.cli import main

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return main([str(a) for a in args])


def fresh(base: Path, name: str) -> Path:
    root = base / name
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    (root / "policy.yaml").write_text(POLICY)
    return root


def median(fn: Callable[[], object], runs: int, setup: Callable[[], object] | None = None
           ) -> float:
    if setup:
        setup()
    fn()  # warm-up
    times = []
    for _ in range(runs):
        if setup:
            setup()
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def scaled_page(factor: int) -> str:
    """The real page with its groups repeated ``factor`` times under new titles and people."""
    text = RST.read_text(encoding="utf-8")
    head, sep, rest = text.partition("Module-level maintainers\n------------------------\n")
    groups, _sep2, libs = rest.partition("Library-level maintainers\n")
    out = [head, sep, groups]
    for i in range(1, factor):
        copy = groups
        for line in groups.splitlines():
            if line and not line.startswith(("-", "~", " ")) and line.strip():
                copy = copy.replace(f"{line}\n{'~' * len(line)}",
                                    f"{line} {i}\n{'~' * (len(line) + 1 + len(str(i)))}", 1)
        copy = copy.replace("<https://github.com/", f"<https://github.com/x{i}-")
        copy = copy.replace("(`", f"(`x{i}-")
        out.append(copy)
    out.append("Library-level maintainers\n" + libs)
    return "".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--scale", type=int, default=10)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        rst_args = ("import", "maintainers-rst", RST, "--as-of", "2026-07-01")
        land_args = ("import", "landscape", LANDSCAPE, "--as-of", "2026-07-01",
                     *[x for o in ORGS for x in ("--repository", o)])
        rows: list[tuple[str, float]] = []
        empty = fresh(base, "empty")
        rows.append(("import maintainers-rst, dry run (160 entries, 34 groups)",
                     median(lambda: charter(*rst_args, "--repo", empty), args.runs)))
        eco = fresh(base, "eco")
        charter(*rst_args, "--repo", eco, "--apply")
        rows.append(("import landscape, dry run (188 items, 137 projects)",
                     median(lambda: charter(*land_args, "--repo", eco), args.runs)))
        target = base / "t"
        rows.append(("import maintainers-rst --apply (154 files)", median(
            lambda: charter(*rst_args, "--repo", target, "--apply"), args.runs,
            setup=lambda: fresh(base, "t"))))
        rows.append(("re-import maintainers-rst (no change)",
                     median(lambda: charter(*rst_args, "--repo", eco), args.runs)))

        def land_setup() -> None:
            if (base / "t2").exists():
                shutil.rmtree(base / "t2")
            shutil.copytree(eco, base / "t2")

        rows.append(("import landscape --apply (139 files)", median(
            lambda: charter(*land_args, "--repo", base / "t2", "--apply"), args.runs,
            setup=land_setup)))
        charter(*land_args, "--repo", eco, "--apply")
        rows.append(("re-import landscape (no change)",
                     median(lambda: charter(*land_args, "--repo", eco), args.runs)))
        rows.append(("export maintainers-rst", median(
            lambda: charter("export", "maintainers-rst", "--repo", eco), args.runs)))
        rows.append(("export landscape --into the real file", median(
            lambda: charter("export", "landscape", "--repo", eco, "--into", LANDSCAPE),
            args.runs)))
        page = base / "scaled.rst"
        page.write_text(scaled_page(args.scale), encoding="utf-8")
        big = fresh(base, "big")
        rows.append((f"import maintainers-rst, dry run, page x{args.scale} "
                     f"({page.stat().st_size // 1024} kB)",
                     median(lambda: charter("import", "maintainers-rst", page, "--repo", big,
                                            "--as-of", "2026-07-01"), max(1, args.runs // 2))))
        exe = Path(sys.executable).parent / "charter"
        for label, cmd in (("maintainers-rst", rst_args), ("landscape", land_args)):
            t = time.perf_counter()
            subprocess.run([str(exe), *map(str, cmd), "--repo", str(fresh(base, "s"))],
                           capture_output=True, check=False)
            rows.append((f"`charter import {label}` as a subprocess (dry run)",
                         time.perf_counter() - t))
    width = max(len(r[0]) for r in rows)
    print(f"charter import / export on the real files (median of {args.runs})")
    for label, secs in rows:
        print(f"  {label:<{width}}  {secs * 1000:8.1f} ms")
    real, scaled = rows[0][1], rows[8][1]
    print(f"  page x{args.scale} / real page: {scaled / real:.1f}x the time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
