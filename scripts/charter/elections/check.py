"""What ``charter check`` verifies about ``elections/``: every record recounts to its committed
result, its ballots match their sha256, and council.yaml (and the lead in core.yaml) agree with
the latest certified results.

The council is replayed from the certified records in the order they were finalised: a
whole-council election replaces every seat, a cohort election replaces that cohort, a passed
no-confidence vote or member removal empties a seat (a whole-council no-confidence vote empties
them all), and a passed PC-VACANCY vote fills a seat for the rest of its term.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from charter import yamlio
from charter.elections.record import Count, Problem, count, read_record
from charter.errors import YamlError
from charter.findings import Finding, Severity
from charter.model import Resignation, State
from charter.suggest import did_you_mean
from charter.tree import FsTree, Tree


def verify(root: Path, state: State) -> list[Finding]:
    """PC-ELECTION and friends: the ``charter check`` hook."""
    return verify_tree(FsTree(root), state)


def count_all(tree: Tree, state: State) -> list[Count]:
    return [count(read_record(tree, eid, data), state.policy, state)
            for eid, data in sorted(state.elections.items())]


def verify_tree(tree: Tree, state: State) -> list[Finding]:
    out: list[Finding] = list(stray_records(tree))
    counts = count_all(tree, state)
    for c in counts:
        out.extend(_problem_findings(state, c))
        if c.result is None:
            continue
        out.extend(_compare_result(tree, c))
    out.extend(known_people(state))
    out.extend(membership_effects(state, counts))
    out.extend(council_matches(state, counts))
    out.extend(dissolved_needs_election(state, counts))
    out.extend(lead_matches(state, counts))
    out.extend(open_records(state, counts))
    return out


def open_records(state: State, counts: list[Count]) -> list[Finding]:
    """A record still open (no ballots committed) after its voting window closed: the count is
    due (time passes: ``CHARTER_TODAY`` sets the day in tests)."""
    from charter.rules import today

    now = today().isoformat()
    out = []
    for c in counts:
        d = c.record.data
        closes = str((d.get("voting") or {}).get("closes") or "")
        if c.record.ballots is None and not d.get("finalised") and "ballots_sha256" not in d \
                and closes and closes < now:
            line, col = state.at(c.record.file, "voting", "closes")
            out.append(Finding(c.record.file, line, col, c.rule,
                               f"voting closed on {closes}: commit the ballots and count them "
                               f"(charter election ballots {c.record.id} FILE, then charter "
                               f"election certify {c.record.id})", Severity.WARNING))
    return out


RECORD_FILES = ("election.yaml", "ballots.csv", "result.yaml", "README.md")


def stray_records(tree: Tree) -> list[Finding]:
    """Every directory under elections/ is a record with a definition; nothing else is there."""
    out = []
    dirs: set[str] = set()
    for p in tree.files("elections"):
        parts = p.split("/")
        if len(parts) == 2:
            continue  # elections/README.md and the like
        dirs.add(parts[1])
        if len(parts) != 3 or parts[2] not in RECORD_FILES:
            out.append(Finding(p, 0, 0, "PC-ELECTION",
                               "unexpected file; a record holds election.yaml, ballots.csv and "
                               "the generated result.yaml", Severity.WARNING))
    for d in sorted(dirs):
        if not tree.exists(f"elections/{d}/election.yaml"):
            out.append(Finding(f"elections/{d}", 0, 0, "PC-ELECTION",
                               "a record without election.yaml cannot be counted; add its "
                               "definition"))
    return out


def _problem_findings(state: State, c: Count) -> list[Finding]:
    out = []
    for p in c.problems:
        out.append(problem_finding(state, c, p))
    return out


def problem_finding(state: State, c: Count, p: Problem) -> Finding:
    if p.path:
        return Finding(p.path, p.line, p.col, p.rule, p.message, p.severity)
    line, col = state.at(c.record.file, *p.where) if p.where else (1, 1)
    return Finding(c.record.file, line, col, p.rule, p.message, p.severity)


def _compare_result(tree: Tree, c: Count) -> list[Finding]:
    path = c.record.result_path
    fix = f"run: charter election tally {c.record.dir}"
    if not tree.exists(path):
        return [Finding(path, 0, 0, c.rule, f"the result file is missing; {fix}")]
    try:
        committed = tree.read(path)
    except OSError as exc:
        return [Finding(path, 1, 1, c.rule, f"the result file cannot be read "
                        f"({exc.strerror or exc}); it is a regular file, not a link: {fix}")]
    expected = c.render()
    if committed == expected.encode("utf-8"):
        return []
    try:
        old = yamlio.loads(committed)
    except YamlError as exc:
        return [Finding(path, exc.line, exc.col, c.rule,
                        f"the result file cannot be read ({exc.message}); {fix}")]
    new = yamlio.loads(expected.encode("utf-8"))
    key = _first_difference(old, new)
    if key is None:
        return [Finding(path, 1, 1, c.rule, f"the result file is not in its generated form; {fix}")]
    where = tuple(key)
    line, col = yamlio.position(committed, where)
    shown = ".".join(str(k) for k in key) or "the file"
    return [Finding(path, line, col, c.rule,
                    f"the committed result differs from the recount at {shown}: committed "
                    f"{_short(_get(old, key))}, recounted {_short(_get(new, key))}; {fix}")]


def _first_difference(a: Any, b: Any,
                      path: list[str | int] | None = None) -> list[str | int] | None:
    path = path or []
    if isinstance(a, dict) and isinstance(b, dict):
        for k in list(b) + [k for k in a if k not in b]:
            if k not in a or k not in b:
                return [*path, k]
            d = _first_difference(a[k], b[k], [*path, k])
            if d is not None:
                return d
        return None
    if isinstance(a, list) and isinstance(b, list):
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            d = _first_difference(x, y, [*path, i])
            if d is not None:
                return d
        return None if len(a) == len(b) else [*path, min(len(a), len(b))]
    return None if a == b else path


def _get(data: Any, key: list[str | int]) -> Any:
    for k in key:
        try:
            data = data[k]
        except (KeyError, IndexError, TypeError):
            return "(absent)"
    return data


def _short(v: Any) -> str:
    s = repr(v)
    return s if len(s) <= 80 else s[:77] + "..."


def _certified(counts: list[Count]) -> list[Count]:
    done = [c for c in counts if c.result is not None and c.result.get("certified")
            and not c.errors]
    return sorted(done, key=lambda c: (c.result["finalised"], c.record.id))  # type: ignore[index]


def expected_council(counts: list[Count],
                     issues: list[tuple[Count, str, tuple[str | int, ...]]] | None = None,
                     resigned: tuple[Resignation, ...] = (),
                     ) -> tuple[dict[str, dict[str, Any]], bool]:
    """The seats the certified records give, by lowercase login; and whether any council
    election has been certified at all. A seat whose member ``resigned`` (council.yaml) is
    empty from that day: the election that filled it does not give it again.

    With ``issues``, also collects records that contradict the council of their day: a cohort
    election whose ``sitting`` members are not the other cohorts' seats, or a council vote whose
    electorate is not the sitting council.
    """
    seats: dict[str, dict[str, Any]] = {}
    vacated: dict[str, dict[str, Any]] = {}  # seats emptied by a vote, for their replacements
    empty: list[dict[str, Any]] = []  # seats an election left vacant (cohort, term_end)
    any_election = False
    pending = sorted(resigned, key=lambda x: x.date)

    def resign(before: str | None) -> None:
        while pending and (before is None or pending[0].date < before):
            gone = pending.pop(0)
            held = seats.get(gone.login.lower())
            if held is not None and held.get("elected_in") == gone.elected_in:
                vacated[gone.login.lower()] = seats.pop(gone.login.lower())

    for c in _certified(counts):
        r = c.result
        assert r is not None
        d = c.record.data
        resign(str(r["finalised"]))
        if issues is not None and any_election:
            _consistent(c, seats, vacated, empty, issues)
        if r["kind"] == "council-election":
            any_election = True
            if r["scope"] == "whole":
                seats, vacated, empty = {}, {}, []
            else:
                seats = {k: v for k, v in seats.items() if v["cohort"] != r["scope"]}
                vacated = {k: v for k, v in vacated.items() if v["cohort"] != r["scope"]}
                empty = [v for v in empty if v["cohort"] != r["scope"]]
            for s in r["elected"]:
                seats[s["login"].lower()] = dict(s)
            empty.extend(dict(v) for v in r.get("vacancies") or () if v.get("term_end"))
        elif r["kind"] == "motion" and r["passed"]:
            m = d["motion"]
            subject = (m.get("subject") or "").lower()
            if r["type"] == "no-confidence" and subject == "council":
                seats, vacated, empty = {}, {}, []
            elif r["type"] in ("no-confidence", "member-remove"):
                if subject in seats:
                    vacated[subject] = seats.pop(subject)
            elif r["type"] == "vacancy":
                rep = m.get("replaces") or {}
                low = str(rep.get("login") or "").lower()
                # a replacement serves out the original term (PC-TERM)
                orig = (seats.pop(low, None) or vacated.pop(low, None) or {}) if low else \
                    _take_empty(empty, rep)
                if m.get("appointee"):
                    seats[m["appointee"].lower()] = {
                        "login": m["appointee"], "cohort": orig.get("cohort", rep.get("cohort")),
                        "term_start": r["finalised"],
                        "term_end": orig.get("term_end", rep.get("term_end")),
                        "elected_in": c.record.id, "replaces": rep.get("login"),
                    }
    resign(None)
    return seats, any_election


def _take_empty(empty: list[dict[str, Any]], rep: dict[str, Any]) -> dict[str, Any]:
    """Remove and return the empty seat of ``rep``'s cohort and term ({} when there is none)."""
    for i, v in enumerate(empty):
        if (v.get("cohort"), v.get("term_end")) == (rep.get("cohort"), rep.get("term_end")):
            return empty.pop(i)
    return {}


