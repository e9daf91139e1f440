"""Time `charter roster build` on the foundation's synthetic organisation (target <= 5 s).

    python benchmarks/bench_roster.py [--members 10000] [--modules 1000] [--projects 2000]
                                      [--runs 5] [--keep DIR]

Generates the organisation with benchmarks/synth.py in a temporary directory, then times, after
one untimed warm-up each:

* ``charter roster build --repo ORG --out SITE`` as a subprocess, end to end (the figure the
  target is about: interpreter start, load, render, write, swap), into a new directory as CI
  does, and again over a previous build (which adds deleting the old site);
* in-process, the stages of that build: loading the tree, building the view, rendering the HTML,
  rendering the JSON API (v1 and v2) and writing the site.

With ``--browser`` (and Debian's chromium at /usr/bin/chromium), it also opens the built index in
headless Chromium and times the search box: one query that hides nearly everyone and clearing it
(script plus layout, median of the runs).

Prints the median of each, the size of the site, and whether two builds gave the same bytes.
These are figures for people to read, never assertions in the test suite.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
TARGET_S = 5.0
sys.path.insert(0, str(HERE))

import synth  # noqa: E402


def _charter() -> str:
    path = BIN / "charter"
    return str(path) if path.exists() else "charter"


def _median(fn: Callable[[], Any], runs: int) -> tuple[float, Any]:
    result = fn()  # warm-up, untimed
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def _digest(site: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(site.rglob("*")):
        if p.is_file():
            h.update(p.relative_to(site).as_posix().encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def _search_timings(site: Path, runs: int) -> dict[str, float]:
    """Open the index in headless Chromium and time the search box (script and layout)."""
    from playwright.sync_api import sync_playwright

    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    measure = """q => { const i = document.getElementById('q'); const t0 = performance.now();
        i.value = q; i.dispatchEvent(new Event('input')); document.body.offsetHeight;
        return performance.now() - t0; }"""
    loads, narrow, clear = [], [], []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        try:
            for _ in range(runs):
                page = browser.new_page()
                start = time.perf_counter()
                page.goto((site / "index.html").as_uri())
                page.evaluate("document.body.offsetHeight")
                loads.append(time.perf_counter() - start)
                narrow.append(page.evaluate(measure, "zzz-no-match"))
                clear.append(page.evaluate(measure, ""))
                page.close()
        finally:
            browser.close()
    return {
        "browser_load_s": round(statistics.median(loads), 3),
        "search_narrow_ms": round(statistics.median(narrow), 1),
        "search_clear_ms": round(statistics.median(clear), 1),
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--members", type=int, default=10_000)
    p.add_argument("--modules", type=int, default=1_000)
    p.add_argument("--projects", type=int, default=2_000)
    p.add_argument("--runs", type=int, default=5, help="timed runs of each measurement (median)")
    p.add_argument("--keep", type=Path, help="generate the organisation into this directory")
    p.add_argument("--json", action="store_true", help="print the figures as JSON too")
    p.add_argument("--browser", action="store_true",
                   help="also time the search box in headless Chromium")
    args = p.parse_args(argv)

    from charter.load import load
    from charter.roster import build_view, read_results, write_site
    from charter.roster.api import render_api
    from charter.roster.api_v2 import render_api_v2
    from charter.roster.model import build_model
    from charter.roster.site import render_site
    from charter.tree import FsTree

    with tempfile.TemporaryDirectory(prefix="charter-bench-roster-") as tmp:
        tmpdir = Path(tmp)
        org = args.keep or tmpdir / "org"
        if not (org / "policy.yaml").exists():
            synth.generate(org, members=args.members, modules=args.modules,
                           projects=args.projects, seed=0)
        site = tmpdir / "site"
        cmd = [_charter(), "roster", "build", "--repo", str(org), "--out", str(site)]

        def cli(out: Path = site) -> None:
            proc = subprocess.run([*cmd[:-1], str(out)], capture_output=True, check=False)
            if proc.returncode != 0:
                sys.stderr.write(proc.stderr.decode(errors="replace")[-2000:])
                raise SystemExit(f"bench: charter roster build exited {proc.returncode}")

        # into a new --out (what CI does on a fresh checkout) ...
        # (a new path each time: deleting the previous one just before would time the
        # filesystem's deferred work on 11,000 unlinks, not the build)
        fresh_times = []
        cli(tmpdir / "warm-up")
        for i in range(args.runs):
            start = time.perf_counter()
            cli(tmpdir / f"fresh-{i}")
            fresh_times.append(time.perf_counter() - start)
        total = statistics.median(fresh_times)
        shutil.copytree(tmpdir / "fresh-0", site)
        first = _digest(site)
        # ... and over a previous build (built beside it, swapped in, the old one deleted)
        replace, _ = _median(cli, args.runs)
        deterministic = _digest(site) == first

        tree = FsTree(org)
        t_load, (state, _findings) = _median(lambda: load(tree), args.runs)
        t_results, results = _median(lambda: read_results(tree, state), args.runs)
        t_view, view = _median(lambda: build_view(state, results), args.runs)
        model = build_model(state, results)
        t_html, html = _median(lambda: render_site(view, model), args.runs)
        t_api, api = _median(lambda: {**render_api(view), **render_api_v2(state, view, model)},
                             args.runs)
        files = {**html, **api}
        out2 = tmpdir / "site2"
        t_write, _ = _median(lambda: write_site(files, out2), args.runs)

        if args.browser:
            figures_browser = _search_timings(out2, args.runs)
        pages = sum(1 for k in files if k.endswith(".html"))
        size = sum(len(v) for v in files.values())
        figures = {
            "members": len(state.members),
            "modules": len(state.modules),
            "projects": len(state.projects),
            "pages": pages,
            "site_bytes": size,
            "index_html_bytes": len(files["index.html"]),
            "build_s": round(total, 3),
            "build_replacing_s": round(replace, 3),
            "stage_load_s": round(t_load, 3),
            "stage_results_s": round(t_results, 3),
            "stage_view_s": round(t_view, 3),
            "stage_html_s": round(t_html, 3),
            "stage_api_s": round(t_api, 3),
            "stage_write_s": round(t_write, 3),
            "deterministic": deterministic,
            "target_s": TARGET_S,
            "ratio_to_target": round(total / TARGET_S, 3),
        }
        if args.browser:
            figures.update(figures_browser)

    print(f"charter roster build: {figures['members']:,} people, {figures['modules']:,} modules, "
          f"{figures['projects']:,} ecosystem records -> {pages:,} pages, "
          f"{size / 1e6:.1f} MB (index.html {figures['index_html_bytes'] / 1e6:.2f} MB)")
    print(f"  end to end (subprocess, median of {args.runs}), into a new --out: {total:.2f} s "
          f"(target <= {TARGET_S:.0f} s: {total / TARGET_S:.2f}x of it); replacing a previous "
          f"build: {replace:.2f} s")
    print(f"  stages in process: load {t_load:.2f} s, results {t_results:.3f} s, "
          f"view {t_view:.3f} s, html {t_html:.2f} s, api {t_api:.2f} s, write {t_write:.2f} s")
    print(f"  two builds, same bytes: {'yes' if deterministic else 'NO'}")
    if args.browser:
        print(f"  search box in Chromium (median of {args.runs}): index load "
              f"{figures['browser_load_s']:.2f} s; a query hiding nearly all "
              f"{figures['search_narrow_ms']:.0f} ms; clearing it "
              f"{figures['search_clear_ms']:.0f} ms")
    if args.json:
        print(json.dumps(figures, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
