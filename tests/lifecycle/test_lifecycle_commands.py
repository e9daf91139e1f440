"""Each editing command on the shipped data: the exact change it makes (golden files: what it
prints, then ``git diff`` of what it wrote) and its refusals (exit code, message, nothing
written).

Set CHARTER_UPDATE_GOLDEN=1 to rewrite the golden files after a deliberate change, and read the
diff before committing them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from lifecycle_helpers import Repo, charter

GOLDEN = Path(__file__).parent / "golden"
TODAY = "2026-11-22"

# name -> (commands run and committed first, the command under test)
CASES: dict[str, tuple[list[list[str]], list[str]]] = {
    "member-add": ([], ["member", "add", "zara-quinn", "--name", "Zara Quinn", "--github-id",
                        "9001", "--affiliation", "Acme Corp:employee"]),
    "member-remove": ([["member", "add", "zara-quinn", "--name", "Zara Quinn"]],
                      ["member", "remove", "zara-quinn"]),
    "module-add": ([], ["module", "add", "signal", "--name", "Signal", "--path", "lumen/signal/",
                        "--maintainer", "samir-khan", "--maintainer", "Lena-Vogel",
                        "--decision-rule", "fraction:2/3", "--vision", "https://x.example/v"]),
    "module-remove": ([], ["module", "remove", "tutorials"]),
    "module-rename": ([], ["module", "rename", "audio", "sound", "--name", "Sound"]),
    "module-add-maintainer": ([], ["module", "add-maintainer", "vision", "lena-vogel"]),
    "module-remove-maintainer": ([], ["module", "remove-maintainer", "vision", "priya-nair"]),
    "module-emeritus": ([], ["module", "emeritus", "vision", "bruno-costa", "--reason",
                             "moved on"]),
    "core-add": ([], ["core", "add", "lena-vogel"]),
    "core-remove": ([], ["core", "remove", "tomas-reyes"]),
    "core-emeritus": ([], ["core", "emeritus", "jonas-berg", "--since", "2026-11-01"]),
    "core-lead": ([], ["core", "lead", "tomas-reyes"]),
    "core-lead-vacant": ([], ["core", "lead", "--vacant"]),
    "wg-add": ([], ["wg", "add", "lena-vogel"]),
    "wg-remove": ([], ["wg", "remove", "omar-haddad"]),
    "wg-chair": ([], ["wg", "chair", "yuki-sato"]),
    "election-new": ([], ["election", "new", "2027-council-b", "--opens", "2027-05-01"]),
    "election-new-lead": ([], ["election", "new", "2027-lead", "--kind", "lead-election",
                               "--candidate", "tomas-reyes", "--candidate", "priya-nair"]),
    "election-new-member-add": ([], ["election", "new", "2026-admit-zara", "--kind",
                                     "member-add", "--subject", "zara-quinn", "--called-by",
                                     "priya-nair", "--seconded-by", "diego-alvarez",
                                     "--called-on", "2026-11-20", "--opens", "2026-11-22"]),
    "election-nominate": ([["election", "new", "2027-council-b", "--opens", "2026-11-20"]],
                          ["election", "nominate", "2027-council-b", "hana-kim", "ines-moreau"]),
    "council-resign": ([], ["council", "resign", "hana-kim", "--date", "2026-11-20"]),
    "council-vacancy": ([["council", "resign", "hana-kim", "--date", "2026-11-20"]],
                        ["council", "vacancy", "2026-vacancy-b", "--seat", "hana-kim",
                         "--appointee", "ines-moreau", "--opens", "2026-11-21"]),
}


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    monkeypatch.setenv("CHARTER_TODAY", TODAY)
    monkeypatch.setenv("NO_COLOR", "1")
    return Repo(tmp_path / "gov")


def _lines(diff: str) -> list[str]:
    """The added and removed lines of a unified diff, in order, without file headers."""
    return [x for x in diff.splitlines() if x[:1] in "+-" and not x.startswith(("+++", "---"))]


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*")
            if p.is_file() and ".git" not in p.relative_to(root).parts}


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_change_each_command_makes(repo: Repo, name: str) -> None:
    setup, argv = CASES[name]
    for cmd in setup:
        rc, _, err = repo.run(*cmd)
        assert rc == 0, err
    repo.git("add", "-A")
    repo.git("commit", "-q", "--allow-empty", "-m", "setup")
    rc, dry, err = repo.run(*argv, "--dry-run")
    assert rc == 0, err
    assert dry.count("dry run: nothing written") == 1
    assert repo.git("status", "--porcelain") == ""  # a dry run writes nothing
    rc, out, err = repo.run(*argv)
    assert rc == 0, err
    repo.git("add", "-A")
    diff = repo.git("diff", "--cached", "--no-color", "--no-ext-diff", "--no-renames")
    # the dry run showed the change the command wrote, and the same requirements
    assert _lines(dry.split("dry run: nothing written", 1)[0]) == _lines(diff)
    assert out[out.index("this change needs"):] == dry[dry.index("this change needs"):]
    rc, check_out, _ = repo.run("check")
    assert rc == 0, check_out
    text = f"$ charter {' '.join(argv)}\n{out}\n$ git diff\n{diff}\n"
    path = GOLDEN / f"{name}.txt"
    if os.environ.get("CHARTER_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}; run with CHARTER_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8")


# --- refusals: a clear one-line error (or a list), the right exit code, nothing written ------

REFUSALS: list[tuple[list[str], int, str]] = [
    (["module", "add-maintainer", "vision", "lena-voge"], 1,
     "'lena-voge' (the nominee) has no member file; did you mean 'lena-vogel'?"),
    (["module", "add-maintainer", "vision", "zed-nobody"], 1,
     "'zed-nobody' (the nominee) has no member file; if they are new, add them first: charter "
     "member add zed-nobody --name NAME"),
    (["module", "add-maintainer", "visoin", "lena-vogel"], 1,
     "no module 'visoin' (no modules/visoin.yaml); did you mean 'vision'?"),
    (["module", "add-maintainer", "vision", "priya-nair"], 1,
     "priya-nair is already a maintainer of vision"),
    (["module", "add", "vision", "--name", "V", "--path", "x/"], 1,
     "modules/vision.yaml already exists"),
    (["module", "add", "Bad_Slug", "--name", "V", "--path", "x/"], 2, "SLUG 'Bad_Slug'"),
    (["module", "add", "sig", "--name", "S", "--path", "lumen/compiler/ir/"], 1,
     "the edit would make the repository invalid; nothing written"),
    (["module", "add", "sig", "--name", "S", "--path", "x/", "--decision-rule", "most"], 2,
     "--decision-rule 'most': write majority, any, unanimous, fraction:A/B"),
    (["module", "remove", "tutorial"], 1, "did you mean 'tutorials'?"),
    (["module", "rename", "audio", "vision"], 1, "modules/vision.yaml already exists"),
    (["module", "emeritus", "vision", "bruno-costas"], 1,
     "bruno-costas is not a maintainer of vision (maintainers: bruno-costa, anya-ivanova, "
     "priya-nair); did you mean 'bruno-costa'?"),
    (["module", "emeritus", "vision", "bruno-costa", "--since", "2062-01-01"], 2,
     "--since 2062-01-01: is in the future"),
    (["member", "add", "zara", "--name", "Z", "--community-since", "2062-01-01"], 2,
     "--community-since 2062-01-01: is in the future"),
    (["member", "add", "zara", "--name", "Z", "--admitted-by", "2026-council"], 1,
     "elections/2026-council is not a member-add vote"),
    (["member", "remove", "lena-vogel"], 1,
     "lena-vogel is still named in the governance data"),
    (["member", "remove", "lena-voge"], 1, "did you mean 'lena-vogel'?"),
    (["core", "emeritus", "mira-chen"], 1, "mira-chen is the lead core maintainer"),
    (["core", "remove", "lena-vogel"], 1, "lena-vogel is not a core maintainer"),
    (["core", "add", "george-hale"], 1,
     "george-hale is an emeritus core maintainer (since 2024-03-01); pass --reinstate"),
    (["core", "lead", "lena-vogel"], 1, "lena-vogel is not a core maintainer"),
    (["core", "lead", "tomas-reyes", "--elected-in", "2026-council"], 1,
     "the edit would make the repository invalid"),
    (["wg", "remove", "priya-nair"], 1, "priya-nair chairs the working group"),
    (["wg", "add", "priya-nair"], 1, "priya-nair is already a member of the working group"),
    (["wg", "chair", "lena-vogel"], 1, "lena-vogel is not a member of the working group"),
    (["council", "apply", "2026-member-add-samir-khan"], 1, "nothing to change"),
    (["council", "apply", "2026-councl"], 1, "did you mean '2026-council'?"),
    (["council", "resign", "hana-kimm"], 1, "did you mean 'hana-kim'?"),
    (["council", "vacancy", "v1", "--seat", "hana-kim", "--appointee", "ines-moreau"], 1,
     "hana-kim holds their seat; it is vacant once they resign"),
    (["election", "new", "2026-council"], 1, "elections/2026-council/ already exists"),
    (["election", "new", "x", "--kind", "member-add", "--subject", "zed"], 2,
     "--kind member-add needs --subject LOGIN, --called-by LOGIN and --seconded-by LOGIN"),
    (["election", "new", "x", "--kind", "member-add", "--subject", "samir-khan", "--called-by",
      "priya-nair", "--seconded-by", "diego-alvarez"], 1,
     "samir-khan is a community member already (since 2026-09-24)"),
    (["election", "certify", "2026-council"], 1, "already certified"),
    (["election", "nominate", "2026-council", "ines-moreau"], 1,
     "the ballots are in; candidates can no longer change"),
    (["election", "ballots", "2026-council", "nowhere.csv"], 1, "is certified"),
]


@pytest.mark.parametrize(("argv", "code", "message"), REFUSALS,
                         ids=[" ".join(a) for a, _, _ in REFUSALS])
def test_refusals_write_nothing(repo: Repo, argv: list[str], code: int, message: str) -> None:
    before = _snapshot(repo.path)
    rc, out, err = repo.run(*argv)
    assert rc == code, (out, err)
    assert message in err, err
    assert "Traceback" not in err and out == ""
    assert _snapshot(repo.path) == before


def test_election_ballots_and_certify_refuse_out_of_order(repo: Repo,
                                                         monkeypatch: pytest.MonkeyPatch,
                                                         tmp_path: Path) -> None:
    monkeypatch.setenv("CHARTER_TODAY", "2027-05-01")
    assert repo.run("election", "new", "2027-b", "--candidate", "hana-kim", "--candidate",
                    "ines-moreau", "--candidate", "elif-demir", "--candidate",
                    "noah-clarke")[0] == 0
    rc, _, err = repo.run("election", "certify", "2027-b")
    assert rc == 1 and "has no ballots yet; commit them first: charter election ballots" in err
    bad = tmp_path / "bad.csv"
    bad.write_text("hana-kim,ines-moreau\n5,4\n")
    rc, _, err = repo.run("election", "ballots", "2027-b", str(bad), "--participation",
                          "aiko-tanaka")
    assert rc == 1 and "the edit would make the repository invalid" in err
    assert "names hana-kim, ines-moreau; the candidates are" in err
    good = tmp_path / "good.csv"
    good.write_text("hana-kim,ines-moreau,elif-demir,noah-clarke\n5,4,3,1\n")
    assert repo.run("election", "ballots", "2027-b", str(good), "--participation",
                    "aiko-tanaka")[0] == 0
    rc, _, err = repo.run("election", "certify", "2027-b", "--date", "2027-04-01")
    assert rc == 2 and "a result is final only after voting has closed" in err


def test_a_tie_in_the_ballots_is_committed_for_its_resolution(repo: Repo, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    monkeypatch.setenv("CHARTER_TODAY", "2027-05-01")
    assert repo.run("election", "new", "2027-b", *(x for c in ("hana-kim", "ines-moreau",
                                                               "elif-demir", "noah-clarke")
                                                   for x in ("--candidate", c)))[0] == 0
    tied = tmp_path / "tied.csv"
    tied.write_text("hana-kim,ines-moreau,elif-demir,noah-clarke\n5,3,4,1\n5,4,3,1\n")
    rc, out, err = repo.run("election", "ballots", "2027-b", str(tied), "--participation",
                            "aiko-tanaka,bruno-costa")
    assert rc == 0, err
    assert "the count stops at a tie" in out and "charter election resolve-tie" in out
    assert (repo.path / "elections/2027-b/ballots.csv").exists()


def test_the_needs_are_printed_as_text(repo: Repo) -> None:
    rc, out, _ = repo.run("core", "add", "lena-vogel", "--dry-run")
    assert rc == 0
    assert ("this change needs, as the rules on this branch stand (the pull request's "
            "governance-approvals check asks the same):\n"
            "  GOV-NOMINATE-CORE core.yaml: nomination of lena-vogel as a core maintainer: the "
            "lead decides\n"
            "    approval: the lead core maintainer, mira-chen: 1 of mira-chen\n") in out


def test_moving_yourself_to_emeritus_counts_your_consent(repo: Repo) -> None:
    _, others, _ = charter("module", "emeritus", "vision", "bruno-costa", "--dry-run",
                           "--repo", str(repo.path))
    _, own, _ = charter("module", "emeritus", "vision", "bruno-costa", "--dry-run",
                        "--author", "bruno-costa", "--repo", str(repo.path))
    assert "removal of bruno-costa from module vision" in others
    assert "bruno-costa asks to step down to emeritus from module vision" in own


def _lead_elected(repo: Repo) -> None:
    """mira-chen elected lead by the six core maintainers in a certified election."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "gate"))
    from gate_records import lead_election

    policy = yaml.safe_load((repo.path / "policy.yaml").read_text("utf-8"))
    core = ["mira-chen", "tomas-reyes", "priya-nair", "jonas-berg", "aiko-tanaka",
            "kwame-mensah"]
    for rel, text in lead_election(policy, "2026-lead", "mira-chen", core,
                                   returning_officer="diego-alvarez").items():
        (repo.path / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo.path / rel).write_text(text, encoding="utf-8")
    core_yaml = repo.path / "core.yaml"
    core_yaml.write_text(core_yaml.read_text("utf-8").replace(
        "lead: mira-chen\n", "lead: mira-chen\nlead_elected_in: 2026-lead\n"), encoding="utf-8")
    assert repo.run("check")[0] == 0
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "a certified lead election")