def _consistent(c: Count, seats: dict[str, dict[str, Any]], vacated: dict[str, dict[str, Any]],
                empty: list[dict[str, Any]],
                issues: list[tuple[Count, str, tuple[str | int, ...]]]) -> None:
    d, r = c.record.data, c.result
    assert r is not None
    if r["kind"] == "council-election" and r["scope"] != "whole":
        # logins compare without regard to case, so they are sorted that way too
        want = sorted((v["login"] for v in seats.values() if v["cohort"] != r["scope"]),
                      key=str.lower)
        have = sorted((x["login"] for x in d.get("sitting", [])), key=str.lower)
        if [x.lower() for x in want] != [x.lower() for x in have]:
            issues.append((c, f"sitting members are {', '.join(have) or 'none'}, but the "
                           f"certified council of the day had {', '.join(want) or 'none'} "
                           f"outside cohort {r['scope']}", ("sitting",)))
    elif r["kind"] == "motion" and r["type"] in ("member-remove", "council-vote", "vacancy"):
        want = sorted(v["login"].lower() for v in seats.values())
        have = sorted(x.lower() for x in d.get("electorate", []))
        # the member whose seat a vacancy vote fills may have resigned (a resignation is no
        # vote: it only empties the seat), so the electorate may leave them out
        gone = str(((d.get("motion") or {}).get("replaces") or {}).get("login") or "").lower()
        if r["type"] == "vacancy" and gone in want and gone not in have:
            want.remove(gone)
        if want != have:
            issues.append((c, f"the electorate of a council vote is the sitting council "
                           f"({', '.join(want) or 'none'})", ("electorate",)))
    subject = str((d.get("motion") or {}).get("subject") or "")
    if (r["kind"] == "motion" and r["type"] == "no-confidence" and subject
            and subject.lower() != "council" and subject.lower() not in seats):
        issues.append((c, f"{subject} holds no seat in the certified council of the day; a "
                       "vote of no confidence is in a sitting council member or the whole "
                       "council", ("motion", "subject")))
    if r["kind"] == "motion" and r["type"] == "vacancy":
        rep = d["motion"].get("replaces") or {}  # a motion's result: its record has one
        login = str(rep.get("login") or "")
        orig = seats.get(login.lower()) or vacated.get(login.lower())
        if not login:
            if not any((v.get("cohort"), v.get("term_end")) == (rep.get("cohort"),
                                                                 rep.get("term_end"))
                       for v in empty):
                left = ", ".join(f"cohort {v.get('cohort')} until {v.get('term_end')}"
                                 for v in empty) or "none"
                issues.append((c, f"no vacant seat in cohort {rep.get('cohort')} until "
                               f"{rep.get('term_end')} in the certified council of the day "
                               f"(seats left vacant by elections: {left}); name the member "
                               "whose seat is filled in replaces.login",
                               ("motion", "replaces")))
        elif orig is None:
            issues.append((c, f"{login} holds no seat in the certified council of the day; a "
                           "vacancy is filled in the seat it leaves", ("motion", "replaces")))
        elif (orig.get("cohort"), orig.get("term_end")) != (rep.get("cohort"),
                                                             rep.get("term_end")):
            issues.append((c, f"{login}'s seat is cohort {orig.get('cohort')} until "
                           f"{orig.get('term_end')}; the replacement serves out that term "
                           f"(PC-TERM), not cohort {rep.get('cohort')} until "
                           f"{rep.get('term_end')}", ("motion", "replaces")))


