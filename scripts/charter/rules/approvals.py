"""Who approves what, computed by the gate itself on an example organisation.

The table in CONTRIBUTING.md ("who approves what") is not written by hand: each row is a change
made to a small example organisation (below) and judged by the same code as ``charter
pr-check`` (:func:`charter.gate.source.assemble`, :func:`charter.gate.evaluate.judge`), with no
approvals yet. The table says, in the gate's own words, who must approve and which sections the
pull-request description needs. If the gate changes what a change needs, the generated table
changes with it, and ``charter check`` reports CONTRIBUTING.md out of date until ``charter rules
--write`` rewrites it.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from typing import Any

from charter.errors import CharterError

# The example organisation: six core maintainers (lee leads), module kernels (three maintainers,
# its own rule: two thirds), module docs (three maintainers, no rule of its own), a working group
# of three, and nia, who is nobody yet.
CORE = ["lee", "ana", "ben", "cai", "dee", "eli"]
KERNELS = ["fay", "gil", "hal"]
DOCS = ["ivy", "jay", "kai"]
WG = ["ana", "fay", "ivy"]
EXAMPLE = ("6 core maintainers, one of them the lead; module kernels: 3 maintainers and a "
           "decision rule of its own, 2/3; module docs: 3 maintainers and no rule of its own; "
           "an ecosystem working group of 3; a council")


# The example's files (path -> data), as data: the table is computed from them, and no row
# depends on what a name in them is spelled like, only on who holds which role.
_FUNCTIONAL = ("framework-support", "ci", "governance", "value-proposition", "quick-start",
               "documentation", "licence", "tests", "packages", "maintenance")
_EXAMPLE: dict[str, Any] = {
    "policy.yaml": {"organisation": {"name": "Example", "github": "example"}},
    "core.yaml": {"lead": "lee", "maintainers": list(CORE)},
    "council.yaml": {"returning_officer": "ana", "seats": [
        {"login": "gil", "cohort": "A", "term_start": "2026-06-15",
         "term_end": "2099-06-15", "elected_in": "2026-council"}]},
    "ecosystem-wg.yaml": {"chair": "ana", "members": list(WG)},
    "modules/kernels.yaml": {"slug": "kernels", "name": "Kernels", "kind": "paths",
                             "paths": ["src/kernels/"], "maintainers": list(KERNELS),
                             "decision_rule": {"kind": "fraction", "fraction": "2/3"}},
    "modules/docs.yaml": {"slug": "docs", "name": "Docs", "kind": "repository",
                          "repositories": ["example/docs"], "maintainers": list(DOCS)},
    "ecosystem/torchy.yaml": {"slug": "torchy", "name": "Torchy", "repository": "x/torchy",
                              "status": "in-progress", "issue": 7,
                              "functional": {k: {"met": True, "evidence": "checked",
                                                 "reviewer": "ana"} for k in _FUNCTIONAL}},
    **{f"members/{login}.yaml": {"login": login, "github_id": 1000 + i, "name": login.title()}
       for i, login in enumerate([*CORE, *KERNELS, *DOCS, "nia"], start=1)},
}


def _files() -> dict[str, Any]:
    return copy.deepcopy(_EXAMPLE)


# An edit of the example's files, as data: (op, path, *args), carried out by _apply. Data, not
# code: mutation testing changes only code, and which name a row happens to use is not what the
# table is about (tests/foundation/golden/approvals.json pins each row's judgment instead).
Step = tuple[Any, ...]


@dataclass(frozen=True)
class Scenario:
    """One row: the ``change`` made by the steps of ``edit`` on the example's files, judged with
    this ``author`` and pull-request ``body``; ``before`` changes the example first (the base)."""

    change: str
    edit: tuple[Step, ...]
    author: str | None = None
    body: str | None = None
    before: tuple[Step, ...] = ()


def _apply(files: dict[str, Any], steps: tuple[Step, ...]) -> None:
    """Carry out ``steps`` on ``files`` (path -> data; None deletes the file)."""
    for op, path, *args in steps:
        if op == "append":
            files[path][args[0]].append(args[1])
        elif op == "remove":
            files[path][args[0]].remove(args[1])
        elif op == "emeritus":
            files[path]["maintainers"].remove(args[0])
            files[path].setdefault("emeritus", []).append({"login": args[0],
                                                           "since": "2026-01-01"})
        elif op == "set":
            files[path].update(args[0])
        elif op == "pop":
            files[path].pop(args[0])
        elif op == "new":
            files[path] = args[0]
        else:
            raise ValueError(f"unknown edit {op!r}")


_KERNELS, _DOCS = "modules/kernels.yaml", "modules/docs.yaml"
SCENARIOS: tuple[Scenario, ...] = (
    Scenario("a maintainer added to a module that has a decision rule of its own",
             (("append", _KERNELS, "maintainers", "nia"),)),
    Scenario("a maintainer added to a module that names no decision rule",
             (("append", _DOCS, "maintainers", "nia"),)),
    Scenario("a core maintainer added (opened by a maintainer)",
             (("append", "core.yaml", "maintainers", "nia"),
              ("set", "core.yaml", {"joined": {"nia": "2026-01-01"}})), author="fay"),
    Scenario("a module maintainer removed", (("remove", _KERNELS, "maintainers", "hal"),)),
    Scenario("a module maintainer moved to emeritus by others", (("emeritus", _KERNELS, "hal"),)),
    Scenario("a module maintainer moves themselves to emeritus",
             (("emeritus", _KERNELS, "hal"),), author="hal"),
    Scenario("a maintainer inactive longer than the module's inactive period moved to emeritus",
             (("emeritus", _KERNELS, "hal"),),
             before=(("set", "members/hal.yaml", {"last_active": "2000-01-01"}),)),
    Scenario("a core maintainer removed or moved to emeritus", (("emeritus", "core.yaml", "eli"),)),
    Scenario("an emeritus record deleted", (("pop", _KERNELS, "emeritus"),),
             before=(("set", _KERNELS, {"emeritus": [{"login": "nia", "since": "2025-01-01"}]}),)),
    Scenario("the lead replaced", (("set", "core.yaml", {"lead": "ana"}),)),
    Scenario("a module added", (("new", "modules/audio.yaml", {
        "slug": "audio", "name": "Audio", "kind": "repository",
        "repositories": ["example/audio"], "maintainers": ["nia"]}),)),
    Scenario("a module removed", (("new", _DOCS, None),)),
    Scenario("a module's paths or repositories changed",
             (("set", _KERNELS, {"paths": ["src/kernels/", "src/ops/"]}),)),
    Scenario("a module's decision rule made stricter",
             (("set", _KERNELS, {"decision_rule": {"kind": "unanimous"}}),)),
    Scenario("a module's decision rule made laxer, or its first one adopted",
             (("set", _DOCS, {"decision_rule": {"kind": "any"}}),)),
    Scenario("a module-level decision overridden by a core veto",
             (("set", _KERNELS, {"decision_rule": {"kind": "unanimous"}}),),
             body="## Veto\nThe core maintainers overrule the module here.\n"),
    Scenario("a module's name, description or links changed",
             (("set", _KERNELS, {"name": "Kernels and ops"}),)),
    Scenario("a person added", (("new", "members/oli.yaml", {"login": "oli", "name": "Oli"}),)),
    Scenario("a person's affiliation changed (opened by them)",
             (("set", "members/nia.yaml", {"affiliations": [{"entity": "Acme",
                                                             "role": "employee"}]}),),
             author="nia"),
    Scenario("a policy parameter changed",
             (("set", "policy.yaml", {"governance": {"module_inactive_months": 6}}),)),
    Scenario("a council member resigns (opened by them)",
             (("set", "council.yaml", {"seats": [], "resigned": [
                 {"login": "gil", "elected_in": "2026-council", "date": "2026-09-01"}]}),),
             author="gil"),
    Scenario("a working-group member added", (("append", "ecosystem-wg.yaml", "members", "nia"),)),
    Scenario("an ecosystem application added", (("new", "ecosystem/lumo.yaml", {
        "slug": "lumo", "name": "Lumo", "repository": "x/lumo", "status": "new", "issue": 9}),)),
    Scenario("an ecosystem application accepted by the working group's recorded vote",
             (("set", "ecosystem/torchy.yaml", {"status": "active", "decisions": [{
                 "date": "2026-01-10", "outcome": "accepted", "for": ["ana", "fay"],
                 "against": ["ivy"], "working_group": list(WG)}]}),)),
    Scenario("an election or vote record added or changed (not a certification)",
             (("new", "elections/2027-council/election.yaml", {
                 "kind": "council-election", "title": "Council", "returning_officer": "ana",
                 "voting": {"opens": "2027-05-01", "closes": "2027-05-14"},
                 "electorate": ["ana", "ben"]}),)),
    Scenario("charter's code, schemas or workflows changed",
             (("new", "scripts/charter/check.py", "print('checked')\n"),)),
)


def scenarios() -> tuple[Scenario, ...]:
    """The rows of the table, in order."""
    return SCENARIOS


def _dump(files: dict[str, Any]) -> dict[str, bytes]:
    out = {}
    for path, data in files.items():
        if data is None:
            continue
        # JSON is YAML too, and a hundred times quicker to write than PyYAML's emitter
        text = data if isinstance(data, str) else json.dumps(data, indent=1)
        out[path] = text.encode("utf-8")
    return out


@dataclass(frozen=True)
class Row:
    change: str
    rules: tuple[str, ...]
    who: tuple[str, ...]
    sections: tuple[str, ...]
    other: tuple[str, ...]  # problems the description cannot fix (what else must be true)


_SECTION = re.compile(r"'## (\w+)'")


def judge(s: Scenario) -> Any:
    """The gate's report on one scenario (no approvals yet)."""
    from charter.gate import source
    from charter.gate.evaluate import PullRequest
    from charter.gate.evaluate import judge as gate_judge
    from charter.gate.paths import Change
    from charter.load import load
    from charter.tree import MemoryTree

    files = _files()
    _apply(files, s.before)
    base_bytes = _dump(files)
    head_files = copy.deepcopy(files)
    _apply(head_files, s.edit)
    head_bytes = _dump(head_files)
    base_tree = MemoryTree(base_bytes, "example")
    head_tree = MemoryTree(head_bytes, "example (changed)")
    changes = []
    for p in sorted(base_bytes.keys() | head_bytes.keys()):
        if p not in head_bytes:
            changes.append(Change(p, "D"))
        elif p not in base_bytes:
            changes.append(Change(p, "A"))
        elif base_bytes[p] != head_bytes[p]:
            changes.append(Change(p, "M"))
    base = load(base_tree)
    trees = source.assemble(base_tree, base, base[0], head_tree, load(head_tree), changes)
    return gate_judge(trees, PullRequest(head_sha="0" * 40, author=s.author, body=s.body))


