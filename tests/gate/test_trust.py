"""The gate against an adversary with one core maintainer's approval (sometimes over two pull
requests in a row), each attack on a real git repository, named after the rule it protects.

Fixture (gate_helpers): core ada (lead), bob, cyd, dan, eve; module nn finn, gus, hal (majority);
opt ivy (any); comp jo, kim, lou (2/3); misc mo, ned (no rule of its own); working group ivy, jo,
kim, mo, ned; council pat, quin (cohort A), ros (cohort B), elected in the certified record
elections/2026-council, returning officer sam; cyd and gus are family. Community members: pat,
quin, ros, sam, ivy, jo, kim, mo, ned, tess.
"""

from __future__ import annotations

import json

import pytest
import yaml
from gate_helpers import (
    POLICY,
    FakeGitHub,
    GitRepo,
    add_core,
    check,
    check_github,
    req,
    review,
    user,
)
from gate_records import motion

DISCUSSION = "## Discussion\nSee #12.\n"


def _problems(rep: dict, rule: str | None = None) -> str:
    return " | ".join(p for r in rep["requirements"] if rule in (None, r["rule"])
                      for p in r["problems"])


# --- 1. a new member file cannot carry voting membership without its vote ----------------------

def test_pc_member_add_new_member_file_with_community_membership(org: GitRepo) -> None:
    org.write({"members/zoe.yaml": {"login": "zoe", "name": "Zoe", "github_id": 130,
                                    "community": {"since": "2026-11-01"}}})
    org.commit()
    rc, rep = check(org, approved=["bob"], author="ada")
    assert rc == 1 and "PC-MEMBER-ADD" in _problems(rep)
    # citing a vote about someone else does not do either
    org.land(motion(POLICY, "2026-admit-newbie", "member-add", subject="newbie"))
    org.write({"members/zoe.yaml": {"login": "zoe", "name": "Zoe", "github_id": 130,
                                    "community": {"since": "2026-11-01",
                                                  "admitted_by": "elections/2026-admit-newbie"}}})
    org.commit()
    rc, rep = check(org, approved=["bob"], author="ada")
    assert rc == 1 and "not newbie" not in _problems(rep) and "about newbie" in _problems(rep)


# --- 2. a sitting council member is not removed by marking another seat as replacing them -------

def test_pc_term_replaces_without_a_vacancy_vote(org: GitRepo) -> None:
    def fn(d):
        d["seats"] = [s for s in d["seats"] if s["login"] != "ros"]
        d["seats"][0]["replaces"] = "ros"  # pat's seat, same election, now "replaces" ros
    org.edit("council.yaml", fn)
    org.commit()
    rc, rep = check(org, approved=["bob"], author="ada")
    assert rc == 1
    assert "PC-NO-CONFIDENCE" in _problems(rep, "PC-TERM")
    assert "replaces" in _problems(rep)


# --- 3. nobody is seated by citing a vote of another kind and deleting the real record --------

def test_pc_election_seat_from_another_kind_of_vote_and_a_deleted_record(org: GitRepo) -> None:
    org.land(motion(POLICY, "2026-admit-newbie", "member-add", subject="newbie"))
    org.edit("council.yaml", lambda d: d["seats"].append({
        "login": "newbie", "cohort": "A", "term_start": "2026-06-15", "term_end": "2028-06-15",
        "elected_in": "2026-admit-newbie"}))
    for name in ("election.yaml", "ballots.csv", "result.yaml"):
        (org.path / "elections/2026-council" / name).unlink()
    org.commit()
    rc, rep = check(org, approved=["bob", "sam"], author="ada")
    assert rc == 1
    assert "gives newbie a seat" in _problems(rep, "PC-ELECTION")
    assert "is certified; its record is kept" in _problems(rep, "PC-ELECTION")


# --- 4. relationships naming others are not declared without them, and never lower a bar -----

def _family(*logins: str):
    return lambda d: d.update(relationships=[{"login": x, "kind": "family"} for x in logins])