def council_matches(state: State, counts: list[Count]) -> list[Finding]:
    """council.yaml holds exactly the seats the latest certified results give."""
    issues: list[tuple[Count, str, tuple[str | int, ...]]] = []
    seats, any_election = expected_council(counts, issues, state.council.resigned)
    if not any_election and not state.council.seats:
        return []  # no council yet
    path = state.council.file
    out: list[Finding] = []
    for c, message, where in issues:
        line, col = state.at(c.record.file, *where)
        out.append(Finding(c.record.file, line, col, c.rule, message))
    listed = {s.login.lower(): (i, s) for i, s in enumerate(state.council.seats)}
    pending = _not_yet_applied(state, counts, seats)
    if pending is not None:
        if pending:
            ids = [c.record.id for c in pending]
            line, col = state.at(path, "seats")
            out.append(Finding(path, line, col, pending[-1].rule,
                               f"{', '.join('elections/' + x for x in ids)} certified, but "
                               "council.yaml does not hold its seats yet: run charter council "
                               f"apply {ids[-1]}", Severity.WARNING))
        return out
    for low, (i, s) in listed.items():
        want = seats.get(low)
        if want is None:
            line, col = state.at(path, "seats", i, "login")
            out.append(Finding(path, line, col, "PC-ELECTION",
                               f"{s.login} holds a seat that no certified election or vote in "
                               "elections/ gives; record the election or vote, or remove the seat"))
            continue
        for key in ("cohort", "term_start", "term_end", "elected_in"):
            have = getattr(s, key)
            if want.get(key) != have:
                line, col = state.at(path, "seats", i, key)
                out.append(Finding(path, line, col, "PC-ELECTION",
                                   f"{s.login}'s {key} is {have!r}; the certified result of "
                                   f"elections/{want['elected_in']} gives {want.get(key)!r}"))
    for low, want in sorted(seats.items()):
        if low not in listed:
            line, col = state.at(path, "seats")
            out.append(Finding(path, line, col, "PC-ELECTION",
                               f"{want['login']} was elected in elections/{want['elected_in']} "
                               f"(cohort {want['cohort']} until {want['term_end']}) but has no "
                               "seat in council.yaml; add the seat (a resignation leaves it empty "
                               "without a vote)", Severity.WARNING))
    return out


