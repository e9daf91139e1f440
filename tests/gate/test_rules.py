"""Each governance event mapped to its rule and requirement, computed from the base branch.

Local dry runs (``--approved-by``) against real git repositories. The fixture organisation is
described in gate_helpers: core ada (lead), bob, cyd, dan, eve; module nn finn, gus, hal
(majority); opt ivy (any); comp jo, kim, lou (2/3); misc mo, ned (no rule of its own); empty
(nobody); cyd and gus are family.
"""

from __future__ import annotations

from gate_helpers import NOMINATION, POLICY, GitRepo, add_core, check, req
from gate_records import lead_election, motion

DISCUSSION = "## Discussion\nSee #12.\n"


def add_to(module: str, login: str):
    return lambda d: d["maintainers"].append(login)


# --- GOV-NOMINATE-MODULE ---------------------------------------------------------------------

def test_nominate_module_majority_rule(org: GitRepo) -> None:
    org.edit("modules/nn.yaml", add_to("nn", "newbie"))
    org.commit()
    rc, rep = check(org, approved=["hal"], author="finn", body=NOMINATION)
    r = req(rep, "GOV-NOMINATE-MODULE")
    assert rc == 1 and not r["met"]
    g = r["groups"][0]
    assert g["needed"] == 2 and g["approved"] == ["hal"] and g["candidates"] == ["gus"]
    rc, rep = check(org, approved=["hal", "gus"], author="finn", body=NOMINATION)
    assert rc == 0 and req(rep, "GOV-NOMINATE-MODULE")["met"]


def test_nominate_module_needs_substance_in_body(org: GitRepo) -> None:
    org.edit("modules/nn.yaml", add_to("nn", "newbie"))
    org.commit()
    body = "## Contributions\nLots.\n\n## Testimonials\n<!-- fill in -->\n"
    rc, rep = check(org, approved=["hal", "gus"], author="finn", body=body)
    r = req(rep, "GOV-NOMINATE-MODULE")
    assert rc == 1 and r["groups"][0]["still_needed"] == 0
    problem, decision = r["problems"]
    assert "'## Testimonials'" in problem and "'## Support'" in problem
    assert "'## Contributions'" not in problem
    assert "'## Decision'" in decision


def test_gov_nominate_module_decision_is_recorded_with_its_reasons(org: GitRepo) -> None:
    """Was: a module's nomination merged with no record of the decision or its reasons."""
    org.edit("modules/nn.yaml", add_to("nn", "newbie"))  # nn: a rule of its own (majority)
    org.commit()
    body = NOMINATION.split("## Decision")[0]
    rc, rep = check(org, approved=["hal", "gus"], author="finn", body=body)
    r = req(rep, "GOV-NOMINATE-MODULE")
    assert rc == 1 and r["groups"][0]["still_needed"] == 0
    assert r["problems"] == [
        "GOV-NOMINATE-MODULE: the decision on the nomination of newbie is public with its "
        "reasons; add to the pull-request description: '## Decision' (who decided to confirm "
        "the nomination, and why, in a few sentences)"]
    empty = body + "## Decision\n<!-- who decided, and why -->\n"
    rc, _ = check(org, approved=["hal", "gus"], author="finn", body=empty)
    assert rc == 1  # a template comment is no reason
    rc, rep = check(org, approved=["hal", "gus"], author="finn",
                    body=body + "## Decision\nConfirmed by the module: the loader work.\n")
    assert rc == 0, rep["requirements"]


def test_gov_core_cadence_nomination_without_module_process_names_the_core_meeting(
        org: GitRepo) -> None:
    """Was: a nomination to a module with no process of its own was decided by the core
    maintainers at any time, never queued for their meeting."""
    misc = org.data("modules/misc.yaml")
    org.edit("modules/misc.yaml", add_to("misc", "newbie"))  # misc: no rule of its own
    org.commit()
    body = NOMINATION.split("## Meeting")[0]
    core = ["bob", "cyd", "dan"]
    rc, rep = check(org, approved=core, author="ada", body=body)
    r = req(rep, "GOV-NOMINATE-MODULE")
    assert rc == 1 and r["groups"][0]["still_needed"] == 0
    assert r["problems"] == [
        "GOV-CORE-CADENCE: module misc has no nomination process of its own, so the nomination "
        "of newbie goes to the core maintainers' meeting; add to the pull-request description: "
        "'## Meeting' (the date, YYYY-MM-DD, or a link to the notes of the core maintainers' "
        "meeting where it was taken up)"]
    rc, rep = check(org, approved=core, author="ada", body=body + "## Meeting\n2999-01-01\n")
    assert rc == 1 and "has not come yet" in req(rep, "GOV-NOMINATE-MODULE")["problems"][0]
    for meeting in ("2026-09-30", "https://example.org/core/2026-q3-notes"):
        rc, rep = check(org, approved=core, author="ada", body=body + f"## Meeting\n{meeting}\n")
        assert rc == 0, rep["requirements"]
    # a module with a process of its own decides without waiting for the meeting
    org.land({"modules/misc.yaml": {**misc, "decision_rule": {"kind": "majority"}}})
    org.edit("modules/misc.yaml", add_to("misc", "newbie"))
    org.commit()
    rc, rep = check(org, approved=["mo", "ned"], author="ada", body=body)
    assert rc == 0, rep["requirements"]


