"""``charter election``: count an election or vote, record a tie's resolution, print the roll.

* ``charter election tally elections/<id>`` recounts the ballots, writes ``result.yaml`` beside
  them and prints the report (``--check`` only compares; ``--format json`` prints the result);
* ``charter election resolve-tie elections/<id> --agree A,B`` or ``--seed SEED`` records how the
  tie that stopped the count is resolved, so every later count replays it;
* ``charter election roll`` prints the current electorate and who has lapsed (PC-MEMBER-LAPSE).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from charter.commands._common import add_repo, past_date, repo_root
from charter.elections import roll as roll_mod
from charter.elections.check import problem_finding
from charter.elections.record import Count, count, read_record
from charter.elections.ties import draw_order
from charter.errors import CharterError, UsageError
from charter.findings import Severity, normalise
from charter.fsutil import atomic_write
from charter.load import load
from charter.model import State
from charter.report import emit
from charter.rules import today
from charter.tree import FsTree


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("election", help="count elections and votes, resolve ties, print the roll",
                       description="Elections and formal votes recorded in elections/<id>/.")
    esub = p.add_subparsers(dest="election_command", metavar="SUBCOMMAND",
                            parser_class=type(p))
    t = esub.add_parser("tally", help="recount a record, write its result.yaml, print the report")
    t.add_argument("records", nargs="+", metavar="elections/ID",
                   help="the record's directory (or just its id)")
    t.add_argument("--check", action="store_true",
                   help="do not write: fail if the committed result differs from the recount")
    t.add_argument("--format", choices=("text", "json"), default="text",
                   help="json: the result of each record (an object for one record, an array "
                   "for several; a record that could not be counted says why)")
    add_repo(t)
    t.set_defaults(func=run_tally)

    r = esub.add_parser("resolve-tie", help="record how the tie that stopped a count is resolved")
    r.add_argument("record", metavar="elections/ID",
                   help="the record whose count stopped at a tie (or just its id)")
    how = r.add_mutually_exclusive_group(required=True)
    how.add_argument("--agree", metavar="LOGIN,LOGIN,...",
                     help="the tied candidates' written agreement: their order, first goes ahead")
    how.add_argument("--seed", help="a draw from this seed, published before the count")
    r.add_argument("--reference", help="where the agreement or the seed's publication is")
    r.add_argument("--date", help="the day it is recorded (default: today)")
    add_repo(r)
    r.set_defaults(func=run_resolve)

    o = esub.add_parser("roll", help="the current electorate, lapsed members and resumptions")
    o.add_argument("--date", help="the roll on this day, YYYY-MM-DD (default: today): members "
                   "admitted later, or removed by then, are not on it")
    o.add_argument("--format", choices=("text", "json"), default="text",
                   help="text lines, or one JSON document")
    add_repo(o)
    o.set_defaults(func=run_roll)

    from charter.commands import _election_edit

    _election_edit.register(esub)  # new, nominate, ballots, certify

    def no_sub(args: argparse.Namespace) -> int:
        p.print_help(sys.stderr)
        return 2

    p.set_defaults(func=no_sub)


def _election_id(root: Path, arg: str) -> str:
    eid = Path(arg.rstrip("/")).name
    if eid == "election.yaml":
        eid = Path(arg).parent.name
    if not (root / "elections" / eid / "election.yaml").is_file():
        import difflib

        known = sorted(p.parent.name for p in (root / "elections").glob("*/election.yaml"))
        close = difflib.get_close_matches(eid, known, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else (
            f"; known: {', '.join(known)}" if known else "")
        raise CharterError(f"{arg}: no elections/{eid}/election.yaml in {root.resolve()}{hint}")
    return eid


def _load(root: Path) -> tuple[State, list[Any]]:
    return load(FsTree(root))


def _count(root: Path, state: State, findings: list[Any], eid: str) -> Count:
    path = f"elections/{eid}/election.yaml"
    bad = [f for f in findings if f.path == path and f.severity is Severity.ERROR]
    if bad or eid not in state.elections:
        emit(normalise(bad), "text", sys.stderr)
        raise CharterError(f"{path} is not valid; fix it first")
    return count(read_record(FsTree(root), eid, state.elections[eid]), state.policy, state)


def _show_problems(state: State, c: Count) -> None:
    tie = str(c.tie) if c.tie else None
    found = normalise(problem_finding(state, c, p) for p in c.problems if p.message != tie)
    if found:
        emit(found, "text", sys.stderr)


def run_tally(args: argparse.Namespace) -> int:
    root = repo_root(args)
    state, findings = _load(root)
    status = 0
    outputs: list[dict[str, Any]] = []
    eids = [_election_id(root, arg) for arg in args.records]
    for eid in dict.fromkeys(eids):
        c = _count(root, state, findings, eid)
        _show_problems(state, c)
        if c.tie is not None:
            # a tie stops this record's count, not the others named on the command line
            status = 1
            print(f"charter: elections/{eid}: {c.tie}", file=sys.stderr)
            outputs.append({"election": eid, "counted": False, "tie": {
                "round": c.tie.round, "stage": c.tie.stage, "tied": list(c.tie.tied),
                "desired": c.tie.desired}})
            continue
        if c.errors or c.result is None:
            status = 1
            print(f"charter: elections/{eid}: not counted; fix the errors above", file=sys.stderr)
            outputs.append({"election": eid, "counted": False, "errors": [
                p.message for p in c.errors]})
            continue
        text = c.render()
        target = root / c.record.result_path
        old = target.read_bytes() if target.exists() else None
        if args.check:
            if old != text.encode("utf-8"):
                status = 1
                print(f"{c.record.result_path} differs from the recount; run: charter election "
                      f"tally {c.record.dir}", file=sys.stderr)
        elif old != text.encode("utf-8"):
            atomic_write(target, text.encode("utf-8"))
            print(f"wrote {c.record.result_path}", file=sys.stderr)
        if args.format == "json":
            outputs.append(c.result)
        else:
            print("\n".join(c.report))
            if len(eids) > 1:
                print()
    if args.format == "json":
        json.dump(outputs if len(outputs) != 1 else outputs[0], sys.stdout, indent=2,
                  ensure_ascii=False)
        sys.stdout.write("\n")
    return status


def run_resolve(args: argparse.Namespace) -> int:
    if args.seed is not None and (not args.seed.strip() or not args.seed.isprintable()):
        raise UsageError("--seed needs the seed as published before the count (one line of text)")
    root = repo_root(args)
    state, findings = _load(root)
    eid = _election_id(root, args.record)
    c = _count(root, state, findings, eid)
    tie = c.tie
    if tie is None:
        raise CharterError(f"elections/{eid}: the count has no unresolved tie")
    recorded = past_date(args.date, "--date", "the record of the resolution").isoformat()
    entry: dict[str, Any] = {"round": tie.round, "stage": tie.stage, "tied": list(tie.tied)}
    if args.agree:
        order = [x.strip() for x in args.agree.split(",") if x.strip()]
        by_lower = {t.lower(): t for t in tie.tied}
        if sorted(x.lower() for x in order) != sorted(by_lower):
            raise UsageError(f"--agree must list each tied candidate once: "
                             f"{', '.join(tie.tied)}")
        if not args.reference:
            raise UsageError("--agree needs --reference: where the written agreement can be read")
        entry.update(method="agreement", order=[by_lower[x.lower()] for x in order])
    else:
        entry.update(method="draw", seed=args.seed,
                     order=list(draw_order(args.seed, tie.round, tie.stage, tie.tied)))
    if args.reference:
        entry["reference"] = args.reference
    entry["recorded"] = recorded
    path = root / c.record.file
    atomic_write(path, _append_tie(path.read_bytes(), entry))
    how = "agreement" if args.agree else f"draw from seed {args.seed!r}"
    print(f"recorded in {c.record.file}: round {tie.round} ({tie.stage}) tie resolved by {how}: "
          f"{', '.join(entry['order'])}")
    state, findings = _load(root)
    again = _count(root, state, findings, eid)
    if again.tie is not None:
        print(f"the count now stops at another tie: {again.tie}")
        return 1
    print(f"the count completes; run: charter election tally {c.record.dir}")
    return 0


def _append_tie(raw: bytes, entry: dict[str, Any]) -> bytes:
    """Append one entry to ``ties:``, keeping the file's comments and layout."""
    from charter import roundtrip

    doc = roundtrip.Document(raw, "election.yaml")
    item = {k: roundtrip.seq(v, flow=True) if isinstance(v, list) else v
            for k, v in entry.items()}
    if doc.data.get("ties") is None:
        ties = roundtrip.seq([])
        ties.fa.set_block_style()  # a new list of mappings reads best one entry per block
        doc.data["ties"] = ties
    roundtrip.append_item(doc.data, "ties", item)
    return doc.dumps()


def run_roll(args: argparse.Namespace) -> int:
    root = repo_root(args)
    day = today()
    if args.date is not None:
        try:
            day = dt.date.fromisoformat(args.date)
        except ValueError:
            raise UsageError(f"--date {args.date!r} is not a date YYYY-MM-DD") from None
    state, _findings = _load(root)
    r = roll_mod.compute(state, day)
    if args.format == "json":
        json.dump(r.as_dict(), sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        print("\n".join(roll_mod.render(r, int(state.policy.get(
            "council.lapse_after_missed_elections")))))
    return 0