_SEAT_KEYS = ("cohort", "term_start", "term_end", "elected_in")


def _holds(state: State, seats: dict[str, dict[str, Any]]) -> bool:
    """council.yaml lists exactly ``seats`` (logins ignore case)."""
    listed = {s.login.lower(): s for s in state.council.seats}
    return listed.keys() == seats.keys() and all(
        getattr(s, k) == seats[low].get(k) for low, s in listed.items() for k in _SEAT_KEYS)


def _not_yet_applied(state: State, counts: list[Count],
                     seats: dict[str, dict[str, Any]]) -> list[Count] | None:
    """The certified records council.yaml does not reflect yet, when it holds the seats an
    earlier point of the certified history gives ([] when it is up to date; None when it matches
    no point of that history, which the caller reports seat by seat).

    A result takes effect by a pull request of its own after its certification has merged, so
    between the two council.yaml lags behind: that is a step still to take (a warning naming
    ``charter council apply``), not an error that would block the certification itself.
    """
    if _holds(state, seats):
        return []
    done = _certified(counts)
    for k in range(len(done) - 1, -1, -1):
        earlier, any_election = expected_council(done[:k], resigned=state.council.resigned)
        if (any_election or not state.council.seats) and _holds(state, earlier):
            return [c for c in done[k:] if _changes_seats(c)]
    return None