def test_nominate_module_own_rules(org: GitRepo) -> None:
    org.edit("modules/opt.yaml", add_to("opt", "newbie"))
    org.edit("modules/comp.yaml", add_to("comp", "newbie"))
    org.commit()
    rc, rep = check(org, approved=["ivy", "jo"], author="ada", body=NOMINATION)
    opt = next(r for r in rep["requirements"] if r["event"].get("module") == "opt")
    comp = next(r for r in rep["requirements"] if r["event"].get("module") == "comp")
    assert opt["met"] and opt["groups"][0]["needed"] == 1
    assert not comp["met"] and comp["groups"][0]["needed"] == 2  # at least 2/3 of 3
    rc, rep = check(org, approved=["ivy", "jo", "lou"], author="ada", body=NOMINATION)
    assert rc == 0


def test_nominate_module_without_own_rule_falls_to_core(org: GitRepo) -> None:
    org.edit("modules/misc.yaml", add_to("misc", "newbie"))
    org.commit()
    rc, rep = check(org, approved=["mo", "ned"], author="ada", body=NOMINATION)
    r = req(rep, "GOV-NOMINATE-MODULE")
    assert rc == 1 and "names no decision rule of its own" in r["summary"]
    assert r["groups"][0]["label"] == "core maintainers" and r["groups"][0]["needed"] == 3
    rc, _ = check(org, approved=["bob", "cyd", "dan"], author="ada", body=NOMINATION)
    assert rc == 0


def test_nominate_module_without_maintainers_falls_to_core(org: GitRepo) -> None:
    org.edit("modules/empty.yaml", add_to("empty", "newbie"))
    org.commit()
    rc, rep = check(org, approved=["bob", "cyd"], author="ada", body=NOMINATION)
    r = req(rep, "GOV-NOMINATE-MODULE")
    assert rc == 1 and r["groups"][0]["label"] == "core maintainers"
    assert r["groups"][0]["needed"] == 3
    assert "core maintainers decide" in r["summary"]
    rc, _ = check(org, approved=["bob", "cyd", "dan"], author="ada", body=NOMINATION)
    assert rc == 0


def test_nominee_relative_is_excluded_and_the_bar_stays(org: GitRepo) -> None:
    # cyd (core) is nominated to nn, where gus is cyd's family: gus cannot decide
    org.edit("modules/nn.yaml", add_to("nn", "cyd"))
    org.commit()
    rc, rep = check(org, approved=["gus", "finn"], author="ada", body=NOMINATION)
    r = req(rep, "GOV-NOMINATE-MODULE")
    assert rc == 1
    assert r["groups"][0]["eligible"] == ["finn", "hal"] and r["groups"][0]["needed"] == 2
    assert r["groups"][0]["of"] == 3  # a majority of all three, gus included
    assert any(n["login"] == "gus" and "relationship" in n["reason"] for n in r["not_counted"])
    rc, _ = check(org, approved=["hal", "finn"], author="ada", body=NOMINATION)
    assert rc == 0


# --- GOV-NOMINATE-CORE -----------------------------------------------------------------------

def test_nominate_core_lead_decides(org: GitRepo) -> None:
    org.edit("core.yaml", add_core("finn"))
    org.commit()
    rc, rep = check(org, approved=["bob", "cyd", "dan", "eve"], author="hal", body=NOMINATION)
    r = req(rep, "GOV-NOMINATE-CORE")
    assert rc == 1 and r["groups"][0]["candidates"] == ["ada"]
    rc, _ = check(org, approved=["ada"], author="hal", body=NOMINATION)
    assert rc == 0


def test_gov_nominate_core_the_leads_decision_is_recorded_with_its_reasons(org: GitRepo) -> None:
    """The lead confirms or declines a core nomination with a public account of why: the
    description records it under '## Decision', as a module nomination's does."""
    org.edit("core.yaml", add_core("finn"))
    org.commit()
    without = NOMINATION.replace("## Decision\n", "## Notes\n")
    rc, rep = check(org, approved=["ada"], author="hal", body=without)
    r = req(rep, "GOV-NOMINATE-CORE")
    assert rc == 1 and [p for p in r["problems"] if "'## Decision'" in p] == [
        "GOV-NOMINATE-CORE: the decision on the nomination of finn is public with its reasons; "
        "add to the pull-request description: '## Decision' (the lead core maintainer's "
        "decision to confirm the nomination, and why, in a few sentences)"]
    rc, _ = check(org, approved=["ada"], author="hal", body=NOMINATION)
    assert rc == 0


def test_nominate_core_nominator_must_be_a_maintainer(org: GitRepo) -> None:
    org.edit("core.yaml", add_core("finn"))
    org.commit()
    rc, rep = check(org, approved=["ada"], author="newbie", body=NOMINATION)
    r = req(rep, "GOV-NOMINATE-CORE")
    assert rc == 1 and any("only a core or module maintainer may nominate" in p
                           for p in r["problems"])
    body = NOMINATION + "\n## Nominator\n@hal\n"
    rc, rep = check(org, approved=["ada"], author="newbie", body=body)
    assert rc == 1 and req(rep, "GOV-NOMINATE-CORE")["groups"][1]["candidates"] == ["hal"]
    rc, _ = check(org, approved=["ada", "hal"], author="newbie", body=body)
    assert rc == 0


