"""The electorate of the day and what an election record declares, at every boundary.

PC-MEMBER-LAPSE, PC-MEMBER-ADD / PC-NO-CONFIDENCE / PC-AMEND (the community of the day),
GOV-LEAD-ELECT / GOV-LEAD-REMOVE (every core maintainer of the day), PC-ELECTION (the returning
officer council.yaml names) and PC-COI (candidates' affiliations as their member files give
them): each window tested exactly at its day, the day before and the day after. The states are
built in memory, so these run in milliseconds and judge every mutant of
``charter.elections.day`` and ``charter.elections.declared`` first (``make mutation``).
"""

from __future__ import annotations

from typing import Any

import pytest

from charter.elections import day, declared
from charter.model import (
    Affiliation,
    Core,
    Council,
    Emeritus,
    Member,
    SourceFile,
    State,
    WorkingGroup,
)
from charter.policy import Policy

OPENS = "2026-06-10"


def person(login: str, since: str | None = "2020-01-01", *, removed: str | None = None,
           resumed: str | None = None, affiliations: list[dict[str, str]] | None = None
           ) -> Member:
    com: dict[str, Any] | None = None
    if since is not None:
        com = {"since": since}
        if removed:
            com["removed"] = removed
        if resumed:
            com["resumed"] = resumed
    affs = tuple(Affiliation(a["entity"], a["role"]) for a in affiliations or ())
    return Member(login=login, name=login.title(), file=f"members/{login}.yaml",
                  community=com, affiliations=affs)


def council_election(opens: str, closes: str, voted: list[str], *,
                     finalised: str | None = None) -> dict[str, Any]:
    d: dict[str, Any] = {"kind": "council-election", "voting": {"opens": opens, "closes": closes},
                         "participation": voted}
    if finalised:
        d["finalised"] = finalised
    return d


def state(members: list[Member], *, elections: dict[str, Any] | None = None,
          core: Core | None = None, lapse_after: int | None = None,
          returning_officer: str | None = None,
          files: dict[str, dict[str, Any]] | None = None) -> State:
    council = {"lapse_after_missed_elections": lapse_after} if lapse_after is not None else {}
    return State(
        policy=Policy.from_data({"council": council} if council else {}),
        core=core or Core(lead="alice", maintainers=("alice",)),
        council=Council(returning_officer=returning_officer),
        working_group=WorkingGroup(),
        members={m.login: m for m in members},
        elections=elections or {},
        files={path: SourceFile(path, "member", b"", data) for path, data in (files or {}).items()},
    )


# --- the community of a day -------------------------------------------------------------------

@pytest.mark.parametrize(("community", "member"), [
    (None, False), ({}, False),
    ({"since": "2026-06-09"}, True), ({"since": OPENS}, True), ({"since": "2026-06-11"}, False),
    ({"since": "2026-01-01", "removed": "2026-06-09"}, False),
    ({"since": "2026-01-01", "removed": OPENS}, False),
    ({"since": "2026-01-01", "removed": "2026-06-11"}, True),
    ({"since": "2026-01-01", "removed": None}, True),
    ({"removed": "2026-06-11"}, True), ({"removed": OPENS}, False),  # no since: from the start
])
def test_pc_member_add_member_on_the_day(community: dict[str, Any] | None, member: bool) -> None:
    assert day.member_on(community, OPENS) is member


@pytest.mark.parametrize(("record", "want"), [
    ({"finalised": "2026-07-01", "voting": {"closes": "2026-06-24"}}, "2026-07-01"),
    ({"voting": {"opens": OPENS, "closes": "2026-06-24"}}, "2026-06-24"),
    ({"voting": None}, ""), ({}, ""),
])
def test_pc_election_a_record_closes_on_its_certification_else_its_window(record, want) -> None:
    assert day.closed(record) == want


def test_pc_member_add_community_of_the_day_sorted_without_the_lapsed() -> None:
    s = state([person("Zed"), person("amy"), person("Bob", since="2026-06-11"),
               person("cy", removed="2026-06-01"), person("dee", since=None)])
    e = day.community(s, OPENS)
    assert (e.body, e.day, e.voters, e.lapsed) == ("community", OPENS, ("amy", "Zed"), {})
    assert len(e) == 2
    assert "ZED" in e and "amy" in e and "Bob" not in e and 7 not in e