def test_gov_remove_core_a_voter_of_a_certified_lead_election_goes_to_emeritus(
        repo: Repo) -> None:
    """Deleting a core maintainer who could vote for the lead would rewrite that election's
    electorate (and unseat the lead): refused, with the command that keeps the record true."""
    _lead_elected(repo)
    before = _snapshot(repo.path)
    rc, out, err = repo.run("core", "remove", "jonas-berg")
    assert (rc, out) == (1, "") and "Traceback" not in err
    assert "the edit would make the repository invalid; nothing written" in err
    assert err.rstrip().endswith(
        "jonas-berg could vote in elections/2026-lead; to keep who could vote on every day, "
        "move them to emeritus instead: charter core emeritus jonas-berg --since YYYY-MM-DD")
    assert _snapshot(repo.path) == before
    assert repo.run("core", "emeritus", "jonas-berg", "--since", "2026-11-01")[0] == 0


@pytest.mark.parametrize("action", [["remove"], ["emeritus", "--since", "2026-11-23"]])
def test_gov_remove_core_one_who_joined_after_the_lead_election_leaves_it_counting(
        repo: Repo, monkeypatch: pytest.MonkeyPatch, action: list[str]) -> None:
    """A maintainer who joined after voting opened was never in the election's electorate:
    removing them, or moving them to emeritus later, rewrites nothing (an emeritus entry keeps
    the day they joined; a removal takes it away with them)."""
    _lead_elected(repo)
    assert repo.run("core", "add", "lena-vogel")[0] == 0  # joined: today, after 2026-10-10
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "lena-vogel joins")
    monkeypatch.setenv("CHARTER_TODAY", "2026-11-23")
    rc, _, err = repo.run("core", action[0], "lena-vogel", *action[1:])
    assert rc == 0, err
    assert repo.run("check")[0] == 0
    core = yaml.safe_load((repo.path / "core.yaml").read_text("utf-8"))
    assert "lena-vogel" not in core["maintainers"]
    assert core.get("joined") == (None if action == ["remove"] else {"lena-vogel": TODAY})
