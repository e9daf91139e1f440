"""Property: no sequence of pull requests changes who governs on fewer approvals than the rules
require (issue 9's invariants, end to end).

Hypothesis generates sequences of 1 to 3 pull requests over the shipped governance data. Each
makes 1 to 3 random edits to any governance file (core, council, members, community membership,
relationships, ecosystem records, election records, policy, the working group, modules), is
opened by a random member and approved by one or two random members. A pull request the gate
passes is merged, so the next one is judged by the rules as they then stand.

After every merge the test compares the merged state with the state before, with its own reading
of the YAML (not charter's), and checks a condition each protected change *necessarily* needs
under the shipped rules, which one or two approvals can meet only in the cases named:

* the lead changes: at least 3/4 of the 6 core maintainers (never with two approvals);
* a core maintainer joins: the lead approves; one leaves: a majority of the core (never);
* a council seat is added or changed: a certified record on the base (never by these edits);
  a seat is removed: its holder opened or approved the pull request (a resignation);
* someone gains community membership: a certified admission vote (never by these edits);
  someone loses it: they opened or approved the pull request;
* an ecosystem project's status changes: a working-group member or core maintainer approves,
  and never to a voted status (accepted, active, declined, retired: three members needed);
* the policy changes: a majority of the core maintainers (never).

The normal suite runs a bounded number of sequences (about a minute on a small machine); a
longer search is ``CHARTER_PROPERTY_EXAMPLES=2000 python -m pytest tests/gate/test_property.py``.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from gate_helpers import GitRepo, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
DATA = ("members", "modules", "ecosystem", "elections", ".github/CODEOWNERS", "generated",
        "core.yaml", "council.yaml", "policy.yaml", "ecosystem-wg.yaml")
EXAMPLES = int(os.environ.get("CHARTER_PROPERTY_EXAMPLES", "25"))
TODAY = "2026-11-22"
BODY_PARTS = {
    "discussion": "## Discussion\n#12\n",
    "substance": ("## Contributions\nx\n\n## Testimonials\ny\n\n## Support\nz\n\n"
                  "## Decision\nw\n\n## Meeting\n2026-09-30\n"),
    "veto": "## Veto\nThe core maintainers decide: #14.\n",
}


# --- the repository, made once -----------------------------------------------------------------

@pytest.fixture(scope="module")
def shipped() -> Iterator[tuple[GitRepo, str]]:
    tmp = Path(tempfile.mkdtemp(prefix="charter-property-"))
    repo = GitRepo(tmp / "gov")
    for name in DATA:
        src, dst = ROOT / name, repo.path / name
        if src.is_dir():
            shutil.copytree(src, dst)
        elif src.exists():
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
    base = repo.commit("the shipped governance")
    yield repo, base
    shutil.rmtree(tmp, ignore_errors=True)


def _read(repo: GitRepo, rel: str) -> Any:
    p = repo.path / rel
    return yaml.safe_load(p.read_text(encoding="utf-8")) if p.exists() else None


def _write(repo: GitRepo, rel: str, data: Any) -> None:
    p = repo.path / rel
    if data is None:
        if p.exists():
            p.unlink()
        return
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _members(repo: GitRepo) -> list[str]:
    return sorted(p.stem for p in (repo.path / "members").glob("*.yaml"))


# --- the protected state, read independently of charter -------------------------------------

def protected(repo: GitRepo) -> dict[str, Any]:
    core = _read(repo, "core.yaml") or {}
    council = _read(repo, "council.yaml") or {}
    community: dict[str, bool] = {}
    for login in _members(repo):
        block = (_read(repo, f"members/{login}.yaml") or {}).get("community") or {}
        community[login.lower()] = bool(block) and not block.get("removed")
    status = {p.stem: (_read(repo, f"ecosystem/{p.name}") or {}).get("status")
              for p in (repo.path / "ecosystem").glob("*.yaml")}
    return {
        "lead": str(core.get("lead") or "").lower(),
        "core": {str(x).lower() for x in core.get("maintainers") or ()},
        "seats": {str(s.get("login")).lower(): json.dumps(s, sort_keys=True, default=str)
                  for s in council.get("seats") or ()},
        "community": community,
        "status": status,
        "policy": json.dumps(_read(repo, "policy.yaml"), sort_keys=True, default=str),
        "wg": [str(x).lower() for x in (_read(repo, "ecosystem-wg.yaml") or {}).get("members")
               or ()],
    }


def violations(before: dict[str, Any], after: dict[str, Any], author: str,
               approvers: list[str]) -> list[str]:
    """Protected changes whose necessary approvals this pull request did not carry."""
    agreed = {a.lower() for a in approvers} | {author.lower()}
    counted = {a.lower() for a in approvers} - {author.lower()}
    out = []
    if after["lead"] != before["lead"]:
        out.append(f"the lead changed from {before['lead']} to {after['lead']}")
    for who in after["core"] - before["core"]:
        if before["lead"] not in counted:
            out.append(f"{who} joined the core without the lead's approval")
    for who in before["core"] - after["core"]:
        out.append(f"{who} left the core on {len(counted)} approval(s)")
    for who, seat in after["seats"].items():
        if before["seats"].get(who) != seat:
            out.append(f"council seat of {who} added or changed: {seat}")
    for who in set(before["seats"]) - set(after["seats"]):
        if who not in agreed:
            out.append(f"{who} lost their council seat without resigning")
    for who, now in after["community"].items():
        was = before["community"].get(who, False)
        if now and not was:
            out.append(f"{who} gained community membership without a certified vote")
        if was and not now and who not in agreed:
            out.append(f"{who} lost community membership without their consent")
    for who, was in before["community"].items():
        if was and who not in after["community"] and who not in agreed:
            out.append(f"{who} (a community member) was deleted without their consent")
    owners = before["core"] | set(before["wg"])
    for slug in set(before["status"]) | set(after["status"]):
        old, new = before["status"].get(slug), after["status"].get(slug)
        if old == new:
            continue
        if new in ("accepted", "active", "declined", "retired") or (old and new is None):
            out.append(f"ecosystem {slug}: {old} -> {new} on {len(counted)} approval(s)")
        elif not counted & owners:
            out.append(f"ecosystem {slug}: {old} -> {new} without an owner's approval")
    if after["policy"] != before["policy"]:
        out.append("the policy changed")
    return out


# --- random edits ----------------------------------------------------------------------------

Edit = Callable[[GitRepo, st.DataObject], None]


def _pick(data: st.DataObject, items: list[Any], label: str) -> Any:
    return data.draw(st.sampled_from(items), label=label)


def _edit(repo: GitRepo, rel: str, fn: Callable[[Any], Any]) -> None:
    d = copy.deepcopy(_read(repo, rel))
    if d is None:
        return
    out = fn(d)
    _write(repo, rel, d if out is None else out)


def e_core(repo: GitRepo, data: st.DataObject) -> None:
    who = _pick(data, _members(repo), "login")
    what = _pick(data, ["add", "remove", "emeritus", "lead", "case-variant"], "core edit")

    def fn(d: dict[str, Any]) -> None:
        ms = d.setdefault("maintainers", [])
        if what == "add" and who not in ms:
            ms.append(who)
        elif what in ("remove", "emeritus") and ms:
            gone = ms.pop(data.draw(st.integers(0, len(ms) - 1), label="index"))
            if what == "emeritus":
                d.setdefault("emeritus", []).append({"login": gone, "since": "2026-11-01"})
        elif what == "lead":
            d["lead"] = who
            d["lead_elected_in"] = _pick(data, _elections(repo), "election")
        elif what == "case-variant" and ms:
            ms.append(ms[0].upper())
    _edit(repo, "core.yaml", fn)


def _elections(repo: GitRepo) -> list[str]:
    return sorted(p.name for p in (repo.path / "elections").iterdir() if p.is_dir()) or ["x"]


def e_council(repo: GitRepo, data: st.DataObject) -> None:
    what = _pick(data, ["remove", "add", "replaces", "term", "resign", "officer"], "seat edit")
    who = _pick(data, _members(repo), "login")

    def fn(d: dict[str, Any]) -> None:
        seats = d.setdefault("seats", [])
        i = data.draw(st.integers(0, max(0, len(seats) - 1)), label="seat") if seats else 0
        if what == "remove" and seats:
            seats.pop(i)
        elif what == "add":
            seats.append({"login": who, "cohort": _pick(data, ["A", "B"], "cohort"),
                          "term_start": "2026-06-15",
                          "term_end": _pick(data, ["2027-06-15", "2028-06-15"], "end"),
                          "elected_in": _pick(data, _elections(repo), "elected_in")})
        elif what == "replaces" and seats:
            seats[i]["replaces"] = who
            if len(seats) > 1 and data.draw(st.booleans(), label="drop the replaced"):
                d["seats"] = [s for s in seats if s["login"] != who] or seats
        elif what == "term" and seats:
            seats[i]["term_end"] = _pick(data, ["2026-11-01", "2030-06-15"], "new end")
        elif what == "resign" and seats:
            gone = seats.pop(i)
            d.setdefault("resigned", []).append({"login": gone["login"],
                                                 "elected_in": gone["elected_in"],
                                                 "date": "2026-11-10"})
        elif what == "officer":
            d["returning_officer"] = who
    _edit(repo, "council.yaml", fn)


def e_member(repo: GitRepo, data: st.DataObject) -> None:
    logins = _members(repo)
    who = _pick(data, logins, "login")
    other = _pick(data, logins, "other")
    what = _pick(data, ["admit", "leave", "relate", "last_active", "affiliation", "delete",
                        "new", "github_id", "resume"], "member edit")
    rel = f"members/{who}.yaml"
    if what == "delete":
        _write(repo, rel, None)
        return
    if what == "new":
        block = {"since": "2026-10-01",
                 "admitted_by": f"elections/{_pick(data, _elections(repo), 'vote')}"}
        _write(repo, "members/zz-newcomer.yaml", {"login": "zz-newcomer", "name": "New Comer",
                                                   "github_id": 9_999_001, "community": block})
        return

    def fn(d: dict[str, Any]) -> None:
        if what == "admit":
            d["community"] = {"since": "2026-10-01",
                              "admitted_by": f"elections/{_pick(data, _elections(repo), 'vote')}"}
        elif what == "leave" and d.get("community"):
            d["community"]["removed"] = "2026-11-01"
        elif what == "relate" and other != who:
            d.setdefault("relationships", []).append({"login": other, "kind": "family"})
        elif what == "last_active":
            d["last_active"] = _pick(data, ["2019-01-01", "2026-11-01"], "day")
        elif what == "affiliation":
            d["affiliations"] = [{"entity": "Northwind Labs", "role": "employee"}]
        elif what == "github_id":
            d["github_id"] = 8_888_888
        elif what == "resume" and d.get("community"):
            d["community"]["resumed"] = "2026-11-01"
    _edit(repo, rel, fn)


def e_ecosystem(repo: GitRepo, data: st.DataObject) -> None:
    slugs = sorted(p.stem for p in (repo.path / "ecosystem").glob("*.yaml"))
    slug = _pick(data, slugs, "project")
    rel = f"ecosystem/{slug}.yaml"
    what = _pick(data, ["status", "decide", "delete", "repository"], "ecosystem edit")
    if what == "delete":
        _write(repo, rel, None)
        return
    wg = (_read(repo, "ecosystem-wg.yaml") or {}).get("members") or []
    statuses = ["new", "in-progress", "accepted", "active", "declined", "needs-info",
                "closed-not-ready", "postponed", "retired"]

    def fn(d: dict[str, Any]) -> None:
        if what == "status":
            d["status"] = _pick(data, statuses, "status")
        elif what == "decide":
            outcome = _pick(data, ["accepted", "declined", "needs-info", "retired",
                                   "reinstated", "postponed"], "outcome")
            voters = data.draw(st.lists(st.sampled_from(wg), unique=True, max_size=len(wg)),
                               label="for")
            d.setdefault("decisions", []).append({
                "date": "2026-11-20", "outcome": outcome, "for": voters,
                "against": [x for x in wg if x not in voters], "working_group": wg})
            mapped = {"accepted": "active", "reinstated": "active"}.get(outcome, outcome)
            d["status"] = mapped
        elif what == "repository":
            d["repository"] = "someone/else"
    _edit(repo, rel, fn)


def e_election(repo: GitRepo, data: st.DataObject) -> None:
    ident = _pick(data, _elections(repo), "record")
    what = _pick(data, ["delete", "elect", "copy"], "election edit")
    folder = repo.path / "elections" / ident
    if not folder.is_dir():
        return
    if what == "delete":
        shutil.rmtree(folder)
    elif what == "elect":
        result = folder / "result.yaml"
        if result.exists():
            who = _pick(data, _members(repo), "login")
            text = result.read_text()
            result.write_text(text.replace("login: sofia-rossi", f"login: {who}")
                              .replace("passed: false", "passed: true"))
    else:
        shutil.copytree(folder, repo.path / "elections" / f"{ident}-again", dirs_exist_ok=True)


def e_policy(repo: GitRepo, data: st.DataObject) -> None:
    key, value = _pick(data, [("governance", {"lead_removal_fraction": "1/4"}),
                              ("governance", {"core_decision_fraction": "1/10"}),
                              ("governance", {"self_emeritus": "consent"}),
                              ("ecosystem", {"vote_fraction": "1/10"}),
                              ("governance", {"amendment": "community-vote"})], "policy")
    _edit(repo, "policy.yaml", lambda d: d.setdefault(key, {}).update(value))


def e_wg(repo: GitRepo, data: st.DataObject) -> None:
    who = _pick(data, _members(repo), "login")

    def fn(d: dict[str, Any]) -> None:
        ms = d.setdefault("members", [])
        if who in ms:
            ms.remove(who)
        else:
            ms.append(who)
    _edit(repo, "ecosystem-wg.yaml", fn)


def e_module(repo: GitRepo, data: st.DataObject) -> None:
    slug = _pick(data, sorted(p.stem for p in (repo.path / "modules").glob("*.yaml")), "module")
    who = _pick(data, _members(repo), "login")
    rule = _pick(data, [{"kind": "any"}, {"kind": "count", "count": 1}, None], "rule")

    def fn(d: dict[str, Any]) -> None:
        if data.draw(st.booleans(), label="maintainer, else rule"):
            d.setdefault("maintainers", []).append(who)
        elif rule is None:
            d["inactive_months"] = 1
        else:
            d["decision_rule"] = rule
    _edit(repo, f"modules/{slug}.yaml", fn)


EDITS: list[Edit] = [e_core, e_council, e_member, e_ecosystem, e_election, e_policy, e_wg,
                     e_module]


# --- the property ------------------------------------------------------------------------------

def _gate(repo: GitRepo, author: str, approvers: list[str], body: str) -> int:
    (repo.path.parent / "body.md").write_text(body, encoding="utf-8")
    rc, out, err = run("pr-check", "--repo", str(repo.path), "--base", "main", "--head", "pr",
                       "--author", author, "--approved-by", ",".join(approvers),
                       "--body-file", str(repo.path.parent / "body.md"), "--format", "json")
    assert out, err  # a verdict, never a crash
    return rc


@settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 50,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_no_sequence_of_pull_requests_governs_on_too_few_approvals(
        shipped: tuple[GitRepo, str], data: st.DataObject,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHARTER_TODAY", TODAY)
    repo, base = shipped
    repo.git("checkout", "-q", "-f", "main")
    repo.git("reset", "-q", "--hard", base)
    repo.git("clean", "-q", "-fdx")
    merged = 0
    for step in range(data.draw(st.integers(1, 3), label="pull requests")):
        repo.git("checkout", "-q", "-B", "pr", "main")
        for _ in range(data.draw(st.integers(1, 3), label="edits")):
            data.draw(st.sampled_from(EDITS), label="edit")(repo, data)
        repo.commit(f"pull request {step}")
        people = _members(repo) or ["nobody"]
        author = data.draw(st.sampled_from(people), label="author")
        approvers = data.draw(st.lists(st.sampled_from(people), min_size=1, max_size=2,
                                       unique=True), label="approvers")
        parts = data.draw(st.lists(st.sampled_from(sorted(BODY_PARTS)), unique=True),
                          label="description")
        body = "".join(BODY_PARTS[p] for p in parts)
        if data.draw(st.booleans(), label="names a vote"):
            body += f"## Vote\nelections/{_pick(data, _elections(repo), 'vote')}\n"
        repo.git("checkout", "-q", "main")
        before = protected(repo)
        if _gate(repo, author, approvers, body) != 0:
            continue  # refused: nothing merges
        repo.git("merge", "-q", "--ff-only", "pr")
        merged += 1
        broken = violations(before, protected(repo), author, approvers)
        assert not broken, (f"pull request {step} by {author}, approved by {approvers}, "
                            f"merged although: {'; '.join(broken)}")
