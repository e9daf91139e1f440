"""Motions and formal votes, with integer thresholds and exact boundaries.

Every threshold is ``charter.policy.more_than`` or ``at_least`` over whole numbers of votes, so
"at least two thirds of 9 votes" is exactly 6 and "a majority of 8" exactly 5.

=================  ================  ====================================================
type               rule              passes when
=================  ================  ====================================================
member-add         PC-MEMBER-ADD     yes > half of the votes cast; quorum: participants
                                     >= ``member_add_quorum`` (1/2) of the electorate
no-confidence      PC-NO-CONFIDENCE  yes >= 2/3 of the votes cast (or of all electors with
                                     ``no_confidence_denominator: electors``); quorum 1/2
amend              PC-AMEND          yes >= ``amend_fraction`` (2/3) of the votes cast
member-remove      PC-MEMBER-REMOVE  yes >= 2/3 of the council (4 of 5)
lead-remove        GOV-LEAD-REMOVE   yes >= ``lead_removal_fraction`` (3/4) of the core
                                     maintainers
council-vote       PC-VOTE           yes > half of the non-abstaining council members
vacancy            PC-VACANCY        as PC-VOTE; members out of touch for a month or more
                                     count as abstaining
=================  ================  ====================================================

Votes cast are yes plus no; an abstention counts toward a quorum but not toward a threshold.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from charter.elections.ballots import MotionBallots
from charter.policy import Policy, at_least, more_than

RULE = {
    "member-add": "PC-MEMBER-ADD",
    "no-confidence": "PC-NO-CONFIDENCE",
    "amend": "PC-AMEND",
    "member-remove": "PC-MEMBER-REMOVE",
    "lead-remove": "GOV-LEAD-REMOVE",
    "council-vote": "PC-VOTE",
    "vacancy": "PC-VACANCY",
}
COMMUNITY = ("member-add", "no-confidence", "amend")
COUNCIL = ("member-remove", "council-vote", "vacancy")
CALLED = ("member-add", "no-confidence")
SUBJECT = ("member-add", "no-confidence", "member-remove", "lead-remove")


@dataclass
class MotionResult:
    """The count of one motion, and every problem found with its record."""

    type: str
    rule: str
    electorate: int
    yes: int = 0
    no: int = 0
    abstain: int = 0
    rejected: list[dict[str, Any]] = field(default_factory=list)
    quorum_needed: int | None = None
    threshold_needed: int = 0
    threshold_of: str = ""
    passed: bool = False
    notes: list[str] = field(default_factory=list)
    problems: list[tuple[str, tuple[str | int, ...]]] = field(default_factory=list)

    @property
    def participants(self) -> int:
        return self.yes + self.no + self.abstain

    @property
    def cast(self) -> int:
        return self.yes + self.no

    def as_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "type": self.type,
            "rule": self.rule,
            "electorate": self.electorate,
            "yes": self.yes,
            "no": self.no,
            "abstain": self.abstain,
            "rejected": self.rejected,
        }
        if self.quorum_needed is not None:
            d["quorum"] = {"needed": self.quorum_needed, "participated": self.participants,
                           "met": self.participants >= self.quorum_needed}
        d["threshold"] = {"needed": self.threshold_needed, "of": self.threshold_of}
        d["passed"] = self.passed
        if self.notes:
            d["notes"] = self.notes
        return d


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def check_windows(d: dict[str, Any], policy: Policy, res: MotionResult) -> None:
    """The call seconded within ``second_within_days``; the vote open exactly ``vote_days``."""
    m = d.get("motion", {})
    mtype = m.get("type")
    voting = d.get("voting", {})
    opens, closes = _date(voting.get("opens")), _date(voting.get("closes"))
    if opens and closes and closes < opens:
        res.problems.append((f"the vote closes ({closes}) before it opens ({opens})",
                             ("voting", "closes")))
    if mtype in CALLED:
        called, seconded = m.get("called"), m.get("seconded")
        if not called or not seconded:
            res.problems.append(("the vote is called by one member and seconded by another; "
                                 "record motion.called and motion.seconded", ("motion",)))
        else:
            days = int(policy.get("council.second_within_days"))
            c_on, s_on = _date(called["on"]), _date(seconded["on"])
            assert c_on and s_on
            voters = {x.lower() for x in d.get("electorate", [])}
            for key, act in (("called", called), ("seconded", seconded)):
                if act["by"].lower() not in voters:
                    res.problems.append((f"{act['by']} is not in the electorate; a community "
                                         "member calls or seconds the vote",
                                         ("motion", key, "by")))
            if called["by"].lower() == seconded["by"].lower():
                res.problems.append(("the seconder must be another member than the caller",
                                     ("motion", "seconded", "by")))
            if s_on < c_on or (s_on - c_on).days > days:
                res.problems.append((f"seconded {(s_on - c_on).days} days after the call; it must "
                                     f"be seconded within {days} days",
                                     ("motion", "seconded", "on")))
            if opens and opens < s_on:
                res.problems.append(("the vote opens before the call was seconded",
                                     ("voting", "opens")))
    if mtype in COMMUNITY and opens and closes:
        days = int(policy.get("council.vote_days"))
        length = (closes - opens).days + 1
        if length != days:
            res.problems.append((f"the vote is open {length} days ({opens} to {closes} inclusive); "
                                 f"it lasts {days} days", ("voting", "closes")))


def count_motion(d: dict[str, Any], ballots: MotionBallots, policy: Policy,
                 voters: tuple[str, ...] | None = None) -> MotionResult:
    """Count a motion's ballots against its rule; problems are recorded, not raised.

    ``voters`` is the electorate of the day (:mod:`charter.elections.day`) when it is known: a
    quorum or a threshold over the electorate is counted over it, and a public ballot is
    accepted from it, whatever the record's own list says. Without it, the record's list."""
    m = d["motion"]
    mtype = m["type"]
    electorate = [x.lower() for x in (d.get("electorate", []) if voters is None else voters)]
    res = MotionResult(mtype, RULE[mtype], len(electorate))
    check_windows(d, policy, res)
    if mtype in SUBJECT and not m.get("subject"):
        res.problems.append((f"a {mtype} motion names the person it is about: record "
                             "motion.subject" + (" ('council' for the whole council)"
                                                 if mtype == "no-confidence" else ""),
                             ("motion",)))
    if mtype == "vacancy" and not (m.get("appointee") and m.get("replaces")):
        res.problems.append(("a vacancy vote names who is appointed and whose seat they fill: "
                             "record motion.appointee and motion.replaces", ("motion",)))
    voting = d.get("voting", {})
    opens, closes = _date(voting.get("opens")), _date(voting.get("closes"))
    named = mtype in COUNCIL or mtype == "lead-remove"
    if named and not ballots.named:
        res.problems.append(("a council or core-maintainer vote is public: ballots.csv has the "
                             "header voter,date,vote", ("motion", "type")))
    if not named and ballots.named:
        res.problems.append(("a community vote is anonymous: ballots.csv has the header "
                             "date,vote and participation lists who voted", ("motion", "type")))
    voted: dict[str, str] = {}
    for v in ballots.votes:
        if opens and closes and not (opens <= v.date <= closes):
            res.rejected.append({"line": v.line, "date": v.date.isoformat(),
                                 "reason": f"cast outside the window {opens} to {closes}"})
            continue
        if v.voter is not None:
            who = v.voter.lower()
            if who not in electorate:
                res.rejected.append({"line": v.line, "date": v.date.isoformat(),
                                     "reason": f"{v.voter} is not in the electorate"})
                continue
            if who in voted:
                res.problems.append((f"{v.voter} has two ballots (line {v.line}); one each",
                                     ("motion",)))
                continue
            voted[who] = v.vote
        if v.vote == "yes":
            res.yes += 1
        elif v.vote == "no":
            res.no += 1
        else:
            res.abstain += 1
    if not ballots.named:
        part = d.get("participation", [])
        if len(part) != len(ballots.votes):
            res.problems.append((f"participation lists {len(part)} voters but ballots.csv holds "
                                 f"{len(ballots.votes)} ballots", ("participation",)))
    if mtype in COUNCIL:
        _council_vote_rules(d, policy, res, voted, electorate, opens)
    _threshold(mtype, policy, res)
    return res


def _council_vote_rules(d: dict[str, Any], policy: Policy, res: MotionResult,
                        voted: dict[str, str], electorate: list[str],
                        opens: dt.date | None) -> None:
    """PC-VOTE: every member votes or abstains; conflicted members abstain; PC-VACANCY's absent."""
    m = d["motion"]
    conflicted = {x.lower() for x in m.get("conflicted", [])}
    for who in sorted(conflicted):
        if voted.get(who) in ("yes", "no"):
            res.problems.append((f"{who} has a conflict of interest and must abstain, but voted "
                                 f"{voted[who]}", ("motion", "conflicted")))
    absent: set[str] = set()
    for i, o in enumerate(m.get("out_of_touch", [])):
        since = dt.date.fromisoformat(o["since"])
        absent.add(o["login"].lower())
        days = int(policy.get("council.out_of_touch_days"))
        if m["type"] != "vacancy":
            res.problems.append(("only a PC-VACANCY vote counts an out-of-touch member as "
                                 "abstaining", ("motion", "out_of_touch", i)))
        elif opens and (opens - since).days < days:
            res.problems.append((f"{o['login']} has been out of touch {(opens - since).days} days "
                                 f"when the vote opens; it takes {days}",
                                 ("motion", "out_of_touch", i, "since")))
        if o["login"].lower() in voted:
            res.problems.append((f"{o['login']} voted, so is not out of touch",
                                 ("motion", "out_of_touch", i)))
    for who in electorate:
        if who in voted:
            continue
        if who in absent:
            res.abstain += 1
            res.notes.append(f"{who} is out of touch and counted as abstaining (PC-VACANCY)")
        else:
            res.problems.append((f"{who} neither voted nor abstained; every council member votes "
                                 "or explicitly abstains (PC-VOTE)", ("electorate",)))