def _changes_seats(c: Count) -> bool:
    r = c.result or {}
    return r.get("kind") == "council-election" or (
        r.get("kind") == "motion" and bool(r.get("passed"))
        and r.get("type") in ("no-confidence", "member-remove", "vacancy"))


def known_people(state: State) -> list[Finding]:
    """Everyone a record names (electorate, voters, candidates, sitting members) has a member
    file: logins are snapshots of real people, never free text."""
    out = []
    for eid, d in sorted(state.elections.items()):
        path = f"elections/{eid}/election.yaml"
        named: list[tuple[str, tuple[str | int, ...]]] = []
        for key in ("electorate", "participation"):
            named += [(x, (key, i)) for i, x in enumerate(d.get(key, []))]
        for key in ("candidates", "sitting"):
            named += [(x["login"], (key, i, "login")) for i, x in enumerate(d.get(key, []))]
        named.append((d.get("returning_officer") or "", ("returning_officer",)))
        for who, where in named:
            if who and state.member(who) is None:
                line, col = state.at(path, *where)
                hint = did_you_mean(who, list(state.members))  # none matches who, in any case
                out.append(Finding(path, line, col, "PC-ELECTION",
                                   f"{who} has no member file; a record names members by "
                                   f"login{hint}"))
    return out


def membership_effects(state: State, counts: list[Count]) -> list[Finding]:
    """A passed PC-MEMBER-ADD shows in the member's community block; a passed PC-MEMBER-REMOVE
    records the removal date."""
    out = []
    for c in _certified(counts):
        r = c.result
        assert r is not None
        if r["kind"] != "motion" or not r["passed"] or r["type"] not in ("member-add",
                                                                          "member-remove"):
            continue
        who = str(c.record.data["motion"].get("subject", ""))
        m = state.member(who)
        if m is None:
            continue  # reported by known_people when named; a subject may be new
        com = m.community or {}
        if r["type"] == "member-add" and not com:
            out.append(Finding(m.file, *state.at(m.file, "login"), r["rule"],
                               f"elections/{c.record.id} admitted {who} on {r['finalised']}; add "
                               f"community: {{since: '{r['finalised']}', admitted_by: "
                               f"elections/{c.record.id}}}", Severity.WARNING))
        if r["type"] == "member-remove" and not com.get("removed"):
            out.append(Finding(m.file, *state.at(m.file, "community"), r["rule"],
                               f"elections/{c.record.id} removed {who} from the community on "
                               f"{r['finalised']}; record community.removed", Severity.WARNING))
    return out


