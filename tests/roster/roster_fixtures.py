"""The roster tests' fixture organisations and helpers (imported by conftest and the tests)."""

from __future__ import annotations

import os
import shutil
import textwrap
from collections.abc import Mapping
from pathlib import Path

import pytest

from charter.cli import main

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

# A small organisation that exercises every part of the roster: a lead, core emeritus, a module
# of each kind (one with emeritus maintainers and links, one with none), a council in two
# cohorts, the working group, active, retired and applying ecosystem projects, and hostile text.
ORG: dict[str, str] = {
    "policy.yaml": """
        organisation:
          name: Example & Co <Org>
          github: example-org
          governance_repository: example-org/governance
        roster:
          avatars: true
    """,
    "core.yaml": """
        lead: ada-l
        maintainers: [ada-l, bo-k]
        emeritus:
          - login: cy-m
            since: '2024-01-01'
            reason: moved on to other work
        last_meeting: '2026-09-01'
    """,
    "council.yaml": """
        returning_officer: cy-m
        seats:
          - login: dee-n
            cohort: A
            term_start: '2026-06-15'
            term_end: '2028-06-15'
            elected_in: 2026-council
          - login: eve-o
            cohort: B
            term_start: '2026-06-15'
            term_end: '2027-06-15'
            elected_in: 2026-council
    """,
    "ecosystem-wg.yaml": """
        chair: eve-o
        members: [eve-o, ada-l]
        next_session: '2026-12-01'
    """,
    "members/ada-l.yaml": """
        login: ada-l
        github_id: 101
        name: Ada Lovelace
        affiliations:
          - entity: Acme
            role: employee
        community:
          since: '2023-01-01'
    """,
    "members/bo-k.yaml": """
        login: bo-k
        github_id: 102
        name: "Bo <script>alert(1)</script> Kim"
        affiliations:
          - entity: Globex
            role: contractor
    """,
    "members/cy-m.yaml": """
        login: cy-m
        name: Cy Moreau
    """,
    "members/dee-n.yaml": """
        login: dee-n
        github_id: 104
        name: Dee Nakamura
        affiliations:
          - entity: Initech
            role: employee
        community:
          since: '2023-02-01'
    """,
    "members/eve-o.yaml": """
        login: eve-o
        github_id: 105
        name: Ève Ørsted
        community:
          since: '2023-02-01'
    """,
    "members/fay-p.yaml": """
        login: fay-p
        name: Fay Park
        contact: fay@example.invalid
        relationships:
          - login: ada-l
            kind: family
    """,
    "modules/alpha.yaml": """
        slug: alpha
        name: Alpha engine
        description: The core engine.
        kind: paths
        paths: [src/alpha/]
        maintainers: [bo-k, dee-n]
        emeritus:
          - login: cy-m
            since: '2025-01-01'
        decision_rule:
          kind: fraction
          fraction: 2/3
        links:
          vision: https://example.invalid/alpha/vision
          roadmap: https://example.invalid/alpha/roadmap
        contact:
          chat: https://chat.example.invalid/alpha
          mailing_list: https://lists.example.invalid/alpha
          meetings: https://example.invalid/alpha/meetings
    """,
    "modules/beta.yaml": """
        slug: beta
        name: Beta tools
        kind: repository
        repositories: [example-org/beta]
        maintainers: []
    """,
    "ecosystem/shiny.yaml": """
        slug: shiny
        name: Shiny
        repository: shiny-org/shiny
        status: active
        licence: MIT
        maintainers: [sh-one, sh-two]
        decisions:
          - date: '2025-05-01'
            outcome: accepted
        reviews:
          - date: '2026-06-01'
            reviewer: charter ecosystem review
            results: {ECO-MEASURABLE: pass, ECO-LAYOUT: pass}
          - date: '2025-12-01'
            results: {ECO-MEASURABLE: fail}
        notice:
          issue: 9
          opened: '2026-06-01'
          deadline: '2026-07-01'
          reasons: ['ECO-LAYOUT: CODEOWNERS is missing']
    """,
    "ecosystem/dusty.yaml": """
        slug: dusty
        name: Dusty
        repository: dusty-org/dusty
        status: retired
        retired:
          date: '2026-02-20'
          reason: 'ECO-MEASURABLE: no commits in 90 days'
    """,
    "ecosystem/hopeful.yaml": """
        slug: hopeful
        name: Hopeful
        repository: hope-org/hopeful
        status: new
        issue: 7
        submitted: '2026-10-01'
    """,
}