def test_gov_remove_relationships_naming_others_need_their_consent(org: GitRepo) -> None:
    # newbie declares bob, cyd and dan family: from then on they could not decide on newbie,
    # nor (before this fix) count toward the group a removal is computed over
    org.edit("members/newbie.yaml", _family("bob", "cyd", "dan"))
    org.commit()
    rc, rep = check(org, approved=["eve"], author="newbie")
    r = req(rep, "GOV-APPROVAL")
    assert rc == 1 and r["groups"][0]["needed"] == 3 and "consent" in r["summary"]
    # with bob, cyd and dan agreeing (they approve), one more core maintainer is enough
    rc, _ = check(org, approved=["bob", "cyd", "dan", "eve"], author="newbie")
    assert rc == 0


def test_gov_remove_earlier_relationships_do_not_shrink_the_majority(org: GitRepo) -> None:
    # say an earlier pull request did land such declarations about eve: removing eve still needs
    # a majority of all five core maintainers, from those who may approve
    org.land({"members/newbie.yaml": {"login": "newbie", "name": "Newbie", "github_id": 120},
              "members/eve.yaml": {"login": "eve", "name": "Eve", "github_id": 105,
                                   "relationships": [{"login": "bob", "kind": "family"},
                                                     {"login": "cyd", "kind": "family"}]}})
    org.edit("core.yaml", lambda d: d["maintainers"].remove("eve"))
    org.commit()
    rc, rep = check(org, approved=["dan"], author="ada", body=DISCUSSION)
    r = req(rep, "GOV-REMOVE")
    assert rc == 1 and r["groups"][0]["needed"] == 3
    assert set(r["groups"][0]["eligible"]) == {"ada", "dan"}
    assert any("cannot decide this" in p for p in r["problems"])


def test_gov_nominate_core_earlier_relationship_with_the_lead_does_not_bypass_them(
        org: GitRepo) -> None:
    # a relationship between the nominee and the lead hands the nomination to the core, but a
    # majority of all of them: never "a majority of 1"
    org.land({"members/newbie.yaml": {"login": "newbie", "name": "Newbie", "github_id": 120,
                                      "relationships": [{"login": "ada", "kind": "family"},
                                                        {"login": "bob", "kind": "family"},
                                                        {"login": "cyd", "kind": "family"},
                                                        {"login": "dan", "kind": "family"}]}})
    org.edit("core.yaml", add_core("newbie"))
    org.commit()
    body = "## Contributions\nx\n## Testimonials\ny\n## Support\nz\n## Decision\nw\n"
    rc, rep = check(org, approved=["eve"], author="finn", body=body)
    r = req(rep, "GOV-NOMINATE-CORE")
    assert rc == 1 and r["groups"][0]["needed"] == 3 and r["groups"][0]["eligible"] == ["eve"]


# --- 5. an objection from someone excluded only by this pull request blocks, in every group ---

def _github(org: GitRepo, gh: FakeGitHub, files: list[str], body: str,
            reviews: list[tuple[str, int, str]]) -> tuple[int, dict]:
    gh.head_sha = org.git("rev-parse", "HEAD")
    gh.files, gh.body, gh.author = files, body, user("ada", 101)
    gh.reviews = [review(i, user(login, uid), state, gh.head_sha)
                  for i, (login, uid, state) in enumerate(reviews)]
    rc, out, err = check_github(org, gh)
    assert out, err
    return rc, json.loads(out)


def test_gov_nominate_module_head_conflict_objection_blocks(
        org: GitRepo, fake_github: FakeGitHub) -> None:
    org.edit("members/newbie.yaml", _family("hal"))
    org.edit("modules/nn.yaml", lambda d: d["maintainers"].append("newbie"))
    org.commit()
    body = "## Contributions\nx\n## Testimonials\ny\n## Support\nz\n## Decision\nw\n"
    files = ["members/newbie.yaml", "modules/nn.yaml"]
    ok = [("finn", 106, "APPROVED"), ("gus", 107, "APPROVED"), ("bob", 102, "APPROVED"),
          ("cyd", 103, "APPROVED"), ("dan", 104, "APPROVED")]
    rc, rep = _github(org, fake_github, files, body, ok)
    assert rc == 0, rep
    # hal cannot approve (the pull request says hal is newbie's family), but hal objects
    rc, rep = _github(org, fake_github, files, body, [*ok, ("hal", 108, "CHANGES_REQUESTED")])
    r = req(rep, "GOV-NOMINATE-MODULE")
    assert rc == 1 and r["groups"][0]["objectors"] == ["hal"]
    assert r["groups"][0]["blocked_by"] == ["hal"]


