"""council.yaml against the certified records replayed in order: no-confidence, vacancy,
whole-council dissolution; approval voting through the policy; stray files in elections/."""

from __future__ import annotations

from pathlib import Path

import pytest
from elections_helpers import governance_repo, write_record

from charter.elections.check import verify
from charter.elections.record import count, read_record
from charter.findings import Finding, Severity
from charter.load import load
from charter.tree import FsTree

COUNCIL = ["sofia-rossi", "kwame-mensah", "hana-kim", "elif-demir", "noah-clarke"]
# the whole community of autumn 2026 (a community vote's electorate is the community of the day)
COMMUNITY = ["aiko-tanaka", "diego-alvarez", "jonas-berg", "lena-vogel", "mira-chen",
             "omar-haddad", "priya-nair", "ravi-patel", *COUNCIL, "anya-ivanova", "bruno-costa",
             "fatima-zahra", "george-hale", "ines-moreau", "liam-obrien", "maria-lopez",
             "tomas-reyes", "yuki-sato", "samir-khan"]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return governance_repo(tmp_path)


def tally(repo: Path, eid: str) -> None:
    state, _ = load(FsTree(repo))
    c = count(read_record(FsTree(repo), eid, state.elections[eid]), state.policy)
    assert c.result is not None, c.problems
    (repo / "elections" / eid / "result.yaml").write_text(c.render())


def found(repo: Path, severity: Severity = Severity.ERROR) -> list[Finding]:
    state, _ = load(FsTree(repo))
    return [f for f in verify(repo, state) if f.severity is severity]


def no_confidence(repo: Path, subject: str, yes: int, no: int) -> None:
    n = yes + no
    write_record(repo, f"2026-nc-{subject}", {
        "kind": "motion", "title": "No confidence", "returning_officer": "george-hale",
        "motion": {"type": "no-confidence", "text": "t", "subject": subject,
                   "called": {"by": "aiko-tanaka", "on": "2026-10-01"},
                   "seconded": {"by": "jonas-berg", "on": "2026-10-02"}},
        "voting": {"opens": "2026-10-05", "closes": "2026-10-18"}, "finalised": "2026-10-19",
        "electorate": COMMUNITY, "participation": COMMUNITY[:n],
    }, "date,vote\n" + "2026-10-06,yes\n" * yes + "2026-10-06,no\n" * no)
    tally(repo, f"2026-nc-{subject}")


def drop_seat(repo: Path, login: str) -> None:
    lines = (repo / "council.yaml").read_text().split("\n")
    i = lines.index(f"  - login: {login}")
    del lines[i:i + 5]
    (repo / "council.yaml").write_text("\n".join(lines))


def _pending(repo: Path, ident: str) -> bool:
    """Whether charter check warns that council.yaml does not hold ``ident``'s seats yet (a
    result takes effect in a pull request after its certification: a step to take, not an
    error that would block the certification)."""
    return any(f"elections/{ident} certified, but council.yaml does not hold its seats yet: "
               f"run charter council apply {ident}" in f.message
               for f in found(repo, Severity.WARNING))


def test_pc_no_confidence_passed_removes_the_seat(repo: Path) -> None:
    no_confidence(repo, "noah-clarke", 8, 4)  # 8 of 12 cast: exactly two thirds
    assert found(repo) == [] and _pending(repo, "2026-nc-noah-clarke")
    drop_seat(repo, "noah-clarke")
    assert found(repo) == [] and not _pending(repo, "2026-nc-noah-clarke")


def test_pc_council_matching_no_certified_point_is_an_error(repo: Path) -> None:
    no_confidence(repo, "noah-clarke", 8, 4)
    council = repo / "council.yaml"
    council.write_text(council.read_text().replace("term_end: '2028-06-15'",
                                                   "term_end: '2029-06-15'", 1))
    assert any("sofia-rossi's term_end is '2029-06-15'" in f.message for f in found(repo))


def test_pc_no_confidence_failed_changes_nothing(repo: Path) -> None:
    no_confidence(repo, "noah-clarke", 7, 4)  # 7 of 11: below two thirds (8)
    assert found(repo) == []


