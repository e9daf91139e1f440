"""Records end to end: the shipped elections, `charter election tally / resolve-tie / roll`, and
what `charter check` verifies (recount, sha256, council.yaml, the lead)."""

from __future__ import annotations

import hashlib
import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import starvote
import yaml
from elections_helpers import (
    REPO,
    affiliations_of,
    community_of,
    csv_of,
    governance_repo,
    write_record,
)

from charter.elections.ballots import read_scores
from charter.elections.check import verify
from charter.elections.record import count, read_record
from charter.elections.ties import draw_order
from charter.findings import Finding, Severity
from charter.load import load
from charter.tree import FsTree

Run = Callable[..., subprocess.CompletedProcess[str]]


def findings(root: Path) -> list[Finding]:
    state, _ = load(FsTree(root))
    return verify(root, state)


def errors(root: Path) -> list[Finding]:
    return [f for f in findings(root) if f.severity is Severity.ERROR]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return governance_repo(tmp_path)


def test_shipped_elections_recount_to_their_committed_results() -> None:
    assert errors(REPO) == []


def test_shipped_council_election_agrees_with_starvote() -> None:
    raw = (REPO / "elections/2026-council/ballots.csv").read_bytes()
    ballots = read_scores(raw, "ballots.csv", 5)
    n = len(ballots.candidates)
    won = starvote.bloc_star_voting(ballots.as_dicts(), seats=n - 1, tiebreaker=None)
    result = yaml.safe_load((REPO / "elections/2026-council/result.yaml").read_text())
    assert result["order"] == won + [c for c in ballots.candidates if c not in won]


def test_pc_term_cohort_a_is_finishing_order_not_totals() -> None:
    state, _ = load(FsTree(REPO))
    c = count(read_record(FsTree(REPO), "2026-council", state.elections["2026-council"]),
              state.policy)
    assert c.result is not None
    top_totals = [t["candidate"] for t in c.result["totals"][:2]]
    cohort_a = [s["login"] for s in c.result["elected"] if s["cohort"] == "A"]
    assert top_totals == ["sofia-rossi", "hana-kim"]
    assert cohort_a == ["sofia-rossi", "kwame-mensah"]
    assert [s.login for s in state.council.seats if s.cohort == "A"] == cohort_a


def test_pc_election_ballots_changed_after_recording(repo: Path) -> None:
    path = repo / "elections/2026-council/ballots.csv"
    path.write_bytes(path.read_bytes().replace(b"\n5,", b"\n4,", 1))
    errs = errors(repo)
    assert any(f.path == "elections/2026-council/election.yaml" and
               "does not match ballots_sha256" in f.message and f.line > 0 for f in errs)


def test_pc_election_committed_result_differs(repo: Path) -> None:
    path = repo / "elections/2026-council/result.yaml"
    hana = "- login: hana-kim\n  cohort: "
    text = path.read_text().replace(hana + "B", hana + "A")
    path.write_text(text)
    errs = [f for f in errors(repo) if f.path.endswith("result.yaml")]
    assert len(errs) == 1 and "elected.2.cohort" in errs[0].message
    assert errs[0].line > 0 and "charter election tally elections/2026-council" in errs[0].message


def test_pc_election_result_missing(repo: Path) -> None:
    (repo / "elections/2026-member-add-samir-khan/result.yaml").unlink()
    assert any("result file is missing" in f.message for f in errors(repo))


def test_pc_election_council_yaml_must_match_certified_result(repo: Path) -> None:
    path = repo / "council.yaml"
    path.write_text(path.read_text().replace("login: noah-clarke", "login: omar-haddad"))
    errs = errors(repo)
    assert any(f.path == "council.yaml" and "omar-haddad holds a seat" in f.message for f in errs)
    warns = [f for f in findings(repo) if f.severity is Severity.WARNING]
    assert any("noah-clarke was elected" in f.message for f in warns)


def test_pc_election_term_end_must_match(repo: Path) -> None:
    path = repo / "council.yaml"
    path.write_text(path.read_text().replace("term_end: '2027-06-15'", "term_end: '2028-06-15'", 1))
    errs = errors(repo)
    assert any("hana-kim's term_end" in f.message and f.line > 0 for f in errs)


def test_bad_ballots_file_is_a_located_finding(repo: Path) -> None:
    rec = yaml.safe_load((repo / "elections/2026-council/election.yaml").read_text())
    cands = [c["login"] for c in rec["candidates"]]
    rec.pop("finalised")
    write_record(repo, "2027-bad", {**rec, "participation": ["hana-kim"]},
                 csv_of(cands, [(5, 4, 3, 2, 1, 0, 0, 0)]) + "1,2,3\n")
    errs = [f for f in errors(repo) if f.path == "elections/2027-bad/ballots.csv"]
    assert errs and errs[0].line == 3 and "cells" in errs[0].message


