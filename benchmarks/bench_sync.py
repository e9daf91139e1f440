"""What the GitHub sync and the inactivity sweep cost: GitHub requests and wall time at scale.

    python benchmarks/bench_sync.py [--members 10000] [--modules 1000] [--sweep 1000]

Writes the synthetic organisation (benchmarks/synth.py: 10,000 members, 1,000 modules) with
every team declared in policy.yaml's sync section, and serves a matching local GitHub
(tests/sync/sync_fake.py: GraphQL validated and executed against GitHub's schema): the 1,003
managed teams exist, with some drift (a maintainer missing here, a stranger there), beside 50
unmanaged teams, and all 10,000 members are in the organisation. Then, in this process:

* ``charter sync github`` (the plan): requests and wall time, against the budget of 60 requests
  for an organisation of 1,000 teams and 10,000 members;
* ``charter sweep inactive`` over the first modules holding ``--sweep`` maintainers, a third of
  whom have recent commits: requests per 10 maintainers, against the budget of 1.

Every request the server saw is counted (GraphQL and REST, retries included). Figures to read,
never test assertions.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "sync"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import yaml  # noqa: E402
from sync_fake import Commit, FakeGitHub, github_schema  # noqa: E402
from synth import ORG, generate  # noqa: E402

from charter import cli  # noqa: E402
from charter.load import load  # noqa: E402
from charter.sync import config, desired  # noqa: E402
from charter.tree import FsTree  # noqa: E402

SYNC = {"teams": {"core": {"team": "core-maintainers", "team_maintainers": "lead"},
                  "council": {"team": "council"},
                  "ecosystem_wg": {"team": "ecosystem-wg", "team_maintainers": "chair"},
                  "modules": {"team": "module-{slug}", "repository_permission": "maintain"}},
        "max_changes": 100000}


def build(root: Path, fake: FakeGitHub, members: int, modules: int, rnd: random.Random) -> None:
    generate(root, members=members, modules=modules, projects=0)
    policy = yaml.safe_load((root / "policy.yaml").read_text())
    policy["sync"] = SYNC
    (root / "policy.yaml").write_text(yaml.safe_dump(policy, sort_keys=False))
    with contextlib.redirect_stdout(io.StringIO()):
        cli.main(["codeowners", "--repo", str(root)])
    state, _ = load(FsTree(root))
    for m in state.members.values():
        fake.user(m.login, int(m.github_id or 0))
    want = desired.compute(state, config.read(state))
    logins = list(state.members)
    for slug, team in want.teams.items():
        seats = {s.login: s.role for s in team.members.values()}
        if seats and rnd.random() < 0.03:
            seats.pop(next(iter(seats)))  # drift: someone not added yet
        if rnd.random() < 0.02:
            seats[rnd.choice(logins)] = "member"  # drift: a stranger
        t = fake.team(slug, seats, {r: p for r, p in (team.repositories or {}).values()},
                      description=team.description)
        del t
    for i in range(50):
        fake.team(f"unmanaged-{i:02d}", {rnd.choice(logins): "member" for _ in range(20)})


def plan(root: Path, fake: FakeGitHub) -> tuple[int, float, float, str]:
    before, busy = len(fake.log), fake.busy
    out = io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = cli.main(["sync", "github", "--repo", str(root), "--api-url", fake.url,
                         "--format", "json"])
    wall = time.perf_counter() - start
    if code not in (0, 1):
        raise SystemExit(f"sync github failed with exit code {code}")
    doc = json.loads(out.getvalue())
    return len(fake.log) - before, wall, fake.busy - busy, f"{len(doc['changes'])} changes"


def sweep(root: Path, fake: FakeGitHub, n: int, rnd: random.Random
          ) -> tuple[int, int, float, float]:
    state, _ = load(FsTree(root))
    slugs, count = [], 0
    for slug in sorted(state.modules):
        if count >= n:
            break
        slugs.append(slug)
        count += len(state.modules[slug].maintainers)
    for slug in slugs:
        mod = state.modules[slug]
        repo = mod.repositories[0] if mod.repositories else f"{ORG}/core"
        fake.repos.add(repo.lower())
        for login in mod.maintainers:
            if rnd.random() < 1 / 3:
                path = mod.paths[0] + "x.py" if mod.paths else "src/x.py"
                fake.commits.append(Commit(repo, fake.users[login].id, "2026-10-01T00:00:00Z",
                                           [path], f"c{len(fake.commits)}"))
    before, busy = len(fake.log), fake.busy
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        code = cli.main(["sweep", "inactive", *slugs, "--repo", str(root), "--api-url", fake.url,
                         "--format", "json"])
    wall = time.perf_counter() - start
    if code != 0:
        raise SystemExit(f"sweep inactive failed with exit code {code}")
    return len(fake.log) - before, count, wall, fake.busy - busy


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--members", type=int, default=10_000)
    p.add_argument("--modules", type=int, default=1_000)
    p.add_argument("--sweep", type=int, default=1_000, help="maintainers to sweep")
    p.add_argument("--seed", type=int, default=7)
    args = p.parse_args(argv)
    rnd = random.Random(args.seed)
    import os

    os.environ["GITHUB_TOKEN"] = "bench"
    os.environ["CHARTER_TODAY"] = "2026-11-20"
    github_schema()  # built once, outside the timings
    with tempfile.TemporaryDirectory() as tmp, FakeGitHub(ORG) as fake:
        root = Path(tmp) / "gov"
        build(root, fake, args.members, args.modules, rnd)
        teams = len(fake.teams)
        requests, wall, server, what = plan(root, fake)
        print(f"sync github plan: {teams} teams ({teams - 50} managed), {args.members} members: "
              f"{requests} requests (budget 60, ratio {requests / 60:.2f}); {wall:.2f} s wall, "
              f"of which {server:.2f} s the local GitHub answering; {what}")
        requests, maintainers, wall, server = sweep(root, fake, args.sweep, rnd)
        per10 = requests / maintainers * 10
        print(f"sweep inactive: {maintainers} maintainers: {requests} requests, {per10:.2f} per "
              f"10 maintainers (budget 1, ratio {per10:.2f}); {wall:.2f} s wall, of which "
              f"{server:.2f} s the local GitHub answering")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
