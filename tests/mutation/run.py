"""Mutation testing of charter's rule packages: ``make mutation`` (or ``python
tests/mutation/run.py [PACKAGE ...]``).

mutmut changes the code one small step at a time (a ``<`` made ``<=``, a 2 made 3, an ``and`` made
``or``) and runs the tests that reach the changed function; a change that no test notices (a
survivor) is behaviour the tests do not pin down. The packages, their code and the tests that judge
them are configured in pyproject.toml under ``[tool.mutmut]``.

mutmut 3 finds the code only in ``src/``, so each package runs in ``mutants/<package>/``: ``src``
links to ``scripts``, ``tests`` to ``tests``, the repository's data is copied beside them (the tests
read it from the root), and a pyproject.toml holds that package's settings. mutmut then copies all
of it into ``mutants/<package>/mutants/`` and keeps its results there: a second run tests only what
changed, and ``cd mutants/rules && ../../.venv/bin/mutmut show NAME`` shows a mutant.

Prints, per package and per file, how many mutants the tests killed, how many survived, timed out,
reached no test or were not checked yet, and the score (killed / the mutants checked, and the same
without the survivors listed in tests/mutation/equivalent.md, which no test can kill); writes it
to mutants/summary.md.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "mutants"
EQUIVALENT = ROOT / "tests" / "mutation" / "equivalent.md"
# never copied into a package's stage: the code and tests (linked), and what is no source
SKIP = {".git", ".venv", "venv", "mutants", "scripts", "tests", "pyproject.toml", "src", "build",
        "dist", ".pytest_cache", ".ruff_cache", ".hypothesis", ".bench", "_site"}

# mutmut's exit codes (mutmut.stats.status_by_exit_code), as this summary groups them
STATUS = {1: "killed", 3: "killed", 0: "survived", 5: "no tests", 33: "no tests", 34: "skipped",
          36: "timeout", -24: "timeout", 24: "timeout", 152: "timeout", 255: "timeout",
          -11: "segfault", -9: "segfault", None: "not checked"}
COLUMNS = ("killed", "survived", "timeout", "no tests", "not checked", "other", "total")


def settings() -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """(mutmut's keys shared by every package, each package's own) from pyproject.toml."""
    table = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["mutmut"]
    shared = {k: v for k, v in table.items() if k != "packages"}
    return shared, table["packages"]


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)  # a JSON string is a TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    raise TypeError(f"no TOML for {value!r}")


def _table(name: str, values: dict[str, Any]) -> str:
    return f"[{name}]\n" + "".join(f"{k} = {_toml(v)}\n" for k, v in values.items()) + "\n"


def stage(name: str, package: dict[str, Any], shared: dict[str, Any]) -> Path:
    """mutants/<name>/, laid out as mutmut expects, with this package's settings."""
    here = OUT / name
    here.mkdir(parents=True, exist_ok=True)
    for link, target in (("src", ROOT / "scripts"), ("tests", ROOT / "tests")):
        if not (here / link).is_symlink():
            (here / link).symlink_to(target, target_is_directory=True)
    data = sorted(p.name for p in ROOT.iterdir()
                  if p.name not in SKIP and not p.name.endswith(".egg-info"))
    for entry in data:
        if not (here / entry).is_symlink():
            (here / entry).symlink_to(ROOT / entry)
    # mutmut copies files, not the links among them (scripts/charter/schemas links to schemas/),
    # and copies a file it does not mutate only once: refresh those that changed since
    for path in sorted((ROOT / "scripts").rglob("*")):
        rel = path.relative_to(ROOT / "scripts")
        copy = here / "mutants" / "src" / rel
        if path.is_symlink() and not copy.is_symlink():
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.symlink_to(os.readlink(path))
        elif (path.is_file() and copy.is_file() and "__pycache__" not in rel.parts
              and not any(fnmatch.fnmatch(f"src/{rel}", p) for p in package["only_mutate"])
              and copy.read_bytes() != path.read_bytes()):
            shutil.copy2(path, copy)
    tests = [t for t in package["tests"] if t.startswith("-") or (ROOT / t).exists()]
    for missing in sorted(set(package["tests"]) - set(tests)):
        print(f"  note: {missing} does not exist; running without it")
    mutmut = {**shared, "only_mutate": package["only_mutate"], "also_copy": data,
              "pytest_add_cli_args_test_selection": tests}
    pytest = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["pytest"]
    (here / "pyproject.toml").write_text(
        "# written by tests/mutation/run.py from the repository's pyproject.toml\n\n"
        + _table("tool.pytest.ini_options", pytest["ini_options"]) + _table("tool.mutmut", mutmut),
        encoding="utf-8")
    return here