def test_nominate_core_without_a_lead_goes_to_a_core_majority(org: GitRepo) -> None:
    """An organisation whose policy has no lead (governance.has_lead: false): what the lead
    would decide alone goes to a majority of the core maintainers, and a lead written into
    core.yaml anyway decides nothing."""
    no_lead = {**POLICY, "governance": {"has_lead": False}}
    org.land({"policy.yaml": no_lead,
              "core.yaml": {"maintainers": ["ada", "bob", "cyd", "dan", "eve"]}})
    org.edit("core.yaml", add_core("finn"))
    org.commit()
    rc, rep = check(org, approved=["ada"], author="hal", body=NOMINATION)
    r = req(rep, "GOV-NOMINATE-CORE")
    assert rc == 1 and r["groups"][0]["label"] == "core maintainers"
    assert r["groups"][0]["needed"] == 3 and "has no lead" in r["summary"]
    rc, _ = check(org, approved=["ada", "bob", "dan"], author="hal", body=NOMINATION)
    assert rc == 0
    org.land({"core.yaml": {"lead": "ada", "maintainers": ["ada", "bob", "cyd", "dan", "eve"]}})
    org.edit("core.yaml", add_core("finn"))
    org.commit()
    rc, rep = check(org, approved=["ada"], author="hal", body=NOMINATION)
    assert rc == 1 and req(rep, "GOV-NOMINATE-CORE")["groups"][0]["needed"] == 3


# --- GOV-REMOVE and emeritus -----------------------------------------------------------------

def test_remove_module_maintainer_core_majority_and_discussion(org: GitRepo) -> None:
    org.edit("modules/nn.yaml", lambda d: d["maintainers"].remove("hal"))
    org.commit()
    rc, rep = check(org, approved=["bob", "dan", "eve"], author="ada")
    r = req(rep, "GOV-REMOVE")
    assert rc == 1 and r["groups"][0]["still_needed"] == 0
    assert any("GOV-DISCUSSION" in p and "## Discussion" in p for p in r["problems"])
    rc, _ = check(org, approved=["bob", "dan", "eve"], author="ada", body=DISCUSSION)
    assert rc == 0


def test_remove_excludes_person_and_relatives(org: GitRepo) -> None:
    org.edit("modules/nn.yaml", lambda d: d["maintainers"].remove("gus"))
    org.commit()
    rc, rep = check(org, approved=["cyd", "bob", "dan"], author="ada", body=DISCUSSION)
    r = req(rep, "GOV-REMOVE")
    assert rc == 1
    assert r["groups"][0]["eligible"] == ["ada", "bob", "dan", "eve"]
    assert r["groups"][0]["needed"] == 3 and r["groups"][0]["approved"] == ["bob", "dan"]
    assert "cyd" in r["excluded"] and "gus" in r["excluded"]
    rc, _ = check(org, approved=["eve", "bob", "dan"], author="ada", body=DISCUSSION)
    assert rc == 0


def test_remove_core_maintainer_excludes_them(org: GitRepo) -> None:
    org.edit("core.yaml", lambda d: d["maintainers"].remove("eve"))
    org.commit()
    rc, rep = check(org, approved=["eve", "bob"], author="ada", body=DISCUSSION)
    r = req(rep, "GOV-REMOVE")
    assert rc == 1 and r["groups"][0]["needed"] == 3  # majority of the 4 others
    assert any(n["login"] == "eve" for n in r["not_counted"])
    rc, _ = check(org, approved=["cyd", "bob", "dan"], author="ada", body=DISCUSSION)
    assert rc == 0


def _to_emeritus(login: str):
    def fn(d):
        d["maintainers"].remove(login)
        d.setdefault("emeritus", []).append({"login": login, "since": "2026-11-01"})
    return fn


def test_self_removal_is_decided_by_the_core_maintainers(org: GitRepo) -> None:
    # GOV-REMOVE: the core maintainers decide every removal, self-nominated ones included
    org.edit("modules/nn.yaml", _to_emeritus("hal"))
    org.commit()
    rc, rep = check(org, approved=["bob"], author="hal")
    r = req(rep, "GOV-REMOVE")
    assert rc == 1 and r["groups"][0]["needed"] == 3 and "asks to step down" in r["summary"]
    rc, _ = check(org, approved=["bob", "cyd", "dan"], author="hal")
    assert rc == 0  # no discussion link: the person's own request is the reason


def test_self_removal_by_consent_where_policy_allows(org: GitRepo) -> None:
    org.land({"policy.yaml": {**POLICY, "governance": {"self_emeritus": "consent"}}})
    org.edit("modules/nn.yaml", _to_emeritus("hal"))
    org.commit()
    # hal opens the pull request: their own consent plus one core maintainer
    rc, rep = check(org, approved=[], author="hal")
    r = req(rep, "GOV-REMOVE")
    assert rc == 1 and "self-removal" in r["summary"]
    assert r["groups"][0]["approved"] == ["hal"] and r["groups"][1]["still_needed"] == 1
    rc, _ = check(org, approved=["bob"], author="hal")
    assert rc == 0
    # someone else opens it and hal approves: the same
    rc, _ = check(org, approved=["hal", "bob"], author="finn")
    assert rc == 0
    # without hal's consent it is an ordinary removal
    rc, rep = check(org, approved=["bob"], author="finn", body=DISCUSSION)
    r = req(rep, "GOV-REMOVE")
    assert rc == 1 and "self-removal" not in r["summary"] and r["groups"][0]["needed"] == 3


