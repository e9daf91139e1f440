"""PC-COI cascade, PC-TERM cohorts and terms, PC-SIZE vacancies."""

from __future__ import annotations

import datetime as dt

from elections_helpers import ordered, policy

from charter.elections.council import Outcome, assign_seats, cascade, coi_entities
from charter.elections.star import Scores, star_rounds
from charter.elections.ties import Resolver


def emp(entity: str, role: str = "employee") -> list[dict[str, str]]:
    return [{"entity": entity, "role": role}]


def run(names: list[str], employers: dict[str, str], seats: int,
        sitting: dict[str, str] | None = None, **pol: object) -> Outcome:
    affs = {n: emp(e) for n, e in employers.items()}
    sit = {n: emp(e) for n, e in (sitting or {}).items()}
    rounds = star_rounds(Scores(ordered(names)), Resolver())
    return cascade(rounds, names, seats, affs, sit, policy(**pol))


def test_pc_coi_cascade_disqualifies_twice() -> None:
    names = ["n1", "n2", "n3", "n4", "n5", "n6", "n7"]
    emps = {"n1": "X", "n2": "X", "n3": "X", "n4": "Y", "n5": "X", "n6": "Z", "n7": "W"}
    out = run(names, emps, 5)
    assert out.elected == ["n1", "n2", "n4", "n6", "n7"]
    assert sum("was passed over" in line for line in out.log) == 2
    assert out.vacancies == 0
    assert out.order == names


def test_pc_coi_cascade_runs_out_seat_stays_vacant() -> None:
    names = ["a", "b", "c", "d", "e", "f"]
    emps = {"a": "X", "b": "X", "c": "X", "d": "X", "e": "Y", "f": "Z"}
    out = run(names, emps, 5)
    assert out.elected == ["a", "b", "e", "f"]
    assert out.vacancies == 1
    assert any("vacant" in line for line in out.log)


def test_pc_coi_cascade_runs_out_requalify_option() -> None:
    names = ["a", "b", "c", "d", "e", "f"]
    emps = {"a": "X", "b": "X", "c": "X", "d": "X", "e": "Y", "f": "Z"}
    out = run(names, emps, 5, coi_exhausted="requalify")
    assert out.elected == ["a", "b", "c", "e", "f"]  # c re-qualified first, in rank order
    assert out.vacancies == 0
    assert any("c re-qualified" in line for line in out.log)


def test_pc_coi_foundation_membership_is_exempt_but_directors_count() -> None:
    exempt = [{"entity": "Lumen Foundation", "roles": ["member"]}]
    pol = policy(coi_exempt=exempt)
    assert coi_entities(emp("Lumen Foundation", "member"), pol) == []
    assert coi_entities(emp("Lumen Foundation", "director"), pol) == ["Lumen Foundation"]
    names = ["a", "b", "c", "d", "e"]
    affs = {n: emp("Lumen Foundation", "member") for n in names}
    out = cascade(star_rounds(Scores(ordered(names)), Resolver()), names, 5, affs, {}, pol)
    assert out.elected == names
    affs["c"] = emp("Lumen Foundation", "director")
    affs["a"] = affs["b"] = emp("Lumen Foundation", "staff")
    out = cascade(star_rounds(Scores(ordered(names)), Resolver()), names, 3, affs, {}, pol)
    assert out.elected == ["a", "b", "d"]  # c would be the foundation's third seat


def test_pc_coi_sitting_members_count_in_a_cohort_election() -> None:
    names = ["x1", "y1", "z1", "w1"]
    emps = {"x1": "X", "y1": "Y", "z1": "Z", "w1": "W"}
    out = run(names, emps, 3, sitting={"s1": "X", "s2": "X"})
    assert out.elected == ["y1", "z1", "w1"]
    assert any("sitting member s1 counts toward X" in line for line in out.log)
    assert any(line.startswith("x1 ") and "was passed over: a third person from X" in line
               for line in out.log)