def test_gov_approval_head_conflict_objection_blocks_one_owner_rules(
        org: GitRepo, fake_github: FakeGitHub) -> None:
    # every group carries its objectors, "one core maintainer" (GOV-APPROVAL) included
    org.edit("members/tess.yaml", lambda d: d.update(name="Tess T."))
    org.edit("members/tess.yaml", _family("bob"))
    org.commit()
    files = ["members/tess.yaml"]
    ok = [("tess", 0, "APPROVED"), ("cyd", 103, "APPROVED"), ("dan", 104, "APPROVED"),
          ("eve", 105, "APPROVED")]
    rc, rep = _github(org, fake_github, files, "", ok)
    assert rc == 0, rep
    rc, rep = _github(org, fake_github, files, "", [*ok, ("bob", 102, "CHANGES_REQUESTED")])
    assert rc == 1
    blocked = [g for r in rep["requirements"] for g in r["groups"] if g["blocked_by"]]
    assert blocked and all(g["blocked_by"] == ["bob"] for g in blocked)


# --- 6. backfilling last_active does not turn a removal into a one-approval emeritus move -----

def test_gov_emeritus_backfilled_last_active_needs_the_person(org: GitRepo) -> None:
    org.edit("members/hal.yaml", lambda d: d.update(last_active="2020-01-01"))
    org.commit()
    rc, rep = check(org, approved=["finn"], author="gus")
    assert rc == 1 and req(rep, "GOV-APPROVAL")["groups"][0]["needed"] == 3


# --- 7. records take effect only once certified on the base branch ---------------------------

def test_pc_member_add_record_added_in_the_same_pull_request(org: GitRepo) -> None:
    org.write(motion(POLICY, "2026-admit-newbie", "member-add", subject="newbie"))
    org.edit("members/newbie.yaml", lambda d: d.update(community={
        "since": "2026-11-01", "admitted_by": "elections/2026-admit-newbie"}))
    org.commit()
    rc, rep = check(org, approved=["bob", "sam"], author="ada")
    assert rc == 1 and "not certified on the base branch" in _problems(rep)


def test_pc_member_add_uncertified_record_has_no_effect(org: GitRepo) -> None:
    org.land(motion(POLICY, "2026-admit-newbie", "member-add", subject="newbie",
                    finalised=None))
    org.edit("members/newbie.yaml", lambda d: d.update(community={
        "since": "2026-11-01", "admitted_by": "elections/2026-admit-newbie"}))
    org.commit()
    rc, rep = check(org, approved=["bob"], author="ada")
    assert rc == 1 and "not certified on the base branch" in _problems(rep)


def test_pc_election_certification_needs_the_returning_officer_and_a_recount(
        org: GitRepo) -> None:
    org.land(motion(POLICY, "2026-admit-newbie", "member-add", subject="newbie",
                    finalised=None))
    org.write(motion(POLICY, "2026-admit-newbie", "member-add", subject="newbie"))
    org.commit()
    rc, rep = check(org, approved=["bob"], author="ada")
    r = req(rep, "PC-MEMBER-ADD")
    assert rc == 1 and r["groups"][0]["label"] == "returning officer"
    rc, _ = check(org, approved=["sam"], author="ada")
    assert rc == 0
    # a result that is not the recount of its ballots is refused, whoever approves
    result = org.path / "elections/2026-admit-newbie/result.yaml"
    result.write_text(result.read_text().replace("passed: false", "passed: true")
                      .replace("'yes': 10", "'yes': 11"))
    org.commit()
    rc, rep = check(org, approved=["sam"], author="ada")
    assert rc == 1 and "is not what the base's charter counts" in _problems(rep)


