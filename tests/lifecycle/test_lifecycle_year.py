"""A year of the Lumen Foundation's life, by command only.

Each step runs one editing command on ``main`` (the day set by CHARTER_TODAY), commits what it
wrote on a branch ``pr``, and checks three things before merging:

* ``charter check`` passes on the branch;
* ``charter pr-check`` on the commit asks for exactly what the command printed (rules, summaries,
  who may approve, how many, the to-dos);
* approved by the people the printed requirements name, with the description sections its
  to-dos ask for, the gate passes; with no approvals it does not.

Renaming a person (``charter member rename``) is another issue's command and is not a step
here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lifecycle_helpers import Repo, shape, what_it_needs

LINKS = ("--vision", "https://lumen-ml.example/modules/signal/vision", "--roadmap",
         "https://lumen-ml.example/modules/signal/roadmap", "--design-docs",
         "https://lumen-ml.example/modules/signal/design")

# The community's vote on admitting zara-quinn: 12 of the 23 take part (the quorum), 9 yes.
ADMISSION_VOTERS = ("aiko-tanaka,anya-ivanova,bruno-costa,diego-alvarez,elif-demir,fatima-zahra,"
                    "george-hale,hana-kim,ines-moreau,jonas-berg,kwame-mensah,lena-vogel")
ADMISSION_BALLOTS = "date,vote\n" + "2026-12-03,yes\n" * 9 + "2026-12-04,no\n" * 2 \
    + "2026-12-05,abstain\n"
# Cohort B's election: hana-kim, ines-moreau and elif-demir are elected; noah-clarke is not.
COUNCIL_BALLOTS = ("hana-kim,elif-demir,noah-clarke,ines-moreau\n"
                   "5,4,1,3\n4,5,0,4\n5,3,2,4\n3,4,1,5\n5,4,2,3\n4,3,1,5\n")
VOTERS = "aiko-tanaka,bruno-costa,diego-alvarez,fatima-zahra,lena-vogel,maria-lopez"
# The council appoints noah-clarke to the seat elif-demir resigned (every member votes or
# abstains: PC-VOTE).
VACANCY_BALLOTS = ("voter,date,vote\nsofia-rossi,2027-07-07,yes\nkwame-mensah,2027-07-08,yes\n"
                   "hana-kim,2027-07-08,yes\nines-moreau,2027-07-09,abstain\n")


def step(repo: Repo, monkeypatch: pytest.MonkeyPatch, day: str, argv: list[str], *,
         author: str | None = None, expect: tuple[str, ...] = ()) -> list[dict]:
    """One pull request: the command on main, committed on pr, checked, approved, merged.
    Returns the command's printed requirements."""
    monkeypatch.setenv("CHARTER_TODAY", day)
    extra = ["--author", author] if author else []
    rc, out, err = repo.run(*argv, *extra, "--format", "json")
    assert rc == 0, f"{argv}: {err}"
    printed = json.loads(out)["requirements"]
    shown = [r for r in printed if r["groups"] or r["problems"]]
    assert [r["rule"] for r in shown] == list(expect), (argv, [r["rule"] for r in shown])
    repo.commit_pr(" ".join(argv))
    rc, out, err = repo.run("check")
    assert rc == 0, f"charter check after {argv}:\n{out}{err}"
    # the gate, with nobody's approval yet, asks for exactly what was printed
    rc, report = repo.pr_check(author=author)
    assert shape(report["requirements"]) == shape(printed), argv
    assert rc == (1 if shown else 0)
    # and passes once those people approve and the description has what the to-dos name
    approvers, body = what_it_needs(printed, author)
    rc, report = repo.pr_check(author=author, approved=approvers, body=body)
    unmet = [(r["rule"], r["problems"]) for r in report["requirements"] if not r["met"]]
    assert rc == 0 and report["ok"], f"{argv}: still unmet with {approvers}: {unmet}"
    repo.merge_pr()
    rc, out, err = repo.run("check")
    assert rc == 0, f"charter check on main after {argv}:\n{out}{err}"
    return printed


