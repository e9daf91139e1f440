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