def test_pc_election_certified_record_changed_is_a_correction(org: GitRepo) -> None:
    # rewriting the certified council election (its candidates' order) is a correction
    path = org.path / "elections/2026-council/election.yaml"
    path.write_text(path.read_text().replace("title: Council election 2026-council",
                                             "title: Council election"))
    org.commit()
    rc, rep = check(org, approved=["sam", "bob"], author="ada")
    r = req(rep, "PC-ELECTION")
    assert rc == 1 and r["groups"][0]["needed"] == 3
    assert "corrections" in _problems(rep) and "GOV-DISCUSSION" in _problems(rep)


# --- 8. a working-group vote is attested by the people recorded as voting ----------------------

def test_eco_vote_acceptance_needs_the_recorded_voters(org: GitRepo) -> None:
    wg = ["ivy", "jo", "kim", "mo", "ned"]
    org.edit("ecosystem/alpha.yaml", lambda d: d.update(status="accepted", decisions=[
        {"date": "2026-11-10", "outcome": "accepted", "for": ["ivy", "jo", "kim"],
         "against": ["mo", "ned"], "working_group": wg}]))
    org.commit()
    rc, rep = check(org, approved=["ivy"], author="jo")
    r = req(rep, "ECO-VOTE")
    assert rc == 1 and r["groups"][0]["needed"] == 3
    rc, _ = check(org, approved=["ivy", "kim", "bob"], author="jo")  # jo's own approval: never
    assert rc == 1
    rc, _ = check(org, approved=["ivy", "jo", "kim"], author="bob")
    assert rc == 0


def test_eco_status_decline_needs_a_working_group_majority(org: GitRepo) -> None:
    wg = ["ivy", "jo", "kim", "mo", "ned"]
    org.edit("ecosystem/alpha.yaml", lambda d: d.update(status="declined", decisions=[
        {"date": "2026-11-10", "outcome": "declined", "for": [], "against": ["mo"],
         "working_group": wg}]))
    org.commit()
    rc, _ = check(org, approved=["mo"], author="bob")
    assert rc == 1
    rc, _ = check(org, approved=["mo", "ned", "kim"], author="bob")
    assert rc == 0


# --- 9. a listed project is retired, never deleted ---------------------------------------------

def test_eco_status_accepted_project_cannot_be_deleted(org: GitRepo) -> None:
    org.land({"ecosystem/alpha.yaml": {**org.data("ecosystem/alpha.yaml"), "status": "active",
                                       "decisions": [{"date": "2026-01-10", "outcome": "accepted",
                                                      "for": ["ivy", "jo", "kim"],
                                                      "working_group": ["ivy", "jo", "kim", "mo",
                                                                        "ned"]}]}})
    (org.path / "ecosystem/alpha.yaml").unlink()
    org.commit()
    rc, rep = check(org, approved=["bob", "cyd", "dan", "eve"], author="ada")
    assert rc == 1 and "never by deleting the file" in _problems(rep, "ECO-STATUS")


# --- 10. a module does not adopt a laxer rule by its own default rule ---------------------------

@pytest.mark.parametrize(("module", "rule"), [("misc", {"kind": "any"}),
                                              ("nn", {"kind": "any"}),
                                              ("comp", {"kind": "fraction", "fraction": "1/3"})])
def test_gov_module_laxer_or_first_own_rule_needs_the_core(
        org: GitRepo, module: str, rule: dict) -> None:
    org.edit(f"modules/{module}.yaml", lambda d: d.update(decision_rule=rule))
    org.commit()
    people = {"misc": ["mo", "ned"], "nn": ["finn", "gus", "hal"], "comp": ["jo", "kim", "lou"]}
    rc, rep = check(org, approved=people[module], author="ada")
    r = req(rep, "GOV-MODULE")
    assert rc == 1 and r["groups"][0]["label"] == "core maintainers"
    rc, _ = check(org, approved=["bob", "cyd", "dan"], author="ada")
    assert rc == 0


def test_gov_module_shorter_inactive_period_needs_the_core(org: GitRepo) -> None:
    org.edit("modules/nn.yaml", lambda d: d.update(inactive_months=1))
    org.commit()
    rc, rep = check(org, approved=["finn", "gus"], author="hal")
    assert rc == 1 and req(rep, "GOV-MODULE")["groups"][0]["label"] == "core maintainers"