# The elections package's files, as its schema describes them; read by the roster defensively.
ELECTION = {
    "elections/2026-council/election.yaml": """
        kind: council-election
        title: Council election 2026
        returning_officer: cy-m
        method: bloc-star
        scope: whole
        seats: 2
        nomination: {opens: '2026-05-01', closes: '2026-05-14'}
        voting: {opens: '2026-05-15', closes: '2026-05-28'}
        finalised: '2026-06-15'
        electorate: [ada-l, dee-n, eve-o]
        participation: [ada-l, dee-n]
        candidates:
          - login: dee-n
          - login: eve-o
        ballots_sha256: "0000000000000000000000000000000000000000000000000000000000000000"
    """,
    # the shape `charter election tally` writes
    "elections/2026-council/result.yaml": """
        election: 2026-council
        kind: council-election
        title: Council election 2026
        method: bloc-star
        seats: 2
        electorate: 3
        ballots: 2
        certified: true
        finalised: '2026-06-15'
        totals:
          - {candidate: dee-n, stars: 9, five_star: 1}
          - {candidate: eve-o, stars: 7, five_star: 0}
        rounds:
          - round: 1
            finalists: [dee-n, eve-o]
            runoff: {dee-n: 2, eve-o: 0}
            placed: dee-n
        order: [dee-n, eve-o]
        elected:
          - {login: dee-n, cohort: A, term_start: '2026-06-15', term_end: '2028-06-15',
             elected_in: 2026-council}
          - {login: eve-o, cohort: B, term_start: '2026-06-15', term_end: '2027-06-15',
             elected_in: 2026-council}
        vacancies: []
        coi: []
    """,
    "elections/2026-member-add-fay/election.yaml": """
        kind: motion
        title: Admit Fay Park to the community
        returning_officer: cy-m
        method: yes-no
        motion:
          type: member-add
          subject: fay-p
          text: Admit Fay Park as a community member.
          called: {by: ada-l, on: '2026-09-01'}
          seconded: {by: dee-n, on: '2026-09-08'}
        voting: {opens: '2026-09-10', closes: '2026-09-23'}
        finalised: '2026-09-24'
        electorate: [ada-l, dee-n, eve-o]
        participation: [ada-l, dee-n, eve-o]
        ballots_sha256: "1111111111111111111111111111111111111111111111111111111111111111"
    """,
    "elections/2026-member-add-fay/result.yaml": """
        kind: motion
        'yes': 2
        'no': 1
        abstain: 0
        quorum: {needed: 2, participated: 3, met: true}
        threshold: {needed: 2, of: more than half of 3 votes cast}
        passed: true
        effect: fay-p joins the community
    """,
}

MINIMAL = {
    "policy.yaml": """
        organisation:
          name: Tiny
          github: tiny-org
    """,
    "core.yaml": """
        lead: solo
        maintainers: [solo]
    """,
    "members/solo.yaml": """
        login: solo
        name: Solo Person
    """,
}