def in_memory_scratch() -> str | None:
    """A folder in memory for the tests' temporary files, where the machine has one (Linux's
    /dev/shm): every mutant's tests build git repositories in temporary folders, and on a busy
    disk writing them takes most of the run (the gate's test_diff.py: 99 s on disk, 4 s in
    memory, measured while a run was going). ``CHARTER_MUTATION_TMP`` chooses another folder;
    set it empty to keep the system's."""
    chosen = os.environ.get("CHARTER_MUTATION_TMP")
    if chosen == "":
        return None
    base = Path(chosen) if chosen else Path("/dev/shm")
    if not base.is_dir() or not os.access(base, os.W_OK):
        return None
    here = base / "charter-mutation" if not chosen else base
    here.mkdir(exist_ok=True)
    return str(here)


def equivalent() -> dict[str, str]:
    """Mutant name -> why no test can kill it (tests/mutation/equivalent.md)."""
    if not EQUIVALENT.exists():
        return {}
    found = re.findall(r"^- `([\w.ǁ]+__mutmut_\d+)`:?\s*(.*)$",
                       EQUIVALENT.read_text("utf-8"), re.M)
    return dict(found)


def results(here: Path) -> dict[str, dict[str, str]]:
    """file -> mutant name -> status, from mutmut's records in mutants/<name>/mutants/."""
    out: dict[str, dict[str, str]] = {}
    for meta in sorted((here / "mutants" / "src").rglob("*.py.meta")):
        codes = json.loads(meta.read_text("utf-8"))["exit_code_by_key"]
        rel = str(meta.relative_to(here / "mutants" / "src")).removesuffix(".meta")
        out[rel] = {k: STATUS.get(v, "other") for k, v in codes.items()}
    return out


def count(statuses: dict[str, str]) -> Counter[str]:
    c = Counter(s if s in COLUMNS else "other" for s in statuses.values())
    c["total"] = len(statuses)
    return c


def score(c: Counter[str], excluded: int = 0) -> str:
    """killed / the mutants judged (those not checked yet left out), less ``excluded``."""
    total = c["total"] - c["not checked"] - excluded
    return f"{100 * c['killed'] / total:.1f}%" if total else "-"


def report(name: str, found: dict[str, dict[str, str]], seconds: float | None) -> list[str]:
    eq = equivalent()
    lines = [f"## {name}" + (f" (mutmut run: {seconds:.0f} s)" if seconds is not None else ""),
             "", "| file | " + " | ".join(COLUMNS) + " | score | score without equivalent |",
             "|" + " --- |" * (len(COLUMNS) + 3)]
    every: dict[str, str] = {}
    for path, statuses in found.items():
        every.update(statuses)
        c = count(statuses)
        n_eq = sum(1 for k, s in statuses.items() if k in eq and s == "survived")
        lines.append(f"| {path} | " + " | ".join(str(c[k]) for k in COLUMNS)
                     + f" | {score(c)} | {score(c, n_eq)} |")
    c = count(every)
    n_eq = sum(1 for k, s in every.items() if k in eq and s == "survived")
    lines.append(f"| **{name}** | " + " | ".join(f"**{c[k]}**" for k in COLUMNS)
                 + f" | **{score(c)}** | **{score(c, n_eq)}** ({n_eq} equivalent) |")
    survivors = sorted(k for k, s in every.items() if s == "survived" and k not in eq)
    if survivors:
        lines += ["", f"Survivors not listed as equivalent ({len(survivors)}):", ""]
        lines += [f"- `{k}`" for k in survivors]
    stale = sorted(k for k in eq if k.startswith("charter.") and every.get(k) == "killed")
    if stale:
        lines += ["", "Listed as equivalent but killed now (remove them from equivalent.md):", ""]
        lines += [f"- `{k}`" for k in stale]
    return [*lines, ""]