# --- 11. invisible text, impossible repository names, case-variant logins ---------------------

@pytest.mark.parametrize("char", ["\u202e", "\u200b", "\u2066", "\ufeff", "\u00ad"])
def test_int_text_invisible_characters_in_names(org: GitRepo, char: str) -> None:
    org.edit("members/tess.yaml", lambda d: d.update(name=f"Tess{char}Admin"))
    org.commit()
    rc, rep = check(org, approved=["bob", "cyd", "dan"], author="tess")
    assert rc == 1 and any(f["rule"] == "INT-TEXT" for f in rep["findings"])


def test_int_duplicate_login_case_variant_in_core(org: GitRepo) -> None:
    org.edit("core.yaml", add_core("Bob"))
    org.commit()
    rc, rep = check(org, approved=["ada", "cyd", "dan", "eve"], author="finn")
    assert rc == 1
    assert any(f["rule"] == "INT-DUPLICATE-LOGIN" for f in rep["findings"])
    assert any(e["kind"] == "core-maintainer-added" for e in rep["events"])


def test_eco_submit_repository_name_dot_dot_is_refused() -> None:
    from charter.ecosystem.form import FormError, repository_of

    for bad in ("owner/..", "owner/.", "https://github.com/owner/.."):
        with pytest.raises(FormError):
            repository_of(bad)
    assert repository_of("owner/.github") == "owner/.github"


# --- 12. the required data check runs the base's code on the head, read as data ---------------

def test_int_generated_check_rev_reads_the_head_as_data(org: GitRepo) -> None:
    from gate_helpers import run as cli

    org.git("checkout", "-q", "main")
    assert cli("codeowners", "--repo", str(org.path))[0] == 0
    org.commit("generated files")
    org.branch("pr")
    # the head breaks its data; the working tree (the base, checked out) stays sound
    org.edit("council.yaml", lambda d: d["seats"][0].update(term_end="2030-06-15"))
    org.commit()
    org.git("checkout", "-q", "main")
    rc_base, out_base, _ = cli("check", "--repo", str(org.path), "--format", "json")
    rc_head, out_head, _ = cli("check", "--repo", str(org.path), "--rev", "pr",
                               "--format", "json")
    assert rc_base == 0, out_base
    assert rc_head == 1 and any(f["rule"] == "PC-ELECTION" and f["path"] == "council.yaml"
                                for f in json.loads(out_head))
    assert (org.path / "council.yaml").read_text().count("2030") == 0  # nothing checked out


# --- 13, 14. verdicts are statuses on the exact commit judged ---------------------------------

def test_gov_approval_verdict_posted_as_a_status_on_the_commit_judged(
        org: GitRepo, fake_github: FakeGitHub) -> None:
    org.edit("modules/opt.yaml", lambda d: d["maintainers"].append("newbie"))
    org.commit()
    fake_github.head_sha = org.git("rev-parse", "HEAD")
    fake_github.files = ["modules/opt.yaml"]
    fake_github.author = user("ada", 101)
    fake_github.body = "## Contributions\nx\n## Testimonials\ny\n## Support\nz\n## Decision\nw\n"
    fake_github.reviews = []
    rc, _, err = check_github(org, fake_github, extra=["--status"])
    assert rc == 1, err
    assert fake_github.statuses == [{
        "state": "failure", "context": "charter/governance-approvals",
        "description": fake_github.statuses[0]["description"], "sha": fake_github.head_sha}]
    assert fake_github.statuses[0]["description"].startswith("1 of 1 requirement(s) not met")
    fake_github.reviews = [review(1, user("ivy", 109), "APPROVED", fake_github.head_sha)]
    rc, _, err = check_github(org, fake_github, extra=["--status", "org/approvals"])
    assert rc == 0, err
    assert fake_github.statuses[-1]["state"] == "success"
    assert fake_github.statuses[-1]["context"] == "org/approvals"