# --- PC-MEMBER-LAPSE ----------------------------------------------------------------------------

TWO = {"2025-a": council_election("2025-03-01", "2025-03-15", ["amy"]),
       "2026-b": council_election("2026-03-01", "2026-03-15", ["Bob"])}


def test_pc_member_lapse_voting_in_neither_of_the_last_two_elections_lapses() -> None:
    s = state([person("amy"), person("bob"), person("cy")], elections=TWO)
    lapsed, resumed = day.lapse(s, OPENS)
    assert list(lapsed) == ["cy"] and resumed == set()
    assert lapsed["cy"] == ("voted in none of elections/2025-a, elections/2026-b and has not "
                            "asked to resume since (PC-MEMBER-LAPSE)")
    e = day.community(s, OPENS)
    assert e.voters == ("amy", "bob") and e.lapsed == lapsed


def test_pc_member_lapse_only_the_last_two_elections_count() -> None:
    three = {**TWO, "2024-z": council_election("2024-03-01", "2024-03-15", ["cy"])}
    s = state([person("amy"), person("bob"), person("cy")], elections=three)
    assert list(day.lapse(s, OPENS)[0]) == ["cy"]  # cy's vote in 2024 is three elections back


def test_pc_member_lapse_a_policy_of_three_elections_reaches_further_back() -> None:
    three = {**TWO, "2024-z": council_election("2024-03-01", "2024-03-15", ["cy"])}
    s = state([person("amy"), person("bob"), person("cy"), person("dee")], elections=three,
              lapse_after=3)
    lapsed, _ = day.lapse(s, OPENS)
    assert list(lapsed) == ["dee"]
    assert "elections/2024-z, elections/2025-a, elections/2026-b" in lapsed["dee"]


@pytest.mark.parametrize("n", [0, -1])
def test_pc_member_lapse_switched_off_by_a_policy_of_none(n: int) -> None:
    s = state([person("cy")], elections=TWO, lapse_after=n)
    assert day.lapse(s, OPENS) == ({}, set())


def test_pc_member_lapse_needs_as_many_elections_as_the_policy_counts() -> None:
    one = {"2026-b": TWO["2026-b"]}
    assert day.lapse(state([person("cy")], elections=one), OPENS) == ({}, set())


def test_pc_member_lapse_an_election_without_participation_lapses_nobody() -> None:
    blind = {**TWO, "2026-b": {k: v for k, v in TWO["2026-b"].items() if k != "participation"}}
    assert day.lapse(state([person("cy")], elections=blind), OPENS) == ({}, set())


def test_pc_member_lapse_only_council_elections_count() -> None:
    motion = {**council_election("2026-04-01", "2026-04-15", ["cy"]), "kind": "motion"}
    s = state([person("cy")], elections={**TWO, "2026-m": motion})
    assert list(day.lapse(s, OPENS)[0]) == ["cy"]


def test_pc_member_lapse_an_election_that_never_closed_does_not_count() -> None:
    open_ = {"kind": "council-election", "voting": {"opens": "2026-05-01"},
             "participation": ["cy"]}
    s = state([person("cy")], elections={**TWO, "2026-c": open_})
    assert list(day.lapse(s, OPENS)[0]) == ["cy"]


@pytest.mark.parametrize(("closes", "including", "counts"), [
    ("2026-06-09", False, True), (OPENS, False, False), (OPENS, True, True),
    ("2026-06-11", True, False),
])
def test_pc_member_lapse_elections_closed_before_the_day(closes, including, counts) -> None:
    """An election closing on the day counts only ``including_the_day`` (the roll of today)."""
    recent = {"2026-c": council_election("2026-05-20", closes, ["cy"])}
    s = state([person("amy"), person("cy")], elections={**TWO, **recent})
    lapsed, _ = day.lapse(s, OPENS, including_the_day=including)
    if not including:  # the default: a vote opening on the day an election closed
        assert day.lapse(s, OPENS) == (lapsed, set())
    # counted, the recent election (cy voted) and 2026-b (amy did not) are the last two
    assert ("amy" in lapsed, "cy" in lapsed) == ((True, False) if counts else (False, True))