def test_pc_size_fewer_candidates_than_seats_leaves_vacancies() -> None:
    names = ["a", "b", "c"]
    out = run(names, {}, 5)
    assert out.elected == names and out.vacancies == 2
    seats = assign_seats(out.elected, "whole", 5, policy(), dt.date(2026, 6, 15))
    assert [(s.login, s.cohort) for s in seats] == [
        ("a", "A"), ("b", "A"), ("c", "B"), (None, "B"), (None, "B")]


def test_pc_size_exactly_as_many_candidates_as_seats_in_finishing_order() -> None:
    names = ["zoe", "amir", "lena", "bo", "cy"]  # not alphabetical: the count decides cohorts
    out = run(names, {}, 5)
    seats = assign_seats(out.elected, "whole", 5, policy(), dt.date(2026, 6, 15))
    assert [s.login for s in seats if s.cohort == "A"] == ["zoe", "amir"]


def test_pc_term_whole_council_and_cohort_terms() -> None:
    start = dt.date(2026, 6, 15)
    whole = assign_seats(["a", "b", "c", "d", "e"], "whole", 5, policy(), start)
    assert {(s.cohort, s.term_end) for s in whole} == {("A", "2028-06-15"), ("B", "2027-06-15")}
    cohort_b = assign_seats(["x", "y", "z"], "B", 3, policy(), dt.date(2027, 6, 20))
    assert {(s.cohort, s.term_start, s.term_end) for s in cohort_b} == {
        ("B", "2027-06-20", "2029-06-20")}
    leap = assign_seats(["x"], "A", 1, policy(), dt.date(2028, 2, 29))
    assert leap[0].term_end == "2030-02-28"
    provisional = assign_seats(["x"], "A", 1, policy(), None)
    assert provisional[0].term_start is None


def test_pc_election_tie_below_the_elected_does_not_stop_the_count() -> None:
    # a, b and e are clear; c and d are identical on every ballot, a tie no rule breaks, met
    # in round 3 (e against c or d) after both seats are filled
    from charter.elections.ballots import ScoreBallots

    names = ["a", "b", "e", "c", "d"]
    rows = [{"a": 5, "b": 4, "e": 3, "c": 1, "d": 1}, {"a": 4, "b": 3, "e": 2, "c": 0, "d": 0}]
    ballots = ScoreBallots.from_dicts(names, rows)
    out = cascade(star_rounds(Scores(ballots), Resolver()), names, 2, {}, {}, policy())
    assert out.elected == ["a", "b"]
    assert out.unplaced == ["e", "c", "d"]
    assert out.later_tie is not None and out.later_tie.round == 3


def test_pc_term_named_cohorts_stagger_in_the_policys_order() -> None:
    """Cohorts are any names in any number: in a whole-council election they fill in their
    order, the k-th of N serving (N - k) / N of a term; one cohort serves full terms."""
    start = dt.date(2026, 6, 15)
    one = assign_seats(["a", "b", "c", "d", "e"], "whole", 5,
                       policy(cohorts={"steering": 5}, term_years=1), start)
    assert {(s.cohort, s.term_end) for s in one} == {("steering", "2027-06-15")}
    three = assign_seats(["a", "b", "c", "d", "e", "f"], "whole", 6,
                         policy(seats=6, cohorts={"x": 2, "y": 2, "z": 2}, term_years=3), start)
    assert [(s.login, s.cohort, s.term_end) for s in three] == [
        ("a", "x", "2029-06-15"), ("b", "x", "2029-06-15"), ("c", "y", "2028-06-15"),
        ("d", "y", "2028-06-15"), ("e", "z", "2027-06-15"), ("f", "z", "2027-06-15")]
    # a vacancy left by too few candidates stays in its cohort
    short = assign_seats(["a"], "whole", 2, policy(seats=2, cohorts={"p": 1, "q": 1}), start)
    assert [(s.login, s.cohort) for s in short] == [("a", "p"), (None, "q")]