def tie_record(repo: Path, eid: str = "2027-cohort-b") -> None:
    """A cohort B election whose runoff ties beyond every rule: diego-alvarez and liam-obrien
    score alike on every ballot."""
    cands = ["diego-alvarez", "liam-obrien", "fatima-zahra", "anya-ivanova"]
    rows = [(5, 5, 1, 0), (3, 3, 4, 1), (4, 4, 0, 2)]
    electorate = community_of(repo, "2027-05-31")
    (repo / "elections" / eid).mkdir(parents=True)
    text = "# A cohort election with a tie (kept comment)\n" + yaml.safe_dump({
        "kind": "council-election", "title": "Cohort B 2027", "returning_officer": "george-hale",
        "scope": "B", "seats": 3,
        "nomination": {"opens": "2027-05-17", "closes": "2027-05-30"},
        "voting": {"opens": "2027-05-31", "closes": "2027-06-13"},
        "electorate": electorate, "participation": cands[:3],
        "candidates": [{"login": c, "affiliations": affiliations_of(repo, c)} for c in cands],
        "sitting": [{"login": "sofia-rossi"}, {"login": "kwame-mensah"}],
    }, sort_keys=False)
    raw = csv_of(cands, rows).encode()
    (repo / "elections" / eid / "ballots.csv").write_bytes(raw)
    text += f"ballots_sha256: {hashlib.sha256(raw).hexdigest()}\n"
    (repo / "elections" / eid / "election.yaml").write_text(text)


def test_unbreakable_tie_stops_tally_and_resolve_tie_records_agreement(repo: Path,
                                                                       run_charter: Run) -> None:
    tie_record(repo)
    out = run_charter("election", "tally", "elections/2027-cohort-b", "--repo", str(repo))
    assert out.returncode == 1
    assert "unbreakable tie in round 1 (runoff) between diego-alvarez, liam-obrien" in out.stderr
    assert "Traceback" not in out.stderr
    assert any("unbreakable tie" in f.message for f in errors(repo))
    out = run_charter("election", "resolve-tie", "elections/2027-cohort-b", "--agree",
                      "liam-obrien,diego-alvarez", "--reference", "https://example.invalid/agreement",
                      "--date", "2027-06-14", "--repo", str(repo),
                      env={"CHARTER_TODAY": "2027-06-14"})  # a record's date is never ahead
    assert out.returncode == 0, out.stderr
    assert "the count completes" in out.stdout
    text = (repo / "elections/2027-cohort-b/election.yaml").read_text()
    assert text.startswith("# A cohort election with a tie (kept comment)")
    data = yaml.safe_load(text)
    assert data["ties"] == [{"round": 1, "stage": "runoff",
                             "tied": ["diego-alvarez", "liam-obrien"], "method": "agreement",
                             "order": ["liam-obrien", "diego-alvarez"],
                             "reference": "https://example.invalid/agreement",
                             "recorded": "2027-06-14"}]
    out = run_charter("election", "tally", "elections/2027-cohort-b", "--repo", str(repo))
    assert out.returncode == 0, out.stderr
    result = yaml.safe_load((repo / "elections/2027-cohort-b/result.yaml").read_text())
    assert result["order"][:2] == ["liam-obrien", "diego-alvarez"]
    assert [s["cohort"] for s in result["elected"]] == ["B", "B", "B"]
    assert result["certified"] is False
    assert "Round 1: finalists" in out.stdout and "recorded resolution" in out.stdout
    assert errors(repo) == []  # a provisional result leaves council.yaml as it is


def test_resolve_tie_by_seeded_draw_is_replayed(repo: Path, run_charter: Run) -> None:
    tie_record(repo)
    out = run_charter("election", "resolve-tie", "elections/2027-cohort-b", "--seed",
                      "drand-round-123456", "--repo", str(repo))
    assert out.returncode == 0, out.stderr
    data = yaml.safe_load((repo / "elections/2027-cohort-b/election.yaml").read_text())
    drawn = list(draw_order("drand-round-123456", 1, "runoff", ["diego-alvarez", "liam-obrien"]))
    assert data["ties"][0]["order"] == drawn and data["ties"][0]["method"] == "draw"
    assert run_charter("election", "tally", "elections/2027-cohort-b", "--repo",
                       str(repo)).returncode == 0
    result = yaml.safe_load((repo / "elections/2027-cohort-b/result.yaml").read_text())
    assert result["order"][0] == drawn[0]
    again = run_charter("election", "resolve-tie", "elections/2027-cohort-b", "--seed", "x",
                        "--repo", str(repo))
    assert again.returncode == 1 and "no unresolved tie" in again.stderr


def test_tally_check_and_json(run_charter: Run) -> None:
    out = run_charter("election", "tally", "--check", "elections/2026-council",
                      "elections/2026-member-add-samir-khan", "--repo", str(REPO))
    assert out.returncode == 0, out.stderr
    assert "Turnout: 17 ballots from an electorate of 22" in out.stdout
    assert "Outcome: PASSED" in out.stdout
    out = run_charter("election", "tally", "--check", "--format", "json", "2026-council",
                      "--repo", str(REPO))
    data: dict[str, Any] = json.loads(out.stdout)
    assert data["elected"][0]["login"] == "sofia-rossi"