def rows() -> list[Row]:
    out = []
    for s in scenarios():
        report = judge(s)
        reqs = [o.requirement for o in report.outcomes if o.groups or o.requirement.problems]
        if not reqs:
            raise CharterError(f"approvals table: the gate asks nothing for {s.change!r}")
        who, sections, other = [], [], []
        for r in reqs:
            for g in r.groups:
                if g.how not in who:
                    who.append(g.how)
            for p in r.problems:
                found = _SECTION.findall(p)
                if found:
                    sections += [x for x in found if x not in sections]
                elif p not in other:
                    other.append(p)
        out.append(Row(s.change, tuple(dict.fromkeys(r.rule for r in reqs)), tuple(who),
                       tuple(sections), tuple(other)))
    return out


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown() -> str:
    """The table, as CONTRIBUTING.md holds it between its markers."""
    lines = [
        f"Computed by the gate's own code on an example organisation ({EXAMPLE}); "
        "`charter pr-check` computes the same for your change on your data, and every editing "
        "command prints it. Numbers scale with your groups; conflicted people never approve "
        "and never lower the bar.",
        "",
        "| change | rule | who approves | the description needs |",
        "| --- | --- | --- | --- |",
    ]
    for r in rows():
        needs = ", ".join(f"**{x.capitalize()}**" for x in r.sections) or "-"
        if r.other:
            extra = "; ".join(p.split(": ", 1)[1] if ": " in p else p for p in r.other)
            needs = (needs + "; " if r.sections else "") + f"and: {extra}"
        lines.append(f"| {_cell(r.change)} | {', '.join(r.rules)} | {_cell('; and '.join(r.who))}"
                     f" | {_cell(needs)} |")
    return "\n".join(lines) + "\n"
