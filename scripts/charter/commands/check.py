"""``charter check``: everything CI checks on the repository's own data.

Validation, every generated file in sync, and every extra check registered in ``CHECKS``
(election results reproducible, ...). Each check is ``fn(root, state) -> list[Finding]``.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
from collections.abc import Callable
from pathlib import Path

from charter import codeowners
from charter.commands._common import add_output, add_repo, load_checked, repo_root, select
from charter.errors import CharterError
from charter.findings import Finding
from charter.model import State
from charter.report import emit, exit_code

# Problems that leave data out of the state: the generated files and results cannot be judged
# against a partial state (they would all look stale, and the fix offered would drop data).
BLOCKING = ("YAML", "SCHEMA", "INT-READ", "INT-MISSING-FILE")

CODEOWNERS_BLOCKING = ("INT-UNKNOWN",)

CheckFn = Callable[[Path, State], list[Finding]]

# "module:function" of each extra check; kept as strings so a command never imports what it
# does not run.
CHECKS: list[str] = [
    "charter.commands.check:codeowners_in_sync",
    "charter.elections.check:verify",
    "charter.exporters.check:pages_in_sync",
]


def codeowners_in_sync(root: Path, state: State) -> list[Finding]:
    """INT-GENERATED: each generated CODEOWNERS matches the data."""
    out = []
    for rel, content in codeowners.outputs(state).items():
        try:
            old = codeowners.read_current(root, rel)
        except CharterError as exc:
            out.append(Finding(rel, 0, 0, "INT-GENERATED", str(exc)))
            continue
        if old != content:
            what = "missing" if old is None else "out of date"
            out.append(
                Finding(
                    rel,
                    0,
                    0,
                    "INT-GENERATED",
                    f"{what}; run: charter codeowners (charter codeowners --check shows the diff)",
                )
            )
    return out


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("check", help="everything CI checks: validation, generated files, results")
    add_repo(p)
    add_output(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root = repo_root(args)
    state, findings = load_checked(root)
    blocking = any(f.rule.startswith(BLOCKING) for f in findings)
    if not blocking:
        for spec in CHECKS:
            mod, _, name = spec.partition(":")
            fn: CheckFn = getattr(importlib.import_module(mod), name)
            findings.extend(fn(root, state))
    if any(f.rule.startswith(CODEOWNERS_BLOCKING) for f in findings):
        # `charter codeowners` refuses until these are fixed: say so rather than send the user
        # to a command that will only tell them to come back
        findings = [
            dataclasses.replace(f, message=f.message.split(";")[0] + "; fix the "
                                "INT-UNKNOWN-LOGIN findings first, then run: charter codeowners")
            if f.rule == "INT-GENERATED" and "; run: charter codeowners" in f.message else f
            for f in findings
        ]
    findings = select(findings, args)
    emit(findings, args.format)
    if args.format == "text" and not findings:
        verdict = "all good"
        if args.select or args.skip:  # the filter hid the rest: do not vouch for it
            verdict = "nothing to report for the rules selected (--select/--skip)"
        print(
            f"charter check: {len(state.members)} members, {len(state.modules)} modules, "
            f"{len(state.projects)} ecosystem projects, {len(state.elections)} elections: "
            f"{verdict}"
        )
    return exit_code(findings)