def test_pc_vacancy_appointee_serves_out_the_term(repo: Path) -> None:
    no_confidence(repo, "noah-clarke", 8, 4)
    drop_seat(repo, "noah-clarke")
    sitting = COUNCIL[:4]
    write_record(repo, "2026-vacancy", {
        "kind": "motion", "title": "Fill the vacancy", "returning_officer": "george-hale",
        "motion": {"type": "vacancy", "text": "Appoint Ravi Patel", "appointee": "ravi-patel",
                   "replaces": {"login": "noah-clarke", "cohort": "B",
                                "term_end": "2027-06-15"}},
        "voting": {"opens": "2026-10-20", "closes": "2026-10-27"}, "finalised": "2026-10-28",
        "electorate": sitting,
    }, "voter,date,vote\n" + "".join(f"{p},2026-10-21,yes\n" for p in sitting[:3])
       + f"{sitting[3]},2026-10-21,abstain\n")
    tally(repo, "2026-vacancy")
    assert found(repo) == [] and _pending(repo, "2026-vacancy")
    with (repo / "council.yaml").open("a") as fh:
        fh.write("\n  - login: ravi-patel\n    cohort: B\n    term_start: '2026-10-28'\n"
                 "    term_end: '2027-06-15'\n    elected_in: 2026-vacancy\n"
                 "    replaces: noah-clarke\n")
    assert found(repo) == [] and found(repo, Severity.WARNING) == []


def test_pc_no_confidence_whole_council_dissolves_it(repo: Path) -> None:
    no_confidence(repo, "council", 9, 3)
    assert found(repo) == [] and _pending(repo, "2026-nc-council")
    warns = found(repo, Severity.WARNING)
    assert any(f.rule == "PC-NO-CONFIDENCE" and "new whole-council election" in f.message
               for f in warns)


def test_pc_election_approval_option_from_policy(repo: Path) -> None:
    pol = repo / "policy.yaml"
    pol.write_text(pol.read_text().replace("voting_method: bloc-star", "voting_method: approval"))
    cands = ["ana-x", "ben-y", "cai-z"]
    write_record(repo, "2027-approval", {
        "kind": "council-election", "title": "Approval", "returning_officer": "george-hale",
        "scope": "A", "seats": 2, "voting": {"opens": "2027-06-01", "closes": "2027-06-14"},
        "electorate": cands, "participation": cands,
        "candidates": [{"login": c} for c in cands],
    }, "ana-x,ben-y,cai-z\n1,0,1\n0,1,1\n1,0,1\n")
    state, _ = load(FsTree(repo))
    c = count(read_record(FsTree(repo), "2027-approval", state.elections["2027-approval"]),
              state.policy)
    assert c.result is not None
    assert c.result["method"] == "approval"
    assert c.result["order"] == ["cai-z", "ana-x", "ben-y"]
    assert c.result["totals"][0] == {"candidate": "cai-z", "approvals": 3}
    bad = repo / "elections/2027-approval/ballots.csv"
    bad.write_text("ana-x,ben-y,cai-z\n1,0,5\n")
    state, _ = load(FsTree(repo))
    c = count(read_record(FsTree(repo), "2027-approval", state.elections["2027-approval"]),
              state.policy)
    assert any("from 0 to 1" in p.message for p in c.problems)


def test_stray_files_and_records_without_definition(repo: Path) -> None:
    (repo / "elections/2026-council/notes.txt").write_text("x")
    (repo / "elections/2028-draft").mkdir()
    (repo / "elections/2028-draft/ballots.csv").write_text("a\n1\n")
    assert any(f.path == "elections/2028-draft" for f in found(repo))
    assert any(f.path == "elections/2026-council/notes.txt"
               for f in found(repo, Severity.WARNING))


@pytest.mark.parametrize(("sitting", "ok"), [(["sofia-rossi", "kwame-mensah"], True),
                                             (["sofia-rossi"], False)])
