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


# IDs that findings carry but that no registered rule function produces: the file-level checks
# of the loader and the extra checks of `charter check`. Listed so that every ID a report shows
# (and --select/--skip accepts) can be looked up here.
OTHER_IDS = {
    "SCHEMA": "The file matches its JSON Schema (schemas/<kind>.schema.json).",
    "YAML-SYNTAX": "The file is one valid YAML document.",
    "YAML-ENCODING": "The file is UTF-8, without a byte-order mark or NUL bytes.",
    "YAML-SIZE": "The file is at most 1 MiB.",
    "YAML-DEPTH": "Nesting is at most 64 levels deep.",
    "YAML-ALIAS": "No anchors or aliases.",
    "YAML-TAG": "No tags (!!python/object and the like).",
    "YAML-DUPLICATE-KEY": "No key appears twice in a mapping.",
    "YAML-KEY": "Mapping keys are plain strings.",
    "YAML-VALUE": "Integers have at most 30 digits.",
    "INT-READ": "Every governance file and folder can be read and is of the expected kind.",
    "INT-MISSING-FILE": "policy.yaml and core.yaml exist.",
    "INT-STRAY-FILE": "members/, modules/ and ecosystem/ hold only <name>.yaml files.",
    "INT-GENERATED": "Each generated CODEOWNERS file matches the data (charter codeowners).",
    "PC-ELECTION": "Each election record recounts to its committed result (charter check).",
}


def run(args: argparse.Namespace) -> int:
    from charter.rules import all_rules

    rows: list[dict[str, str | None]] = [
        {"rule": r.id, "summary": r.summary, "function": f"{r.fn.__module__}.{r.fn.__name__}"}
        for r in all_rules()
    ]
    listed = {r["rule"] for r in rows}
    rows += [{"rule": rid, "summary": text, "function": None}
             for rid, text in sorted(OTHER_IDS.items()) if rid not in listed]
    if args.format == "json":
        json.dump(rows, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    width = max(len(str(r["rule"])) for r in rows)
    for r in rows:
        print(f"{r['rule']:<{width}}  {r['summary']}")
    return 0
