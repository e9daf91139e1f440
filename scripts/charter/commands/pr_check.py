"""``charter pr-check``: have the people the rules name approved this pull request?

Locally (a dry run): ``--base REV --head REV --approved-by LOGIN,...``. On GitHub:
``--github OWNER/REPO --pr N`` reads the head commit, files, description and reviews through the
API; the base is the checked-out revision (``--base``, default ``HEAD``) and the head commit must
be present as git objects (fetched, never checked out). Exit 0 when every requirement holds.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from charter.commands._common import add_github, add_repo, git_dir
from charter.errors import CharterError, UsageError
from charter.gate import render, source, status
from charter.gate.evaluate import PullRequest, judge
from charter.gate.reviews import local
from charter.report import FORMATS


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "pr-check", help="decide whether a pull request has the approvals the rules require",
        description="Judge a change by the base branch's rules: every governance event, the "
        "rule that governs it, who approved and who is still needed.")
    add_repo(p)
    p.add_argument("--base", metavar="REV", help="the base revision: its rules and people decide "
                   "(default with --github: HEAD, the checked-out base branch)")
    p.add_argument("--head", metavar="REV", help="the pull request's head revision (local mode)")
    p.add_argument("--approved-by", action="append", default=[], metavar="LOGIN[,LOGIN...]",
                   help="local mode: people who approve the head commit (repeatable)")
    p.add_argument("--author", metavar="LOGIN", help="local mode: the pull request's author")
    p.add_argument("--body-file", metavar="FILE",
                   help="local mode: the pull-request description (Markdown)")
    p.add_argument("--github", metavar="OWNER/REPO", help="read the pull request from GitHub")
    p.add_argument("--pr", type=int, metavar="N", help="the pull request number (with --github)")
    p.add_argument("--head-sha", metavar="SHA",
                   help="with --github: the head commit this run fetched; refuse to judge "
                   "another (the pull request moved on meanwhile)")
    add_github(p)
    p.add_argument("--summary", metavar="FILE", default=None,
                   help="append the Markdown report here (default with --github: "
                   "$GITHUB_STEP_SUMMARY)")
    p.add_argument("--format", choices=FORMATS, default="text",
                   help="text, JSON, or GitHub annotations followed by the text report")
    p.add_argument("--status", metavar="CONTEXT", nargs="?", const=status.APPROVALS,
                   help="with --github: also post the verdict as a commit status with this "
                   f"context on the head commit judged (default context: {status.APPROVALS})")
    p.set_defaults(func=run)


def _logins(values: list[str]) -> list[str]:
    return [x.strip().lstrip("@") for v in values for x in v.split(",") if x.strip()]


def run(args: argparse.Namespace) -> int:
    root = git_dir(args)
    summary = args.summary
    if args.github:
        if args.pr is None:
            raise UsageError("--github needs --pr N")
        if args.head or args.approved_by or args.author or args.body_file:
            raise UsageError("--head, --approved-by, --author and --body-file are for local "
                             "runs; with --github they come from the pull request")
        pr, head_rev, api_files = _from_github(args, root)
        summary = summary or os.environ.get("GITHUB_STEP_SUMMARY")
        base_rev = args.base or "HEAD"
    else:
        if not args.base or not args.head:
            raise UsageError("give --base REV and --head REV (or --github OWNER/REPO --pr N)")
        base_rev, head_rev = args.base, args.head
        pr, api_files = None, None
    trees = source.read(root, base_rev, head_rev)
    if pr is None:
        body = None
        if args.body_file:
            try:
                body = Path(args.body_file).read_text(encoding="utf-8")
            except OSError as exc:
                raise CharterError(f"{args.body_file}: {exc.strerror or exc}") from None
        head_sha = trees.head_tree.commit
        approvers = _logins(args.approved_by)
        _note_strangers(trees.base, [*approvers, *([args.author] if args.author else [])])
        pr = PullRequest(head_sha=head_sha, author=args.author, body=body,
                         reviews=tuple(local(approvers, head_sha)))
    report = judge(trees, pr)
    _check_files(trees, api_files)
    render.emit(report, args.format, sys.stdout)
    if args.status:
        if not args.github:
            raise UsageError("--status posts to GitHub: give --github OWNER/REPO --pr N")
        status.publish(status.client_for(args), args.github, pr.head_sha, args.status,
                       report.ok, _verdict_line(report))
    if summary:
        try:
            with open(summary, "a", encoding="utf-8") as fh:
                fh.write(render.markdown(report))
        except OSError as exc:
            print(f"charter: warning: cannot write the summary to {summary}: {exc}",
                  file=sys.stderr)
    return 0 if report.ok else 1


def _note_strangers(base: Any, logins: list[str]) -> None:
    """Local mode: a login on the command line that is no member of the base branch counts for
    nothing; say so (with the close logins), rather than let a typo look like a missing
    approval."""
    from charter.suggest import close_logins

    for login in logins:
        if base.member(login) is None:
            near = close_logins(base, login)
            hint = f"; did you mean {' or '.join(repr(x) for x in near)}?" if near else ""
            print(f"charter: note: {login!r} is not a member on the base branch, so counts for "
                  f"nothing{hint}", file=sys.stderr)


def _verdict_line(report: Any) -> str:
    """One line for a commit status: what holds, or the first thing still missing."""
    if any(f.severity.value == "error" for f in report.findings):
        return "the head's data has errors: see the job summary"
    unmet = [o for o in report.outcomes if not o.met]
    if not unmet:
        n = len(report.outcomes)
        return f"all {n} requirement(s) met" if n else "no governance change"
    first = unmet[0].requirement
    return f"{len(unmet)} of {len(report.outcomes)} requirement(s) not met: {first.rule} " \
        f"{first.summary}"


def _from_github(args: argparse.Namespace, root: Path
                 ) -> tuple[PullRequest, str, tuple[str, ...]]:
    from charter import gh
    from charter.gate.github_pr import fetch

    client = gh.client(base_url=args.github_api, retries=args.retries, backoff=args.backoff,
                       max_wait=args.max_wait)
    got = fetch(client, args.github, args.pr)
    if got.state != "open":
        print(f"charter: note: pull request #{args.pr} is {got.state}", file=sys.stderr)
    sha = got.pr.head_sha
    if not sha or len(sha) != 40 or any(c not in "0123456789abcdef" for c in sha):
        raise CharterError(f"GitHub reported an unexpected head commit {sha!r}")
    if args.head_sha and args.head_sha.lower() != sha:
        raise CharterError(
            f"pull request #{args.pr} has moved on: its head is now {sha[:12]}, not "
            f"{args.head_sha[:12]} (the commit fetched); the run for the new head judges it")
    try:
        source.GitTree(root, sha)
    except CharterError:
        raise CharterError(
            f"the head commit {sha[:12]} of pull request #{args.pr} is not in {root}; fetch it "
            f"first (git fetch origin refs/pull/{args.pr}/head); it is read as data, never "
            "checked out") from None
    return got.pr, sha, got.files


def _check_files(trees: source.Trees, api_files: tuple[str, ...] | None) -> None:
    """Fail closed if GitHub lists a changed file that the git comparison does not see."""
    if api_files is None:
        return
    seen = {c.path for c in trees.changes}
    unseen = sorted(set(api_files) - seen)
    if unseen:
        raise CharterError(
            f"GitHub lists changed files that the comparison of {trees.base.tree_label} with the "
            f"head does not show ({', '.join(unseen[:5])}); the base checkout is not the pull "
            "request's base branch: check out the base branch and run again")
