"""The gate's building blocks as functions, at every boundary: who decides and how many of them
(groups), what the pull-request description says (body), and which records are certified
(records). Built in memory or in a temporary directory, without git, so the mutation tests
(``make mutation PACKAGES=gate``) judge ``charter.gate.groups``, ``charter.gate.body`` and
``charter.gate.records`` with these first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from charter.gate import body, groups, records
from charter.gate.body import parse
from charter.gate.events import Event
from charter.model import Core, Council, Member, Relationship, State, WorkingGroup
from charter.policy import Policy
from charter.tree import FsTree, MemoryTree


def person(login: str, *related: str) -> Member:
    return Member(login=login, name=login, file=f"members/{login}.yaml",
                  relationships=tuple(Relationship(r, "family") for r in related))


def state(core: tuple[str, ...] = ("ada", "bob", "cyd", "dan", "eve"), *people: Member,
          **governance: Any) -> State:
    known = {m.login: m for m in people}
    for login in core:
        known.setdefault(login, person(login))
    return State(policy=Policy.from_data({"governance": governance} if governance else {}),
                 core=Core(lead=core[0] if core else None, maintainers=core), council=Council(),
                 working_group=WorkingGroup(), members=known)


def ctx(base: State, head: State | None = None, text: str = "", author: str | None = None,
        **more: Any) -> groups.Context:
    return groups.Context(base=base, head=head or base, body=parse(text), author=author, **more)


EVENT = Event("member-added", "x", "members/x.yaml", ("login",), "head")


# --- Group --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("needed", "want"), [(-1, 1), (0, 1), (1, 1), (2, 2)])
def test_gov_approval_a_group_always_needs_at_least_one_approval(needed, want) -> None:
    assert groups.Group("g", ("a",), needed, "how").needed == want


@pytest.mark.parametrize(("members", "needed", "consent", "reachable"), [
    (("a", "b"), 2, False, True), (("a",), 2, False, False), (("a", "b", "c"), 2, False, True),
    ((), 1, True, True), ((), 1, False, False)])
def test_gov_approval_a_group_is_reachable_with_enough_members(members, needed, consent,
                                                               reachable) -> None:
    assert groups.Group("g", members, needed, "how", consent=consent).reachable is reachable


def test_gov_approval_a_login_counts_once_whatever_its_case() -> None:
    assert groups.unique(["Ada", "bob", "ADA", "Bob", "cyd"]) == ("Ada", "bob", "cyd")


def test_gov_remove_conflicted_members_cannot_approve_and_do_not_lower_the_bar() -> None:
    excluded = groups.Excluded({"bob": "conflict", "cyd": "conflict"})
    excluded.head_only = frozenset({"cyd"})
    g = groups.decide("core", ["ada", "Bob", "cyd", "dan", "ADA"], excluded,
                      lambda size: size - 1, "how")
    assert (g.label, g.members, g.needed, g.size, g.objectors) == (
        "core", ("ada", "dan"), 3, 4, ("cyd",))
    assert g.how == "how (conflicted members cannot approve, and do not lower the bar)"
    plain = groups.decide("core", ["ada", "bob"], {}, 2, "how")
    assert (plain.how, plain.needed, plain.objectors, plain.size) == ("how", 2, (), 2)


def test_gov_remove_an_unreachable_group_is_explained() -> None:
    req = groups.Requirement("GOV-REMOVE", EVENT, "s", groups=[
        groups.Group("core maintainers", ("ada", "bob"), 3, "how", size=5),
        groups.Group("nobody left", (), 1, "how", size=2),
        groups.Group("fine", ("ada", "bob"), 2, "how", size=2)])
    req.unreachable()
    assert req.problems == [
        "GOV-REMOVE: core maintainers cannot decide this: 3 approvals are needed of the 5, and "
        "only 2 may approve (ada, bob); a conflict never lowers the bar, so the group must grow "
        "before it can decide",
        "GOV-REMOVE: nobody left cannot decide this: 1 approvals are needed of the 2, and only "
        "0 may approve (nobody); a conflict never lowers the bar, so the group must grow before "
        "it can decide"]


# --- Context and the groups rules are made of ---------------------------------------------------

def test_gov_remove_the_author_is_matched_without_regard_to_case() -> None:
    c = ctx(state(), author="Ada")
    assert c.is_author("ADA") and not c.is_author("bob")
    assert not ctx(state()).is_author("ada")
    assert not c.veto and ctx(state(), text="## Veto\nyes, see #4").veto
    assert ctx(state()).council_given == {}


@pytest.mark.parametrize(("size", "fraction", "needed"), [
    (5, None, 3), (4, None, 3), (6, None, 4), (1, None, 1), (4, "2/3", 3), (3, "2/3", 3)])
def test_gov_core_majority_more_than_the_fraction_of_every_core_maintainer(size, fraction,
                                                                          needed) -> None:
    core = tuple(f"m{i}" for i in range(size))
    gov = {"core_decision_fraction": fraction} if fraction else {}
    g = groups.core_majority(ctx(state(core, **gov)), {"m0": "conflict"})
    assert (g.label, g.needed, g.size, g.members) == ("core maintainers", needed, size, core[1:])
    assert g.how.startswith(f"a majority (more than {fraction or '1/2'}) of the {size} core "
                            "maintainers")


def test_gov_core_any_and_owners() -> None:
    c = ctx(state(("ada", "bob")))
    one = groups.core_any(c, {})
    assert (one.needed, one.how, one.members) == (1, "1 core maintainer", ("ada", "bob"))
    two = groups.core_any(c, {"bob": "x"}, 2)
    assert (two.needed, two.how, two.members, two.size) == (
        2, "2 core maintainers (conflicted members cannot approve, and do not lower the bar)",
        ("ada",), 2)
    own = groups.owners(c, ["finn", "ADA"], "nn maintainers", {})
    assert (own.label, own.members, own.needed, own.how) == (
        "nn maintainers", ("finn", "ADA", "bob"), 1,
        "one of the nn maintainers (GOV-APPROVAL: an owner of the area)")


def test_gov_remove_consent_is_the_persons_own() -> None:
    g = groups.consent("finn")
    assert (g.label, g.members, g.needed, g.consent, g.size) == ("finn", ("finn",), 1, True, 1)
    assert g.how == "finn's own consent (author or approval)"
    c = ctx(state(), author="Finn")
    assert groups.consents(c, "finn", set()) and groups.consents(ctx(state()), "Gus", {"gus"})
    assert not groups.consents(ctx(state()), "gus", {"finn"})


def test_gov_remove_conflicts_in_base_and_head_only_head_objects() -> None:
    base = state(("ada",), person("finn", "Gus"), person("gus"), person("hal"))
    head = state(("ada",), person("finn", "gus"), person("gus"), person("hal", "finn"))
    ex = groups.conflicts(ctx(base, head), "Finn")
    assert dict(ex) == {"finn": groups.CONCERNED,
                        "gus": "declared relationship with Finn (conflict of interest)",
                        "hal": "declared relationship with Finn (conflict of interest)"}
    assert ex.head_only == frozenset({"hal"})
    assert groups.conflicts(ctx(base), "finn", groups.NOMINEE)["finn"] == groups.NOMINEE


def test_gov_remove_merged_exclusions_keep_the_first_reason_and_base_knowledge() -> None:
    a = groups.Excluded({"x": "first", "y": "y-a"})
    a.head_only = frozenset({"y"})
    b = groups.Excluded({"x": "second", "y": "y-b", "z": "z-b"})
    b.head_only = frozenset({"z"})
    m = groups.merged(a, b)
    assert dict(m) == {"x": "first", "y": "y-a", "z": "z-b"}
    assert m.head_only == frozenset({"z"})  # y is known to the base through b
    assert groups.merged().head_only == frozenset() and dict(groups.merged()) == {}
    known = groups.Excluded({"x": "in the base"})
    later = groups.Excluded({"x": "declared here"})
    later.head_only = frozenset({"x"})
    assert groups.merged(known, later).head_only == frozenset()  # one part knew x already


@pytest.mark.parametrize(("required", "text", "problem"), [
    (["maintainer-removed"], "", True),
    (["maintainer-removed"], "## Discussion\nSee #12", False),
    (["maintainer-removed"], "## Discussion\nhttps://github.com/o/r/issues/12", False),
    (["maintainer-removed"], "See #12\n## Discussion\nnothing here", True),
    (["policy"], "", False)])
def test_gov_discussion_link_in_the_discussion_section(required, text, problem) -> None:
    req = groups.Requirement("GOV-REMOVE", EVENT, "s")
    groups.discussion(ctx(state(discussion_required_for=required), text=text), req,
                      "maintainer-removed")
    assert req.problems == (["GOV-DISCUSSION: link the issue where this was discussed: add a "
                             "'## Discussion' section to the pull-request description with its "
                             "number (e.g. #123)"] if problem else [])


def test_gov_approval_bound_by_consent_with_everyones_consent() -> None:
    base = state(("ada", "bob", "cyd"), person("finn"), person("gus"))
    req = groups.Requirement("GOV-APPROVAL", EVENT, "relationship declared",
                             groups=[groups.core_any(ctx(base), {})])
    groups.bound_by_consent(ctx(base, author="finn"), req, ["finn", "Gus", "stranger"], {"gus"},
                            "it binds them")
    assert [g.label for g in req.groups] == ["finn", "Gus", "core maintainers"]
    assert req.summary == "relationship declared: finn, Gus agree"
    one = groups.Requirement("GOV-APPROVAL", EVENT, "s")
    groups.bound_by_consent(ctx(base, author="finn"), one, ["finn"], set(), "why")
    assert one.summary == "s: finn agrees"
    none = groups.Requirement("GOV-APPROVAL", EVENT, "s")
    groups.bound_by_consent(ctx(base), none, ["stranger"], set(), "why")
    assert (none.summary, none.groups) == ("s", [])


def test_gov_approval_bound_by_consent_without_it_a_core_majority_decides() -> None:
    base = state(("ada", "bob", "cyd", "dan", "eve"), person("finn", "bob"), person("gus"))
    req = groups.Requirement("GOV-APPROVAL", EVENT, "s", groups=[groups.core_any(ctx(base), {})],
                             excluded={"zed": "earlier reason", "finn": "overridden?"})
    groups.bound_by_consent(ctx(base), req, ["finn", "gus"], {"finn"}, "it binds them")
    [g] = req.groups
    assert (g.label, g.needed, g.size, g.members) == ("core maintainers", 3, 5,
                                                      ("ada", "cyd", "dan", "eve"))
    assert req.excluded["finn"] == groups.CONCERNED and req.excluded["zed"] == "earlier reason"
    assert req.excluded["bob"].startswith("declared relationship with finn")
    assert req.summary == ("s: it binds them; without the consent of finn, gus (author or "
                           "approval), a majority of the core maintainers decides")


# --- the pull-request description ---------------------------------------------------------------

TEMPLATE = """Intro #1 elections/2026-x
<!-- ## Discussion
#99 -->
## Discussion issue
See #12 and https://github.com/o/r/issues/34 and https://github.com/o/r/discussions/56, not
x#7 or o/r#8, twice #12.