def test_pc_member_lapse_the_finalised_day_orders_the_elections() -> None:
    late = {"2025-a": council_election("2025-03-01", "2025-03-15", ["amy"],
                                       finalised="2026-04-01")}
    s = state([person("amy"), person("bob")], elections={**TWO, **late})
    assert list(day.lapse(s, OPENS)[0]) == []  # 2025-a is now the latest: amy voted in it


def test_pc_member_lapse_participation_is_case_insensitive() -> None:
    s = state([person("AMY"), person("bob")], elections=TWO)
    assert day.lapse(s, OPENS)[0] == {}


@pytest.mark.parametrize(("since", "lapsed"), [
    ("2025-02-28", True), ("2025-03-01", True), ("2025-03-02", False), ("2026-03-02", False)])
def test_pc_member_lapse_only_members_when_each_election_opened(since, lapsed) -> None:
    s = state([person("amy"), person("bob"), person("cy", since=since)], elections=TWO)
    assert ("cy" in day.lapse(s, OPENS)[0]) is lapsed


def test_pc_member_lapse_a_member_removed_by_the_day_is_not_reported() -> None:
    s = state([person("amy"), person("bob"), person("cy", removed="2026-05-01")], elections=TWO)
    assert day.lapse(s, OPENS)[0] == {}


def test_pc_member_lapse_the_opening_day_is_the_closing_day_when_none_is_given() -> None:
    """An election without ``voting.opens`` is taken to have opened when it closed: a member
    admitted between its nominations and its close was a member then."""
    no_open = {"2026-b": {**TWO["2026-b"], "voting": {"closes": "2026-03-15"}}}
    s = state([person("bob"), person("cy", since="2026-03-15"), person("dee", since="2026-03-16")],
              elections=no_open, lapse_after=1)
    assert list(day.lapse(s, OPENS)[0]) == ["cy"]


@pytest.mark.parametrize(("resumed", "lapsed"), [
    ("2025-02-28", True), ("2025-03-01", False), ("2026-01-01", False), (OPENS, False),
    ("2026-06-11", True)])
def test_pc_member_lapse_asking_to_resume_since_the_first_missed_election(resumed, lapsed) -> None:
    s = state([person("amy"), person("bob"), person("cy", resumed=resumed)], elections=TWO)
    got, resumed_set = day.lapse(s, OPENS)
    assert ("cy" in got) is lapsed
    assert ("cy" in resumed_set) is not lapsed


# --- the core maintainers of a day --------------------------------------------------------------

def test_gov_lead_remove_core_of_the_day_joined_and_emeritus_at_the_boundaries() -> None:
    core = Core(lead="alice", maintainers=("alice", "Bob", "cy", "dee", "eve"),
                joined={"bob": "2026-06-09", "CY": OPENS, "dee": "2026-06-11",
                        "jay": "2026-06-11", "Kim": OPENS},
                emeritus=(Emeritus("fay", "2026-06-11"), Emeritus("gus", OPENS),
                          Emeritus("ivo", "2027-01-01"),
                          Emeritus("hal", "2026-06-09"), Emeritus("alice", "2026-07-01"),
                          Emeritus("jay", "2026-07-01"), Emeritus("kim", "2026-07-01")))
    s = state([person("BOB"), person("eve")], core=core)
    e = day.core(s, OPENS)
    # eve has no joined date: taken to have been one; BOB spelled as his member file spells him;
    # jay joined after the day and left later (never a maintainer then), kim joined on the day
    assert (e.body, e.day, e.voters, e.lapsed) == (
        "core", OPENS, ("alice", "BOB", "cy", "eve", "fay", "ivo", "kim"), {})


@pytest.mark.parametrize(("record", "body"), [
    ({"kind": "council-election"}, "community"),
    ({"kind": "motion", "motion": {"type": "member-add"}}, "community"),
    ({"kind": "motion", "motion": {"type": "no-confidence"}}, "community"),
    ({"kind": "motion", "motion": {"type": "amend"}}, "community"),
    ({"kind": "lead-election"}, "core"),
    ({"kind": "motion", "motion": {"type": "lead-remove"}}, "core"),
    ({"kind": "motion", "motion": {"type": "member-remove"}}, None),
    ({"kind": "motion", "motion": "amend"}, None),
    ({"kind": "motion"}, None),
    ({"kind": "council-vote"}, None),
])
def test_pc_member_add_which_records_have_an_electorate_of_the_day(record, body) -> None:
    s = state([person("amy")])
    e = day.of_record(s, {**record, "voting": {"opens": OPENS}})
    assert (e.body if e else None) == body
    if e is not None:
        assert e.day == OPENS
        assert e.voters == (("amy",) if body == "community" else ("alice",))
    assert day.of_record(s, record) is None  # no opening day: no electorate