def test_pc_coi_cohort_election_sitting_members_are_the_council_of_the_day(
        repo: Path, sitting: list[str], ok: bool) -> None:
    cands = ["hana-kim", "elif-demir", "ravi-patel", "yuki-sato"]
    write_record(repo, "2027-cohort-b", {
        "kind": "council-election", "title": "Cohort B 2027", "returning_officer": "george-hale",
        "scope": "B", "seats": 3, "voting": {"opens": "2027-06-01", "closes": "2027-06-14"},
        "finalised": "2027-06-15", "electorate": COMMUNITY,
        "participation": COMMUNITY[:3],
        "candidates": [{"login": c, "affiliations": [{"entity": "Contoso Research",
                                                      "role": "employee"}] if c == "yuki-sato"
                        else []} for c in cands],
        "sitting": [{"login": s, "affiliations": [{"entity": "Contoso Research",
                                                   "role": "employee"}] if s == "kwame-mensah"
                     else []} for s in sitting],
    }, "hana-kim,elif-demir,ravi-patel,yuki-sato\n5,4,3,2\n4,3,2,1\n5,5,1,0\n")
    tally(repo, "2027-cohort-b")
    # council.yaml: cohort B's new terms
    text = (repo / "council.yaml").read_text()
    text = text.replace("term_start: '2026-06-15'\n    term_end: '2027-06-15'\n    elected_in: "
                        "2026-council", "term_start: '2027-06-15'\n    term_end: '2029-06-15'\n"
                        "    elected_in: 2027-cohort-b")
    text = text.replace("login: noah-clarke", "login: ravi-patel")
    (repo / "council.yaml").write_text(text)
    errs = found(repo)
    assert (errs == []) is ok, errs
    if not ok:
        assert any("sitting members are sofia-rossi" in f.message for f in errs)


@pytest.mark.parametrize(("cohort", "term_end"), [("B", "2029-06-15"), ("A", "2027-06-15")])
def test_pc_vacancy_replacement_cannot_lengthen_or_move_the_term(
        repo: Path, cohort: str, term_end: str) -> None:
    """PC-TERM: a replacement serves out the original term. The vacancy record's own
    replaces.term_end and replaces.cohort were taken on trust, so a seat vacated in cohort B
    (ending 2027-06-15) could be filled until 2029, or moved to cohort A, with a clean check."""
    no_confidence(repo, "noah-clarke", 8, 4)
    drop_seat(repo, "noah-clarke")
    sitting = COUNCIL[:4]
    write_record(repo, "2026-vacancy", {
        "kind": "motion", "title": "Fill the vacancy", "returning_officer": "george-hale",
        "motion": {"type": "vacancy", "text": "Appoint Ravi Patel", "appointee": "ravi-patel",
                   "replaces": {"login": "noah-clarke", "cohort": cohort,
                                "term_end": term_end}},
        "voting": {"opens": "2026-10-20", "closes": "2026-10-27"}, "finalised": "2026-10-28",
        "electorate": sitting,
    }, "voter,date,vote\n" + "".join(f"{p},2026-10-21,yes\n" for p in sitting))
    tally(repo, "2026-vacancy")
    with (repo / "council.yaml").open("a") as fh:
        fh.write(f"\n  - login: ravi-patel\n    cohort: {cohort}\n    term_start: '2026-10-28'\n"
                 f"    term_end: '{term_end}'\n    elected_in: 2026-vacancy\n"
                 "    replaces: noah-clarke\n")
    errs = found(repo)
    assert any(f.path == "elections/2026-vacancy/election.yaml" and f.rule == "PC-VACANCY"
               and "cohort B until 2027-06-15" in f.message for f in errs), errs


def test_pc_vacancy_replaces_someone_who_held_a_seat(repo: Path) -> None:
    sitting = COUNCIL
    write_record(repo, "2026-vacancy", {
        "kind": "motion", "title": "Fill a seat nobody held", "returning_officer": "george-hale",
        "motion": {"type": "vacancy", "text": "Appoint Ravi Patel", "appointee": "ravi-patel",
                   "replaces": {"login": "omar-haddad", "cohort": "B",
                                "term_end": "2027-06-15"}},
        "voting": {"opens": "2026-10-20", "closes": "2026-10-27"}, "finalised": "2026-10-28",
        "electorate": sitting,
    }, "voter,date,vote\n" + "".join(f"{p},2026-10-21,yes\n" for p in sitting))
    tally(repo, "2026-vacancy")
    assert any(f.path == "elections/2026-vacancy/election.yaml" and "omar-haddad" in f.message
               and "no seat" in f.message for f in found(repo))