def test_emeritus_is_never_deleted(org: GitRepo) -> None:
    org.edit("core.yaml", lambda d: d.update(emeritus=[{"login": "sam", "since": "2025-01-01"}]))
    org.commit("add emeritus")
    org.git("branch", "-f", "main", "HEAD")
    org.edit("core.yaml", lambda d: d.pop("emeritus"))
    org.commit()
    rc, rep = check(org, approved=["bob", "cyd", "dan", "eve"], author="ada")
    r = req(rep, "GOV-EMERITUS")
    assert rc == 1 and "never deleted" in r["problems"][0]


# --- GOV-LEAD-REMOVE and GOV-LEAD-ELECT ------------------------------------------------------

def _new_lead(org: GitRepo, election: bool) -> None:
    if election:
        org.land(lead_election(POLICY, "2026-lead", "bob", ["ada", "bob", "cyd", "dan", "eve"]))
    org.edit("core.yaml", lambda d: d.update(lead="bob", lead_elected_in="2026-lead"))
    org.commit()


def test_lead_removal_takes_three_quarters(org: GitRepo) -> None:
    _new_lead(org, election=True)
    rc, rep = check(org, approved=["bob", "cyd", "dan"], author="eve", body=DISCUSSION)
    r = req(rep, "GOV-LEAD-REMOVE")
    assert rc == 1 and r["groups"][0]["needed"] == 4  # at least 3/4 of 5, rounded up
    rc, rep = check(org, approved=["bob", "cyd", "dan", "ada"], author="eve", body=DISCUSSION)
    assert rc == 0, rep
    assert req(rep, "GOV-LEAD-ELECT")["met"]


def test_new_lead_needs_a_certified_election(org: GitRepo) -> None:
    _new_lead(org, election=False)
    rc, rep = check(org, approved=["bob", "cyd", "dan", "ada"], author="eve", body=DISCUSSION)
    r = req(rep, "GOV-LEAD-ELECT")
    assert rc == 1 and "elections/2026-lead is not certified on the base" in r["problems"][0]


# --- GOV-MODULES-SCOPE, GOV-MODULE, GOV-VETO, GOV-APPROVAL ---------------------------------

def test_modules_scope_core_majority(org: GitRepo) -> None:
    org.edit("modules/comp.yaml", lambda d: d["paths"].append("lib/jit/"))
    org.commit()
    rc, rep = check(org, approved=["jo", "kim", "lou", "ada", "bob"], author="dan")
    r = req(rep, "GOV-MODULES-SCOPE")
    assert rc == 1 and r["groups"][0]["needed"] == 3 and r["groups"][0]["approved"] == [
        "ada", "bob"]
    rc, _ = check(org, approved=["ada", "bob", "cyd"], author="dan")
    assert rc == 0


def test_module_added_needs_discussion(org: GitRepo) -> None:
    org.write({"modules/new.yaml": {"slug": "new", "name": "New", "kind": "paths",
                                    "paths": ["lib/new/"], "maintainers": ["hal"]}})
    org.commit()
    rc, rep = check(org, approved=["ada", "bob", "cyd"], author="dan")
    assert rc == 1 and req(rep, "GOV-MODULES-SCOPE")["problems"]
    rc, _ = check(org, approved=["ada", "bob", "cyd"], author="dan", body=DISCUSSION)
    assert rc == 0


def test_module_rule_change_uses_the_module_rule_at_base(org: GitRepo) -> None:
    org.edit("modules/comp.yaml", lambda d: d.update(decision_rule={"kind": "unanimous"}))
    org.commit()
    rc, rep = check(org, approved=["jo"], author="ada")
    r = req(rep, "GOV-MODULE")
    assert rc == 1 and r["groups"][0]["needed"] == 2  # still 2/3 of 3 until this merges
    rc, _ = check(org, approved=["jo", "kim"], author="ada")
    assert rc == 0


def test_core_veto_overrides_module_decision(org: GitRepo) -> None:
    org.edit("modules/opt.yaml", add_to("opt", "newbie"))
    org.commit()
    body = NOMINATION + "\n## Veto\nThe core maintainers decide this one: #31.\n"
    rc, rep = check(org, approved=["ivy"], author="ada", body=body)
    r = req(rep, "GOV-VETO")
    assert rc == 1 and r["groups"][0]["label"] == "core maintainers"
    rc, _ = check(org, approved=["bob", "cyd", "dan"], author="ada", body=body)
    assert rc == 0