# --- problems: a record's electorate against the day's ------------------------------------------

def test_pc_member_add_record_electorate_must_be_the_community_of_the_day() -> None:
    s = state([person("amy"), person("bob"), person("cy", since="2026-07-01"),
               person("dee", removed="2026-05-05"), person("eve", since=None),
               person("Fay"), person("gus")],
              elections=TWO)  # Fay and gus voted in neither: lapsed
    e = day.community(s, OPENS)
    got = day.problems(s, e, {"electorate": ["AMY", "cy", "dee", "eve", "fay", "nobody"]})
    assert got == [
        (f"cy is not a community member with a vote when voting opened on {OPENS} (joined the "
         "community on 2026-07-01); the electorate is the community of the day "
         "(PC-MEMBER-LAPSE applied): remove them", ("electorate", 1)),
        (f"dee is not a community member with a vote when voting opened on {OPENS} (was removed "
         "from the community on 2026-05-05); the electorate is the community of the day "
         "(PC-MEMBER-LAPSE applied): remove them", ("electorate", 2)),
        (f"eve is not a community member with a vote when voting opened on {OPENS} (has no "
         "community membership); the electorate is the community of the day "
         "(PC-MEMBER-LAPSE applied): remove them", ("electorate", 3)),
        (f"fay is not a community member with a vote when voting opened on {OPENS} (had lapsed: "
         "voted in none of elections/2025-a, elections/2026-b and has not asked to resume since "
         "(PC-MEMBER-LAPSE)); the electorate is the community of the day (PC-MEMBER-LAPSE "
         "applied): remove them", ("electorate", 4)),
        (f"bob left out of the electorate: community member with a vote when voting opened on "
         f"{OPENS}; the electorate is the community of the day (PC-MEMBER-LAPSE applied) (2), "
         "and quorums and thresholds are counted over it: add them", ("electorate",)),
    ]


def test_pc_member_add_exact_electorate_has_no_problems_and_two_left_out_are_plural() -> None:
    s = state([person("amy"), person("bob"), person("cy")])
    e = day.community(s, OPENS)
    assert day.problems(s, e, {"electorate": ["cy", "Bob", "amy"]}) == []
    [(msg, where)] = day.problems(s, e, {})
    assert msg.startswith("amy, bob, cy left out of the electorate: community members with a vote")
    assert "(3)" in msg and where == ("electorate",)


def test_gov_lead_remove_record_electorate_must_be_every_core_maintainer_of_the_day() -> None:
    core = Core(lead="alice", maintainers=("alice", "bob", "cy"),
                joined={"cy": "2026-07-01", "zed": "2026-01-01", "jay": "2026-07-01"},
                emeritus=(Emeritus("dee", "2026-01-01"), Emeritus("jay", "2026-08-01")))
    s = state([person("alice")], core=core)
    e = day.core(s, OPENS)
    got = day.problems(s, e, {"electorate": ["cy", "dee", "zed", "jay"]})
    tail = "; the electorate is every core maintainer of the day: remove them"
    assert got == [
        (f"cy is not a core maintainer with a vote when voting opened on {OPENS} (joined the "
         f"core maintainers on 2026-07-01){tail}", ("electorate", 0)),
        (f"dee is not a core maintainer with a vote when voting opened on {OPENS} (emeritus "
         f"since 2026-01-01){tail}", ("electorate", 1)),
        (f"zed is not a core maintainer with a vote when voting opened on {OPENS} (core.yaml "
         f"lists them neither as maintainer nor emeritus){tail}", ("electorate", 2)),
        (f"jay is not a core maintainer with a vote when voting opened on {OPENS} (joined the "
         f"core maintainers on 2026-07-01){tail}", ("electorate", 3)),
        (f"alice, bob left out of the electorate: core maintainers with a vote when voting "
         f"opened on {OPENS}; the electorate is every core maintainer of the day (2), and "
         "quorums and thresholds are counted over it: add them", ("electorate",)),
    ]