def test_gov_approval_a_status_that_cannot_be_posted_fails_the_check(
        org: GitRepo, fake_github: FakeGitHub) -> None:
    org.edit("members/tess.yaml", lambda d: d.update(name="Tess T."))
    org.commit()
    fake_github.head_sha = org.git("rev-parse", "HEAD")
    fake_github.files = ["members/tess.yaml"]
    fake_github.author = user("ada", 101)
    fake_github.reviews = [review(1, user("bob", 102), "APPROVED", fake_github.head_sha)]
    fake_github.status_failures = [(403, {}, {"message": "Resource not accessible by "
                                                           "integration"})]
    rc, _, err = check_github(org, fake_github, extra=["--status"])
    assert rc == 1 and "publishing the charter/governance-approvals status" in err
    assert "Traceback" not in err


# --- records imported from lists kept before charter -------------------------------------------

def test_eco_status_imported_records_are_the_core_majoritys_to_take_in(org: GitRepo) -> None:
    record = {"slug": "beta", "name": "Beta", "repository": "x/beta", "status": "active",
              "imported": {"from": "landscape", "date": "2026-11-01"}}
    org.write({"ecosystem/beta.yaml": record})
    org.commit()
    rc, rep = check(org, approved=["ivy"], author="jo", body=DISCUSSION)
    r = req(rep, "ECO-STATUS")
    assert rc == 1 and r["groups"][0]["needed"] == 3
    rc, _ = check(org, approved=["bob", "cyd", "dan"], author="jo", body=DISCUSSION)
    assert rc == 0


def test_eco_status_imported_is_never_added_to_an_existing_record(org: GitRepo) -> None:
    # marking a record as imported would turn its missing acceptance into a notice
    org.edit("ecosystem/alpha.yaml", lambda d: d.update(
        imported={"from": "landscape", "date": "2026-11-01"}))
    org.commit()
    rc, rep = check(org, approved=["bob", "cyd", "dan", "ivy"], author="jo")
    assert rc == 1 and "never added or changed" in _problems(rep)


# --- ECO-RESUBMIT: a declined project is not put back in the queue by a pull request ----------

def test_eco_resubmit_declined_project_set_back_to_new(org: GitRepo) -> None:
    wg = ["ivy", "jo", "kim", "mo", "ned"]
    declined = {**org.data("ecosystem/alpha.yaml"), "status": "declined",
                "submitted": "2026-10-01", "decisions": [
                    {"date": "2026-11-18", "outcome": "declined", "for": ["ivy"],
                     "against": ["jo", "kim", "mo", "ned"], "working_group": wg}]}
    org.land({"ecosystem/alpha.yaml": declined})
    org.edit("ecosystem/alpha.yaml", lambda d: d.update(status="new"))
    org.commit()
    rc, rep = check(org, approved=["ivy", "bob"], author="jo")
    assert rc == 1 and any(f["rule"] == "ECO-RESUBMIT" for f in rep["findings"])
    # a new application, three months on, is fine
    org.edit("ecosystem/alpha.yaml", lambda d: d.update(submitted="2027-02-20", issue=40))
    org.commit()
    rc, rep = check(org, approved=["ivy"], author="jo")
    assert not any(f["rule"] == "ECO-RESUBMIT" for f in rep["findings"])


# --- PC-AMEND: the council's own rules change only by a certified community vote --------------

def test_pc_amend_council_policy_needs_a_certified_amend_vote(org: GitRepo) -> None:
    org.edit("policy.yaml", lambda d: d["council"].update(max_per_entity=5))
    org.commit()
    rc, rep = check(org, approved=["ada", "bob", "cyd", "dan", "eve"], author="finn",
                    body=DISCUSSION)
    assert rc == 1 and "PC-AMEND" in _problems(rep, "PC-AMEND")
    org.land(motion(POLICY, "2026-amend", "amend"))
    org.edit("policy.yaml", lambda d: d["council"].update(max_per_entity=5))
    org.commit()
    rc, _ = check(org, approved=["bob"], author="finn",
                  body=DISCUSSION + "## Vote\nelections/2026-amend\n")
    assert rc == 0
    # the project's own parameters stay with the core maintainers
    org.edit("policy.yaml", lambda d: d.update(ecosystem={"min_stars": 500}))
    org.commit()
    rc, rep = check(org, approved=["bob"], author="finn",
                    body=DISCUSSION + "## Vote\nelections/2026-amend\n")
    assert rc == 1 and req(rep, "GOV-DISCUSSION")["groups"][0]["needed"] == 3