def main(argv: list[str] | None = None) -> int:
    shared, packages = settings()
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("packages", nargs="*", metavar="PACKAGE",
                    help=f"packages to test (default: all of {', '.join(packages)})")
    ap.add_argument("--max-children", type=int, default=1,
                    help="mutants tested at once (default 1: the machines are shared)")
    ap.add_argument("--fresh", action="store_true",
                    help="forget earlier results (after changing tests, to re-judge every mutant)")
    ap.add_argument("--mutants", nargs="+", default=[], metavar="NAME",
                    help="test only these mutants, re-testing them even if judged before "
                         "(mutmut's names; globs such as 'charter.rules.gov.*' allowed)")
    ap.add_argument("--survivors", action="store_true",
                    help="test again the mutants that survived the last run (after adding tests)")
    ap.add_argument("--report-only", action="store_true",
                    help="summarise the last run without running mutmut")
    args = ap.parse_args(argv)
    unknown = [p for p in args.packages if p not in packages]
    if unknown:
        ap.error(f"unknown package {', '.join(unknown)}; known: {', '.join(packages)}")
    summary = ["# Mutation testing", ""]
    for name in args.packages or list(packages):
        if args.fresh and (OUT / name).exists():
            shutil.rmtree(OUT / name)
        here = stage(name, packages[name], shared)
        seconds = None
        wanted = list(args.mutants)
        if args.survivors:
            eq = equivalent()
            wanted += sorted(k for statuses in results(here).values()
                             for k, v in statuses.items() if v == "survived" and k not in eq)
            if not wanted:
                print(f"== {name}: no survivors to test again")
        if not args.report_only and (wanted or not args.survivors):
            env = {**os.environ, "PYTHONPATH": str(here / "mutants" / "src"),  # subprocesses too
                   # the tests in the order the package lists them (tests/mutation/order.py)
                   "PYTEST_ADDOPTS": " ".join(filter(None, [os.environ.get("PYTEST_ADDOPTS"),
                                                            "-p tests.mutation.order"])),
                   "CHARTER_MUTATION_ORDER": ",".join(packages[name].get("first", []))}
            scratch = in_memory_scratch()
            if scratch:
                env["TMPDIR"] = scratch
            cmd = [sys.executable, "-m", "mutmut", "run", "--max-children",
                   str(args.max_children), *wanted]
            shown = cmd[1:7] + ([f"... ({len(wanted)} mutants)"] if len(wanted) > 3 else cmd[7:])
            print(f"== {name}: {' '.join(shown)} (in {here.relative_to(ROOT)})", flush=True)
            start = time.monotonic()
            proc = subprocess.run(cmd, cwd=here, env=env, check=False)
            seconds = time.monotonic() - start
            if proc.returncode != 0:
                print(f"mutmut failed on {name} (exit {proc.returncode})", file=sys.stderr)
                return 1
        summary += report(name, results(here), seconds)
    text = "\n".join(summary)
    OUT.mkdir(exist_ok=True)
    (OUT / "summary.md").write_text(text, encoding="utf-8")
    print(text)
    print(f"written to {(OUT / 'summary.md').relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