def test_pc_no_confidence_subject_sits_on_the_council(repo: Path) -> None:
    # a passed vote of no confidence in someone who holds no seat changed nothing, silently
    no_confidence(repo, "omar-haddad", 8, 4)
    errs = found(repo)
    assert any(f.rule == "PC-NO-CONFIDENCE" and "omar-haddad holds no seat" in f.message
               for f in errs), errs


def test_pc_vacancy_after_a_resignation(repo: Path) -> None:
    """A resignation is no vote: it only empties the seat in council.yaml. The vote filling it
    was refused because its electorate had to include the member who had resigned (and then
    PC-VOTE required them to vote or abstain)."""
    drop_seat(repo, "hana-kim")
    sitting = [p for p in COUNCIL if p != "hana-kim"]
    write_record(repo, "2026-vacancy", {
        "kind": "motion", "title": "Fill hana-kim's seat", "returning_officer": "george-hale",
        "motion": {"type": "vacancy", "text": "Appoint Ravi Patel", "appointee": "ravi-patel",
                   "replaces": {"login": "hana-kim", "cohort": "B", "term_end": "2027-06-15"}},
        "voting": {"opens": "2026-10-20", "closes": "2026-10-27"}, "finalised": "2026-10-28",
        "electorate": sitting,
    }, "voter,date,vote\n" + "".join(f"{p},2026-10-21,yes\n" for p in sitting))
    tally(repo, "2026-vacancy")
    with (repo / "council.yaml").open("a") as fh:
        fh.write("\n  - login: ravi-patel\n    cohort: B\n    term_start: '2026-10-28'\n"
                 "    term_end: '2027-06-15'\n    elected_in: 2026-vacancy\n"
                 "    replaces: hana-kim\n")
    assert found(repo) == []


def test_pc_vacancy_fills_a_seat_an_election_left_vacant(repo: Path) -> None:
    """PC-VACANCY: the council may fill any vacancy, including a seat an election left empty
    (fewer candidates than seats, or the PC-COI cascade running out). replaces.login was
    required, so such a seat could never be filled: the vote had to name someone who held it."""
    cands = ["sofia-rossi", "kwame-mensah", "hana-kim", "elif-demir"]
    write_record(repo, "2027-council", {
        "kind": "council-election", "title": "Council 2027", "returning_officer": "george-hale",
        "scope": "whole", "seats": 5,
        "nomination": {"opens": "2027-05-17", "closes": "2027-05-30"},
        "voting": {"opens": "2027-05-31", "closes": "2027-06-13"}, "finalised": "2027-06-15",
        "electorate": COMMUNITY, "participation": COMMUNITY[:3],
        "candidates": [{"login": c} for c in cands],
    }, ",".join(cands) + "\n5,4,3,2\n5,4,3,1\n4,3,2,1\n")
    tally(repo, "2027-council")
    result = (repo / "elections/2027-council/result.yaml").read_text()
    assert "vacancies:\n- cohort: B\n  term_end: '2028-06-15'\n" in result
    write_record(repo, "2027-vacancy", {
        "kind": "motion", "title": "Fill the empty seat", "returning_officer": "george-hale",
        "motion": {"type": "vacancy", "text": "Appoint Ravi Patel", "appointee": "ravi-patel",
                   "replaces": {"cohort": "B", "term_end": "2028-06-15"}},
        "voting": {"opens": "2027-07-01", "closes": "2027-07-08"}, "finalised": "2027-07-09",
        "electorate": cands,
    }, "voter,date,vote\n" + "".join(f"{p},2027-07-02,yes\n" for p in cands))
    tally(repo, "2027-vacancy")
    seats = [("sofia-rossi", "A", "2027-06-15", "2029-06-15", "2027-council"),
             ("kwame-mensah", "A", "2027-06-15", "2029-06-15", "2027-council"),
             ("hana-kim", "B", "2027-06-15", "2028-06-15", "2027-council"),
             ("elif-demir", "B", "2027-06-15", "2028-06-15", "2027-council"),
             ("ravi-patel", "B", "2027-07-09", "2028-06-15", "2027-vacancy")]
    (repo / "council.yaml").write_text("returning_officer: george-hale\nseats:\n" + "".join(
        f"  - login: {a}\n    cohort: {b}\n    term_start: '{c}'\n    term_end: '{d}'\n"
        f"    elected_in: {e}\n" for a, b, c, d, e in seats))
    _, load_findings = load(FsTree(repo))
    assert [f for f in load_findings if f.severity is Severity.ERROR] == []
    assert found(repo) == []
    # a second appointment to the same empty seat has no seat left to fill
    write_record(repo, "2027-vacancy-2", {
        "kind": "motion", "title": "Fill it again", "returning_officer": "george-hale",
        "motion": {"type": "vacancy", "text": "Appoint Omar", "appointee": "omar-haddad",
                   "replaces": {"cohort": "B", "term_end": "2028-06-15"}},
        "voting": {"opens": "2027-08-01", "closes": "2027-08-08"}, "finalised": "2027-08-09",
        "electorate": [*cands, "ravi-patel"],
    }, "voter,date,vote\n" + "".join(f"{p},2027-08-02,yes\n" for p in [*cands, "ravi-patel"]))
    tally(repo, "2027-vacancy-2")
    assert any(f.path == "elections/2027-vacancy-2/election.yaml" and "no vacant seat" in f.message
               for f in found(repo))


