"""What `charter election tally` and `roll` print and record: every tie step in order, several
records in one run, JSON that always says something, an empty ballots file, the roll on a day."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from elections_helpers import affiliations_of, community_of, csv_of, governance_repo, write_record
from test_election_records import tie_record

Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return governance_repo(tmp_path)


def cohort_a(repo: Path, eid: str, rows: list[tuple[int, ...]], cands: list[str],
             ties: list[dict] | None = None, seats: int = 2) -> None:
    voters = ["sofia-rossi", "kwame-mensah", "hana-kim", "yuki-sato", "diego-alvarez"]
    definition = {
        "kind": "council-election", "title": eid, "returning_officer": "george-hale",
        "scope": "A", "seats": seats,
        "nomination": {"opens": "2028-05-15", "closes": "2028-05-28"},
        "voting": {"opens": "2028-05-29", "closes": "2028-06-11"},
        "electorate": community_of(repo, "2028-05-29"), "participation": voters[: len(rows)],
        "candidates": [{"login": c, "affiliations": affiliations_of(repo, c)} for c in cands],
    }
    if ties:
        definition["ties"] = ties
    write_record(repo, eid, definition, csv_of(cands, rows))


def test_pc_election_runoff_tied_on_total_records_the_tied_total_before_five_stars(
        repo: Path, run_charter: Run) -> None:
    # sofia-rossi and kwame-mensah: runoff 1-1, totals 10-10, five-star ratings 1-0
    cands = ["sofia-rossi", "kwame-mensah", "yuki-sato"]
    cohort_a(repo, "2028-a", [(4, 4, 2), (1, 2, 2), (5, 4, 0)], cands)
    out = run_charter("election", "tally", "elections/2028-a", "--repo", str(repo))
    assert out.returncode == 0, out.stderr
    result = yaml.safe_load((repo / "elections/2028-a/result.yaml").read_text())
    steps = result["rounds"][0]["runoff_tiebreaks"]
    pair = ["kwame-mensah", "sofia-rossi"]  # equal totals: finalists by login
    assert steps == [
        {"rule": "higher total score", "tied": pair,
         "counts": {"kwame-mensah": 10, "sofia-rossi": 10}, "ahead": []},
        {"rule": "most 5-star ratings", "tied": pair,
         "counts": {"kwame-mensah": 0, "sofia-rossi": 1}, "ahead": ["sofia-rossi"]},
    ]
    lines = out.stdout.splitlines()
    start = lines.index("Round 1: finalists kwame-mensah (10 stars) and sofia-rossi (10 stars)")
    assert lines[start + 1:start + 6] == [
        "  runoff: kwame-mensah preferred on 1 ballots, sofia-rossi on 1, no preference 1 (tied)",
        "  runoff tie between kwame-mensah, sofia-rossi:",
        "    1. higher total score: kwame-mensah 10, sofia-rossi 10 -> still tied",
        "    2. most 5-star ratings: kwame-mensah 0, sofia-rossi 1 -> sofia-rossi wins the runoff",
        "  placed 1st: sofia-rossi",  # the winner line comes after the steps that decided it
    ]


def test_pc_election_recorded_resolution_is_recorded_with_how_it_was_made(
        repo: Path, run_charter: Run) -> None:
    tie_record(repo)
    done = run_charter("election", "resolve-tie", "elections/2027-cohort-b", "--seed", "seed-7",
                       "--reference", "https://example.invalid/seed", "--date", "2027-06-14",
                       "--repo", str(repo), env={"CHARTER_TODAY": "2027-06-20"})
    assert done.returncode == 0, done.stderr
    out = run_charter("election", "tally", "elections/2027-cohort-b", "--repo", str(repo))
    assert out.returncode == 0, out.stderr
    result = yaml.safe_load((repo / "elections/2027-cohort-b/result.yaml").read_text())
    steps = result["rounds"][0]["runoff_tiebreaks"]
    assert [s["rule"] for s in steps] == ["higher total score", "most 5-star ratings",
                                          "recorded resolution"]
    assert [s["ahead"] for s in steps[:2]] == [[], []]
    assert steps[2]["method"] == "draw" and steps[2]["seed"] == "seed-7"
    assert steps[2]["reference"] == "https://example.invalid/seed"
    assert steps[2]["ahead"] == [result["order"][0]]
    assert "3. recorded resolution by a draw from the published seed 'seed-7'" in out.stdout


def test_tally_of_several_records_counts_the_others_past_a_tie(repo: Path,
                                                                run_charter: Run) -> None:
    tie_record(repo)
    out = run_charter("election", "tally", "elections/2027-cohort-b", "elections/2026-council",
                      "--check", "--repo", str(repo))
    assert out.returncode == 1
    assert "unbreakable tie in round 1 (runoff)" in out.stderr
    assert "Traceback" not in out.stderr
    assert "2026-council: Council election 2026" in out.stdout  # B was still counted


def test_tally_json_says_why_a_record_was_not_counted(repo: Path, run_charter: Run) -> None:
    tie_record(repo)
    out = run_charter("election", "tally", "elections/2027-cohort-b", "--format", "json",
                      "--repo", str(repo))
    assert out.returncode == 1
    doc = json.loads(out.stdout)
    assert doc == {"election": "2027-cohort-b", "counted": False,
                   "tie": {"round": 1, "stage": "runoff",
                           "tied": ["diego-alvarez", "liam-obrien"], "desired": 1}}
    out = run_charter("election", "tally", "2027-cohort-b", "2026-council", "--check",
                      "--format", "json", "--repo", str(repo))
    both = json.loads(out.stdout)
    assert [d["election"] for d in both] == ["2027-cohort-b", "2026-council"]
    assert both[1]["elected"][0]["login"] == "sofia-rossi"


def test_header_only_ballots_file_is_no_ballots_not_a_tie(repo: Path, run_charter: Run) -> None:
    cands = ["sofia-rossi", "kwame-mensah", "yuki-sato"]
    cohort_a(repo, "2028-a", [], cands)
    out = run_charter("election", "tally", "elections/2028-a", "--repo", str(repo))
    assert out.returncode == 1
    assert "elections/2028-a/ballots.csv:1:1: PC-ELECTION no ballots" in out.stderr
    assert "tie" not in out.stderr
    assert not (repo / "elections/2028-a/result.yaml").exists()


def test_one_seat_is_singular(repo: Path, run_charter: Run) -> None:
    policy = repo / "policy.yaml"
    policy.write_text(policy.read_text().replace(
        "  voting_method: bloc-star",
        "  voting_method: bloc-star\n  seats: 4\n  cohorts: {A: 1, B: 3}"))
    cohort_a(repo, "2028-a", [(5, 1), (4, 2)], ["sofia-rossi", "kwame-mensah"], seats=1)
    out = run_charter("election", "tally", "elections/2028-a", "--repo", str(repo))
    assert "(bloc-star, cohort A, 1 seat)" in out.stdout, out.stdout + out.stderr


def test_pc_member_lapse_roll_on_a_day_leaves_out_later_members(repo: Path,
                                                                run_charter: Run) -> None:
    samir = yaml.safe_load((repo / "members/samir-khan.yaml").read_text())
    since = samir["community"]["since"]
    day_before = f"{int(since[:4]) - 1}{since[4:]}"
    out = run_charter("election", "roll", "--date", day_before, "--format", "json",
                      "--repo", str(repo))
    assert out.returncode == 0, out.stderr
    assert "samir-khan" not in json.loads(out.stdout)["voters"]
    out = run_charter("election", "roll", "--date", since, "--format", "json", "--repo",
                      str(repo))
    assert "samir-khan" in json.loads(out.stdout)["voters"]
    bad = run_charter("election", "roll", "--date", "2028-02-30", "--repo", str(repo))
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr
