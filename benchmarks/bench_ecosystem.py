"""What the periodic ecosystem review costs: GitHub requests per project and wall time.

    python benchmarks/bench_ecosystem.py [--projects 1000] [--seed 7]

Writes ``--projects`` active ecosystem projects, all due for review, into a scratch governance
repository, serves a matching fake GitHub on localhost (tests/ecosystem/eco_fakegithub.py: the
GraphQL and REST shapes the tests use), and runs ``charter ecosystem review --all`` in this
process three ways: a dry run, ``--apply`` (records written, notices opened for the projects that
fall short), and a dry run with ``--exact-contributors``. The mix: most projects have 30-99
commits in the window, about one in ten has 100-400 (a few of those with so few authors in the
first 100 commits that paging is needed), one in twenty falls short on stars.

Then, on a second copy, ``--apply`` again with a GraphQL budget that runs out ``--windows`` times
(3): each run stops when the budget is spent and the next, after the window resets, continues.
It prints the requests of all those runs together and whether they ended in the same records and
the same issues as the unbroken ``--apply``.

Prints requests per project (every HTTP request the server saw, GraphQL and REST), wall time
and CPU time (this process, the fake server's threads included; steadier than wall time on a
shared machine) against the targets (<= 2 requests per project, <= 30 s for 1,000 projects).
Figures to read, never test assertions.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "ecosystem"))

import github  # noqa: E402
from eco_fakegithub import FakeGitHub, Repo  # noqa: E402

from charter import cli  # noqa: E402
from charter.ecosystem.records import block  # noqa: E402
from charter.roundtrip import new as roundtrip_new  # noqa: E402

WG = ["priya-nair", "omar-haddad", "yuki-sato", "bruno-costa", "anya-ivanova"]
PEOPLE = [f"dev-{i}" for i in range(40)]


def records_new(data: dict) -> bytes:
    return roundtrip_new(block(data))


def build(root: Path, fake: FakeGitHub, n: int, rnd: random.Random) -> None:
    (root / "ecosystem").mkdir(parents=True)
    for name in ("policy.yaml", "core.yaml", "ecosystem-wg.yaml"):
        shutil.copy(ROOT / name, root / name)
    for i in range(n):
        slug = f"proj-{i:04}"
        full = f"org-{i % 50}/{slug}"
        data = {
            "slug": slug, "name": f"Project {i}", "repository": full, "status": "active",
            "issue": i + 1, "submitted": "2025-01-10", "licence": "MIT",
            "maintainers": ["lead-dev", "second-dev"],
            "decisions": [{"date": "2025-03-12", "outcome": "accepted", "for": WG[:3],
                           "against": WG[3:], "working_group": WG}],
        }
        # written as charter writes records (the shipped layout), as a real repository holds them
        (root / "ecosystem" / f"{slug}.yaml").write_bytes(records_new(data))
        roll = rnd.random()
        authors = rnd.sample(PEOPLE, rnd.randint(5, 12))
        if roll < 0.10:
            commits = rnd.randint(100, 400)
            repo = Repo(full).with_authors(commits, authors)
            if roll < 0.02:  # few people in the first 100 commits: paging decides
                repo.commits = [(a, a, f"{a}@x.org") for a in authors[:3]
                                for _ in range(40)] + repo.commits
        else:
            repo = Repo(full).with_authors(rnd.randint(30, 99), authors)
        if rnd.random() < 0.05:
            repo.stars = rnd.randint(10, 199)
        fake.add(repo)


def run(root: Path, fake: FakeGitHub, *extra: str, expect: int = 0,
        clear: bool = True) -> tuple[float, float, int, int]:
    if clear:
        fake.log.clear()
    out, err = io.StringIO(), io.StringIO()
    start, cpu = time.perf_counter(), time.process_time()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["ecosystem", "review", "--repo", str(root), "--github-api",
                         fake.url, "--backoff", "0", "--max-wait", "5", *extra])
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    if code != expect:
        raise SystemExit(f"review exited {code}, not {expect}: {err.getvalue()[-500:]}")
    return elapsed, cpu, fake.graphql_count(), len(fake.log) - fake.graphql_count()


def snapshot(root: Path, fake: FakeGitHub) -> tuple[dict[str, bytes], list[tuple]]:
    records = {p.name: p.read_bytes() for p in sorted((root / "ecosystem").iterdir())}
    issues = [(i["number"], i["title"], i["body"], i["state"])
              for i in fake.issues.get("lumen-ml/governance", [])]
    return records, issues


def row(label: str, elapsed: float, cpu: float, gql: int, rest: int, n: int) -> None:
    print(f"{label:<34} {elapsed:>8.2f} {cpu:>7.2f} {gql:>8} {rest:>6} {(gql + rest) / n:>12.3f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--projects", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--windows", type=int, default=3,
                    help="rate-limit windows for the resumed --apply (1: skip it)")
    args = ap.parse_args()
    github.Requester.Consts.PROCESSING_202_WAIT_TIME = 0
    os.environ["CHARTER_TODAY"] = "2026-11-21"
    os.environ.pop("GITHUB_TOKEN", None)
    n = args.projects
    with tempfile.TemporaryDirectory() as tmp, FakeGitHub() as fake, FakeGitHub() as windowed:
        root = Path(tmp) / "gov"
        build(root, fake, n, random.Random(args.seed))
        root2 = Path(tmp) / "gov2"
        build(root2, windowed, n, random.Random(args.seed))
        print(f"{n} active projects, all due; fake GitHub at {fake.url}")
        print(f"{'run':<34} {'wall s':>8} {'CPU s':>7} {'GraphQL':>8} {'REST':>6} "
              f"{'req/project':>12}")
        applied = 0
        for label, extra in (("dry run", ()),
                             ("--apply (records + notices)", ("--apply",)),
                             ("dry run, --exact-contributors", ("--exact-contributors",))):
            figures = run(root, fake, "--all", *extra)
            row(label, *figures, n)
            if extra == ("--apply",):
                applied = figures[2]
        issues = len(fake.issues.get("lumen-ml/governance", []))
        print(f"notices opened by --apply: {issues}")
        if args.windows > 1:
            # a budget that runs out windows - 1 times (10% to spare: a project stopped between
            # two of its pages is read again): the last window finishes the rest
            per_window = -(-applied * 11 // (10 * args.windows))
            windowed.graphql_budget = per_window
            windowed.log.clear()
            total = [0.0, 0.0, 0, 0]
            for w in range(args.windows):
                if w:
                    windowed.new_window()
                last = w == args.windows - 1
                figures = run(root2, windowed, "--apply", expect=0 if last else 1, clear=False)
                total[0] += figures[0]
                total[1] += figures[1]
                total[2:] = figures[2:]
            row(f"--apply in {args.windows} rate-limit windows", *total, n)  # type: ignore[arg-type]
            same = snapshot(root2, windowed) == snapshot(root, fake)
            print(f"  {per_window} GraphQL points per window; same records and issues as the "
                  f"unbroken --apply: {'yes' if same else 'NO'}")
        print("targets: <= 2 requests per project; <= 30 s for 1,000 projects")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
