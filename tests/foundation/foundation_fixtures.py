"""A small fixture organisation, written from YAML snippets, that each test varies.

``BASE`` is a clean governance repository: six people, two core maintainers with a lead, two
modules (one of each kind), an empty council and a working group. A test passes overrides
(path -> text, or None to delete a file) and gets a real directory to load or run charter on.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from charter import rules
from charter.findings import Finding, normalise
from charter.load import load
from charter.tree import FsTree

TODAY = dt.date(2026, 11, 21)
TODAY_ENV = {"CHARTER_TODAY": TODAY.isoformat()}


def member(login: str, gid: int, entity: str | None = "Acme Corp", role: str = "employee",
           extra: str = "") -> str:
    text = f"# {login.title()}\nlogin: {login}\ngithub_id: {gid}\nname: {login.title()} Example\n"
    if entity:
        text += f"affiliations:\n  - entity: {entity}\n    role: {role}\n"
    return text + extra


LINKS = (
    "links:\n"
    "  vision: https://example.org/{0}/vision\n"
    "  roadmap: https://example.org/{0}/roadmap\n"
    "  design_docs: https://example.org/{0}/design\n"
    "  disputes: https://example.org/{0}/disputes\n"
)

BASE: dict[str, str] = {
    "policy.yaml": (
        "# Test policy\n"
        "organisation:\n"
        "  name: Test Foundation\n"
        "  github: test-org\n"
        "  foundation: Test Foundation\n"
        "council:\n"
        "  coi_exempt:\n"
        "    - entity: Test Foundation\n"
        "      roles: [member]\n"
    ),
    "core.yaml": (
        "# The core maintainers.\n"
        "lead: alice\n"
        "maintainers:\n"
        "  - alice\n"
        "  - bob\n"
        "last_meeting: '2026-10-01'\n"
    ),
    "council.yaml": "seats: []\n",
    "ecosystem-wg.yaml": "chair: alice\nmembers: [alice, erin]\n",
    "members/alice.yaml": member("alice", 101),
    "members/bob.yaml": member("bob", 102, "Beta Labs"),
    "members/carol.yaml": member("carol", 103),
    "members/dave.yaml": member("dave", 104, "Gamma Inc"),
    "members/erin.yaml": member("erin", 105, "Test Foundation", "member"),
    "members/frank.yaml": member("frank", 106),
    "modules/nn.yaml": (
        "slug: nn\n"
        "name: Neural networks\n"
        "kind: paths\n"
        "paths:\n"
        "  - src/nn/\n"
        "maintainers:\n"
        "  - carol\n" + LINKS.format("nn")
    ),
    "modules/tools.yaml": (
        "# Tools live in their own repository.\n"
        "slug: tools\n"
        "name: Tools\n"
        "kind: repository\n"
        "repositories:\n"
        "  - test-org/tools\n"
        "maintainers:\n"
        "  - dave\n"
        "  - erin\n" + LINKS.format("tools")
    ),
}


def core(*maint: str, lead: str | None = "alice", extra: str = "") -> str:
    body = "".join(f"  - {m}\n" for m in maint)
    lead_text = "null" if lead is None else lead
    return (f"# The core maintainers.\nlead: {lead_text}\nmaintainers:\n{body}"
            f"last_meeting: '2026-10-01'\n{extra}")


def module(slug: str, *maint: str, paths: tuple[str, ...] = (), repos: tuple[str, ...] = (),
           extra: str = "", links: bool = True) -> str:
    text = f"slug: {slug}\nname: {slug.title()}\n"
    if repos:
        text += "kind: repository\nrepositories:\n" + "".join(f"  - {r}\n" for r in repos)
    else:
        text += "kind: paths\npaths:\n" + "".join(f"  - {p}\n" for p in paths)
    text += "maintainers:" + ("".join(f"\n  - {m}" for m in maint) if maint else " []") + "\n"
    text += extra
    if links:
        text += LINKS.format(slug)
    return text


def council(*seats: tuple[str, str, str, str]) -> str:
    """council.yaml with one seat per (login, cohort, term_start, term_end).

    Seat i starts on line 2 + 5*i (its login); cohort, term_start, term_end follow.
    """
    out = "seats:\n"
    for login, cohort, start, end in seats:
        out += (f"  - login: {login}\n    cohort: {cohort}\n    term_start: '{start}'\n"
                f"    term_end: '{end}'\n    elected_in: 2026-council\n")
    return out


def write_org(root: Path, overrides: dict[str, str | bytes | None] | None = None) -> Path:
    files: dict[str, str | bytes | None] = {**BASE, **(overrides or {})}
    root.mkdir(parents=True, exist_ok=True)
    for rel, text in files.items():
        if text is None:
            continue
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8", newline="\n")
    return root


def check_org(root: Path) -> list[Finding]:
    """Load the tree and run every rule, as ``charter validate`` does, on the fixed TODAY."""
    state, findings = load(FsTree(root))
    findings.extend(rules.run(state, TODAY))
    return normalise(findings)
