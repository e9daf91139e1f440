"""The safety limits every apply must pass before its first write.

* ``SYNC-CHECK``: the data has no errors under ``charter check`` (a broken file could read as
  "nobody maintains this module" and empty its team).
* ``SYNC-REMOVAL-CAP``: removals (members and repository grants) are at most
  ``sync.max_removal_fraction`` of what the managed teams hold now.
* ``SYNC-MIN-ADMINS``: a repository on which managed teams grant admin keeps at least
  ``sync.min_admins`` people with admin through them (or, when it has fewer already, no fewer
  than it has).
* ``SYNC-PLAN-SIZE``: more than ``sync.max_changes`` changes need ``--allow-large-plan``.
"""

from __future__ import annotations

import importlib
import inspect
from dataclasses import dataclass
from pathlib import Path

from charter.findings import Finding, Severity, normalise
from charter.model import State
from charter.sync.config import SyncPolicy
from charter.sync.plan import Plan
from charter.tree import Tree


@dataclass(frozen=True)
class Refusal:
    rule: str
    message: str


def check_findings(tree: Tree, root: Path | None) -> tuple[State, list[Finding]]:
    """The state and what ``charter check`` reports on it: every check for a directory (``root``),
    the rules and the election recounts for a revision read from git."""
    from charter import rules
    from charter.commands.check import BLOCKING, CHECKS
    from charter.elections.check import verify_tree
    from charter.load import load

    state, findings = load(tree)
    findings.extend(rules.run(state))
    if not any(f.rule.startswith(BLOCKING) for f in findings):
        if root is None:
            findings.extend(verify_tree(tree, state))
        else:
            for spec in CHECKS:
                mod, _, name = spec.partition(":")
                fn = getattr(importlib.import_module(mod), name)
                # a check reads the folder (``root``) or, in later versions, the tree
                first = next(iter(inspect.signature(fn).parameters))
                findings.extend(fn(root if first == "root" else tree, state))
    return state, normalise(findings)


def errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity is Severity.ERROR]


def check(plan: Plan, policy: SyncPolicy, check_errors: list[Finding], *,
          allow_large: bool = False, created: frozenset[str] = frozenset()) -> list[Refusal]:
    """What refuses ``plan``. Removals from the teams in ``created`` (made by this very run, so
    holding only whom GitHub put there) do not count toward the removal cap."""
    out: list[Refusal] = []
    if check_errors:
        shown = "; ".join(f"{f.path}:{f.line}:{f.col}: {f.rule} {f.message}"
                          for f in check_errors[:3])
        more = f" and {len(check_errors) - 3} more" if len(check_errors) > 3 else ""
        out.append(Refusal("SYNC-CHECK", (
            f"charter check reports {len(check_errors)} error(s) ({shown}{more}); fix the data "
            "first")))
    removals = sum(1 for c in plan.removals if c.team not in created)
    cap = policy.max_removal_fraction
    if removals and removals * cap.denominator > cap.numerator * plan.current_total:
        out.append(Refusal("SYNC-REMOVAL-CAP", (
            f"the plan removes {removals} of the {plan.current_total} memberships and repository "
            f"grants the managed teams hold, more than sync.max_removal_fraction ({cap}); if "
            "that is intended, raise the limit in policy.yaml for this change")))
    for repo in sorted(plan.admins_after):
        after = len(plan.admins_after[repo])
        before = len(plan.admins_before.get(repo, set()))
        if after < policy.min_admins and after < before:
            full = repo
            out.append(Refusal("SYNC-MIN-ADMINS", (
                f"{full} would keep {after} admin(s) through managed teams (now {before}); "
                f"sync.min_admins is {policy.min_admins}")))
    if len(plan.changes) > policy.max_changes and not allow_large:
        out.append(Refusal("SYNC-PLAN-SIZE", (
            f"the plan has {len(plan.changes)} changes, more than sync.max_changes "
            f"({policy.max_changes}); read it, then apply with --allow-large-plan")))
    return out
