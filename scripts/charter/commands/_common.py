"""Options and steps shared by several commands."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from charter.errors import UsageError
from charter.findings import Finding, filter_rules, normalise
from charter.load import load
from charter.model import State
from charter.report import FORMATS
from charter.tree import FsTree, Tree


class _CurrentDir(str):
    """The default ``--repo``: ``"."``, marked so that :func:`repo_root` may look upward."""


def add_repo(p: argparse.ArgumentParser) -> None:
    env = os.environ.get("CHARTER_REPO")
    p.add_argument(
        "--repo",
        default=env if env else _CurrentDir("."),
        metavar="DIR",
        help="the governance repository (default: $CHARTER_REPO, else the current directory "
        "or the nearest parent holding policy.yaml or core.yaml)",
    )


def _is_governance(d: Path) -> bool:
    return (d / "policy.yaml").exists() or (d / "core.yaml").exists()


def _discover(start: Path) -> Path | None:
    """The nearest folder from ``start`` upward that holds governance files, stopping at the top
    of a git repository (so a parent repository is never picked by accident)."""
    for d in (start, *start.parents):
        if _is_governance(d):
            return d
        if (d / ".git").exists():
            return None
    return None


def _selector(text: str) -> str:
    from charter.findings import RULE_IDS, check_selector

    try:
        from charter.rules import all_rules
        from charter.rules.catalogue import ids

        known = RULE_IDS | ids() | {r.id for r in all_rules()}
    except ImportError:  # pragma: no cover - a broken install still parses its options
        known = RULE_IDS
    try:
        return check_selector(text, known)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_output(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text lines, a JSON array, or GitHub workflow annotations",
    )
    p.add_argument(
        "--select",
        action="append",
        default=[],
        metavar="RULE-ID",
        type=_selector,
        help="report only these rules (repeatable; a prefix ending in '-' selects a family)",
    )
    p.add_argument(
        "--skip",
        action="append",
        default=[],
        metavar="RULE-ID",
        type=_selector,
        help="do not report these rules (repeatable)",
    )


def repo_root(args: argparse.Namespace) -> Path:
    if isinstance(args.repo, _CurrentDir):
        here = Path.cwd()
        found = _discover(here)
        if found is None:
            raise UsageError(
                f"{here} does not look like a governance repository (no policy.yaml or core.yaml "
                "here or in a parent folder); run charter inside one or pass --repo DIR"
            )
        return found if found != here else Path(".")
    root = Path(args.repo)
    given = f"--repo {args.repo}"
    if args.repo == os.environ.get("CHARTER_REPO"):
        given += " (from $CHARTER_REPO)"
    if not root.exists():
        raise UsageError(f"{given}: no such directory")
    if not root.is_dir():
        raise UsageError(f"{given}: not a directory (pass the repository's folder)")
    if not _is_governance(root):
        raise UsageError(
            f"{root.resolve()} does not look like a governance repository (no policy.yaml or "
            "core.yaml); pass --repo with the folder that holds them"
        )
    return root


def git_dir(args: argparse.Namespace) -> Path:
    """``--repo`` for commands that read git revisions (any folder of a clone will do); a
    usage error (exit 2) when it names no folder."""
    root = Path(args.repo)
    if not root.is_dir():
        given = f"--repo {args.repo}"
        what = "no such directory" if not root.exists() else "not a directory"
        raise UsageError(f"{given}: {what}")
    return root


def load_checked(root: Path, tree: Tree | None = None) -> tuple[State, list[Finding]]:
    """Load the tree (the folder ``root`` unless another ``tree`` is given) and run every rule:
    all findings, unsorted."""
    from charter import rules

    state, findings = load(tree if tree is not None else FsTree(root))
    findings.extend(rules.run(state))
    return state, findings


_NO_MEMBER_FILE = (
    re.compile(r"^'(?P<login>[^']+)' \((?P<what>[^)]*)\) has no member file; .*$"),
    re.compile(r"^(?P<login>\S+) has no member file; (?P<what>a record names members by "
               r"login).*$"),
)


def clarify(findings: list[Finding]) -> list[Finding]:
    """Reword findings that blame a missing member file when the file is there but broken.

    A member file that fails to parse or validate is left out of the state, so every rule that
    looks its login up said "has no member file; add members/<login>.yaml" -- advice that sends
    the maintainer to create a file that already exists.
    """
    broken = {f.path for f in findings if f.path.startswith("members/")
              and f.rule.startswith(("YAML", "SCHEMA", "INT-READ"))}
    if not broken:
        return findings
    out = []
    for f in findings:
        for pattern in _NO_MEMBER_FILE:
            m = pattern.match(f.message)
            if m and f"members/{m['login']}.yaml" in broken:
                msg = (f"{m['login']!r} ({m['what']}): members/{m['login']}.yaml has errors, so "
                       "the login is unknown until they are fixed (see that file's findings)")
                f = dataclasses.replace(f, message=msg)
                break
        out.append(f)
    return out


def select(findings: list[Finding], args: argparse.Namespace, state: State | None = None
           ) -> list[Finding]:
    """The findings to report: the policy's rule settings (of ``state``), then --select/--skip."""
    if state is not None:
        from charter.rules.settings import configure

        findings = configure(findings, state.policy.values.get("rules"))
    return normalise(filter_rules(clarify(findings), args.select, args.skip))


def past_date(text: str | None, what: str, event: str = "what happened") -> dt.date:
    """A record's date from the command line: today when left out, never in the future (a typo
    such as 2062 for 2026 would otherwise be written into the record)."""
    from charter.rules import today

    if not text:
        return today()
    try:
        when = dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{what}: {text!r} is not a date (YYYY-MM-DD)") from None
    if when > today():
        raise UsageError(f"{what} {text}: is in the future (today is {today()}); give the day "
                         f"of {event}, or leave {what} out for today")
    return when


def not_negative(kind: type) -> Callable[[str], Any]:
    """An argparse type: a number of ``kind`` that is 0 or more."""
    def parse(text: str) -> Any:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if value < 0:
            raise argparse.ArgumentTypeError(f"{text!r}: give 0 or more")
        return value

    parse.__name__ = kind.__name__
    return parse


def add_github(p: argparse.ArgumentParser) -> None:
    """Where GitHub is and how patiently to wait for it."""
    p.add_argument("--api-url", "--github-api", dest="github_api", metavar="URL", default=None,
                   help="GitHub API base URL (default: $CHARTER_GITHUB_API or api.github.com)")
    p.add_argument("--max-wait", type=not_negative(float), default=120.0, metavar="SECONDS",
                   help="the longest single wait for a rate limit or retry (default 120)")
    p.add_argument("--retries", type=not_negative(int), default=4, metavar="N",
                   help="retries after a server error or rate limit (default 4)")
    p.add_argument("--backoff", type=not_negative(float), default=1.0, metavar="SECONDS",
                   help="first retry delay after a server error; doubles each time")


def github_client(args: argparse.Namespace, token: str | None = None) -> Any:
    """A PyGithub client from the options of :func:`add_github` (token: $GITHUB_TOKEN)."""
    from charter import gh

    return gh.client(token, base_url=args.github_api, retries=args.retries,
                     backoff=args.backoff, max_wait=args.max_wait)


def needs_action(p: argparse.ArgumentParser, actions: str) -> None:
    """A command group run without its action fails with one usage line naming the actions."""
    def fail(args: argparse.Namespace) -> int:
        raise UsageError(f"{p.prog}: choose an action ({actions}); see {p.prog} --help")

    p.set_defaults(func=fail)
