"""``charter rules``: every registered rule check, its ID and the invariant it enforces."""

from __future__ import annotations

import argparse
import json
import sys


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("rules", help="list the rule checks charter runs, by rule ID")
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="aligned text lines, or a JSON array of {rule, summary, function}")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from charter.rules import all_rules

    rows = [
        {"rule": r.id, "summary": r.summary, "function": f"{r.fn.__module__}.{r.fn.__name__}"}
        for r in all_rules()
    ]
    if args.format == "json":
        json.dump(rows, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    width = max(len(r["rule"]) for r in rows)
    for r in rows:
        print(f"{r['rule']:<{width}}  {r['summary']}")
    return 0