def test_gov_nominate_core_opened_by_the_lead(org: GitRepo) -> None:
    # ada (the lead) nominates newbie: her opening it is her decision; one more core maintainer
    # confirms, so it never passes on its author alone
    org.edit("core.yaml", add_core("newbie"))
    org.commit()
    body = "## Contributions\nx\n## Testimonials\ny\n## Support\nz\n## Decision\nw\n"
    rc, _ = check(org, approved=[], author="ada", body=body)
    assert rc == 1
    rc, _ = check(org, approved=["bob"], author="ada", body=body)
    assert rc == 0


def test_gov_approval_a_pull_request_that_moved_on_is_not_judged_by_an_old_run(
        org: GitRepo, fake_github: FakeGitHub) -> None:
    # the run fetched one commit; GitHub now reports another head: no verdict on either
    org.edit("members/tess.yaml", lambda d: d.update(name="Tess T."))
    fetched = org.commit()
    org.edit("members/tess.yaml", lambda d: d.update(name="Tess Two"))
    fake_github.head_sha = org.commit()
    fake_github.files = ["members/tess.yaml"]
    fake_github.author = user("ada", 101)
    fake_github.reviews = [review(1, user("bob", 102), "APPROVED", fake_github.head_sha)]
    rc, _, err = check_github(org, fake_github, extra=["--status", "--head-sha", fetched])
    assert rc == 1 and "has moved on" in err and fake_github.statuses == []
    rc, _, err = check_github(org, fake_github,
                              extra=["--status", "--head-sha", fake_github.head_sha])
    assert rc == 0, err
    assert [s["sha"] for s in fake_github.statuses] == [fake_github.head_sha]


# --- a bar is lowered only by the people it protects against ----------------------------------

def test_gov_lead_remove_lowering_its_fraction_takes_what_removing_the_lead_takes(
        org: GitRepo) -> None:
    # a bare majority (3 of 5) must not first make removing the lead take a majority
    org.edit("policy.yaml", lambda d: d.setdefault("governance", {}).update(
        lead_removal_fraction="1/2"))
    org.commit()
    rc, rep = check(org, approved=["bob", "cyd", "dan"], author="eve", body=DISCUSSION)
    r = req(rep, "GOV-LEAD-REMOVE")
    assert rc == 1 and r["groups"][0]["needed"] == 4
    rc, _ = check(org, approved=["ada", "bob", "cyd", "dan"], author="eve", body=DISCUSSION)
    assert rc == 0
    # raising it is an ordinary rule change
    org.edit("policy.yaml", lambda d: d["governance"].update(lead_removal_fraction="4/5"))
    org.commit()
    rc, _ = check(org, approved=["bob", "cyd", "dan"], author="eve", body=DISCUSSION)
    assert rc == 0


# --- 8. a vote counts over the electorate of its day, whatever its record lists ---------------

PARTIAL = ["pat", "quin", "ros", "sam"]  # 4 of the 10 community members


def test_pc_member_add_admission_citing_a_vote_of_part_of_the_community(org: GitRepo) -> None:
    # certified on the base with 2 yes out of an electorate listing 4 of the 10 community
    # members: the quorum (half of 4) looked met, and the admission citing it was accepted
    org.land(motion(POLICY, "2026-admit-newbie", "member-add", subject="newbie",
                    electorate=PARTIAL, yes=2))
    org.edit("members/newbie.yaml", lambda d: d.update(community={
        "since": "2026-11-01", "admitted_by": "elections/2026-admit-newbie"}))
    org.commit()
    rc, rep = check(org, approved=["bob"], author="ada")
    problems = _problems(rep)
    assert rc == 1 and "PC-MEMBER-ADD" in problems
    assert "electorate of its day" in problems and "left out of the electorate" in problems
    for who in ("ivy", "jo", "kim", "mo", "ned", "tess"):
        assert who in problems