def test_gov_veto_links_where_the_dispute_is_resolved(org: GitRepo) -> None:
    """Was: a veto needed only some text under '## Veto'; the core maintainers' resolution of
    the dispute, with their reasons, was never linked."""
    org.edit("modules/opt.yaml", add_to("opt", "newbie"))
    org.edit("modules/nn.yaml", lambda d: d.update(description="Neural networks."))
    org.commit()
    core = ["bob", "cyd", "dan"]
    body = NOMINATION + "\n## Veto\nThe core maintainers decide this one.\n"
    rc, rep = check(org, approved=core, author="ada", body=body)
    vetoes = [r for r in rep["requirements"] if r["rule"] == "GOV-VETO"]
    assert rc == 1 and len(vetoes) == 2  # the nomination and the module change
    for r in vetoes:
        assert r["problems"] == [
            "GOV-VETO: a core veto resolves a dispute over a module's decision in public; link "
            "where it is resolved, with the core maintainers' reasons: put the issue number "
            "(e.g. #123) or the link of the resolution under '## Veto'"]
    for link in ("#31", "https://github.com/org/governance/discussions/31"):
        rc, rep = check(org, approved=core, author="ada",
                        body=NOMINATION + f"\n## Veto\nResolved in {link}.\n")
        assert rc == 0, rep["requirements"]


def test_ordinary_edits_need_an_owner(org: GitRepo) -> None:
    org.edit("modules/nn.yaml", lambda d: d.update(description="Neural networks."))
    org.write({"docs/guide.md": "hello\n"})
    org.commit()
    rc, rep = check(org, approved=["finn"], author="hal")
    reqs = {r["event"]["kind"]: r for r in rep["requirements"]}
    assert reqs["module-changed"]["met"] and not reqs["file-changed"]["met"]
    assert rc == 1
    rc, _ = check(org, approved=["finn", "bob"], author="hal")
    assert rc == 0


def test_formatting_only_still_needs_an_owner_but_no_event(org: GitRepo) -> None:
    p = org.path / "modules/nn.yaml"
    p.write_text("# NN\n" + p.read_text())
    org.commit()
    rc, rep = check(org, approved=[], author="hal")
    assert rep["events"][0]["kind"] == "formatting-only" and rc == 1
    rc, _ = check(org, approved=["gus"], author="hal")
    assert rc == 0


def test_no_change_passes(org: GitRepo) -> None:
    org.commit("empty")
    rc, rep = check(org)
    assert rc == 0 and rep["requirements"] == []


# --- policy ----------------------------------------------------------------------------------

def test_policy_change_core_majority_and_discussion(org: GitRepo) -> None:
    org.edit("policy.yaml", lambda d: d.update(ecosystem={"min_stars": 500}))
    org.commit()
    rc, rep = check(org, approved=["ada", "bob", "cyd"], author="dan")
    r = req(rep, "GOV-DISCUSSION")
    assert rc == 1 and r["groups"][0]["still_needed"] == 0 and r["problems"]
    rc, _ = check(org, approved=["ada", "bob", "cyd"], author="dan", body=DISCUSSION)
    assert rc == 0


def test_turning_a_rule_off_is_a_rule_change(org: GitRepo) -> None:
    """policy.yaml's rules: settings are policy: turning a check off (here the one that a new
    seat would break) needs the core maintainers and a discussion, like any rule change."""
    org.edit("policy.yaml", lambda d: d.update(rules={"PC-TERM": "off", "GOV-": "warning"}))
    org.commit()
    rc, rep = check(org, approved=["ada"], author="dan")
    r = req(rep, "GOV-DISCUSSION")
    assert rc == 1 and r["groups"][0]["needed"] == 3
    assert {e["subject"] for e in rep["events"]} == {"rules.PC-TERM", "rules.GOV-"}
    rc, _ = check(org, approved=["ada", "bob", "cyd"], author="dan", body=DISCUSSION)
    assert rc == 0


def test_policy_amendment_by_community_vote(org: GitRepo) -> None:
    org.edit("policy.yaml", lambda d: d.update(governance={"amendment": "community-vote"}))
    org.commit("community vote")
    org.git("branch", "-f", "main", "HEAD")
    org.edit("policy.yaml", lambda d: d.update(ecosystem={"min_stars": 500}))
    org.commit()
    rc, rep = check(org, approved=["ada"], author="dan", body=DISCUSSION)
    r = req(rep, "PC-AMEND")
    assert rc == 1 and "## Vote" in r["problems"][0]
    body = DISCUSSION + "\n## Vote\nelections/2026-amend\n"
    rc, rep = check(org, approved=["ada"], author="dan", body=body)
    assert rc == 1 and "not certified on the base" in req(rep, "PC-AMEND")["problems"][0]
    org.land(motion(POLICY, "2026-amend", "amend"))
    org.edit("policy.yaml", lambda d: d.update(ecosystem={"min_stars": 500}))
    org.commit()
    rc, _ = check(org, approved=["ada"], author="dan", body=body)
    assert rc == 0


# --- ecosystem and council -------------------------------------------------------------------

WG = ["ivy", "jo", "kim", "mo", "ned"]


def _decide(outcome: str, votes_for: list[str], status: str, wg: list[str] = WG):
    return lambda d: d.update(status=status, decisions=[
        {"date": "2026-11-10", "outcome": outcome, "for": votes_for,
         "against": [x for x in wg if x not in votes_for], "working_group": wg}])


