"""ECO-QUEUE, ECO-VOTE, ECO-RESUBMIT: the review order, recorded votes and their checks."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest
from eco_helpers import project, read_project, write_project

from charter.ecosystem import vote
from charter.load import load
from charter.rules import run as run_rules
from charter.tree import FsTree

WG = ["priya-nair", "omar-haddad", "yuki-sato", "bruno-costa", "anya-ivanova"]


def application(slug: str, issue: int, status: str = "new", **extra) -> dict:
    data = {"slug": slug, "name": slug.title(), "repository": f"org/{slug}", "status": status,
            "issue": issue, "submitted": "2026-10-01", "maintainers": ["a-one", "b-two"]}
    data.update(extra)
    return data


def queue(charter, root: Path, *extra: str, today: str = "2026-11-20"):
    code, out, err = charter("ecosystem", "queue", "--repo", str(root), "--format", "json",
                             *extra, today=today)
    assert code == 0, err
    return json.loads(out)


def test_eco_queue_returning_first_then_fifo_and_session_size(charter, eco_repo) -> None:
    for n in range(12):
        write_project(eco_repo, application(f"app-{n:02}", 40 - n))
    write_project(eco_repo, application("back", 50, decisions=[  # answered what was asked
        {"date": "2026-09-09", "outcome": "needs-info", "reason": "show CI"}]))
    write_project(eco_repo, application("early", 45, "in-progress"))
    write_project(eco_repo, application("done", 5, "declined"))  # not waiting
    q = queue(charter, eco_repo, "--session", "2026-12-10")
    order = [e["slug"] for e in q["queue"]]
    assert order[0] == "back"  # returning first, whatever its issue number
    issues = [e["issue"] for e in q["queue"][1:]]
    assert issues == sorted(issues)  # then first in, first out by issue number
    assert "done" not in order
    assert [e["in_session"] for e in q["queue"]].count(True) == 10  # session_max
    assert q["move_on"] == "2026-11-26"  # two weeks before the session


def test_eco_queue_returning_is_read_from_the_records_not_the_file(charter, eco_repo) -> None:
    """Was: returning: true in the file (or from the form) put any application first, and a
    postponed project's new application counted as returning. Only a recorded needs-info or
    closed-not-ready decision makes an application returning."""
    said = {"date": "2026-08-01", "reason": "come back later"}
    write_project(eco_repo, application("fifo", 20))
    write_project(eco_repo, application("claims", 30, returning=True))  # no record backs it
    write_project(eco_repo, application("postponed", 31, returning=True, previous_issue=4,
                                        decisions=[{**said, "outcome": "postponed"}]))
    write_project(eco_repo, application("not-ready", 40, decisions=[
        {**said, "outcome": "closed-not-ready"}]))
    write_project(eco_repo, application("waiting", 41, "needs-info", returning=True,
                                        decisions=[{**said, "outcome": "needs-info"}]))
    q = queue(charter, eco_repo, "--session", "2026-12-10")
    assert [(e["slug"], e["returning"]) for e in q["queue"]] == [
        ("not-ready", True), ("fifo", False), ("claims", False), ("postponed", False)]
    found = {f.path: f for f in _rules(eco_repo, "ECO-QUEUE")}
    assert set(found) == {"ecosystem/claims.yaml", "ecosystem/postponed.yaml",
                          "ecosystem/waiting.yaml"}
    assert all(f.severity.value == "warning" and f.line > 1 for f in found.values())
    assert "holds no earlier decision" in found["ecosystem/claims.yaml"].message
    assert "postponed on 2026-08-01) makes a new application" in \
        found["ecosystem/postponed.yaml"].message
    assert "it is needs-info" in found["ecosystem/waiting.yaml"].message
    assert "remove returning:" in found["ecosystem/claims.yaml"].message


def test_eco_queue_postponed_project_reapplies_as_a_new_application(charter, eco_repo,
                                                                    tmp_path) -> None:
    from test_eco_intake import BODY

    write_project(eco_repo, application("first", 20))
    for slug, outcome, issue in (("torch-orbit", "postponed", 5), ("other", "needs-info", 6)):
        write_project(eco_repo, application(slug, issue, outcome, repository=f"orbit-ml/{slug}",
                                            decisions=[{"date": "2026-08-01", "outcome": outcome,
                                                        "reason": "later"}]))
    for slug, number in (("torch-orbit", "44"), ("other", "45")):
        f = tmp_path / f"{slug}.md"
        f.write_text(BODY.replace("orbit-ml/torch-orbit", f"orbit-ml/{slug}"), encoding="utf-8")
        code, out, err = charter("ecosystem", "intake", "--repo", str(eco_repo), "--body-file",
                                 str(f), "--number", number, today="2026-11-21")
        assert code == 0, err
        assert ("a new application" if slug == "torch-orbit" else "returning") in out
    q = queue(charter, eco_repo, "--session", "2026-12-10")
    assert [(e["slug"], e["returning"]) for e in q["queue"]] == [
        ("other", True), ("first", False), ("torch-orbit", False)]


def test_eco_queue_moves_to_in_progress_two_weeks_before(charter, eco_repo) -> None:
    write_project(eco_repo, application("one", 1))
    write_project(eco_repo, application("two", 2, "in-progress"))
    before = queue(charter, eco_repo, "--session", "2026-12-10", today="2026-11-25")
    assert not any(e["move_to_in_progress"] for e in before["queue"])
    on = queue(charter, eco_repo, "--session", "2026-12-10", today="2026-11-26")
    assert [e["slug"] for e in on["queue"] if e["move_to_in_progress"]] == ["one"]
    code, _, err = charter("ecosystem", "queue", "--repo", str(eco_repo), "--session",
                           "2026-12-10", "--apply", today="2026-11-26")
    assert code == 0, err
    assert read_project(eco_repo, "one")["status"] == "in-progress"


def test_eco_queue_uses_next_session_and_warns_when_short(charter, eco_repo) -> None:
    write_project(eco_repo, application("one", 1))
    code, out, _ = charter("ecosystem", "queue", "--repo", str(eco_repo), today="2026-11-20")
    assert code == 0
    assert "session 2026-12-10" in out and "fewer than the 7" in out


@pytest.mark.parametrize(("members", "approvals", "outcome"), [
    (5, 3, "accepted"), (5, 2, "declined"), (4, 2, "declined"), (4, 3, "accepted"),
    (1, 1, "accepted"), (2, 1, "declined"),
])
def test_eco_vote_more_than_half_of_members(members, approvals, outcome) -> None:
    group = [f"m{i}" for i in range(members)]
    assert vote.tally(group, group[:approvals], Fraction(1, 2)).outcome == outcome


def decide(charter, root: Path, slug: str, *args: str, today: str = "2026-12-10"):
    return charter("ecosystem", "decide", slug, "--repo", str(root), *args, today=today)


# the ten functional requirements, each recorded as met (ECO-FUNCTIONAL)
EVIDENCE = {k: {"met": True, "evidence": "checked in review", "reviewer": "priya-nair"}
            for k in vote.FUNCTIONAL_NAMES}


def test_eco_vote_decide_accepts_and_records(charter, eco_repo) -> None:
    write_project(eco_repo, application("orbit", 7, "in-progress", functional=EVIDENCE))
    code, out, err = decide(charter, eco_repo, "orbit", "--for", "priya-nair,omar-haddad,yuki-sato",
                            "--against", "bruno-costa")
    assert code == 0, err
    assert "accepted (3 of 5 members approve; 3 needed)" in out
    data = read_project(eco_repo, "orbit")
    assert data["status"] == "active"
    d = data["decisions"][-1]
    assert d == {"date": "2026-12-10", "outcome": "accepted",
                 "for": ["priya-nair", "omar-haddad", "yuki-sato"], "against": ["bruno-costa"],
                 "abstain": [], "working_group": WG}
    state, findings = load(FsTree(eco_repo))
    assert not [f for f in list(run_rules(state)) + findings if f.rule.startswith("ECO-VOTE")]


def test_eco_vote_decide_accepts_only_from_in_progress_with_evidence(charter,
                                                                    eco_repo) -> None:
    # Was: a new application went straight to active, with no functional evidence recorded
    yes = ("--for", "priya-nair,omar-haddad,yuki-sato")
    write_project(eco_repo, application("fresh", 7, "new", functional=EVIDENCE))
    code, _, err = decide(charter, eco_repo, "fresh", *yes)
    assert code == 1
    assert "ECO-QUEUE: fresh is new; an application is decided in review once it is in " \
           "progress (charter ecosystem queue --apply" in err
    assert read_project(eco_repo, "fresh")["status"] == "new"
    partial = {k: v for k, v in EVIDENCE.items() if k not in ("ci", "tests")}
    partial["licence"] = {"met": False, "evidence": "GPL", "reviewer": "priya-nair"}
    write_project(eco_repo, application("half", 8, "in-progress", functional=partial))
    code, _, err = decide(charter, eco_repo, "half", *yes)
    assert code == 1
    assert ("ECO-FUNCTIONAL: half cannot be accepted before every functional requirement is "
            "recorded as met: ci (working CI) is not recorded; licence (a permissive licence) "
            "is recorded as not met; tests (functional tests) is not recorded; record each with "
            "charter ecosystem evidence half REQUIREMENT --met") in err
    # declining needs neither: the working group may say no at any point of the review
    code, _, err = decide(charter, eco_repo, "half", "--for", "priya-nair")
    assert code == 0, err


def test_eco_functional_an_accepted_project_lacking_a_requirement_is_an_error(eco_repo) -> None:
    # Was: a warning, so an acceptance recorded without the evidence passed charter check
    write_project(eco_repo, project("p", functional={k: v for k, v in EVIDENCE.items()
                                                     if k != "documentation"}))
    partial = dict(EVIDENCE, ci={"met": True, "reviewer": "priya-nair"})
    write_project(eco_repo, project("q", status="accepted", functional=partial))
    write_project(eco_repo, project("old", functional={}, imported={
        "from": "landscape", "date": "2026-01-01"}))
    found = {f.path: f for f in _rules(eco_repo, "ECO-FUNCTIONAL")}
    f = found["ecosystem/p.yaml"]
    assert f.severity.value == "error"
    assert ("p is active but records no evidence for 1 of the ten functional requirements "
            "(documentation); an acceptance records each as met: charter ecosystem evidence p "
            "REQUIREMENT") in f.message
    assert found["ecosystem/q.yaml"].severity.value == "error"
    assert "'ci' is marked met without evidence" in found["ecosystem/q.yaml"].message
    assert "ecosystem/old.yaml" not in found  # imported from before charter: no history


def test_eco_vote_decide_declines_without_majority(charter, eco_repo) -> None:
    write_project(eco_repo, application("orbit", 7, "in-progress"))
    code, out, err = decide(charter, eco_repo, "orbit", "--for", "priya-nair,omar-haddad",
                            "--abstain", "yuki-sato", "--reason", "too early")
    assert code == 0, err
    assert "declined (2 of 5" in out and "re-apply from 2027-03-10" in out
    data = read_project(eco_repo, "orbit")
    assert data["status"] == "declined" and data["decisions"][-1]["reason"] == "too early"


@pytest.mark.parametrize(("args", "message"), [
    (("--for", "priya-nair,stranger"), "stranger (for) is not a member"),
    (("--for", "priya-nair", "--against", "priya-nair"), "listed under both"),
])
def test_eco_vote_decide_refuses_bad_ballots(charter, eco_repo, args, message) -> None:
    path = write_project(eco_repo, application("orbit", 7, "in-progress"))
    before = path.read_bytes()
    code, _, err = decide(charter, eco_repo, "orbit", *args)
    assert code == 1 and message in err
    assert path.read_bytes() == before


def test_eco_vote_other_outcomes_need_a_reason(charter, eco_repo) -> None:
    write_project(eco_repo, application("orbit", 7, "in-progress"))
    code, _, err = decide(charter, eco_repo, "orbit", "--outcome", "needs-info")
    assert code == 2 and "--reason" in err
    code, _, err = decide(charter, eco_repo, "orbit", "--outcome", "postponed", "--reason",
                          "write a blog post first")
    assert code == 0, err
    assert read_project(eco_repo, "orbit")["status"] == "postponed"


def test_eco_vote_decided_projects_cannot_be_decided_again(charter, eco_repo) -> None:
    write_project(eco_repo, project("live"))
    code, _, err = decide(charter, eco_repo, "live", "--for", ",".join(WG))
    assert code == 1 and "only an open application" in err


def _rules(root: Path, rule_id: str, today: str = "2026-11-21") -> list:
    import datetime as dt

    state, _ = load(FsTree(root))
    return [f for f in run_rules(state, dt.date.fromisoformat(today)) if f.rule == rule_id]


def test_eco_offboard_retired_project_names_its_offboarding_issue(eco_repo) -> None:
    # Was: nothing checked retired.offboarding_issue: a retirement recorded by hand passed
    retired = {"date": "2026-02-01", "reason": "ECO-PERIODIC: short"}
    write_project(eco_repo, project("gone", status="retired", retired=retired))
    write_project(eco_repo, project("told", status="retired",
                                    retired={**retired, "offboarding_issue": 7}))
    write_project(eco_repo, project("before", status="retired", retired=retired,
                                    imported={"from": "landscape", "date": "2026-01-01"}))
    found = {f.path: f for f in _rules(eco_repo, "ECO-OFFBOARD")}
    assert set(found) == {"ecosystem/gone.yaml"}  # not told, nor imported from before charter
    f = found["ecosystem/gone.yaml"]
    assert f.severity.value == "error" and f.line > 1
    assert ("gone is retired but its record names no offboarding issue: its owners must be "
            "told and asked to remove references to ecosystem membership; open that issue in "
            "lumen-ml/governance") in f.message
    assert "record its number under retired: offboarding_issue:" in f.message


def test_eco_vote_rule_catches_a_wrong_outcome(eco_repo) -> None:
    write_project(eco_repo, project("p", decisions=[{
        "date": "2026-01-14", "outcome": "accepted", "for": WG[:2], "against": WG[2:],
        "working_group": WG}]))
    [f] = _rules(eco_repo, "ECO-VOTE")
    assert "2 of 5 members approved and 3 are needed" in f.message and f.line > 0


def test_eco_vote_rule_catches_outsiders_and_missing_reason(eco_repo) -> None:
    write_project(eco_repo, application("q", 3, "needs-info", decisions=[
        {"date": "2026-01-14", "outcome": "declined", "for": ["outsider"], "working_group": WG},
        {"date": "2026-02-14", "outcome": "needs-info"}]))
    messages = [f.message for f in _rules(eco_repo, "ECO-VOTE")]
    assert any("outsider (for) is not a member" in m for m in messages)
    assert any("gives no reason" in m for m in messages)


def test_eco_resubmit_rule(eco_repo) -> None:
    declined = [{"date": "2026-07-15", "outcome": "declined", "for": [], "working_group": WG}]
    write_project(eco_repo, application("early", 9, submitted="2026-10-14", decisions=declined))
    write_project(eco_repo, application("ontime", 10, submitted="2026-10-15", decisions=declined))
    found = _rules(eco_repo, "ECO-RESUBMIT")
    assert [f.path for f in found] == ["ecosystem/early.yaml"]
    assert "may re-apply from 2026-10-15" in found[0].message


def test_eco_periodic_rule_flags_a_notice_past_its_deadline(eco_repo) -> None:
    write_project(eco_repo, project("p", notice={"issue": 3, "opened": "2026-10-01",
                                                 "deadline": "2026-10-31"}))
    assert _rules(eco_repo, "ECO-PERIODIC", today="2026-10-31") == [] or all(
        "deadline" not in f.message for f in _rules(eco_repo, "ECO-PERIODIC", "2026-10-31"))
    late = [f for f in _rules(eco_repo, "ECO-PERIODIC", "2026-11-01") if "deadline" in f.message]
    assert len(late) == 1 and late[0].severity.value == "warning"


def test_eco_shipped_data_passes_the_eco_rules(repo_root) -> None:
    state, findings = load(FsTree(repo_root))
    errors = [f for f in list(run_rules(state)) + findings
              if f.rule.startswith("ECO-") and f.severity.value == "error"]
    assert errors == []
    assert {p.status for p in state.projects.values()} >= {"active", "retired", "new",
                                                            "declined", "in-progress"}


def test_eco_functional_rule_wants_evidence_and_met(eco_repo) -> None:
    write_project(eco_repo, project("p", functional={
        "ci": {"met": True, "evidence": "https://ci.example/p", "reviewer": "priya-nair"},
        "tests": {"met": False, "evidence": "no tests", "reviewer": "priya-nair"},
        "packages": {"met": True}}))
    found = {f.message.split("'")[1]: f for f in _rules(eco_repo, "ECO-FUNCTIONAL")
             if "records no evidence" not in f.message}
    assert set(found) == {"tests", "packages"}
    assert "not met" in found["tests"].message and "without evidence" in found["packages"].message


def test_eco_status_follows_the_latest_decision(eco_repo) -> None:
    write_project(eco_repo, project("flip", status="declined"))  # latest decision: accepted
    write_project(eco_repo, application("again", 8, decisions=[  # re-applied after a decline
        {"date": "2026-01-10", "outcome": "declined", "for": [], "working_group": WG}]))
    found = [f for f in _rules(eco_repo, "ECO-STATUS") if "latest decision" in f.message]
    assert [f.path for f in found] == ["ecosystem/flip.yaml"]


def test_eco_functional_evidence_is_recorded(charter, eco_repo) -> None:
    write_project(eco_repo, project("p"))
    code, out, err = charter("ecosystem", "evidence", "p", "tests", "--not-met", "--evidence",
                             "no test suite in the repository", "--reviewer", "yuki-sato",
                             "--repo", str(eco_repo), today="2026-11-21")
    assert code == 0, err
    assert "functional tests: not met" in out
    assert read_project(eco_repo, "p")["functional"]["tests"] == {
        "met": False, "evidence": "no test suite in the repository", "reviewer": "yuki-sato",
        "date": "2026-11-21"}
    [f] = [f for f in _rules(eco_repo, "ECO-FUNCTIONAL") if "records no evidence" not in
           f.message]
    assert "'tests' is recorded as not met" in f.message
    code, _, err = charter("ecosystem", "evidence", "p", "ci", "--met", "--evidence", "x",
                           "--reviewer", "outsider", "--repo", str(eco_repo))
    assert code == 1 and "not a member of the working group" in err