def write_org(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return root


def build(repo: Path, out: Path) -> Path:
    rc = main(["roster", "build", "--repo", str(repo), "--out", str(out)])
    assert rc == 0, f"charter roster build failed with {rc}"
    return out


def require_chromium(path: str, env: Mapping[str, str]) -> None:
    """Skip when Debian's chromium is absent, with the reason; fail instead when CI is set (CI
    installs it, so its absence there is a broken setup, not a reason to skip)."""
    if os.path.exists(path) and shutil.which(path):
        return
    if env.get("CI"):
        pytest.fail(f"{path} is missing but CI is set: install Debian's chromium package "
                    "(make browser)", pytrace=False)
    pytest.skip(f"{path} is not installed (apt-get install chromium, or make browser); "
                "browser tests are skipped outside CI")


# --- an organisation whose elections hit every kind of tie ----------------------------------
# Bloc STAR ballots found by search so that one count takes every step of the pinned protocol:
# a scoring tie broken head to head, one broken by five-star ratings and one by a recorded
# resolution; a runoff tie broken by the higher total, one by five-star ratings after a tied
# total, and one by a recorded resolution. Approval and instant-runoff ties are recorded too.
STAR_CANDIDATES = ["ana-s", "ben-s", "cai-s", "dov-s", "eli-s", "fen-s"]
STAR_BALLOTS = [(5, 2, 2, 0, 3, 2), (0, 2, 5, 5, 2, 4), (0, 5, 1, 0, 4, 3)]
APPROVAL_CANDIDATES = ["ana-s", "ben-s", "cai-s"]
APPROVAL_BALLOTS = [(1, 1, 0), (1, 1, 0), (0, 0, 1)]
IRV_CANDIDATES = ["wes-l", "xia-l", "yan-l", "zoe-l"]
IRV_BALLOTS = [("zoe-l", "yan-l", "wes-l"), ("wes-l", "xia-l"), ("xia-l", "yan-l", "zoe-l"),
               ("wes-l", "yan-l", "zoe-l"), ("yan-l", "xia-l", "wes-l"), ("zoe-l",)]
VOTERS = [*STAR_CANDIDATES, "gus-v", "hal-v"]


def _csv(header: list[str], rows: list[tuple[object, ...]]) -> str:
    return ",".join(header) + "\n" + "".join(",".join(map(str, r)) + "\n" for r in rows)


def _ranks(cands: list[str], ballots: list[tuple[str, ...]]) -> str:
    rows = [tuple(str(b.index(c) + 1) if c in b else "" for c in cands) for b in ballots]
    return _csv(cands, rows)


def ties_org() -> dict[str, str]:
    import hashlib

    files: dict[str, str] = {
        "policy.yaml": """
            organisation:
              name: Tie Test Foundation
              github: tie-org
              governance_repository: tie-org/governance
        """,
        "core.yaml": f"""
            lead: wes-l
            maintainers: [{', '.join(IRV_CANDIDATES)}]
        """,
    }
    # three finishers share an employer: the third of them is passed over (PC-COI)
    employers = {"ben-s": "Initrode", "fen-s": "Initrode", "cai-s": "Initrode"}
    # the core maintainers (the lead election's electorate) are no community members: a
    # council election's electorate is the whole community of its day (charter.elections.day)
    for login in [*VOTERS, *IRV_CANDIDATES]:
        files[f"members/{login}.yaml"] = f"""
            login: {login}
            name: {login.split('-')[0].capitalize()} {login.split('-')[1].upper()}
        """ + ("""    community:
              since: '2020-01-01'
        """ if login in VOTERS else "") + (f"""    affiliations:
              - entity: {employers[login]}
                role: employee
        """ if login in employers else "")

    def record(eid: str, body: str, ballots: str) -> None:
        sha = hashlib.sha256(ballots.encode()).hexdigest()
        files[f"elections/{eid}/ballots.csv"] = ballots
        files[f"elections/{eid}/election.yaml"] = body + f"ballots_sha256: {sha}\n"

    people = "\n".join(f"  - {x}" for x in VOTERS)
    cands = "\n".join(
        f"  - login: {x}" + (f"\n    affiliations: [{{entity: {employers[x]}, role: employee}}]"
                             if x in employers else "") for x in STAR_CANDIDATES)
    record("2027-council", f"""\
kind: council-election
title: Council election 2027
returning_officer: gus-v
method: bloc-star
scope: whole
seats: 5
nomination: {{opens: '2027-05-01', closes: '2027-05-14'}}
voting: {{opens: '2027-05-15', closes: '2027-05-28'}}
finalised: '2027-06-01'
electorate:
{people}
participation:
{people[:people.index('  - ' + VOTERS[3])].rstrip()}
candidates:
{cands}
""", _csv(STAR_CANDIDATES, STAR_BALLOTS))
    record("2027-approval", f"""\
kind: council-election
title: Council election by approval 2027
returning_officer: gus-v
method: approval
scope: whole
seats: 5
nomination: {{opens: '2027-07-01', closes: '2027-07-14'}}
voting: {{opens: '2027-07-15', closes: '2027-07-28'}}
electorate:
{people}
participation:
{people[:people.index('  - ' + VOTERS[3])].rstrip()}
candidates:
""" + "".join(f"  - login: {x}\n" + (f"    affiliations: [{{entity: {employers[x]}, role: "
                                       "employee}]\n" if x in employers else "")
             for x in APPROVAL_CANDIDATES),
        _csv(APPROVAL_CANDIDATES, APPROVAL_BALLOTS))
    core = "\n".join(f"  - {x}" for x in IRV_CANDIDATES)
    record("2027-lead", f"""\
kind: lead-election
title: Lead election 2027
returning_officer: gus-v
method: instant-runoff
voting: {{opens: '2027-03-01', closes: '2027-03-14'}}
finalised: '2027-03-15'
electorate:
{core}
candidates:
""" + "".join(f"  - login: {x}\n" for x in IRV_CANDIDATES), _ranks(IRV_CANDIDATES, IRV_BALLOTS))
    return files


def resolve_and_tally(repo: Path, eid: str) -> None:
    """Count ``eid`` as a returning officer would: each tie that stops the count is resolved,
    alternately by the candidates' agreement and by a draw from a published seed, then the
    count is run again, until it completes and result.yaml is written."""
    import json
    import subprocess
    import sys

    for attempt in range(10):
        run = subprocess.run([sys.executable, "-m", "charter", "election", "tally", eid,
                              "--format", "json", "--repo", str(repo)],
                             capture_output=True, text=True, check=False)
        doc = json.loads(run.stdout)
        if doc.get("counted", True):
            assert run.returncode == 0, run.stderr
            return
        assert "tie" in doc, run.stderr
        tied = doc["tie"]["tied"]
        how = (["--agree", ",".join(sorted(tied, reverse=True)), "--reference",
                f"https://example.invalid/{eid}/agreement-{attempt}"] if attempt % 2 == 0
               else ["--seed", f"published-seed-{attempt}", "--reference",
                     f"https://example.invalid/{eid}/seed-{attempt}"])
        import os

        before = os.environ.get("CHARTER_TODAY")
        os.environ["CHARTER_TODAY"] = "2027-06-20"  # resolutions are recorded after the count
        try:
            assert main(["election", "resolve-tie", eid, *how, "--date", "2027-06-01",
                         "--repo", str(repo)]) in (0, 1)
        finally:
            if before is None:
                os.environ.pop("CHARTER_TODAY", None)
            else:
                os.environ["CHARTER_TODAY"] = before
    raise AssertionError(f"{eid}: the count did not complete")


TIE_ELECTIONS = ("2027-council", "2027-approval", "2027-lead")


# --- a governance repository with a scripted history ----------------------------------------

def git(repo: Path, *args: str, date: str | None = None) -> str:
    import subprocess

    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
           "GIT_AUTHOR_NAME": "Clerk", "GIT_AUTHOR_EMAIL": "clerk@example.invalid",
           "GIT_COMMITTER_NAME": "Clerk", "GIT_COMMITTER_EMAIL": "clerk@example.invalid"}
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{date}T12:00:00+00:00"
    out = subprocess.run(["git", "-C", str(repo), *args], env=env, capture_output=True,
                         text=True, check=True)
    return out.stdout.strip()