def test_a_year_of_the_foundation_by_command(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    repo = Repo(tmp_path / "gov")
    p = repo.path
    monkeypatch.setenv("NO_COLOR", "1")

    # December: the community votes to admit zara-quinn (PC-MEMBER-ADD), the vote is certified,
    # then she joins with her member file citing it; and a module for the signal kernels
    step(repo, monkeypatch, "2026-12-01",
         ["election", "new", "2026-admit-zara", "--kind", "member-add", "--subject",
          "zara-quinn", "--called-by", "priya-nair", "--seconded-by", "diego-alvarez",
          "--opens", "2026-12-02"], expect=("GOV-APPROVAL",))
    votes = tmp_path / "admission.csv"
    votes.write_text(ADMISSION_BALLOTS)
    step(repo, monkeypatch, "2026-12-16",
         ["election", "ballots", "2026-admit-zara", str(votes), "--participation",
          ADMISSION_VOTERS], expect=("GOV-APPROVAL",))
    step(repo, monkeypatch, "2026-12-16", ["election", "certify", "2026-admit-zara"],
         expect=("PC-MEMBER-ADD",))
    admitted = step(repo, monkeypatch, "2026-12-17",
                    ["member", "add", "zara-quinn", "--name", "Zara Quinn", "--github-id",
                     "9001", "--affiliation", "Acme Corp:employee", "--admitted-by",
                     "2026-admit-zara"], expect=("GOV-APPROVAL",))
    assert admitted[0]["problems"] == []  # the certified vote admits her: nothing to do
    assert "admitted_by: elections/2026-admit-zara" in (p / "members/zara-quinn.yaml").read_text()
    added = step(repo, monkeypatch, "2026-12-18",
                 ["module", "add", "signal", "--name", "Signal", "--path", "lumen/signal/",
                  "--maintainer", "samir-khan", *LINKS], expect=("GOV-MODULES-SCOPE",))
    assert any("'## Discussion'" in x for x in added[0]["problems"])
    assert "/lumen/signal/ @samir-khan" in (p / "generated/core/CODEOWNERS").read_text()

    # January: zara-quinn is nominated to the new module; it has no rule of its own, so the
    # core maintainers decide, and the nomination states its substance
    nominated = step(repo, monkeypatch, "2027-01-15",
                     ["module", "add-maintainer", "signal", "zara-quinn"],
                     author="samir-khan", expect=("GOV-NOMINATE-MODULE",))
    assert "the core maintainers decide" in nominated[0]["summary"]
    assert nominated[0]["groups"][0]["needed"] == 4  # more than half of the 6

    # February: a maintainer moves to emeritus (a removal: the core maintainers decide)
    step(repo, monkeypatch, "2027-02-01",
         ["module", "emeritus", "vision", "bruno-costa", "--reason", "moved on to other work"],
         expect=("GOV-REMOVE",))
    assert "login: bruno-costa" in (p / "modules/vision.yaml").read_text()

    # April: cohort B's terms end on 2027-06-15; charter check says its election is coming
    monkeypatch.setenv("CHARTER_TODAY", "2027-04-20")
    rc, out, _ = repo.run("check", "--select", "PC-")
    assert rc == 0 and "PC-TERM notice: the terms of cohort B (hana-kim, elif-demir, " \
                       "noah-clarke) end on 2027-06-15" in out
    step(repo, monkeypatch, "2027-04-20",
         ["election", "new", "2027-council-b", "--opens", "2027-05-01"],
         expect=("GOV-APPROVAL",))
    record = (p / "elections/2027-council-b/election.yaml").read_text()
    assert "scope: B\nseats: 3\n" in record and "  - login: sofia-rossi\n" in record

    # May: candidates, ballots, the count certified by the returning officer
    step(repo, monkeypatch, "2027-05-10",
         ["election", "nominate", "2027-council-b", "hana-kim", "elif-demir", "noah-clarke",
          "ines-moreau"], expect=("GOV-APPROVAL",))
    ballots = tmp_path / "ballots.csv"
    ballots.write_text(COUNCIL_BALLOTS)
    step(repo, monkeypatch, "2027-05-29",
         ["election", "ballots", "2027-council-b", str(ballots), "--participation", VOTERS],
         expect=("GOV-APPROVAL",))
    certified = step(repo, monkeypatch, "2027-05-30", ["election", "certify", "2027-council-b"],
                     expect=("PC-ELECTION",))
    assert certified[0]["groups"][0]["eligible"] == ["george-hale"]  # the returning officer
    rc, out, _ = repo.run("check")
    assert "run charter council apply 2027-council-b" in out  # a step still to take

    # June: the result takes effect in a pull request of its own
    applied = step(repo, monkeypatch, "2027-06-01", ["council", "apply", "2027-council-b"],
                   expect=("PC-ELECTION", "PC-TERM", "PC-ELECTION", "PC-ELECTION"))
    assert [(r["event"]["kind"], r["event"]["subject"]) for r in applied] == [
        ("council-seat-added", "ines-moreau"), ("council-seat-removed", "noah-clarke"),
        ("council-seat-changed", "elif-demir"), ("council-seat-changed", "hana-kim")]
    council = (p / "council.yaml").read_text()
    assert "noah-clarke" not in council and "elected_in: 2027-council-b" in council

    # July: elif-demir resigns (their own pull request), the council fills the seat by vote
    step(repo, monkeypatch, "2027-07-01", ["council", "resign", "elif-demir"],
         author="elif-demir", expect=("PC-TERM", "PC-TERM"))
    step(repo, monkeypatch, "2027-07-05",
         ["council", "vacancy", "2027-vacancy-b", "--seat", "elif-demir", "--appointee",
          "noah-clarke", "--opens", "2027-07-06"], expect=("GOV-APPROVAL",))
    votes = tmp_path / "vacancy.csv"
    votes.write_text(VACANCY_BALLOTS)
    step(repo, monkeypatch, "2027-07-20", ["election", "ballots", "2027-vacancy-b", str(votes)],
         expect=("GOV-APPROVAL",))
    step(repo, monkeypatch, "2027-07-21", ["election", "certify", "2027-vacancy-b"],
         expect=("PC-VACANCY",))
    filled = step(repo, monkeypatch, "2027-07-22", ["council", "apply", "2027-vacancy-b"],
                  expect=("PC-VACANCY",))
    assert filled[0]["event"]["subject"] == "noah-clarke"
    assert "replaces: elif-demir" in (p / "council.yaml").read_text()

    # September: a module is removed (the core maintainers decide, after a discussion)
    step(repo, monkeypatch, "2027-09-01", ["module", "remove", "tutorials"],
         expect=("GOV-MODULES-SCOPE",))
    assert not (p / "modules/tutorials.yaml").exists()
    assert repo.git("log", "--oneline").count("\n") == 18  # the shipped state and 18 steps