def test_eco_vote_accepts_with_more_than_half(org: GitRepo) -> None:
    org.edit("ecosystem/alpha.yaml", _decide("accepted", ["ivy", "jo", "kim"], "accepted"))
    org.commit()
    # the people recorded as voting for it approve it: 3 of the 5 members
    rc, rep = check(org, approved=["ivy", "jo", "kim"], author="ada")
    assert rc == 0 and req(rep, "ECO-VOTE")["met"]


def test_eco_functional_acceptance_needs_in_progress_and_evidence(org: GitRepo) -> None:
    # an application accepted straight from new, with a functional requirement not recorded
    org.land({"ecosystem/alpha.yaml": {**org.data("ecosystem/alpha.yaml"), "status": "new"}})
    org.edit("ecosystem/alpha.yaml", lambda d: d["functional"].pop("ci") and None)
    org.edit("ecosystem/alpha.yaml", _decide("accepted", ["ivy", "jo", "kim"], "accepted"))
    org.commit()
    rc, rep = check(org, approved=["ivy", "jo", "kim"], author="ada")
    problems = req(rep, "ECO-VOTE")["problems"]
    assert rc == 1
    assert any(p.startswith("ECO-QUEUE: alpha is accepted from new;") for p in problems)
    assert any(p.startswith("ECO-FUNCTIONAL: alpha is accepted before every functional "
                            "requirement is recorded as met: ci (working CI) is not recorded")
               for p in problems)


def test_eco_offboard_retirement_by_pull_request_names_its_offboarding_issue(
        org: GitRepo) -> None:
    """Was: a retirement recorded by hand sent no offboarding notice and nothing asked for one;
    the head's new ECO-OFFBOARD error now refuses it until the issue is on record."""
    org.land({"ecosystem/alpha.yaml": {**org.data("ecosystem/alpha.yaml"), "status": "active",
                                       "decisions": [{"date": "2026-01-10", "outcome": "accepted",
                                                      "for": ["ivy", "jo", "kim"],
                                                      "working_group": WG}]}})
    retire = {"date": "2026-11-10", "reason": "ECO-PERIODIC: short after the notice"}

    def retired(d: dict, offboarding: int | None = None) -> None:
        d.update(status="retired", retired=dict(retire) if offboarding is None
                 else {**retire, "offboarding_issue": offboarding})
        d["decisions"].append({"date": "2026-11-10", "outcome": "retired",
                               "reason": retire["reason"]})

    org.edit("ecosystem/alpha.yaml", retired)
    org.commit()
    rc, rep = check(org, approved=["ivy", "jo", "kim"], author="ada")
    [f] = [f for f in rep["findings"] if f["rule"] == "ECO-OFFBOARD"]
    assert rc == 1 and f["path"] == "ecosystem/alpha.yaml" and f["line"] > 1
    assert "retired: offboarding_issue:" in f["message"]
    org.edit("ecosystem/alpha.yaml", lambda d: d["retired"].update(offboarding_issue=12))
    org.commit("the offboarding issue")
    rc, rep = check(org, approved=["ivy", "jo", "kim"], author="ada")
    assert rc == 0, rep["findings"]


def test_eco_vote_rejects_a_short_majority(org: GitRepo) -> None:
    org.edit("ecosystem/alpha.yaml", _decide("accepted", ["ivy", "jo"], "accepted"))
    org.commit()
    rc, rep = check(org, approved=["ivy"], author="jo")
    r = req(rep, "ECO-VOTE")
    assert rc == 1 and "more than 1/2 of the 5" in r["problems"][0]


def test_eco_status_needs_a_recorded_decision(org: GitRepo) -> None:
    org.edit("ecosystem/alpha.yaml", lambda d: d.update(status="active"))
    org.commit()
    rc, rep = check(org, approved=["ivy"], author="jo")
    r = req(rep, "ECO-STATUS")
    assert rc == 1 and "must follow a recorded decision" in r["problems"][0]


def test_eco_vote_by_outsiders_and_wrong_group(org: GitRepo) -> None:
    org.edit("ecosystem/alpha.yaml", _decide("accepted", ["ivy", "jo", "zed"], "accepted",
                                             wg=["ivy", "jo", "zed"]))
    org.commit()
    rc, rep = check(org, approved=["ivy"], author="jo")
    problems = " ".join(req(rep, "ECO-VOTE")["problems"])
    assert rc == 1 and "as it stands on the base branch" in problems
    assert "zed voted" in problems


def test_eco_decisions_are_append_only(org: GitRepo) -> None:
    org.edit("ecosystem/alpha.yaml", _decide("declined", ["ivy"], "declined"))
    org.commit("declined")
    org.git("branch", "-f", "main", "HEAD")
    org.edit("ecosystem/alpha.yaml", _decide("accepted", ["ivy", "jo", "kim"], "accepted"))
    org.commit()
    rc, rep = check(org, approved=["ivy"], author="jo")
    assert rc == 1 and "append new decisions" in req(rep, "ECO-STATUS")["problems"][0]


def _seat(elected_in: str):
    return lambda d: d["seats"].__setitem__(2, {
        "login": "sam", "cohort": "B", "term_start": "2026-10-24", "term_end": "2027-06-15",
        "elected_in": elected_in, "replaces": "ros"})


