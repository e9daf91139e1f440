"""``charter check``: everything CI checks on the repository's own data.

Validation, every generated file in sync, and every extra check registered in ``CHECKS``
(election results reproducible, ...). Each check is ``fn(tree, state) -> list[Finding]``.

``--rev REV`` checks a commit read straight from git objects, never checked out: the pull-request
gate's trusted job runs the base branch's charter on the head commit this way, so a verdict that
a branch protection rule requires is never produced by the code of the branch it judges.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
from collections.abc import Callable
from pathlib import Path

from charter import codeowners
from charter.commands._common import (
    add_github,
    add_output,
    add_repo,
    load_checked,
    repo_root,
    select,
)
from charter.errors import CharterError, UsageError
from charter.findings import Finding
from charter.model import State
from charter.report import emit, exit_code
from charter.tree import FsTree, GitTree, Tree

# Problems that leave data out of the state: the generated files and results cannot be judged
# against a partial state (they would all look stale, and the fix offered would drop data).
BLOCKING = ("YAML", "SCHEMA", "INT-READ", "INT-MISSING-FILE")

CODEOWNERS_BLOCKING = ("INT-UNKNOWN",)

CheckFn = Callable[[Tree, State], list[Finding]]

# "module:function" of each extra check; kept as strings so a command never imports what it
# does not run.
CHECKS: list[str] = [
    "charter.commands.check:codeowners_in_sync",
    "charter.commands.check:rules_reference_in_sync",
    "charter.elections.check:verify_tree",
    "charter.exporters.check:pages_in_sync",
]


def codeowners_in_sync(tree: Tree, state: State) -> list[Finding]:
    """INT-GENERATED: each generated CODEOWNERS matches the data."""
    out = []
    for rel, content in codeowners.outputs(state).items():
        try:
            old = codeowners.current_text(tree, rel)
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


def rules_reference_in_sync(tree: Tree, state: State) -> list[Finding]:
    """INT-GENERATED: docs/rules.md and CONTRIBUTING.md's approvals table match what this
    charter renders from its catalogue and its gate.

    Only a working tree is judged: the reference describes the code, so a commit read as data
    (``--rev``, run by the base branch's charter on a pull request's head) may rightly hold the
    reference of the code it changes."""
    from charter.commands.rules import outputs
    from charter.rules.reference import RULES_DOC

    if not isinstance(tree, FsTree):
        return []
    fix = "run: charter rules --write (charter rules --check shows the diff)"
    out = []
    # a repository may do without the reference (charter rules --write adds it)
    for rel, text in outputs(tree.root, existing=True).items():
        if tree.read(rel).decode("utf-8", "replace") != text:
            what = ("the approvals table is out of date" if rel != RULES_DOC
                    else "out of date")
            out.append(Finding(rel, 0, 0, "INT-GENERATED", f"{what}; {fix}"))
    return out


def everything(root: Path, tree: Tree) -> tuple[State, list[Finding]]:
    """Everything ``charter check`` checks on ``tree``: the state and every finding, unsorted
    and unfiltered (the editing commands compare it before and after an edit)."""
    state, findings = load_checked(root, tree)
    return state, findings + extra_checks(tree, state, findings)


def extra_checks(tree: Tree, state: State, findings: list[Finding]) -> list[Finding]:
    """The findings of ``CHECKS`` on ``tree``, unless ``findings`` show data left out of the
    state (then generated files and results cannot be judged)."""
    if any(f.rule.startswith(BLOCKING) for f in findings):
        return []
    out: list[Finding] = []
    for spec in CHECKS:
        mod, _, name = spec.partition(":")
        fn: CheckFn = getattr(importlib.import_module(mod), name)
        out.extend(fn(tree, state))
    return out


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("check", help="everything CI checks: validation, generated files, results")
    add_repo(p)
    p.add_argument("--rev", metavar="REV", help="check this git revision, read from git objects "
                   "(never checked out), instead of the working tree")
    add_output(p)
    p.add_argument("--status", metavar="CONTEXT", nargs="?", const="charter/check",
                   help="with --rev and --github: also post the verdict as a commit status on "
                   "that commit (default context: charter/check)")
    p.add_argument("--github", metavar="OWNER/REPO", help="the repository to post --status to")
    add_github(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.status and not (args.rev and args.github):
        raise UsageError("--status posts the verdict on a commit: give --rev REV and "
                         "--github OWNER/REPO")
    root = repo_root(args)
    tree: Tree = GitTree(root, args.rev) if args.rev else FsTree(root)
    state, findings = everything(root, tree)
    if any(f.rule.startswith(CODEOWNERS_BLOCKING) for f in findings):
        # `charter codeowners` refuses until these are fixed: say so rather than send the user
        # to a command that will only tell them to come back
        findings = [
            dataclasses.replace(f, message=f.message.split(";")[0] + "; fix the "
                                "INT-UNKNOWN-LOGIN findings first, then run: charter codeowners")
            if f.rule == "INT-GENERATED" and "; run: charter codeowners" in f.message else f
            for f in findings
        ]
    findings = select(findings, args, state)
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
    code = exit_code(findings)
    if args.status and isinstance(tree, GitTree):
        from charter.gate import status

        errors = sum(1 for f in findings if f.severity.value == "error")
        line = (f"{errors} error(s) in the data; see the job summary" if errors else
                f"{len(state.members)} members, {len(state.modules)} modules: no errors")
        status.publish(status.client_for(args), args.github, tree.commit, args.status,
                       code == 0, line)
    return code