def test_tally_unknown_record_is_an_error(run_charter: Run) -> None:
    out = run_charter("election", "tally", "elections/nope", "--repo", str(REPO))
    assert out.returncode == 1 and "no elections/nope/election.yaml" in out.stderr


def council_election(repo: Path, eid: str, closes: str, absent: list[str]) -> None:
    """A cohort A election voted by the whole community of its day but ``absent``."""
    cands = ["sofia-rossi", "kwame-mensah"]
    opens = closes[:8] + "01"
    electorate = community_of(repo, opens)
    voters = [x for x in electorate if x not in absent]
    write_record(repo, eid, {
        "kind": "council-election", "title": eid, "returning_officer": "george-hale",
        "scope": "A", "seats": 2, "voting": {"opens": opens, "closes": closes},
        "electorate": electorate, "participation": voters,
        "candidates": [{"login": c, "affiliations": affiliations_of(repo, c)} for c in cands],
    }, csv_of(cands, [(5, 4)] * len(voters)))


def test_pc_member_lapse_roll(repo: Path, run_charter: Run) -> None:
    council_election(repo, "2027-a", "2027-06-13", ["diego-alvarez", "kwame-mensah"])
    council_election(repo, "2028-a", "2028-06-13", ["diego-alvarez", "kwame-mensah", "hana-kim"])
    # diego-alvarez was in both electorates and voted in neither: lapsed
    kwame = repo / "members/kwame-mensah.yaml"
    kwame.write_text(kwame.read_text().replace("since: '2023-03-01'",
                                               "since: '2023-03-01'\n  resumed: '2028-07-01'"))
    out = run_charter("election", "roll", "--format", "json", "--repo", str(repo),
                      env={"CHARTER_TODAY": "2028-08-01"})
    assert out.returncode == 0, out.stderr
    roll = json.loads(out.stdout)
    assert roll["elections"] == ["2027-a", "2028-a"]
    assert roll["lapsed"] == ["diego-alvarez"]
    assert roll["resumed"] == ["kwame-mensah"]
    assert "hana-kim" in roll["voters"] and "diego-alvarez" not in roll["voters"]
    assert "samir-khan" in roll["voters"]
    # before the second election closes, only one has been missed
    out = run_charter("election", "roll", "--format", "json", "--repo", str(repo),
                      env={"CHARTER_TODAY": "2028-06-01"})
    assert json.loads(out.stdout)["lapsed"] == []


def test_gov_lead_elect_core_yaml_must_name_the_winner(repo: Path) -> None:
    cands = ["mira-chen", "tomas-reyes"]
    core = ["mira-chen", "tomas-reyes", "priya-nair", "jonas-berg", "aiko-tanaka", "kwame-mensah"]
    write_record(repo, "2026-lead", {
        "kind": "lead-election", "title": "Lead election", "returning_officer": "george-hale",
        "method": "instant-runoff", "voting": {"opens": "2026-03-01", "closes": "2026-03-14"},
        "finalised": "2026-03-15", "electorate": core, "participation": core,
        "candidates": [{"login": c} for c in cands],
    }, "mira-chen,tomas-reyes\n1,2\n1,2\n2,1\n1,\n,1\n1,2\n")
    state, _ = load(FsTree(repo))
    c = count(read_record(FsTree(repo), "2026-lead", state.elections["2026-lead"]), state.policy)
    (repo / "elections/2026-lead/result.yaml").write_text(c.render())
    core_yaml = repo / "core.yaml"
    core_yaml.write_text(core_yaml.read_text() + "lead_elected_in: 2026-lead\n")
    assert errors(repo) == []
    core_yaml.write_text(core_yaml.read_text().replace("lead: mira-chen", "lead: tomas-reyes"))
    assert any(f.rule == "GOV-LEAD-ELECT" and "elected mira-chen" in f.message
               for f in errors(repo))


def test_pc_election_every_named_login_has_a_member_file(repo: Path) -> None:
    path = repo / "elections/2026-council/election.yaml"
    path.write_text(path.read_text().replace("  - liam-obrien\n", "  - liam-o-brien\n", 1))
    errs = [f for f in errors(repo) if "liam-o-brien has no member file" in f.message]
    assert len(errs) == 1 and errs[0].line > 0


def test_pc_member_add_shows_in_the_member_file(repo: Path) -> None:
    samir = repo / "members/samir-khan.yaml"
    samir.write_text(samir.read_text().split("community:")[0])
    warns = [f for f in findings(repo) if f.rule == "PC-MEMBER-ADD"]
    assert len(warns) == 1 and warns[0].path == "members/samir-khan.yaml"
    assert "admitted_by: elections/2026-member-add-samir-khan" in warns[0].message


def test_verify_reads_a_git_commit(repo: Path) -> None:
    """The same checks run on a commit read from git objects (how the pull-request gate reads)."""
    from charter.elections.check import verify_tree
    from charter.tree import GitTree

    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "x"], check=True)
    path = repo / "elections/2026-council/ballots.csv"
    path.write_bytes(b"tampered on disk only\n")
    tree = GitTree(repo, "HEAD")
    state, _ = load(tree)
    assert [f for f in verify_tree(tree, state) if f.severity is Severity.ERROR] == []
    assert errors(repo)  # the working directory is tampered


@pytest.mark.parametrize(("old", "new"), [
    ("finalised: '2026-09-24'", "finalised: '2026-02-30'"),
    ("    on: '2026-09-08'", "    on: '2026-09-31'"),
    ("  closes: '2026-09-23'", "  closes: '2026-09-31'"),
])
def test_pc_member_add_impossible_date_is_a_finding_not_a_traceback(
        repo: Path, run_charter: Run, old: str, new: str) -> None:
    # the schema checks only a date's shape; datetime.date.fromisoformat raised ValueError in
    # the recount, so `charter check` crashed instead of naming the date
    path = repo / "elections/2026-member-add-samir-khan/election.yaml"
    assert old in path.read_text()
    path.write_text(path.read_text().replace(old, new))
    errs = [f for f in errors(repo) if f.path == str(path.relative_to(repo))]
    assert any("not a calendar date" in f.message and f.line > 1 for f in errs), errs
    out = run_charter("check", "--repo", str(repo))
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr


@pytest.mark.parametrize("key", ["participation", "electorate"])
def test_pc_election_a_login_twice_in_another_case_is_an_error(repo: Path, key: str) -> None:
    """The schema's uniqueItems is case-sensitive, and logins are compared in lower case: with
    Hana-Kim beside hana-kim one person could cast two anonymous ballots (participation) or
    count twice toward a quorum and a threshold's denominator (electorate)."""
    path = repo / "elections/2026-council/election.yaml"
    text = path.read_text()
    anchor = "participation:\n" if key == "participation" else "electorate:  # community " \
        "members when voting opened\n"
    assert anchor in text
    path.write_text(text.replace(anchor, anchor + "  - Hana-Kim\n", 1))
    if key == "participation":  # one more ballot, with its sha256, and the result recounted
        ballots = repo / "elections/2026-council/ballots.csv"
        raw = ballots.read_bytes() + b"5,0,5,0,0,0,0,0\n"
        ballots.write_bytes(raw)
        path.write_text(path.read_text().replace(
            "5419e05a16b4d7d9dee215e66ab392c2f4f0929d7a859e9e591d85fb6cc9b2b3",
            hashlib.sha256(raw).hexdigest()))
    state, _ = load(FsTree(repo))
    c = count(read_record(FsTree(repo), "2026-council", state.elections["2026-council"]),
              state.policy)
    assert any("Hana-Kim" in p.message and "twice" in p.message for p in c.errors), c.problems


def test_gov_lead_remove_passed_lead_is_no_longer_the_lead(repo: Path) -> None:
    """A certified GOV-LEAD-REMOVE vote that passed leaves core.yaml naming the removed lead:
    charter check said nothing (only lead_elected_in was compared)."""
    core = ["mira-chen", "tomas-reyes", "priya-nair", "jonas-berg", "aiko-tanaka", "kwame-mensah"]
    write_record(repo, "2026-lead-remove", {
        "kind": "motion", "title": "Remove the lead", "returning_officer": "george-hale",
        "motion": {"type": "lead-remove", "text": "t", "subject": "mira-chen"},
        "voting": {"opens": "2026-10-01", "closes": "2026-10-14"}, "finalised": "2026-10-15",
        "electorate": core,
    }, "voter,date,vote\n" + "".join(f"{p},2026-10-02,yes\n" for p in core[1:])
       + "mira-chen,2026-10-02,no\n")
    state, _ = load(FsTree(repo))
    c = count(read_record(FsTree(repo), "2026-lead-remove", state.elections["2026-lead-remove"]),
              state.policy)
    assert c.result is not None and c.result["passed"]
    (repo / "elections/2026-lead-remove/result.yaml").write_text(c.render())
    # a warning: the certification merges first, the change of lead follows in its own pull
    # request (charter core lead), so charter check must not fail in between
    warns = [f for f in findings(root=repo) if f.severity is Severity.WARNING]
    assert any(f.path == "core.yaml" and f.rule == "GOV-LEAD-REMOVE" and "mira-chen" in f.message
               and "charter core lead --vacant" in f.message for f in warns), warns
    core_yaml = repo / "core.yaml"
    core_yaml.write_text(core_yaml.read_text().replace("lead: mira-chen", "lead: tomas-reyes"))
    assert not [f for f in errors(repo) if f.rule == "GOV-LEAD-REMOVE"]