def test_gov_lead_remove_joined_and_emeritus_on_the_opening_day_is_reported_as_emeritus() -> None:
    """Joining on the day the vote opened counts as a maintainer of the day; leaving that same
    day does not, and the reason given is the leaving, not the joining."""
    core = Core(lead="alice", maintainers=("alice",), joined={"kit": OPENS},
                emeritus=(Emeritus("kit", OPENS),))
    s = state([person("alice")], core=core)
    [(msg, where)] = day.problems(s, day.core(s, OPENS), {"electorate": ["alice", "kit"]})
    assert f"(emeritus since {OPENS})" in msg and where == ("electorate", 1)


def test_pc_member_add_removed_on_the_day_they_joined_or_without_a_joining_day() -> None:
    s = state([person("amy"), person("bob", since=OPENS, removed=OPENS),
               Member("cy", "Cy", "members/cy.yaml", community={"removed": "2026-05-01"})])
    got = [m for m, _ in day.problems(s, day.community(s, OPENS), {"electorate": ["amy", "bob",
                                                                                  "cy"]})]
    assert [m.split("(", 1)[1].split(")")[0] for m in got] == [
        f"was removed from the community on {OPENS}",
        "was removed from the community on 2026-05-01"]


def test_gov_lead_remove_one_core_maintainer_left_out_is_singular() -> None:
    s = state([], core=Core(lead="alice", maintainers=("alice", "bob")))
    [(msg, _)] = day.problems(s, day.core(s, OPENS), {"electorate": ["alice"]})
    assert msg.startswith("bob left out of the electorate: core maintainer with a vote")


# --- PC-ELECTION: the returning officer ---------------------------------------------------------

ELECTION = {"kind": "council-election", "returning_officer": "ron",
            "nomination": {"opens": "2026-05-01", "closes": "2026-05-15"},
            "voting": {"opens": OPENS, "closes": "2026-06-24"}}


@pytest.mark.parametrize(("named", "have", "ok"), [
    (None, "ron", True), ("ron", "ron", True), ("RON", "Ron", True), ("rita", "ron", False)])
def test_pc_election_returning_officer_is_the_one_council_yaml_names(named, have, ok) -> None:
    s = state([], returning_officer=named)
    got = declared.returning_officer(s, {**ELECTION, "returning_officer": have})
    assert got == ([] if ok else [(
        "PC-ELECTION", "the returning officer is ron, but council.yaml names rita, nominated by "
        "the outgoing council; the election is run by rita: set returning_officer: rita (or "
        "the council first names ron in council.yaml)", ("returning_officer",))])


def test_pc_election_a_record_naming_no_returning_officer_names_nobody() -> None:
    s = state([], returning_officer="rita")
    [(_, msg, _)] = declared.returning_officer(s, {"kind": "council-election"})
    assert msg.startswith("the returning officer is nobody, but council.yaml names rita")


def test_pc_election_a_settled_record_is_not_held_to_todays_returning_officer() -> None:
    s = state([], returning_officer="rita")
    assert [i[0] for i in declared.issues(s, ELECTION, settled=False)] == ["PC-ELECTION"]
    assert declared.issues(s, ELECTION, settled=True) == []
    assert declared.issues(s, {**ELECTION, "kind": "lead-election"}, settled=False) == []


# --- PC-COI: candidates' affiliations against their member files ---------------------------------

def coi_state(affiliations: list[dict[str, Any]]) -> State:
    return state([person("amy")], files={"members/amy.yaml": {"login": "amy",
                                                             "affiliations": affiliations}})


def with_candidate(cand: dict[str, Any], **rest: Any) -> dict[str, Any]:
    return {**ELECTION, "candidates": [{"login": "nobody-here"}, "not a mapping", cand], **rest}


@pytest.mark.parametrize(("since", "held"), [
    ("2026-05-14", True), ("2026-05-15", True), ("2026-05-16", False), (None, True)])
def test_pc_coi_an_affiliation_held_when_nominations_closed_must_be_declared(since, held) -> None:
    aff = {"entity": "Acme Corp", "role": "employee", **({"since": since} if since else {})}
    got = declared.affiliations(coi_state([aff]), with_candidate({"login": "amy"}),
                                settled=False)
    if not held:
        assert got == []
        return
    dated = f" (since {since})" if since else ""
    assert got == [("PC-COI", f"amy's member file (members/amy.yaml) gives the affiliation Acme "
                    f"Corp (employee){dated}, which the record leaves out; a candidate's "
                    "affiliations are those of their member file when nominations closed on "
                    "2026-05-15: add it to candidates[2].affiliations", ("candidates", 2, "login"))]