def test_council_seat_needs_certified_result(org: GitRepo) -> None:
    org.edit("council.yaml", _seat("2026-by"))
    org.commit()
    rc, rep = check(org, approved=["ada"], author="bob")
    r = req(rep, "PC-VACANCY")
    assert rc == 1 and "gives sam a seat" in r["problems"][0]
    # ros resigned; the council appointed sam to serve out ros's term (PC-VACANCY)
    org.land({"council.yaml": {**org.data("council.yaml"), "resigned": [
        {"login": "ros", "elected_in": "2026-council", "date": "2026-10-01"}]}})
    org.land(motion(POLICY, "2026-by", "vacancy", appointee="sam", electorate=["pat", "quin"],
                    replaces={"login": "ros", "cohort": "B", "term_end": "2027-06-15"}))
    org.edit("council.yaml", _seat("2026-by"))
    org.commit()
    rc, rep = check(org, approved=["ada"], author="bob")
    assert rc == 0, rep


def test_returning_officer_nominated_by_council(org: GitRepo) -> None:
    org.edit("council.yaml", lambda d: d.update(returning_officer="tess"))
    org.commit()
    rc, rep = check(org, approved=["pat"], author="ada")
    r = req(rep, "PC-ELECTION")
    assert rc == 1 and r["groups"][0]["needed"] == 2
    rc, _ = check(org, approved=["pat", "ros"], author="ada")
    assert rc == 0


# --- generated files, tooling ----------------------------------------------------------------

def test_generated_codeowners_must_match_the_data(org: GitRepo) -> None:
    org.write({".github/CODEOWNERS": "* @newbie\n"})
    org.commit()
    rc, rep = check(org, approved=["ada"], author="bob")
    r = req(rep, "INT-GENERATED")
    assert rc == 1 and "charter codeowners" in r["problems"][0]


def test_generated_codeowners_in_sync_needs_no_own_approval(org: GitRepo) -> None:
    from charter import codeowners
    from charter.load import load
    from charter.tree import FsTree

    state, _ = load(FsTree(org.path))
    org.write({".github/CODEOWNERS": codeowners.render_governance(state)})
    org.commit()
    rc, rep = check(org, approved=[], author="bob")
    assert rc == 0 and req(rep, "INT-GENERATED")["groups"] == []


def test_checker_changes_need_core(org: GitRepo) -> None:
    org.write({"scripts/charter/check.py": "print('always pass')\n",
               ".github/workflows/gate.yml": "on: push\n"})
    org.commit()
    rc, rep = check(org, approved=["finn", "ivy", "newbie"], author="hal")
    assert rc == 1
    assert all(r["rule"] == "GOV-APPROVAL" and not r["met"] for r in rep["requirements"])
    rc, _ = check(org, approved=["bob", "cyd", "dan"], author="hal", body=DISCUSSION)
    assert rc == 0


# --- data the loader cannot see ----------------------------------------------------------------

def test_symlinked_governance_file_still_needs_approval(org: GitRepo) -> None:
    import os

    os.symlink("ada.yaml", org.path / "members/zz.yaml")
    org.commit()
    rc, rep = check(org, approved=[], author="newbie")
    kinds = [(r["event"]["kind"], r["event"]["subject"]) for r in rep["requirements"]]
    assert ("file-changed", "members/zz.yaml") in kinds and rc == 1
    rc, _ = check(org, approved=["bob"], author="newbie")
    assert rc == 0


def test_renamed_member_file_is_a_change(org: GitRepo) -> None:
    org.git("mv", "members/tess.yaml", "members/tess2.yaml")
    org.commit()
    rc, rep = check(org, approved=[], author="newbie")
    paths = {r["event"]["subject"] for r in rep["requirements"]}
    assert {"members/tess.yaml", "members/tess2.yaml"} <= paths and rc == 1


def test_head_that_breaks_a_file_fails_with_its_location(org: GitRepo) -> None:
    # a module file made unreadable would vanish from the head state: the gate refuses
    (org.path / "modules/nn.yaml").write_text("slug: nn\nmaintainers: [finn\n")
    org.commit()
    rc, rep = check(org, approved=["ada", "bob", "cyd", "dan"], author="eve",
                    body="## Discussion\n#1\n")
    assert rc == 1 and not rep["ok"]
    assert any(f["path"] == "modules/nn.yaml" and f["line"] > 0 for f in rep["findings"])


def test_hostile_file_names_cannot_inject_workflow_commands(org: GitRepo) -> None:
    from gate_helpers import run

    (org.path / "docs").mkdir()
    (org.path / "docs" / "x\n::error::forged approval\n.md").write_text("x\n")
    (org.path / "docs" / "é\x1b[2J.md").write_text("x\n")
    org.commit()
    for fmt in ("text", "github"):
        rc, out, _ = run("pr-check", "--repo", str(org.path), "--base", "main", "--head", "pr",
                         "--approved-by", "ada", "--author", "bob", "--format", fmt)
        assert rc == 0
        assert "\n::error::forged" not in out and "\x1b[2J" not in out
        assert "\\x0a::error::forged approval" in out or "%0A::error::forged" in out
    rc, out, _ = run("diff", "main", "pr", "--repo", str(org.path))
    assert rc == 0 and out.count("\n") == 2 and "\\x1b" in out