def dissolved_needs_election(state: State, counts: list[Count]) -> list[Finding]:
    """PC-NO-CONFIDENCE: a passed whole-council vote is followed by a new council election."""
    done = _certified(counts)
    out = []
    for c in done:
        r = c.result
        assert r is not None
        m = c.record.data.get("motion") or {}
        if not (r["kind"] == "motion" and r["passed"] and r["type"] == "no-confidence"
                and str(m.get("subject")).lower() == "council"):
            continue
        later = [x for x in counts if x.record.data.get("kind") == "council-election"
                 and x.record.data.get("scope", "whole") == "whole"
                 and str(x.record.data.get("voting", {}).get("opens", "")) >= r["finalised"]]
        if not later:
            line, col = state.at(c.record.file, "motion", "subject")
            out.append(Finding(c.record.file, line, col, "PC-NO-CONFIDENCE",
                               f"the council was dissolved on {r['finalised']}; a new "
                               "whole-council election starts immediately: record it in "
                               "elections/", Severity.WARNING))
    return out


def lead_matches(state: State, counts: list[Count]) -> list[Finding]:
    """GOV-LEAD-ELECT: a lead recorded as elected in elections/<id> is that election's winner;
    GOV-LEAD-REMOVE: a lead removed by a certified vote is not the lead any more (unless a later
    lead election chose them again)."""
    return [*_lead_removed(state, counts), *_lead_elected(state, counts)]


def _lead_removed(state: State, counts: list[Count]) -> list[Finding]:
    events = [c for c in _certified(counts) if c.result is not None and (
        c.result["kind"] == "lead-election"
        or (c.result["kind"] == "motion" and c.result["type"] == "lead-remove"
            and c.result["passed"]))]
    if not events:
        return []
    c = events[-1]
    assert c.result is not None
    if c.result["kind"] != "motion":
        return []
    subject = str((c.record.data.get("motion") or {}).get("subject") or "")
    if not state.core.lead or state.core.lead.lower() != subject.lower():
        return []
    line, col = state.at(state.core.file, "lead")
    # a warning: the certification merges first, the change of lead follows in its own pull
    # request (as a council result is applied after its certification)
    return [Finding(state.core.file, line, col, "GOV-LEAD-REMOVE",
                    f"elections/{c.record.id} removed {subject} as lead on "
                    f"{c.result['finalised']}; the core maintainers elect a new lead "
                    "(GOV-LEAD-ELECT): name them, or leave the post vacant until then "
                    "(charter core lead --vacant)", Severity.WARNING)]


def _lead_elected(state: State, counts: list[Count]) -> list[Finding]:
    eid = state.core.lead_elected_in
    if not eid:
        return []
    path = state.core.file
    line, col = state.at(path, "lead_elected_in")
    for c in counts:
        if c.record.id != eid:
            continue
        r = c.result
        if r is None or r.get("kind") != "lead-election":
            return [Finding(path, line, col, "GOV-LEAD-ELECT",
                            f"elections/{eid} is not a counted lead election")]
        if c.errors:
            return [Finding(path, line, col, "GOV-LEAD-ELECT",
                            f"elections/{eid} has errors (reported at {c.record.file}); a lead "
                            "is elected by a valid record: correct it first")]
        if not r.get("certified"):
            return [Finding(path, line, col, "GOV-LEAD-ELECT",
                            f"elections/{eid} is not certified yet (no finalised date)")]
        if (state.core.lead or "").lower() != str(r.get("winner")).lower():
            line, col = state.at(path, "lead")
            return [Finding(path, line, col, "GOV-LEAD-ELECT",
                            f"the lead is {state.core.lead}, but elections/{eid} elected "
                            f"{r.get('winner')}")]
        return []
    return [Finding(path, line, col, "GOV-LEAD-ELECT", f"no election record elections/{eid}")]
