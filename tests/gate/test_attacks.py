"""Attacks on the gate that once passed: each test is named after the rule it protects.

The fixture organisation is described in gate_helpers: core ada (lead), bob, cyd, dan, eve;
module nn finn, gus, hal (majority); opt ivy (any); comp jo, kim, lou (2/3); misc mo, ned;
council pat, quin, ros (returning officer sam); cyd and gus are family.
"""

from __future__ import annotations

import json

import pytest
from gate_helpers import (
    NOMINATION,
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
from gate_records import council_election, lead_election, motion

DISCUSSION = "## Discussion\nSee #12.\n"
CORE = ["ada", "bob", "cyd", "dan", "eve"]


def _to_emeritus(login: str):
    def fn(d):
        d["maintainers"].remove(login)
        d.setdefault("emeritus", []).append({"login": login, "since": "2026-11-01"})
    return fn


# --- the author is matched to a member by GitHub id, never by a login someone else now holds ---

def test_gov_remove_author_with_a_reused_login_is_not_the_persons_consent(
        org: GitRepo, fake_github: FakeGitHub) -> None:
    # hal (id 108) renamed their account; a stranger registered "hal" (id 999) and opens a pull
    # request moving hal to emeritus: that is not hal's consent, so it is an ordinary removal
    org.edit("modules/nn.yaml", _to_emeritus("hal"))
    sha = org.commit()
    fake_github.head_sha = sha
    fake_github.files = ["modules/nn.yaml"]
    fake_github.author = user("hal", 999)
    fake_github.reviews = [review(1, user("bob", 102), "APPROVED", sha)]
    rc, out, err = check_github(org, fake_github)
    assert out, err
    r = req(json.loads(out), "GOV-REMOVE")
    assert rc == 1 and "self-removal" not in r["summary"]
    assert r["groups"][0]["needed"] == 3


def test_gov_remove_author_with_a_reused_login_does_not_block_the_real_member(
        org: GitRepo, fake_github: FakeGitHub) -> None:
    # the real hal (id 108, renamed) approves a change opened by the account now called "hal"
    org.edit("modules/opt.yaml", lambda d: d["maintainers"].append("newbie"))
    sha = org.commit()
    fake_github.head_sha = sha
    fake_github.files = ["modules/opt.yaml"]
    fake_github.body = NOMINATION
    fake_github.author = user("ivy", 999)  # someone else holds the login "ivy" now
    fake_github.reviews = [review(1, user("ivy-renamed", 109), "APPROVED", sha)]
    rc, out, err = check_github(org, fake_github)
    assert out, err
    rep = json.loads(out)
    assert rc == 0 and req(rep, "GOV-NOMINATE-MODULE")["groups"][0]["approved"] == ["ivy"]


def test_gov_nominate_core_author_with_a_reused_login_is_no_nominator(
        org: GitRepo, fake_github: FakeGitHub) -> None:
    org.edit("core.yaml", add_core("newbie"))
    sha = org.commit()
    fake_github.head_sha = sha
    fake_github.files = ["core.yaml"]
    fake_github.body = NOMINATION
    fake_github.author = user("finn", 999)  # not finn (id 106), who is a module maintainer
    fake_github.reviews = [review(1, user("ada", 101), "APPROVED", sha)]
    rc, out, err = check_github(org, fake_github)
    assert out, err
    r = req(json.loads(out), "GOV-NOMINATE-CORE")
    assert rc == 1 and any("only a core or module maintainer may nominate" in p
                           for p in r["problems"])


# --- conflicts declared only in the head exclude people, but never lower the bar ---------------

def test_gov_remove_head_declared_relationships_do_not_shrink_the_majority(org: GitRepo) -> None:
    # removing eve: a majority of the 4 other core maintainers is 3. Declaring in the same pull
    # request that bob and cyd are eve's family excludes them, but must not make 2 enough.
    org.edit("members/eve.yaml", lambda d: d.update(relationships=[
        {"login": "bob", "kind": "family"}, {"login": "cyd", "kind": "family"}]))
    org.edit("core.yaml", lambda d: d["maintainers"].remove("eve"))
    org.commit()
    rc, rep = check(org, approved=["ada", "dan"], author="finn", body=DISCUSSION)
    r = req(rep, "GOV-REMOVE")
    assert rc == 1 and not r["met"]
    assert r["groups"][0]["needed"] == 3 and r["groups"][0]["eligible"] == ["ada", "dan"]
    assert "bob" in r["excluded"] and "cyd" in r["excluded"]


def test_gov_nominate_module_head_declared_relationships_do_not_shrink_the_rule(
        org: GitRepo) -> None:
    # nn decides by majority of finn, gus, hal (2). newbie declares gus and hal as family in the
    # nomination itself: they are excluded, and finn alone is still not enough.
    org.edit("members/newbie.yaml", lambda d: d.update(relationships=[
        {"login": "gus", "kind": "family"}, {"login": "hal", "kind": "romantic"}]))
    org.edit("modules/nn.yaml", lambda d: d["maintainers"].append("newbie"))
    org.commit()
    rc, rep = check(org, approved=["finn", "bob"], author="ada", body=NOMINATION)
    r = req(rep, "GOV-NOMINATE-MODULE")
    assert rc == 1 and not r["met"]
    assert r["groups"][0]["label"] == "maintainers of module nn"
    assert r["groups"][0]["needed"] == 2 and r["groups"][0]["eligible"] == ["finn"]


def test_pc_election_head_declared_relationships_do_not_shrink_the_council(
        org: GitRepo) -> None:
    # a new returning officer needs a majority of the 3 council members (2)
    org.edit("members/tess.yaml", lambda d: d.update(relationships=[
        {"login": "pat", "kind": "family"}, {"login": "quin", "kind": "family"}]))
    org.edit("council.yaml", lambda d: d.update(returning_officer="tess"))
    org.commit()
    rc, rep = check(org, approved=["ros", "bob"], author="ada")
    r = req(rep, "PC-ELECTION")
    assert rc == 1 and r["groups"][0]["needed"] == 2


def test_gov_remove_base_declared_relationships_exclude_without_lowering_the_bar(
        org: GitRepo) -> None:
    # on the base, cyd is gus's family: cyd cannot decide gus's removal, and the bar stays a
    # majority of all five core maintainers (3), from ada, bob, dan and eve
    org.edit("modules/nn.yaml", lambda d: d["maintainers"].remove("gus"))
    org.commit()
    rc, rep = check(org, approved=["bob", "dan", "eve"], author="ada", body=DISCUSSION)
    g = req(rep, "GOV-REMOVE")["groups"][0]
    assert rc == 0 and g["needed"] == 3 and g["of"] == 5 and "cyd" not in g["eligible"]


# --- GOV-NOMINATE-CORE: a nomination is made by someone else ---------------------------------

def test_gov_nominate_core_nominee_cannot_nominate_themselves(org: GitRepo) -> None:
    # finn maintains module nn, so may nominate a core maintainer, but not themselves
    org.edit("core.yaml", add_core("finn"))
    org.commit()
    rc, rep = check(org, approved=["ada"], author="finn", body=NOMINATION)
    r = req(rep, "GOV-NOMINATE-CORE")
    assert rc == 1 and any("nominate" in p for p in r["problems"])
    body = NOMINATION + "\n## Nominator\n@hal\n"
    rc, _ = check(org, approved=["ada", "hal"], author="finn", body=body)
    assert rc == 0


# --- GOV-LEAD-ELECT: the new lead does not approve the record of their own election -----------

def test_gov_lead_elect_new_lead_cannot_approve_their_own_election(org: GitRepo) -> None:
    org.land(lead_election(POLICY, "2026-lead", "bob", CORE))
    org.edit("core.yaml", lambda d: d.update(lead="bob", lead_elected_in="2026-lead"))
    org.commit()
    rc, rep = check(org, approved=["bob", "cyd", "dan", "ada"], author="eve", body=DISCUSSION)
    r = req(rep, "GOV-LEAD-ELECT")
    assert "bob" not in r["groups"][0]["eligible"]
    assert r["groups"][0]["approved"] == ["ada", "cyd", "dan"]
    assert any(n["login"] == "bob" and "nominee" in n["reason"] for n in r["not_counted"])
    assert rc == 0


# --- GOV-EMERITUS: an emeritus record is kept unless the person returns to that same group ----

def test_gov_emeritus_record_deleted_while_joining_another_module(org: GitRepo) -> None:
    org.edit("modules/comp.yaml",
             lambda d: d.update(emeritus=[{"login": "hal", "since": "2025-01-01"}]))
    org.commit("hal emeritus in comp")
    org.git("branch", "-f", "main", "HEAD")
    org.edit("modules/comp.yaml", lambda d: d.update(emeritus=[]))
    org.edit("modules/opt.yaml", lambda d: d["maintainers"].append("hal"))
    org.commit()
    rc, rep = check(org, approved=["ivy"], author="ada", body=NOMINATION)
    r = req(rep, "GOV-EMERITUS")
    assert rc == 1 and "never deleted" in r["problems"][0] and r["path"] == "modules/comp.yaml"


def test_gov_emeritus_record_deleted_while_returning_to_the_same_module(org: GitRepo) -> None:
    org.edit("modules/opt.yaml",
             lambda d: d.update(emeritus=[{"login": "hal", "since": "2025-01-01"}]))
    org.commit("hal emeritus in opt")
    org.git("branch", "-f", "main", "HEAD")
    org.edit("modules/opt.yaml", lambda d: d.update(emeritus=[], maintainers=["ivy", "hal"]))
    org.commit()
    rc, rep = check(org, approved=["ivy"], author="ada", body=NOMINATION)
    assert rc == 0 and [r["rule"] for r in rep["requirements"]] == ["GOV-NOMINATE-MODULE"]


# --- GOV-LEAD-REMOVE: at least 3/4 of all core maintainers, rounded up ------------------------

@pytest.mark.parametrize(("size", "needed"), [(4, 3), (5, 4), (6, 5), (7, 6), (8, 6)])
def test_gov_lead_remove_rounds_up_at_the_boundary(org: GitRepo, size: int, needed: int) -> None:
    core = ["ada", "bob", "cyd", "dan", "eve", "finn", "hal", "ivy"][:size]
    org.land({**lead_election(POLICY, "2026-lead", "bob", core),
              "core.yaml": {**org.data("core.yaml"), "maintainers": core}})
    org.edit("core.yaml", lambda d: d.update(lead="bob", lead_elected_in="2026-lead"))
    org.commit()
    others = [x for x in core if x != "eve"]  # eve opens it; her approval never counts
    rc, rep = check(org, approved=others[: needed - 1], author="eve", body=DISCUSSION)
    r = req(rep, "GOV-LEAD-REMOVE")
    assert r["groups"][0]["needed"] == needed and not r["met"] and rc == 1
    rc, rep = check(org, approved=others[:needed], author="eve", body=DISCUSSION)
    assert req(rep, "GOV-LEAD-REMOVE")["met"] and rc == 0, rep


# --- PC-TERM: a council member is not removed mid-term by one core maintainer ------------------

def _drop_seat(login: str):
    return lambda d: d.update(seats=[s for s in d["seats"] if s["login"] != login])


def test_pc_term_mid_term_removal_needs_resignation_or_a_recorded_vote(
        org: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHARTER_TODAY", "2026-11-21")
    org.edit("council.yaml", _drop_seat("pat"))  # pat's term runs to 2028-06-15
    org.commit()
    rc, rep = check(org, approved=["bob"], author="ada")
    r = req(rep, "PC-TERM")
    assert rc == 1 and any("PC-NO-CONFIDENCE" in p for p in r["problems"])
    # pat resigns: their own consent (opening the pull request or approving it), recorded
    rc, rep = check(org, approved=["bob"], author="pat")
    assert rc == 1 and any("under resigned" in p for p in req(rep, "PC-TERM")["problems"])
    org.edit("council.yaml", lambda d: d.update(resigned=[
        {"login": "pat", "elected_in": "2026-council", "date": "2026-11-20"}]))
    org.commit()
    rc, _ = check(org, approved=["bob"], author="pat")
    assert rc == 0
    rc, _ = check(org, approved=["bob", "pat"], author="ada")
    assert rc == 0
    rc, _ = check(org, approved=["bob"], author="ada")
    assert rc == 1
    org.git("reset", "-q", "--hard", "main")
    org.edit("council.yaml", _drop_seat("pat"))
    org.commit()
    # naming a certified record that is no vote against pat does nothing
    rc, _ = check(org, approved=["bob"], author="ada", body="## Vote\nelections/2026-council\n")
    assert rc == 1
    # a vote of no confidence in pat, certified on the base branch, takes the seat
    org.land(motion(POLICY, "2026-nc-pat", "no-confidence", subject="pat", yes=6))
    org.edit("council.yaml", _drop_seat("pat"))
    org.commit()
    rc, _ = check(org, approved=["bob"], author="ada")
    assert rc == 0


def test_pc_term_removal_after_the_term_needs_one_core_maintainer(
        org: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHARTER_TODAY", "2027-07-01")
    org.edit("council.yaml", _drop_seat("ros"))  # ros's term ended 2027-06-15
    org.commit()
    rc, rep = check(org, approved=["bob"], author="ada")
    assert rc == 0 and req(rep, "PC-TERM")["met"]


# --- a second file for one login or slug is refused, not silently shadowed ---------------------

def test_int_duplicate_member_file_that_the_loader_shadows_fails_closed(org: GitRepo) -> None:
    # members/aaa.yaml claims ada's login with another GitHub id; the loader keeps only one
    # record per login, so no rule saw this file and one core approval merged it
    org.write({"members/aaa.yaml": {"login": "ada", "name": "Not Ada", "github_id": 666}})
    org.commit()
    rc, rep = check(org, approved=["bob", "cyd", "dan"], author="newbie")
    assert rc == 1 and not rep["ok"]
    rules = {f["rule"] for f in rep["findings"] if f["path"] == "members/aaa.yaml"}
    assert rules & {"INT-DUPLICATE-MEMBER", "INT-FILENAME"}


def test_int_duplicate_module_file_that_the_loader_shadows_fails_closed(org: GitRepo) -> None:
    org.write({"modules/aaa.yaml": {"slug": "nn", "name": "NN", "kind": "paths",
                                    "paths": ["lib/nn/"], "maintainers": ["newbie"]}})
    org.commit()
    rc, rep = check(org, approved=["bob", "cyd", "dan"], author="newbie")
    assert rc == 1
    rules = {f["rule"] for f in rep["findings"] if f["path"] == "modules/aaa.yaml"}
    assert rules & {"INT-DUPLICATE-MODULE", "INT-FILENAME"}


# --- GOV-APPROVAL: only election records are the returning officer's --------------------------

@pytest.mark.parametrize("path", ["elections/README.md", "elections/2026-council/tools/count.py"])
def test_gov_approval_files_under_elections_that_are_no_record_need_core(
        org: GitRepo, path: str) -> None:
    org.write({path: "print('x')\n"})
    org.commit()
    rc, rep = check(org, approved=["sam"], author="ada")  # sam: the returning officer
    assert rc == 1 and req(rep, "GOV-APPROVAL")["groups"][0]["label"] == "core maintainers"
    rc, _ = check(org, approved=["bob"], author="ada")
    assert rc == 0


def test_gov_approval_election_record_returning_officer(org: GitRepo) -> None:
    # a record still being counted (no finalised date, so not certified) has no effect yet:
    # the returning officer (or one core maintainer) approves its files
    org.write(motion(POLICY, "2027-by", "council-vote", finalised=None))
    org.commit()
    rc, _ = check(org, approved=["sam"], author="ada")
    assert rc == 0


# --- a rule that computes zero approvals never waives the decision ----------------------------

def test_gov_nominate_module_zero_fraction_rule_still_needs_an_approval(org: GitRepo) -> None:
    # the schema refuses 0/1 (INT-FRACTION, fraction pattern); a base that carries it anyway
    # must not let a nomination through with no approval
    org.edit("modules/nn.yaml", lambda d: d.update(decision_rule={"kind": "fraction",
                                                                  "fraction": "0/1"}))
    org.commit("nn decides by 0/1")
    org.git("branch", "-f", "main", "HEAD")
    org.edit("modules/nn.yaml", lambda d: d["maintainers"].append("newbie"))
    org.commit()
    rc, rep = check(org, approved=[], author="newbie", body=NOMINATION)
    assert rc == 1
    assert all(g["needed"] >= 1 for r in rep["requirements"] for g in r["groups"])


def test_gov_lead_remove_zero_fraction_still_needs_an_approval(org: GitRepo) -> None:
    org.edit("policy.yaml", lambda d: d.update(governance={"lead_removal_fraction": "0/4"}))
    org.commit("policy 0/4")
    org.git("branch", "-f", "main", "HEAD")
    org.edit("core.yaml", lambda d: d.update(lead="bob", lead_elected_in="2026-council"))
    org.commit()
    rc, rep = check(org, approved=["finn"], author="eve", body=DISCUSSION)
    # 0/4 fails the schema, so the base policy falls back to the defaults: 3/4, never zero
    assert rc == 1 and req(rep, "GOV-LEAD-REMOVE")["groups"][0]["needed"] >= 1


# --- PC-TERM: a term is set by its election, not by editing its dates -------------------------

@pytest.mark.parametrize(("start", "end"), [("2028-06-15", "2030-06-15"),
                                            ("2026-06-15", "2026-11-01")])
def test_pc_term_dates_do_not_change_without_a_new_result(
        org: GitRepo, start: str, end: str) -> None:
    # shifting pat's term forward keeps it within 2 years yet extends it; cutting it short
    # would let a later pull request remove pat "after the term" with one core approval
    org.edit("council.yaml", lambda d: d["seats"][0].update(term_start=start, term_end=end))
    org.commit()
    rc, rep = check(org, approved=["bob"], author="ada")
    r = req(rep, "PC-ELECTION")
    assert rc == 1 and any(p.startswith("PC-TERM") for p in r["problems"])


def test_pc_term_new_term_by_a_new_certified_result(
        org: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHARTER_TODAY", "2027-07-01")
    org.land(council_election(POLICY, "2027-council", order=("ros",), scope="B",
                              sitting=("pat", "quin"), finalised="2027-06-15",
                              nomination="2027-05-18", voting="2027-06-01"))
    org.edit("council.yaml", lambda d: d["seats"][2].update(
        term_start="2027-06-15", term_end="2029-06-15", cohort="B", elected_in="2027-council"))
    org.commit()
    rc, rep = check(org, approved=["bob"], author="ada")
    assert rc == 0, rep


# --- PC-ELECTION: a seat is backed by the result that elects that person ----------------------

def test_pc_election_seat_must_be_one_the_cited_result_elects(org: GitRepo) -> None:
    # newbie cites an election they did not win
    org.edit("council.yaml", lambda d: d["seats"].append({
        "login": "newbie", "cohort": "A", "term_start": "2026-06-15",
        "term_end": "2028-06-15", "elected_in": "2026-council"}))
    org.commit()
    rc, rep = check(org, approved=["bob"], author="ada")
    r = req(rep, "PC-ELECTION")
    assert rc == 1 and any("gives newbie a seat" in p for p in r["problems"])


def test_pc_election_seat_matching_the_result_passes(org: GitRepo) -> None:
    # quin's seat went missing from council.yaml (no resignation recorded); putting it back
    # exactly as the certified election gives it needs one core maintainer
    org.land({"council.yaml": {**org.data("council.yaml"),
                               "seats": [x for x in org.data("council.yaml")["seats"]
                                         if x["login"] != "quin"]}})
    org.edit("council.yaml", lambda d: d["seats"].insert(1, {
        "login": "quin", "cohort": "A", "term_start": "2026-06-15",
        "term_end": "2028-06-15", "elected_in": "2026-council"}))
    org.commit()
    rc, rep = check(org, approved=["bob"], author="ada")
    assert rc == 0, rep


# --- GOV-EMERITUS: recorded activity is not backdated ------------------------------------------

def test_gov_emeritus_last_active_needs_the_person_or_a_core_majority(org: GitRepo) -> None:
    # backdating hal's activity would let a later pull request move hal to emeritus "as
    # inactive" with one owner's approval instead of a core majority (GOV-REMOVE)
    org.edit("members/hal.yaml", lambda d: d.update(last_active="2026-10-01"))
    org.commit("hal active")
    org.git("branch", "-f", "main", "HEAD")
    org.edit("members/hal.yaml", lambda d: d.update(last_active="2020-01-01"))
    org.commit()
    rc, rep = check(org, approved=["bob"], author="finn")
    r = req(rep, "GOV-APPROVAL")
    assert rc == 1 and r["groups"][0]["needed"] == 3 and "core maintainers" in r["summary"]
    # hal's own record of activity: hal's consent and one core maintainer
    rc, _ = check(org, approved=["bob"], author="hal")
    assert rc == 0
    # moving it forward binds hal too: it restarts the inactive period
    org.edit("members/hal.yaml", lambda d: d.update(last_active="2026-11-01"))
    org.commit()
    rc, _ = check(org, approved=["bob"], author="finn")
    assert rc == 1
    rc, _ = check(org, approved=["bob", "cyd", "dan"], author="finn")
    assert rc == 0


# --- GOV-APPROVAL: who approves as a member is not rewritten by one core maintainer -----------

def test_gov_approval_github_id_change_needs_the_person_or_a_core_majority(org: GitRepo) -> None:
    # pointing bob's record at another account would let that account approve as bob, a core
    # maintainer, in every later pull request
    org.edit("members/bob.yaml", lambda d: d.update(github_id=4040))
    org.commit()
    rc, rep = check(org, approved=["cyd"], author="newbie")
    r = req(rep, "GOV-APPROVAL")
    assert rc == 1 and r["groups"][0]["needed"] == 3 and "bob" not in r["groups"][0]["eligible"]
    rc, _ = check(org, approved=["cyd", "dan", "eve"], author="newbie")
    assert rc == 0
    # with bob's own approval (by the account the base knows), one core maintainer is enough
    rc, _ = check(org, approved=["cyd", "bob"], author="newbie")
    assert rc == 0
    rc, _ = check(org, approved=["cyd"], author="bob")
    assert rc == 0


# --- PC-MEMBER-ADD / -REMOVE / -LAPSE: voting membership follows its own rules -----------------

def test_pc_member_add_voting_rights_need_a_certified_member_add_vote(org: GitRepo) -> None:
    # a community block gives a vote in council elections: one core approval used to be enough
    org.edit("members/newbie.yaml", lambda d: d.update(community={"since": "2026-11-01"}))
    org.commit()
    rc, rep = check(org, approved=["bob"], author="ada")
    assert rc == 1 and any(p.startswith("PC-MEMBER-ADD")
                           for p in req(rep, "GOV-APPROVAL")["problems"])
    # citing a certified election that is not a vote to admit newbie does not do
    org.edit("members/newbie.yaml", lambda d: d.update(community={
        "since": "2026-11-01", "admitted_by": "elections/2026-council"}))
    org.commit()
    rc, rep = check(org, approved=["bob"], author="ada")
    assert rc == 1


def test_pc_member_add_with_the_vote_that_admits_them(org: GitRepo) -> None:
    org.land(motion(POLICY, "2026-admit-newbie", "member-add", subject="newbie"))
    org.edit("members/newbie.yaml", lambda d: d.update(community={
        "since": "2026-11-01", "admitted_by": "elections/2026-admit-newbie"}))
    org.commit()
    rc, rep = check(org, approved=["bob"], author="ada")
    assert rc == 0, rep


def test_pc_member_lapse_resuming_is_the_persons_own_request(org: GitRepo) -> None:
    org.edit("members/tess.yaml", lambda d: d.update(community={"since": "2023-01-01"}))
    org.commit("tess is a community member")
    org.git("branch", "-f", "main", "HEAD")
    org.edit("members/tess.yaml", lambda d: d["community"].update(resumed="2026-11-01"))
    org.commit()
    rc, rep = check(org, approved=["bob"], author="ada")
    assert rc == 1 and any(p.startswith("PC-MEMBER-LAPSE")
                           for p in req(rep, "GOV-APPROVAL")["problems"])
    rc, _ = check(org, approved=["bob"], author="tess")
    assert rc == 0


def test_pc_member_remove_needs_the_person_or_a_recorded_vote(org: GitRepo) -> None:
    org.edit("members/tess.yaml", lambda d: d.update(community={"since": "2023-01-01"}))
    org.commit("tess is a community member")
    org.git("branch", "-f", "main", "HEAD")
    org.edit("members/tess.yaml", lambda d: d["community"].update(removed="2026-11-01"))
    org.commit()
    rc, rep = check(org, approved=["bob"], author="ada")
    assert rc == 1 and any(p.startswith("PC-MEMBER-REMOVE")
                           for p in req(rep, "GOV-APPROVAL")["problems"])
    rc, _ = check(org, approved=["bob", "tess"], author="ada")
    assert rc == 0


# --- GOV-MODULES-SCOPE: a new module's maintainers do not approve their own appointment -------

def test_gov_modules_scope_new_module_maintainers_do_not_approve_themselves(
        org: GitRepo) -> None:
    org.write({"modules/new.yaml": {"slug": "new", "name": "New", "kind": "paths",
                                    "paths": ["lib/new/"], "maintainers": ["bob", "cyd"]}})
    org.commit()
    rc, rep = check(org, approved=["bob", "cyd", "dan"], author="ada", body=DISCUSSION)
    r = req(rep, "GOV-MODULES-SCOPE")
    assert rc == 1 and {"bob", "cyd", "gus"} <= set(r["excluded"])
    # the bar stays a majority of all five core maintainers: bob and cyd's conflict stops them
    # approving, it does not make two approvals enough
    assert r["groups"][0]["eligible"] == ["ada", "dan", "eve"] and r["groups"][0]["needed"] == 3
    rc, _ = check(org, approved=["dan", "eve"], author="ada", body=DISCUSSION)
    assert rc == 1
    rc, _ = check(org, approved=["ada", "dan", "eve"], author="finn", body=DISCUSSION)
    assert rc == 0


# --- ECO-STATUS: an active project is not quietly unlisted -----------------------------------

def test_eco_status_active_project_does_not_return_to_the_queue(org: GitRepo) -> None:
    org.edit("ecosystem/alpha.yaml", lambda d: d.update(status="active", decisions=[
        {"date": "2026-10-01", "outcome": "accepted", "for": ["ivy", "jo", "kim"],
         "against": ["mo", "ned"], "working_group": ["ivy", "jo", "kim", "mo", "ned"]}]))
    org.commit("alpha accepted")
    org.git("branch", "-f", "main", "HEAD")
    # only active projects are shown: "new" would unlist it without a retirement decision
    org.edit("ecosystem/alpha.yaml", lambda d: d.update(status="new"))
    org.commit()
    rc, rep = check(org, approved=["ivy"], author="jo")
    assert rc == 1 and any("never by returning to the queue" in p
                           for p in req(rep, "ECO-STATUS")["problems"])


# --- a recorded vote counts only for what it was about ------------------------------------------

def _admission() -> dict[str, str]:
    return motion(POLICY, "2026-admit", "member-add", subject="newbie")


def test_pc_amend_vote_must_be_an_amendment(org: GitRepo) -> None:
    org.land({**_admission(), "policy.yaml": {**POLICY,
                                              "governance": {"amendment": "community-vote"}}})
    org.edit("policy.yaml", lambda d: d.update(ecosystem={"min_stars": 500}))
    org.commit()
    body = DISCUSSION + "\n## Vote\nelections/2026-admit\n"
    rc, rep = check(org, approved=["ada"], author="dan", body=body)
    assert rc == 1 and "not amend" in req(rep, "PC-AMEND")["problems"][0]


def test_pc_term_vote_must_be_a_no_confidence_vote(org: GitRepo, monkeypatch) -> None:
    monkeypatch.setenv("CHARTER_TODAY", "2026-11-21")
    org.land(_admission())
    org.edit("council.yaml", _drop_seat("pat"))
    org.commit()
    rc, _ = check(org, approved=["bob"], author="ada", body="## Vote\nelections/2026-admit\n")
    assert rc == 1


def test_gov_lead_elect_record_must_be_a_lead_election(org: GitRepo) -> None:
    org.land(_admission())
    org.edit("core.yaml", lambda d: d.update(lead="bob", lead_elected_in="2026-admit"))
    org.commit()
    rc, rep = check(org, approved=["cyd", "dan", "ada", "eve"], author="finn", body=DISCUSSION)
    assert rc == 1 and "not lead-election" in req(rep, "GOV-LEAD-ELECT")["problems"][0]


# --- checked and sound: kept as regression tests ---------------------------------------------

def test_gov_approval_base_with_broken_core_fails_closed(org: GitRepo) -> None:
    # the base's core.yaml does not load: nobody is a core maintainer, so nothing that needs one
    # can pass (an administrator repairs the base), and the head is not blamed for it
    (org.path / "core.yaml").write_text("lead: ada\nmaintainers: [ada\n")
    org.commit("broken core on main")
    org.git("branch", "-f", "main", "HEAD")
    org.write({"docs/x.md": "x\n"})
    org.commit()
    rc, rep = check(org, approved=["ada", "bob", "cyd", "dan", "eve"], author="finn")
    assert rc == 1 and rep["findings"] == []
    assert req(rep, "GOV-APPROVAL")["groups"][0]["eligible"] == []


def test_gov_approval_reviewer_login_case_does_not_matter(org: GitRepo) -> None:
    org.edit("modules/opt.yaml", lambda d: d["maintainers"].append("newbie"))
    org.commit()
    rc, _ = check(org, approved=["IVY"], author="ADA", body=NOMINATION)
    assert rc == 0
    rc, _ = check(org, approved=["NewBie"], author="ada", body=NOMINATION)
    assert rc == 1


def test_gov_approval_login_case_change_in_head_needs_an_owner(org: GitRepo) -> None:
    org.edit("core.yaml", lambda d: d.update(maintainers=["ada", "bob", "cyd", "dan", "EVE"]))
    org.commit()
    rc, rep = check(org, approved=["finn", "gus", "hal"], author="jo")
    assert rc == 1 and req(rep, "GOV-APPROVAL")["groups"][0]["label"] == "core maintainers"


@pytest.mark.parametrize("path", [".gitignore", ".envrc", "lib/nn/x.py", "generated/extra.js"])
def test_gov_approval_every_other_path_needs_core(org: GitRepo, path: str) -> None:
    p = org.path / path
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text("x\n")
    org.commit()
    rc, _ = check(org, approved=["finn", "gus", "hal", "ivy", "sam", "pat", "jo"], author="kim")
    assert rc == 1
    rc, _ = check(org, approved=["bob"], author="kim")
    assert rc == 0


@pytest.mark.parametrize("path", [".pre-commit-config.yaml", "Makefile", "pyproject.toml",
                                  ".github/dependabot.yml", "schemas/member.schema.json",
                                  "requirements/run.txt", "scripts/charter/rules/gov.py",
                                  # imported by the jobs' `python -m ...` run at the root
                                  "conftest.py", "sitecustomize.py", "pip.py",
                                  "pip/__init__.py"])
def test_gov_approval_rule_code_needs_a_core_majority_and_discussion(
        org: GitRepo, path: str) -> None:
    # the checker, its schemas, workflows and pinned dependencies decide what every rule means
    p = org.path / path
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text("x\n")
    org.commit()
    rc, _ = check(org, approved=["bob", "cyd"], author="kim", body=DISCUSSION)
    assert rc == 1
    rc, rep = check(org, approved=["bob", "cyd", "dan"], author="kim")
    assert rc == 1 and any("GOV-DISCUSSION" in x for x in req(rep, "GOV-APPROVAL")["problems"])
    rc, _ = check(org, approved=["bob", "cyd", "dan"], author="kim", body=DISCUSSION)
    assert rc == 0


def test_pc_member_remove_deleting_the_member_file_is_a_removal(org: GitRepo) -> None:
    org.edit("members/tess.yaml", lambda d: d.update(community={"since": "2023-01-01"}))
    org.commit("tess is a community member")
    org.git("branch", "-f", "main", "HEAD")
    org.write({"members/tess.yaml": None})
    org.commit()
    rc, rep = check(org, approved=["bob"], author="ada")
    assert rc == 1 and any(p.startswith("PC-MEMBER-REMOVE")
                           for p in req(rep, "GOV-APPROVAL")["problems"])
    rc, _ = check(org, approved=["bob"], author="tess")
    assert rc == 0


def test_gov_nominate_core_head_declared_conflict_with_the_lead_does_not_bypass_the_lead(
        org: GitRepo) -> None:
    # declaring in the nomination itself that finn is the lead's family would hand the decision
    # from the lead (ada) to a core majority
    org.edit("members/finn.yaml", lambda d: d.update(relationships=[{"login": "ada",
                                                                     "kind": "family"}]))
    org.edit("core.yaml", add_core("finn"))
    org.commit()
    rc, rep = check(org, approved=["bob", "cyd", "dan", "eve"], author="hal", body=NOMINATION)
    r = req(rep, "GOV-NOMINATE-CORE")
    assert rc == 1 and r["groups"][0]["label"] == "lead core maintainer"


def test_gov_remove_head_declared_conflict_does_not_silence_an_objection(
        org: GitRepo, fake_github: FakeGitHub) -> None:
    # dan requests changes on eve's removal; declaring dan eve's family in the same pull request
    # must not turn dan's objection into one that "does not block"
    org.edit("members/eve.yaml", lambda d: d.update(relationships=[{"login": "dan",
                                                                    "kind": "family"}]))
    org.edit("core.yaml", lambda d: d["maintainers"].remove("eve"))
    sha = org.commit()
    fake_github.head_sha = sha
    fake_github.files = ["core.yaml", "members/eve.yaml"]
    fake_github.body = DISCUSSION
    fake_github.author = user("finn", 106)
    fake_github.reviews = [review(i, user(x, u), "APPROVED", sha)
                           for i, (x, u) in enumerate((("ada", 101), ("bob", 102), ("cyd", 103)))]
    fake_github.reviews.append(review(9, user("dan", 104), "CHANGES_REQUESTED", sha))
    rc, out, err = check_github(org, fake_github)
    assert out, err
    r = req(json.loads(out), "GOV-REMOVE")
    assert rc == 1 and r["groups"][0]["blocked_by"] == ["dan"]
    fake_github.reviews.pop()
    rc, _, _ = check_github(org, fake_github)
    assert rc == 0


def test_eco_vote_accepted_project_does_not_swap_its_repository(org: GitRepo) -> None:
    org.edit("ecosystem/alpha.yaml", lambda d: d.update(status="active", decisions=[
        {"date": "2026-10-01", "outcome": "accepted", "for": ["ivy", "jo", "kim"],
         "against": ["mo", "ned"], "working_group": ["ivy", "jo", "kim", "mo", "ned"]}]))
    org.commit("alpha accepted")
    org.git("branch", "-f", "main", "HEAD")
    org.edit("ecosystem/alpha.yaml", lambda d: d.update(repository="evil/thing"))
    org.commit()
    rc, rep = check(org, approved=["ivy"], author="jo")
    assert rc == 1 and any("new application" in p for p in req(rep, "GOV-APPROVAL")["problems"])


def test_int_stray_file_under_elections_fails_the_gate_even_with_core(org: GitRepo) -> None:
    # a file directly under elections/ is no record (INT-STRAY-FILE): charter check fails on it,
    # so the gate does too, whoever approves
    org.write({"elections/tally.py": "print('x')\n"})
    org.commit()
    rc, _ = check(org, approved=["bob"], author="ada")
    assert rc == 1