def _threshold(mtype: str, policy: Policy, res: MotionResult) -> None:
    frac = policy.fraction
    n = res.electorate
    if mtype == "member-add":
        res.quorum_needed = at_least(frac("council.member_add_quorum"), n)
        res.threshold_needed = more_than(Fraction(1, 2), res.cast)
        res.threshold_of = f"more than half of {res.cast} votes cast"
    elif mtype == "no-confidence":
        res.quorum_needed = at_least(frac("council.no_confidence_quorum"), n)
        f = frac("council.no_confidence_fraction")
        if policy.get("council.no_confidence_denominator") == "electors":
            res.threshold_needed = at_least(f, n)
            res.threshold_of = f"at least {f} of {n} electors"
        else:
            res.threshold_needed = at_least(f, res.cast)
            res.threshold_of = f"at least {f} of {res.cast} votes cast"
    elif mtype == "amend":
        f = frac("council.amend_fraction")
        res.threshold_needed = at_least(f, res.cast)
        res.threshold_of = f"at least {f} of {res.cast} votes cast"
    elif mtype == "member-remove":
        f = frac("council.member_remove_fraction")
        res.threshold_needed = at_least(f, n)
        res.threshold_of = f"at least {f} of the {n} council members"
    elif mtype == "lead-remove":
        f = frac("governance.lead_removal_fraction")
        res.threshold_needed = at_least(f, n)
        res.threshold_of = f"at least {f} of the {n} core maintainers"
    else:  # council-vote, vacancy
        res.threshold_needed = more_than(Fraction(1, 2), res.cast)
        res.threshold_of = f"more than half of {res.cast} non-abstaining members"
    met_quorum = res.quorum_needed is None or res.participants >= res.quorum_needed
    # a threshold over zero votes needs at least one yes: "more than half of nothing" never passes
    res.passed = met_quorum and res.yes >= max(res.threshold_needed, 1)