def test_pc_coi_without_nomination_dates_the_voting_day_is_the_day() -> None:
    aff = {"entity": "Acme Corp", "role": "employee", "since": "2026-06-01"}
    record = {k: v for k, v in with_candidate({"login": "amy"}).items() if k != "nomination"}
    [(_, msg, _)] = declared.affiliations(coi_state([aff]), record, settled=False)
    assert msg.endswith(f"when nominations closed on {OPENS}: add it to candidates[2].affiliations")
    no_day = {k: v for k, v in record.items() if k != "voting"}
    [(_, msg, _)] = declared.affiliations(coi_state([aff]), no_day, settled=False)
    assert msg.endswith("when nominations closed: add it to candidates[2].affiliations")
    extra = {"login": "amy", "affiliations": [{"entity": "Beta", "role": "owner"}]}
    [_, (_, msg, _)] = declared.affiliations(coi_state([aff]), {**no_day, "candidates": [extra]},
                                             settled=False)
    assert msg.startswith("amy's affiliation Beta (owner) is not in their member file "
                          "(members/amy.yaml); a candidate's")


def test_pc_coi_declared_affiliations_compared_by_entity_spelling_and_role() -> None:
    s = coi_state([{"entity": "Acme  Corp", "role": "employee"}])
    same = {"login": "amy", "affiliations": [{"entity": "acme corp", "role": "employee"}]}
    assert declared.affiliations(s, with_candidate(same), settled=False) == []
    other_role = {"login": "amy", "affiliations": [{"entity": "Acme Corp", "role": "owner"},
                                                   "junk"]}
    got = declared.affiliations(s, with_candidate(other_role), settled=False)
    where = ("candidates", 2, "affiliations")
    assert [(r, w) for r, _, w in got] == [("PC-COI", where)] * 2
    assert got[0][1].startswith("amy's member file (members/amy.yaml) gives the affiliation "
                                "Acme  Corp (employee), which the record leaves out")
    assert got[1][1] == ("amy's affiliation Acme Corp (owner) is not in their member file "
                         "(members/amy.yaml) on 2026-05-15; a candidate's affiliations are those "
                         "of their member file when nominations closed: correct the record, or "
                         "the member file first")


def test_pc_coi_a_settled_record_is_held_only_to_dated_affiliations_it_leaves_out() -> None:
    s = coi_state([{"entity": "Acme Corp", "role": "employee"},
                   {"entity": "Beta Labs", "role": "owner", "since": "2026-01-01"}])
    cand = {"login": "amy", "affiliations": [{"entity": "Gamma Inc", "role": "employee"}]}
    got = declared.affiliations(s, with_candidate(cand), settled=True)
    assert [m.split(", which")[0] for _, m, _ in got] == [
        "amy's member file (members/amy.yaml) gives the affiliation Beta Labs (owner) "
        "(since 2026-01-01)"]
    assert len(declared.affiliations(s, with_candidate(cand), settled=False)) == 3
    assert [r for r, _, _ in declared.issues(s, with_candidate(cand), settled=True)] == ["PC-COI"]


def test_pc_coi_the_first_of_two_entries_for_one_affiliation_is_the_one_reported() -> None:
    s = coi_state([{"entity": "Acme Corp", "role": "employee", "since": "2026-01-01"},
                   {"entity": "Acme Corp", "role": "employee", "since": "2026-02-01"}])
    [(_, msg, _)] = declared.affiliations(s, with_candidate({"login": "amy"}), settled=False)
    assert "(since 2026-01-01)" in msg


def test_pc_coi_a_candidate_whose_member_file_is_not_loaded_is_left_to_known_people() -> None:
    s = state([person("amy")])  # amy's file is not among the loaded files
    assert declared.affiliations(s, with_candidate({"login": "amy"}), settled=False) == []
    odd = state([person("amy")], files={"members/amy.yaml": ["not", "a", "mapping"]})  # type: ignore[dict-item]
    assert declared.affiliations(odd, with_candidate({"login": "amy"}), settled=False) == []