HISTORY_BASE = {
    "policy.yaml": """
        organisation:
          name: History Org
          github: hist-org
          governance_repository: hist-org/governance
    """,
    "core.yaml": """
        lead: ada-l
        maintainers: [ada-l, bo-k]
    """,
    "members/ada-l.yaml": "login: ada-l\nname: Ada Lovelace\n",
    "members/bo-k.yaml": "login: bo-k\nname: Bo Kim\n",
    "modules/alpha.yaml": """
        slug: alpha
        name: Alpha engine
        kind: paths
        paths: [src/alpha/]
        maintainers: [bo-k]
    """,
}


def commit_all(repo: Path, files: dict[str, str | None], message: str, date: str) -> str:
    """Write (or, for None, delete) ``files`` and commit them on ``date``; the commit's sha."""
    for rel, text in files.items():
        path = repo / rel
        if text is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, date=date)
    return git(repo, "rev-parse", "HEAD")


def history_repo(repo: Path) -> dict[str, str]:
    """A repository whose commits, one a month, add people and modules, move a maintainer to
    emeritus, certify an election, accept and retire a project, merge a branch, and make a
    layout-only and a non-governance change. Returns each step's commit by name."""
    repo.mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    shas = {"start": commit_all(repo, HISTORY_BASE, "Start the governance repository",
                                "2026-01-05")}
    shas["dee"] = commit_all(repo, {
        "members/dee-n.yaml": "login: dee-n\nname: Dee Nakamura\ncommunity:\n  since: "
                              "'2026-02-01'\n",
        "modules/alpha.yaml": HISTORY_BASE["modules/alpha.yaml"].replace(
            "[bo-k]", "[bo-k, dee-n]"),
    }, "Add Dee Nakamura as a maintainer of alpha", "2026-02-03")
    shas["layout"] = commit_all(repo, {"core.yaml": "# the core maintainers\nlead: ada-l\n"
                                       "maintainers:\n  - ada-l\n  - bo-k\n"},
                                "Reformat core.yaml", "2026-03-02")
    shas["emeritus"] = commit_all(repo, {"modules/alpha.yaml": """
        slug: alpha
        name: Alpha engine
        kind: paths
        paths: [src/alpha/]
        maintainers: [dee-n]
        emeritus:
          - login: bo-k
            since: '2026-04-01'
            reason: moved on
    """}, "Move Bo Kim to emeritus in alpha", "2026-04-01")
    shas["readme"] = commit_all(repo, {"README.md": "Our governance.\n"}, "Add a README",
                                "2026-04-15")
    shas["project"] = commit_all(repo, {"ecosystem/shiny.yaml": """
        slug: shiny
        name: Shiny
        repository: shiny-org/shiny
        status: active
        decisions:
          - date: '2026-05-01'
            outcome: accepted
    """}, "Accept Shiny into the ecosystem", "2026-05-04")
    git(repo, "checkout", "-q", "-b", "eve")
    commit_all(repo, {"members/eve-o.yaml": "login: eve-o\nname: Ève Ørsted\n"},
               "Add Ève Ørsted", "2026-05-20")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "-m", "Merge Ève's nomination", "eve", date="2026-06-01")
    shas["merge"] = git(repo, "rev-parse", "HEAD")
    shas["election"] = commit_all(repo, {**ELECTION, "council.yaml": ORG["council.yaml"]},
                                  "Certify the council election", "2026-06-20")
    shas["retired"] = commit_all(repo, {"ecosystem/shiny.yaml": """
        slug: shiny
        name: Shiny
        repository: shiny-org/shiny
        status: retired
        decisions:
          - date: '2026-05-01'
            outcome: accepted
        retired:
          date: '2026-07-01'
          reason: no longer maintained
    """}, "Retire Shiny", "2026-07-06")
    return shas