def test_pc_member_add_certifying_a_vote_of_part_of_the_community_is_refused(
        org: GitRepo) -> None:
    org.land(motion(POLICY, "2026-admit-newbie", "member-add", subject="newbie",
                    electorate=PARTIAL, yes=2, finalised=None))
    org.write(motion(POLICY, "2026-admit-newbie", "member-add", subject="newbie",
                     electorate=PARTIAL, yes=2))
    org.commit()
    rc, rep = check(org, approved=["sam", "ada", "bob", "cyd"], author="ada")
    problems = _problems(rep, "PC-MEMBER-ADD")
    assert rc == 1 and "cannot be certified" in problems
    assert "left out of the electorate" in problems


def test_gov_lead_elect_certified_election_of_part_of_the_core_elects_nobody(
        org: GitRepo) -> None:
    from gate_records import lead_election

    org.land(lead_election(POLICY, "2026-lead", "bob", ["ada", "bob", "cyd"]))
    org.edit("core.yaml", lambda d: d.update(lead="bob", lead_elected_in="2026-lead"))
    org.commit()
    rc, rep = check(org, approved=["ada", "bob", "cyd", "dan", "eve"], author="ada",
                    body=DISCUSSION)
    problems = _problems(rep, "GOV-LEAD-ELECT")
    assert rc == 1 and "dan, eve left out of the electorate" in problems


def test_pc_election_certifying_with_another_returning_officer_is_refused(
        org: GitRepo) -> None:
    from gate_records import council_election

    org.land(council_election(POLICY, "2027-council", order=("ros",), scope="B",
                              sitting=("pat", "quin"), returning_officer="tess",
                              finalised=None, nomination="2027-05-17", voting="2027-05-31"))
    org.write(council_election(POLICY, "2027-council", order=("ros",), scope="B",
                               sitting=("pat", "quin"), returning_officer="tess",
                               finalised="2027-06-14", nomination="2027-05-17",
                               voting="2027-05-31"))
    org.commit()
    rc, rep = check(org, approved=["ada", "bob", "cyd", "dan", "eve", "sam", "tess"],
                    author="ada")
    problems = _problems(rep, "PC-ELECTION")
    assert rc == 1 and "council.yaml names sam" in problems


@pytest.mark.parametrize("electorate", [None, PARTIAL])
def test_pc_election_seat_from_an_election_of_part_of_the_community(
        org: GitRepo, electorate: list[str] | None) -> None:
    from gate_records import council_election

    record = council_election(POLICY, "2027-council", order=("ros",), scope="B",
                              sitting=("pat", "quin"), finalised="2027-06-14",
                              nomination="2027-05-17", voting="2027-05-31",
                              electorate=electorate)
    org.land(record)
    seat = yaml.safe_load(record["elections/2027-council/result.yaml"])["elected"][0]
    org.edit("council.yaml", lambda d: d["seats"][2].update(
        {k: seat[k] for k in ("term_start", "term_end", "elected_in")}))
    org.commit()
    rc, rep = check(org, approved=["bob"], author="ada")
    if electorate is None:
        assert rc == 0, _problems(rep)
    else:
        assert rc == 1 and "PC-TERM: ros's seat is set by elections/2026-council" in \
            _problems(rep), _problems(rep)


def test_gov_lead_elect_moving_the_day_a_maintainer_joined_takes_a_core_majority(
        org: GitRepo) -> None:
    # a later joined date takes a sitting maintainer out of the electorate of the lead's
    # election or removal (charter.elections.day): one core approval is not enough
    org.edit("core.yaml", lambda d: d.update(joined={"bob": "2026-12-01"}))
    org.commit()
    rc, rep = check(org, approved=["ada"], author="ada")
    assert rc == 1 and req(rep, "GOV-LEAD-ELECT")["groups"][0]["needed"] == 3
    rc, rep = check(org, approved=["bob", "cyd", "dan"], author="ada")
    assert rc == 0, json.dumps(rep["requirements"])[:3000]