def test_change_is_measured_from_the_merge_base(org: GitRepo) -> None:
    # after the pull request branched off, main gained a member and a core maintainer
    org.edit("modules/opt.yaml", lambda d: d["maintainers"].append("newbie"))
    org.commit("nominate")
    org.branch("main-later", "main")
    org.write({"members/zoe.yaml": {"login": "zoe", "name": "Zoe", "github_id": 130}})
    org.edit("core.yaml", add_core("zoe"))
    org.commit("zoe joins")
    rc, rep = check(org, approved=["ivy"], author="ada", body=NOMINATION, base="main-later")
    kinds = {e["kind"] for e in rep["events"]}
    assert kinds == {"module-maintainer-added"} and rc == 0
    # ... and the rules and people come from the base tip: zoe is a core maintainer there
    rc, rep = check(org, approved=["zoe"], author="ada", body=NOMINATION + "## Veto\n#31\n",
                    base="main-later")
    assert req(rep, "GOV-VETO")["groups"][0]["eligible"][-1] == "zoe"


def test_inactive_maintainer_moves_to_emeritus_with_one_owner(org: GitRepo, monkeypatch) -> None:
    monkeypatch.setenv("CHARTER_TODAY", "2026-11-21")
    org.edit("members/hal.yaml", lambda d: d.update(last_active="2025-01-01"))
    org.commit("hal's last activity")
    org.git("branch", "-f", "main", "HEAD")
    org.edit("modules/nn.yaml", _to_emeritus("hal"))
    org.commit()
    rc, rep = check(org, approved=["finn"], author="gus")
    r = req(rep, "GOV-EMERITUS")
    assert rc == 0 and "inactive" in r["summary"]
    monkeypatch.setenv("CHARTER_TODAY", "2025-06-01")  # not yet inactive for 12 months
    rc, rep = check(org, approved=["finn"], author="gus", body=DISCUSSION)
    assert rc == 1 and req(rep, "GOV-REMOVE")["groups"][0]["needed"] == 3


def test_core_nomination_of_the_leads_relative_goes_to_the_core(org: GitRepo) -> None:
    org.edit("members/ada.yaml", lambda d: d.update(relationships=[{"login": "lou",
                                                                    "kind": "romantic"}]))
    org.commit("declared")
    org.git("branch", "-f", "main", "HEAD")
    org.edit("core.yaml", add_core("lou"))
    org.commit()
    rc, rep = check(org, approved=["ada", "bob"], author="jo", body=NOMINATION)
    r = req(rep, "GOV-NOMINATE-CORE")
    assert rc == 1 and r["groups"][0]["label"] == "core maintainers"
    assert "ada" not in r["groups"][0]["eligible"] and r["groups"][0]["needed"] == 3
    rc, _ = check(org, approved=["bob", "cyd", "dan"], author="jo", body=NOMINATION)
    assert rc == 0


def test_relationship_removed_in_the_same_pull_request_still_conflicts(org: GitRepo) -> None:
    org.edit("members/cyd.yaml", lambda d: d.pop("relationships"))
    org.edit("modules/nn.yaml", lambda d: d["maintainers"].remove("gus"))
    org.commit()
    rc, rep = check(org, approved=["cyd", "bob", "dan"], author="ada", body=DISCUSSION)
    r = req(rep, "GOV-REMOVE")
    assert rc == 1 and "cyd" in r["excluded"]


def test_text_report_and_usage_errors(org: GitRepo) -> None:
    from gate_helpers import run

    org.edit("modules/nn.yaml", add_to("nn", "newbie"))
    org.commit()
    rc, out, _ = run("pr-check", "--repo", str(org.path), "--base", "main", "--head", "pr",
                     "--approved-by", "hal,newbie", "--author", "finn")
    assert rc == 1
    assert "FAIL GOV-NOMINATE-MODULE modules/nn.yaml:" in out
    assert "still needed: 1 more of gus" in out
    assert "not counted: newbie: the nominee cannot approve their own nomination" in out
    assert "to do: GOV-NOMINATE-MODULE: the nomination of newbie must state its substance" in out
    rc, _, err = run("pr-check", "--repo", str(org.path), "--base", "main")
    assert rc == 2 and "--head" in err
    rc, _, err = run("pr-check", "--repo", str(org.path), "--github", "org/gov")
    assert rc == 2 and "--pr" in err


def test_errors_already_on_the_base_are_not_blamed_on_the_change(org: GitRepo) -> None:
    (org.path / "members/tess.yaml").write_text("login: tess\nname: [broken\n")
    org.commit("broken on main")
    org.git("branch", "-f", "main", "HEAD")
    org.write({"docs/x.md": "x\n"})
    org.commit()
    rc, rep = check(org, approved=["bob"], author="ada")
    assert rc == 0 and rep["findings"] == []
    (org.path / "members/hal.yaml").write_text("login: hal\nname: [broken\n")
    org.commit()
    rc, rep = check(org, approved=["bob"], author="ada")
    assert rc == 1 and [f["path"] for f in rep["findings"]] == ["members/hal.yaml"]