### Nominated by ###
@Ada-B and @bob, not @-x
## Unknown heading
#77 elections/hidden
## Contributions
- [ ] placeholder
 ## Vote
elections/2026-b/ and elections/2026-a, https://example.org/a_(b) <https://example.org/c>
2026-12-01 and 2026-1-1 and 12026-12-011
#### Core maintainers meeting
"""


def test_gov_discussion_body_sections_and_what_they_link() -> None:
    b = parse(TEMPLATE.replace("\n", "\r\n"))
    assert set(b.sections) == {"discussion", "nominator", "contributions", "vote", "meeting"}
    assert b.issues("discussion") == [12, 34, 56]
    assert b.issues() == [1, 12, 34, 56, 77]
    assert b.issues("meeting") == [] and not b.has("meeting") and b.has("contributions")
    assert b.logins("nominator") == ["Ada-B", "bob"]
    assert b.elections("vote") == ["2026-a", "2026-b"]
    assert b.elections() == ["2026-a", "2026-b", "2026-x", "hidden"]
    assert parse("See elections/2026-council. Or elections/x-, elections/a.b.").elections() == [
        "2026-council", "a.b", "x"]
    assert b.links("vote") == ["https://example.org/a_", "https://example.org/c"]
    assert b.days("vote") == ["2026-12-01"]
    assert b.days("nowhere") == [] and b.links("nowhere") == [] and b.logins("x") == []
    assert "<!--" not in b.text and "\r" not in b.text


@pytest.mark.parametrize(("heading", "name"), [
    ("Discussion", "discussion"), ("Discussion issue:", "discussion"), ("DECISION AND REASONS:",
                                                                        "decision"),
    ("Letters of support", "support"), ("Core veto", "veto"), ("Reasons", "decision"),
    ("Recorded vote", "vote"), ("Testimonials", "testimonials"), ("Nominee contributions",
                                                                  "contributions"),
    ("Discussions", None), ("The discussion", None), ("", None)])
def test_gov_discussion_headings_accepted_for_each_section(heading, name) -> None:
    assert body._canonical(heading) == name


def test_gov_discussion_body_is_read_up_to_its_limit() -> None:
    head = "## Discussion\n"
    fits = head + "x" * (body.MAX_BODY - len(head) - 4) + " #12"
    assert len(fits) == body.MAX_BODY and parse(fits).issues("discussion") == [12]
    assert parse(fits[:-4] + "x #12").issues("discussion") == [1]  # one past: cut to #1
    assert parse(None) == body.Body({}, "")
    assert parse("    ## Discussion\n#3").issues("discussion") == []  # indented code, no heading
    assert parse("   ## Discussion\n#3").issues("discussion") == [3]


# --- records: which results are certified -------------------------------------------------------

def write(root: Path, files: dict[str, str | bytes]) -> FsTree:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return FsTree(root)


def test_pc_election_read_result(tmp_path: Path) -> None:
    tree = write(tmp_path, {"elections/a/result.yaml": "certified: true\n",
                            "elections/b/result.yaml": "certified: [\n",
                            "elections/c/result.yaml/x": "a directory, not a file"})
    assert records.read_result(tree, "a") == (b"certified: true\n", {"certified": True})
    assert records.read_result(tree, "b") == (b"certified: [\n", None)
    assert records.read_result(tree, "c") == (None, None)
    assert records.read_result(tree, "none") == (None, None)


def test_pc_election_only_certified_results_take_effect(tmp_path: Path) -> None:
    tree = write(tmp_path, {"elections/yes/result.yaml": "certified: true\n",
                            "elections/text/result.yaml": "certified: 'true'\n",
                            "elections/no/result.yaml": "certified: false\n",
                            "elections/list/result.yaml": "- certified\n",
                            "elections/bad/result.yaml": "certified: true\n",
                            "elections/lead/result.yaml": "certified: true\n"})
    s = state(("ada", "bob"))
    lead = {"kind": "lead-election", "voting": {"opens": "2026-01-01"}, "electorate": ["ada"]}
    s.elections = {"yes": {"kind": "motion"}, "text": {"kind": "motion"},
                   "no": {"kind": "motion"}, "list": {"kind": "motion"}, "bad": ["not a dict"],
                   "lead": lead, "absent": {"kind": "motion"}}
    c = records.certified(tree, s)
    assert c.ids == frozenset({"yes", "lead"})
    assert c.definitions == {"yes": {"kind": "motion"}, "lead": lead}
    assert c.invalid == frozenset({"lead"})  # bob, a core maintainer of the day, left out
    assert [x.record.id for x in c.counts()] == ["yes"]
    s.elections["lead"] = {**lead, "electorate": ["ada", "bob"]}
    assert records.certified(tree, s).invalid == frozenset()


@pytest.mark.parametrize(("result", "certifies"), [
    ({"certified": True}, True), ({"certified": "true"}, False), ({}, False), (None, False),
    (["certified"], False)])
def test_pc_election_a_recount_certifies_only_a_certified_result(result, certifies) -> None:
    r = records.Recount("x", {}, b"a", result, "a", ())
    assert r.certifies is certifies


@pytest.mark.parametrize(("committed", "rendered", "problems", "matches"), [
    (b"same\n", "same\n", (), True), (b"same\n", "other\n", (), False),
    (None, "same\n", (), False), (b"same\n", None, (), False),
    (b"same\n", "same\n", ("an error",), False)])
def test_pc_election_a_recount_matches_only_the_same_bytes_without_errors(
        committed, rendered, problems, matches) -> None:
    assert records.Recount("x", {}, committed, None, rendered, problems).matches is matches


def test_pc_election_a_recount_of_a_missing_record_says_so(tmp_path: Path) -> None:
    tree = write(tmp_path, {"elections/x/result.yaml": "certified: true\n"})
    s = state(("ada",))
    r = records.recount(tree, s, s, "x", certifying=True)
    assert (r.ident, r.definition, r.committed, r.rendered) == ("x", None, b"certified: true\n",
                                                                None)
    assert r.problems == ("elections/x/election.yaml is missing or not valid",)


def test_pc_election_certified_records_give_the_council_less_resignations(mem) -> None:
    from charter.load import load
    from charter.model import Resignation

    tree = MemoryTree(mem.base, "main")
    state, _ = load(tree)
    c = records.certified(tree, state)
    assert c.ids == frozenset({"2026-council"}) and c.invalid == frozenset()
    [count] = c.counts()
    assert count.rule == "PC-ELECTION" and count.result["certified"] is True
    assert sorted(c.council()) == ["pat", "quin", "ros"]
    assert c.council()["ros"]["cohort"] == "B"
    gone = (Resignation("quin", "2026-council", "2026-09-01"),)
    assert sorted(c.council(gone)) == ["pat", "ros"]


def test_pc_election_recount_of_a_record_that_cannot_be_counted(mem) -> None:
    from charter.load import load

    mem.write({"elections/2026-council/ballots.csv": None})
    tree = MemoryTree(mem.head, "pr")
    head, _ = load(tree)
    r = records.recount(tree, head, head, "2026-council", certifying=False)
    assert (r.ident, r.definition, r.committed) == (
        "2026-council", head.elections["2026-council"],
        mem.head["elections/2026-council/result.yaml"])
    assert r.result["certified"] is True and r.rendered is None and not r.matches
    assert r.problems == ("elections/2026-council/ballots.csv is missing; the ballots are "
                          "committed beside the definition",)
    ok = records.recount(MemoryTree(mem.base, "main"), head, head, "2026-council", certifying=False)
    assert (ok.ident, ok.problems, ok.matches) == ("2026-council", (), True)
    mem.write({"elections/2026-council/election.yaml": "kind: [\n"})
    tree = MemoryTree(mem.head, "pr")
    head, _ = load(tree)
    r = records.recount(tree, head, head, "2026-council", certifying=False)
    assert (r.ident, r.definition, r.rendered) == ("2026-council", None, None)
    assert r.committed == mem.head["elections/2026-council/result.yaml"]
    assert r.result["certified"] is True
    assert r.problems == ("elections/2026-council/election.yaml is missing or not valid",)


# --- two accounts, one person: the stronger verdict stands ---------------------------------------

@pytest.mark.parametrize(("first", "second", "kept"), [
    ("CHANGES_REQUESTED", "APPROVED", "changes-requested"),
    ("APPROVED", "CHANGES_REQUESTED", "changes-requested"),
    ("APPROVED", "DISMISSED", "approved"),
    ("DISMISSED", "APPROVED", "approved"),
    ("DISMISSED", "DISMISSED", "dismissed"),
])
def test_gov_approval_two_accounts_of_one_member_keep_the_objection_then_the_approval(
        first: str, second: str, kept: str) -> None:
    """ada's recorded account (id 7, renamed since) and a review under her login with no id (a
    local dry run) are one person: an objection from either stands, an approval outranks a
    dismissed review, whichever came last; a stale approval ranks below a current one."""
    from charter.gate.reviews import Review, verdicts

    s = state(("ada", "bob"), Member(login="ada", name="Ada", file="members/ada.yaml",
                                     github_id=7))
    got, _ = verdicts([Review("ada-renamed", 7, "User", first, "head", order=0),
                       Review("ada", None, "User", second, "head", order=1)], "head", s)
    assert list(got) == ["ada"] and got["ada"].state == kept
    got, _ = verdicts([Review("ada-renamed", 7, "User", "APPROVED", "old", order=0),
                       Review("ada", None, "User", "APPROVED", "head", order=1)], "head", s)
    assert got["ada"].state == "approved" and got["ada"].commit_id == "head"
    got, _ = verdicts([Review("ada-renamed", 7, "User", "APPROVED", "head", order=0),
                       Review("ada", None, "User", "APPROVED", "old", order=1)], "head", s)
    assert got["ada"].state == "approved" and got["ada"].commit_id == "head"
    got, _ = verdicts([Review("ada-renamed", 7, "User", "DISMISSED", "head", order=0),
                       Review("ada", None, "User", "APPROVED", "old", order=1)], "head", s)
    assert got["ada"].state == "stale"