def test_pc_election_huge_ballots_file_is_refused_before_it_is_read(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The 64 MB limit was applied after the whole file was read into memory (and hashed): a
    multi-gigabyte ballots.csv was read in full by charter check before being refused."""
    from charter.elections import ballots as ballots_mod

    monkeypatch.setattr(ballots_mod, "MAX_BYTES", 100)
    path = "elections/2026-council/ballots.csv"

    class NoBigReads(FsTree):
        def read(self, p: str) -> bytes:
            assert p != path, "the oversized ballots file was read"
            return super().read(p)

    tree = NoBigReads(repo)
    state, _ = load(tree)
    c = count(read_record(tree, "2026-council", state.elections["2026-council"]), state.policy)
    assert c.result is None
    assert any(p.path == path and (p.line, p.col) == (1, 1) and "the limit is 100" in p.message
               for p in c.errors), c.problems


def test_pc_election_symlinked_ballots_file_is_a_finding(repo: Path, run_charter: Run) -> None:
    # a ballots.csv that is a symbolic link made tree.read raise OSError: charter check stopped
    # at that file with no findings at all, instead of naming it among the others
    d = repo / "elections/2026-member-add-samir-khan"
    (d / "ballots.csv").rename(d / "real.csv")
    (d / "ballots.csv").symlink_to("real.csv")
    errs = errors(repo)
    assert any(f.path == "elections/2026-member-add-samir-khan/ballots.csv"
               and "regular file" in f.message for f in errs), errs
    out = run_charter("check", "--repo", str(repo))
    assert out.returncode == 1 and "ballots.csv:1:1:" in out.stdout + out.stderr


def test_pc_election_symlinked_result_file_is_a_finding(repo: Path) -> None:
    d = repo / "elections/2026-member-add-samir-khan"
    (d / "result.yaml").rename(d / "r.yaml")
    (d / "result.yaml").symlink_to("r.yaml")
    errs = errors(repo)
    assert any(f.path == "elections/2026-member-add-samir-khan/result.yaml"
               and "regular file" in f.message for f in errs), errs


def test_pc_election_resolve_tie_refuses_an_empty_seed(repo: Path, run_charter: Run) -> None:
    # --seed '' was written to election.yaml (a draw without a seed, which the schema refuses),
    # then the recount reported "the count now stops at another tie" for the same tie
    tie_record(repo)
    before = (repo / "elections/2027-cohort-b/election.yaml").read_bytes()
    out = run_charter("election", "resolve-tie", "elections/2027-cohort-b", "--seed", " ",
                      "--repo", str(repo))
    assert out.returncode == 2 and "--seed" in out.stderr, out.stderr
    assert (repo / "elections/2027-cohort-b/election.yaml").read_bytes() == before


def test_pc_member_add_electorate_holds_only_community_members_of_the_day(repo: Path) -> None:
    """The electorate is the snapshot of community members when voting opened; a login that was
    no member then (here the nominee, admitted by this very vote) was accepted, so a record could
    inflate the membership that quorums and the electors' threshold are measured against."""
    path = repo / "elections/2026-member-add-samir-khan/election.yaml"
    path.write_text(path.read_text().replace("  - yuki-sato\nparticipation:",
                                             "  - yuki-sato\n  - samir-khan\nparticipation:"))
    errs = [f for f in errors(repo) if "not a community member" in f.message]
    assert len(errs) == 1 and errs[0].rule == "PC-MEMBER-ADD", errs
    assert errs[0].path == "elections/2026-member-add-samir-khan/election.yaml"
    assert "samir-khan" in errs[0].message and errs[0].line > 1


def test_pc_member_add_electorate_leaving_out_members_is_reported(repo: Path) -> None:
    """Leaving community members out of the electorate lowers the 50% quorum (PC-MEMBER-ADD):
    the snapshot was taken on trust."""
    path = repo / "elections/2026-member-add-samir-khan/election.yaml"
    text = path.read_text()
    head, tail = text.split("participation:", 1)
    head = head.replace("  - anya-ivanova\n", "").replace("  - bruno-costa\n", "")
    path.write_text(head + "participation:" + tail)
    warns = [f for f in findings(repo) if "left out of the electorate" in f.message]
    assert len(warns) == 1 and warns[0].rule == "PC-MEMBER-ADD", warns
    assert "anya-ivanova, bruno-costa" in warns[0].message


def test_pc_member_lapse_lapsed_members_are_not_expected_in_the_electorate(
        repo: Path) -> None:
    # diego-alvarez was in the electorate of two council elections and voted in neither, so he
    # has lapsed by the time of the next community vote; everybody else is expected in it
    council_election(repo, "2027-a", "2027-06-13", ["diego-alvarez"])
    council_election(repo, "2028-a", "2028-06-13", ["diego-alvarez"])
    state, _ = load(FsTree(repo))
    community = sorted(m.login for m in state.members.values()
                       if m.community and m.login != "diego-alvarez")
    write_record(repo, "2028-amend", {
        "kind": "motion", "title": "Amend", "returning_officer": "george-hale",
        "motion": {"type": "amend", "text": "t"},
        "voting": {"opens": "2028-09-01", "closes": "2028-09-14"},
        "electorate": community, "participation": community[:3],
    }, "date,vote\n" + "2028-09-02,yes\n" * 3)
    assert not [f for f in findings(repo) if "left out of the electorate" in f.message
                and "2028-amend" in f.path]
    path = repo / "elections/2028-amend/election.yaml"
    path.write_text(path.read_text().replace("- yuki-sato\n", "", 1))
    assert [f for f in findings(repo) if "left out of the electorate" in f.message
            and "2028-amend" in f.path and "yuki-sato" in f.message]


def test_gov_lead_remove_electorate_holds_only_core_maintainers(repo: Path) -> None:
    """GOV-LEAD-REMOVE counts 75% of the core maintainers: anyone else in the electorate (here
    george-hale, emeritus since 2024) moved the bar, and charter check did not notice."""
    core = ["mira-chen", "tomas-reyes", "priya-nair", "jonas-berg", "aiko-tanaka", "kwame-mensah"]
    write_record(repo, "2026-lead-remove", {
        "kind": "motion", "title": "Remove the lead", "returning_officer": "george-hale",
        "motion": {"type": "lead-remove", "text": "t", "subject": "mira-chen"},
        "voting": {"opens": "2026-10-01", "closes": "2026-10-14"},
        "electorate": [*core, "george-hale", "hana-kim"],
    }, "voter,date,vote\n" + "".join(f"{p},2026-10-02,no\n" for p in core))
    errs = [f for f in errors(repo) if "not a core maintainer" in f.message]
    assert sorted(f.message.split()[0] for f in errs) == ["george-hale", "hana-kim"], errs
    assert all(f.rule == "GOV-LEAD-REMOVE" and f.line > 1 for f in errs)


def test_pc_member_lapse_lapsed_member_in_the_electorate_is_reported(repo: Path) -> None:
    council_election(repo, "2027-a", "2027-06-13", ["diego-alvarez", "kwame-mensah"])
    council_election(repo, "2028-a", "2028-06-13", ["diego-alvarez", "kwame-mensah"])
    state, _ = load(FsTree(repo))
    community = sorted(m.login for m in state.members.values() if m.community)
    write_record(repo, "2028-amend", {
        "kind": "motion", "title": "Amend", "returning_officer": "george-hale",
        "motion": {"type": "amend", "text": "t"},
        "voting": {"opens": "2028-09-01", "closes": "2028-09-14"},
        "electorate": community, "participation": community[:3],
    }, "date,vote\n" + "2028-09-02,yes\n" * 3)
    got = [f for f in errors(repo) if f.path == "elections/2028-amend/election.yaml"
           and "lapsed" in f.message]
    # both were in the electorates of 2027-a and 2028-a and voted in neither
    assert sorted(f.message.split()[0] for f in got) == ["diego-alvarez", "kwame-mensah"]
    assert all(f.line > 1 for f in got)


# --- the electorate of the day (charter.elections.day) -----------------------------------------

FOUR = ["diego-alvarez", "hana-kim", "lena-vogel", "priya-nair"]  # 4 of the 23 community members


def community_motion(repo: Path, eid: str, mtype: str, yes: int, **motion: Any) -> None:
    """A certified community motion voted by ``FOUR`` (``yes`` yes votes), its result rendered
    as a count that trusts the listed electorate rendered it."""
    write_record(repo, eid, {
        "kind": "motion", "title": eid, "returning_officer": "george-hale",
        "motion": {"type": mtype, "text": "t", **motion},
        "voting": {"opens": "2026-10-10", "closes": "2026-10-23"}, "finalised": "2026-10-24",
        "electorate": FOUR, "participation": FOUR[:yes],
    }, "date,vote\n" + "2026-10-11,yes\n" * yes)
    state, _ = load(FsTree(repo))
    trusting = count(read_record(FsTree(repo), eid, state.elections[eid]), state.policy)
    assert trusting.result is not None
    (repo / f"elections/{eid}/result.yaml").write_text(trusting.render())


def _left_out(repo: Path, eid: str, rule: str) -> Finding:
    got = [f for f in errors(repo) if f.path == f"elections/{eid}/election.yaml"
           and "left out of the electorate" in f.message]
    assert len(got) == 1 and got[0].rule == rule and got[0].line > 1, got
    return got[0]


def test_pc_member_add_quorum_is_over_the_community_of_the_day(repo: Path) -> None:
    """2 yes out of an electorate listing 4 of 23 community members met "half of the
    electorate" and passed, with only a warning: the quorum was counted over the list."""
    called = {"by": "priya-nair", "on": "2026-10-01"}
    community_motion(repo, "2026-admit-x", "member-add", 2, subject="samir-khan",
                     called=called, seconded={"by": "diego-alvarez", "on": "2026-10-02"})
    f = _left_out(repo, "2026-admit-x", "PC-MEMBER-ADD")
    assert "anya-ivanova" in f.message and "yuki-sato" in f.message and "(23)" in f.message
    state, _ = load(FsTree(repo))
    c = count(read_record(FsTree(repo), "2026-admit-x", state.elections["2026-admit-x"]),
              state.policy, state)
    assert c.result is not None and c.result["electorate"] == 23
    assert c.result["quorum"] == {"needed": 12, "participated": 2, "met": False}
    assert c.result["passed"] is False


def test_pc_no_confidence_quorum_is_over_the_community_of_the_day(repo: Path) -> None:
    called = {"by": "priya-nair", "on": "2026-10-01"}
    community_motion(repo, "2026-nc-noah", "no-confidence", 2, subject="noah-clarke",
                     called=called, seconded={"by": "diego-alvarez", "on": "2026-10-02"})
    _left_out(repo, "2026-nc-noah", "PC-NO-CONFIDENCE")
    # the vote did not remove noah-clarke: council.yaml keeps the seat without an error
    assert not [f for f in errors(repo) if f.path == "council.yaml"]
    state, _ = load(FsTree(repo))
    c = count(read_record(FsTree(repo), "2026-nc-noah", state.elections["2026-nc-noah"]),
              state.policy, state)
    assert c.result is not None and c.result["quorum"]["needed"] == 12
    assert c.result["passed"] is False


def test_pc_amend_electorate_is_the_community_of_the_day(repo: Path) -> None:
    community_motion(repo, "2026-amend", "amend", 2)
    _left_out(repo, "2026-amend", "PC-AMEND")


def lead_record(repo: Path, eid: str, electorate: list[str], votes: dict[str, str]) -> None:
    """A certified GOV-LEAD-REMOVE vote about mira-chen, result rendered from the list."""
    write_record(repo, eid, {
        "kind": "motion", "title": "Remove the lead", "returning_officer": "george-hale",
        "motion": {"type": "lead-remove", "text": "t", "subject": "mira-chen"},
        "voting": {"opens": "2026-10-01", "closes": "2026-10-14"}, "finalised": "2026-10-15",
        "electorate": electorate,
    }, "voter,date,vote\n" + "".join(f"{p},2026-10-02,{v}\n" for p, v in votes.items()))
    state, _ = load(FsTree(repo))
    trusting = count(read_record(FsTree(repo), eid, state.elections[eid]), state.policy)
    assert trusting.result is not None
    (repo / f"elections/{eid}/result.yaml").write_text(trusting.render())


def test_gov_lead_remove_partial_electorate_is_an_error_not_a_removal(repo: Path) -> None:
    """3 yes from an electorate listing 4 of the 6 core maintainers was 3/4 of the list: charter
    check told core.yaml to drop the lead on a minority of the core."""
    four = ["tomas-reyes", "priya-nair", "jonas-berg", "mira-chen"]
    lead_record(repo, "2026-lead-remove", four,
                {"tomas-reyes": "yes", "priya-nair": "yes", "jonas-berg": "yes",
                 "mira-chen": "no"})
    f = _left_out(repo, "2026-lead-remove", "GOV-LEAD-REMOVE")
    assert "aiko-tanaka, kwame-mensah" in f.message
    assert not [f for f in findings(repo) if f.path == "core.yaml"
                and f.rule == "GOV-LEAD-REMOVE"]
    state, _ = load(FsTree(repo))
    c = count(read_record(FsTree(repo), "2026-lead-remove",
                          state.elections["2026-lead-remove"]), state.policy, state)
    assert c.result is not None and c.result["electorate"] == 6
    assert c.result["threshold"]["needed"] == 5 and c.result["passed"] is False


def test_gov_lead_remove_threshold_is_over_every_core_maintainer_of_the_day(
        repo: Path) -> None:
    # aiko-tanaka moved to emeritus after voting opened: still one of the 6 of the day
    core = repo / "core.yaml"
    core.write_text(core.read_text().replace("  - aiko-tanaka\n", "").replace(
        "emeritus:\n", "emeritus:\n  - login: aiko-tanaka\n    since: '2026-10-05'\n"))
    six = ["mira-chen", "tomas-reyes", "priya-nair", "jonas-berg", "aiko-tanaka",
           "kwame-mensah"]
    lead_record(repo, "2026-lead-remove", six,
                {"tomas-reyes": "yes", "priya-nair": "yes", "jonas-berg": "yes",
                 "kwame-mensah": "yes"})
    assert not [f for f in errors(repo) if f.path.startswith("elections/")]
    result = yaml.safe_load((repo / "elections/2026-lead-remove/result.yaml").read_text())
    assert result["threshold"] == {"needed": 5, "of": "at least 3/4 of the 6 core maintainers"}
    assert result["passed"] is False


def test_gov_lead_elect_partial_electorate_is_an_error(repo: Path) -> None:
    core = ["mira-chen", "tomas-reyes", "priya-nair", "jonas-berg"]
    write_record(repo, "2026-lead", {
        "kind": "lead-election", "title": "Lead election", "returning_officer": "george-hale",
        "method": "instant-runoff", "voting": {"opens": "2026-03-01", "closes": "2026-03-14"},
        "electorate": core, "participation": core,
        "candidates": [{"login": "mira-chen"}, {"login": "tomas-reyes"}],
    }, "mira-chen,tomas-reyes\n1,2\n1,2\n2,1\n1,\n")
    f = _left_out(repo, "2026-lead", "GOV-LEAD-ELECT")
    assert "aiko-tanaka, kwame-mensah" in f.message


def open_council_record(repo: Path, eid: str = "2027-council") -> Path:
    """The shipped council election as a record still in progress (not finalised)."""
    src = repo / "elections/2026-council"
    dst = repo / "elections" / eid
    dst.mkdir()
    (dst / "ballots.csv").write_bytes((src / "ballots.csv").read_bytes())
    text = (src / "election.yaml").read_text().replace("finalised: '2026-06-15'\n", "")
    (dst / "election.yaml").write_text(text)
    assert not [f for f in errors(repo) if f.path.startswith(f"elections/{eid}/election")]
    return dst / "election.yaml"


def test_pc_election_returning_officer_is_the_one_council_yaml_names(repo: Path) -> None:
    path = open_council_record(repo)
    path.write_text(path.read_text().replace("returning_officer: george-hale",
                                             "returning_officer: lena-vogel"))
    got = [f for f in errors(repo) if f.path == "elections/2027-council/election.yaml"]
    assert len(got) == 1 and got[0].rule == "PC-ELECTION", got
    assert "council.yaml names george-hale" in got[0].message and got[0].line == 5


def test_pc_coi_candidate_affiliations_are_those_of_the_member_file(repo: Path) -> None:
    path = open_council_record(repo)
    path.write_text(path.read_text().replace(
        "affiliations: [{entity: Northwind Labs, role: employee}]",
        "affiliations: [{entity: Contoso Research, role: employee}]", 1))
    got = [f for f in errors(repo) if f.path == "elections/2027-council/election.yaml"]
    assert all(f.rule == "PC-COI" and "sofia-rossi" in f.message and f.line > 1 for f in got)
    assert sorted("Northwind Labs" in f.message for f in got) == [False, True], got


def test_pc_coi_certified_record_leaving_out_a_dated_affiliation(repo: Path) -> None:
    """A finalised record is held to what the member file still proves of its day: an
    affiliation dated on or before nominations closed; a later one had not begun."""
    hana = repo / "members/hana-kim.yaml"
    before = hana.read_text()
    for since, reported in (("2026-01-01", True), ("2026-09-01", False)):
        hana.write_text(before.replace("affiliations:\n", "affiliations:\n  - entity: Contoso "
                                       f"Research\n    role: employee\n    since: '{since}'\n"))
        got = [f for f in errors(repo) if f.rule == "PC-COI"
               and f.path == "elections/2026-council/election.yaml"]
        assert bool(got) is reported, (since, got)


def test_pc_member_lapse_a_lapsed_member_left_out_of_the_next_electorate_stays_lapsed(
        repo: Path, run_charter: Run) -> None:
    """Lapse was "in the electorate of each of the last two elections, voting in neither": a
    lapsed member, rightly left out of the third electorate, had the vote back after it."""
    council_election(repo, "2027-a", "2027-06-13", ["diego-alvarez"])
    council_election(repo, "2028-a", "2028-06-13", ["diego-alvarez"])
    council_election(repo, "2029-a", "2029-06-13", [])
    assert "diego-alvarez" not in community_of(repo, "2029-06-01")
    out = run_charter("election", "roll", "--format", "json", "--repo", str(repo),
                      env={"CHARTER_TODAY": "2029-08-01"})
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["lapsed"] == ["diego-alvarez"]
    assert "diego-alvarez" not in community_of(repo, "2029-09-01")


def test_gov_lead_elect_a_maintainer_who_joined_later_is_not_in_an_earlier_electorate(
        repo: Path, run_charter: Run) -> None:
    """core.yaml's joined dates a maintainer's first day: adding one after a certified lead
    election must not make that record's electorate short (charter core add writes it)."""
    core = ["aiko-tanaka", "jonas-berg", "kwame-mensah", "mira-chen", "priya-nair",
            "tomas-reyes"]
    write_record(repo, "2026-lead", {
        "kind": "lead-election", "title": "Lead election", "returning_officer": "george-hale",
        "method": "instant-runoff", "voting": {"opens": "2026-03-01", "closes": "2026-03-14"},
        "finalised": "2026-03-15", "electorate": core, "participation": core,
        "candidates": [{"login": "mira-chen"}, {"login": "tomas-reyes"}],
    }, "mira-chen,tomas-reyes\n" + "1,2\n" * 4 + "2,1\n" * 2)
    assert run_charter("election", "tally", "elections/2026-lead", "--repo",
                       str(repo)).returncode == 0
    out = run_charter("core", "add", "samir-khan", "--repo", str(repo),
                      env={"CHARTER_TODAY": "2026-11-22"})
    assert out.returncode == 0, out.stderr
    core_yaml = repo / "core.yaml"
    assert "joined:\n  samir-khan: '2026-11-22'\n" in core_yaml.read_text()
    assert not [f for f in errors(repo) if f.path.startswith("elections/")]
    # a maintainer since before the vote who is not in its electorate is left out
    core_yaml.write_text(core_yaml.read_text().replace("'2026-11-22'", "'2026-02-01'"))
    f = _left_out(repo, "2026-lead", "GOV-LEAD-ELECT")
    assert "samir-khan left out" in f.message
