"""Real election and vote records for the gate's fixture organisation.

Each builder writes ``election.yaml`` and ``ballots.csv`` and lets charter's own count render
``result.yaml`` (the same code ``charter election tally`` runs), so the gate is tested against
records that recount, never against hand-written results.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import yaml

from charter.elections.record import Record, count
from charter.policy import Policy

COMMUNITY = ["pat", "quin", "ros", "sam", "ivy", "jo", "kim", "mo", "ned", "tess"]


class _Plain(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def _record(ident: str, data: dict[str, Any], ballots: str, policy: dict[str, Any]
            ) -> dict[str, str]:
    raw = ballots.encode()
    data = {**data, "ballots_sha256": hashlib.sha256(raw).hexdigest()}
    c = count(Record(ident, data, raw), Policy.from_data(policy))
    assert c.result is not None and not c.errors, [p.message for p in c.problems]
    return {f"elections/{ident}/election.yaml": yaml.dump(data, Dumper=_Plain, sort_keys=False),
            f"elections/{ident}/ballots.csv": ballots,
            f"elections/{ident}/result.yaml": c.render()}


def _window(opens: str) -> dict[str, str]:
    day = dt.date.fromisoformat(opens)
    return {"opens": opens, "closes": (day + dt.timedelta(days=13)).isoformat()}


def council_election(policy: dict[str, Any], ident: str = "2026-council",
                     order: tuple[str, ...] = ("pat", "quin", "ros"),
                     finalised: str | None = "2026-06-15", scope: str = "whole",
                     sitting: tuple[str, ...] = (), returning_officer: str = "sam",
                     nomination: str = "2026-05-18", voting: str = "2026-06-01",
                     electorate: list[str] | None = None) -> dict[str, str]:
    """A Bloc STAR election whose finishing order is ``order``, voted by ``electorate`` (by
    default the whole community)."""
    electorate = electorate or COMMUNITY
    cands = list(order)
    rows = [",".join("5" if i <= k else "0" for i in range(len(cands))) for k in range(len(cands))]
    data: dict[str, Any] = {
        "kind": "council-election", "title": f"Council election {ident}",
        "returning_officer": returning_officer, "method": "bloc-star", "scope": scope,
        "seats": len(cands) if scope == "whole" else 1,
        "nomination": _window(nomination), "voting": _window(voting),
        "electorate": electorate, "participation": electorate[: len(rows)],
        "candidates": [{"login": c, "affiliations": [{"entity": f"Org {c}", "role": "employee"}]}
                       for c in cands],
    }
    if sitting:
        data["sitting"] = [{"login": s} for s in sitting]
    if finalised:
        data["finalised"] = finalised
    return _record(ident, data, ",".join(cands) + "\n" + "\n".join(rows) + "\n", policy)


def motion(policy: dict[str, Any], ident: str, mtype: str, *, subject: str | None = None,
           yes: int | None = None, no: int = 0, electorate: list[str] | None = None,
           finalised: str | None = "2026-10-24", opens: str = "2026-10-10",
           returning_officer: str = "sam", **extra: Any) -> dict[str, str]:
    """A motion (by default every elector votes yes); community motions are anonymous, council
    and core votes public."""
    public = mtype in ("member-remove", "council-vote", "vacancy", "lead-remove")
    voters = electorate or (["pat", "quin", "ros"] if public else COMMUNITY)
    kinds = ["yes"] * (len(voters) if yes is None else yes) + ["no"] * no
    if public:
        ballots = "voter,date,vote\n" + "".join(f"{v},{opens},{k}\n"
                                                for v, k in zip(voters, kinds, strict=False))
    else:
        ballots = "date,vote\n" + "".join(f"{opens},{k}\n" for k in kinds)
    m: dict[str, Any] = {"type": mtype, "text": f"{mtype} {subject or ''}".strip()}
    if subject:
        m["subject"] = subject
    if mtype in ("member-add", "no-confidence"):
        called = dt.date.fromisoformat(opens) - dt.timedelta(days=9)
        m["called"] = {"by": voters[0], "on": called.isoformat()}
        m["seconded"] = {"by": voters[1], "on": (called + dt.timedelta(days=7)).isoformat()}
    m.update(extra)
    data: dict[str, Any] = {"kind": "motion", "title": f"Vote {ident}",
                            "returning_officer": returning_officer, "method": "yes-no",
                            "motion": m, "voting": _window(opens), "electorate": voters}
    if not public:
        data["participation"] = voters[: len(kinds)]
    if finalised:
        data["finalised"] = finalised
    return _record(ident, data, ballots, policy)


def lead_election(policy: dict[str, Any], ident: str, winner: str, electorate: list[str],
                  finalised: str = "2026-10-24", returning_officer: str = "sam"
                  ) -> dict[str, str]:
    """An instant-runoff election among the core maintainers that ``winner`` wins outright."""
    cands = [winner, *(x for x in electorate if x != winner)][:2]
    rows = ["1,2"] * len(electorate)
    data = {"kind": "lead-election", "title": f"Lead election {ident}",
            "returning_officer": returning_officer, "method": "instant-runoff",
            "voting": _window("2026-10-10"), "electorate": electorate,
            "participation": electorate, "candidates": [{"login": c} for c in cands],
            "finalised": finalised}
    return _record(ident, data, ",".join(cands) + "\n" + "\n".join(rows) + "\n", policy)