def test_pc_election_seats_without_any_certified_election(repo: Path) -> None:
    """Deleting the council election leaves every seat without a cause: each is reported."""
    import shutil

    shutil.rmtree(repo / "elections" / "2026-council")
    bad = [f for f in found(repo) if f.path == "council.yaml"]
    assert len(bad) == len(COUNCIL) and all(f.rule == "PC-ELECTION" for f in bad)


def test_pc_term_resignation_empties_the_seat_for_good(repo: Path) -> None:
    """A resigned seat is not given back by the election that filled it (PC-TERM)."""
    drop_seat(repo, "noah-clarke")
    with (repo / "council.yaml").open("a") as fh:
        fh.write("resigned:\n  - {login: noah-clarke, elected_in: 2026-council, "
                 "date: '2026-10-01'}\n")
    assert found(repo) == [] and found(repo, Severity.WARNING) == []
    # putting the seat back is a seat no certified record gives any more
    (repo / "council.yaml").write_text((repo / "council.yaml").read_text().replace(
        "resigned:", "  - login: noah-clarke\n    cohort: B\n    term_start: '2026-06-15'\n"
        "    term_end: '2027-06-15'\n    elected_in: 2026-council\nresigned:"))
    assert any("noah-clarke holds a seat" in f.message for f in found(repo))


def test_named_cohorts_from_the_count_to_the_council(repo: Path) -> None:
    """A council elected all at once (one cohort, PEP 13-style): the recount puts every seat in
    that cohort for a one-year term, and council.yaml holding exactly that is sound."""
    import yaml

    from charter import rules

    pol = repo / "policy.yaml"
    pol.write_text(pol.read_text().replace(
        "\ncouncil:\n", "\ncouncil:\n  term_years: 1\n  cohorts: {steering: 5}\n", 1))
    tally(repo, "2026-council")
    result = yaml.safe_load((repo / "elections/2026-council/result.yaml").read_text())
    assert {(s["cohort"], s["term_end"]) for s in result["elected"]} == {
        ("steering", "2027-06-15")}
    assert found(repo)  # council.yaml still says cohorts A and B
    council = yaml.safe_load((repo / "council.yaml").read_text())
    council["seats"] = result["elected"]
    (repo / "council.yaml").write_text(yaml.safe_dump(council, sort_keys=False))
    assert found(repo) == []
    state, _ = load(FsTree(repo))
    assert [f for f in rules.run(state) if f.rule.startswith("PC-")
            and f.severity is Severity.ERROR] == []
