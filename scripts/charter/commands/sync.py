"""``charter sync github | ids``: GitHub follows the data.

* ``charter sync github`` (``--plan``, the default) reads the managed teams on GitHub and prints
  what it would change to match the data, each change with its rule and data file; nothing is
  written. ``--apply --confirm`` writes the plan after the safety limits pass. See docs/sync.md.
* ``charter sync ids`` fills in missing numeric GitHub ids, and finds renamed logins and deleted
  accounts; ``--write`` records the ids and renames (``charter member rename``) in the data.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from charter.commands._common import add_github, add_repo, github_client, needs_action, repo_root
from charter.errors import CharterError, UsageError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("sync", help="make GitHub follow the data: teams (github), ids (ids)",
                       description="Keep GitHub in step with the governance data.")
    actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p))

    g = actions.add_parser(
        "github", help="plan (or apply) the managed teams' members, roles and repository access",
        description="Compute the teams the data implies (sync.teams in policy.yaml), read them "
        "on GitHub and print the plan. Nothing is written without --apply --confirm; only the "
        "declared teams are touched; the safety limits of policy.yaml are checked first.")
    mode = g.add_mutually_exclusive_group()
    mode.add_argument("--plan", action="store_true", help="print the plan; never writes "
                      "(the default)")
    mode.add_argument("--apply", action="store_true", help="write the plan to GitHub (with "
                      "--confirm)")
    g.add_argument("--confirm", action="store_true", help="with --apply: yes, write to GitHub")
    g.add_argument("--allow-large-plan", action="store_true",
                   help="apply a plan with more changes than sync.max_changes")
    g.add_argument("--rev", metavar="REV", help="read the data at git revision REV (as git "
                   "objects, nothing checked out) instead of the working tree")
    g.add_argument("--base-rev", metavar="REV", help="mark which changes the change since REV "
                   "(a pull request's base) causes, and which were pending already")
    g.add_argument("--format", choices=("text", "json", "markdown"), default="text",
                   help="the plan as text, JSON or Markdown on stdout")
    g.add_argument("--summary", metavar="FILE",
                   help="append the plan in Markdown to FILE (e.g. \"$GITHUB_STEP_SUMMARY\")")
    g.add_argument("--pr-comment", metavar="OWNER/REPO#N",
                   help="keep one comment with the plan on this pull request (token: "
                   "$CHARTER_REPO_TOKEN, else $GITHUB_TOKEN)")
    add_repo(g)
    add_github(g)
    g.set_defaults(func=run_github)

    i = actions.add_parser(
        "ids", help="fill missing GitHub ids; find renamed logins and deleted accounts",
        description="Compare each member file with GitHub: record missing numeric ids, and "
        "propose `charter member rename OLD NEW` for an account whose login changed.")
    i.add_argument("--write", action="store_true",
                   help="record the ids and apply the renames in the data (validated first)")
    i.add_argument("--check", action="store_true",
                   help="exit 1 when anything is out of date (for CI)")
    i.add_argument("--format", choices=("text", "json"), default="text",
                   help="what was found (ids, renames, deleted accounts) as text, or as JSON")
    add_repo(i)
    add_github(i)
    i.set_defaults(func=run_ids)
    needs_action(p, "github, ids")



def _append(path: str, text: str) -> None:
    try:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as exc:
        print(f"charter: warning: cannot write the summary to {path}: {exc.strerror or exc}",
              file=sys.stderr)


# --- sync github ------------------------------------------------------------------------------
def run_github(args: argparse.Namespace) -> int:
    from charter import gh
    from charter.commands.check import BLOCKING
    from charter.report import emit
    from charter.sync import config, desired, limits, observe, render
    from charter.sync import plan as plan_mod
    from charter.tree import FsTree, GitTree

    if args.confirm and not args.apply:
        raise UsageError("--confirm goes with --apply (the plan alone never writes)")
    if args.apply and not args.confirm:
        raise UsageError("--apply writes to GitHub: add --confirm to go ahead (or leave both "
                         "out for the plan)")
    if args.apply and (args.base_rev or args.pr_comment):
        raise UsageError("--base-rev and --pr-comment are for the plan of a pull request, not "
                         "for --apply")
    root = repo_root(args)
    tree = GitTree(root, args.rev) if args.rev else FsTree(root)
    state, findings = limits.check_findings(tree, None if args.rev else root)
    errs = limits.errors(findings)
    if any(f.rule.startswith(BLOCKING) for f in errs):
        emit(errs, "text", sys.stderr)
        if args.summary:
            _append(args.summary, f"{render.MARKER}\n### GitHub sync plan\n\nNo plan: the data "
                    "has errors that leave part of it unread (see `charter check`).\n")
        raise CharterError(f"the data has {len(errs)} error(s) (above); no plan can be made "
                           "until charter check passes")
    policy = config.read(state)
    if not policy.teams:
        print(f"charter sync github: policy.yaml declares no teams (sync.teams); nothing in "
              f"{policy.org} is managed, nothing to do")
        return 0
    want = desired.compute(state, policy)
    client = github_client(args)
    gql = gh.GraphQL(client, max_wait=args.max_wait, retries=args.retries)
    reader = observe.Reader(gql, policy.org)
    org = reader.read(want.teams)
    reader.users(org, plan_mod.logins_to_look_up(want, org))
    plan = plan_mod.compute(state, policy, want, org)
    if args.base_rev:
        from charter.load import load

        base_state, _ = load(GitTree(root, args.base_rev))
        base_policy = config.read(base_state)
        base_want = desired.compute(base_state, base_policy)
        reader.users(org, plan_mod.logins_to_look_up(base_want, org))
        plan.mark(plan_mod.compute(base_state, base_policy, base_want, org))
    refusals = limits.check(plan, policy, errs, allow_large=args.allow_large_plan)
    mode = ("applying" if args.apply else
            "plan (nothing is written; charter sync github --apply --confirm writes it)")
    _show(args, plan, refusals, mode, reader.requests)
    print(f"charter sync github: {reader.requests} GitHub request(s) to read {len(org.teams)} "
          f"team(s) of {policy.org}", file=sys.stderr)
    if not args.apply:
        return 1 if refusals else 0
    if refusals:
        if args.format == "json":
            sys.stdout.write(render.as_json(plan, refusals, requests=reader.requests, applied=[]))
        for r in refusals:
            print(f"charter: error: {r.rule} {r.message}", file=sys.stderr)
        if args.summary:
            _append(args.summary, "\n**Refused by the safety limits: nothing was written.**\n")
        raise CharterError("the safety limits refuse this plan; nothing was written")
    return _apply(args, client, reader, state, policy, want, org, plan)


def _show(args: argparse.Namespace, plan: Any, refusals: list[Any], mode: str,
          requests: int) -> None:
    from charter.sync import render

    if args.format == "json":
        if not args.apply:
            sys.stdout.write(render.as_json(plan, refusals, requests=requests))
    elif args.format == "markdown":
        sys.stdout.write(render.markdown(plan, refusals, mode=mode, requests=requests))
    else:
        sys.stdout.write(render.text(plan, refusals, mode=mode))
    md = None
    if args.summary or args.pr_comment:
        md = render.markdown(plan, refusals, mode="Merging this pull request would make these "
                             "changes on GitHub" if args.base_rev else mode, requests=requests)
    if args.summary and md:
        _append(args.summary, md)
    if args.pr_comment and md:
        from charter import gh
        from charter.sync import comment

        full, number = comment.parse_target(args.pr_comment)
        token = os.environ.get("CHARTER_REPO_TOKEN") or None
        reader_client = github_client(args, token)
        # creating a comment is not idempotent: the writer never repeats a request whose answer
        # was lost; the next run finds the comment by its marker instead
        writer = gh.client(token, base_url=args.github_api, retries=0, backoff=0,
                           max_wait=args.max_wait)
        gql = gh.GraphQL(reader_client, max_wait=args.max_wait, retries=args.retries)
        done = comment.upsert(gql, writer, full, number, md, render.MARKER)
        print(f"charter sync github: comment on {full}#{number}: {done}", file=sys.stderr)


def _apply(args: argparse.Namespace, client: Any, reader: Any, state: Any, policy: Any,
           want: Any, org: Any, plan: Any) -> int:
    from charter.sync import apply, limits, render
    from charter.sync import plan as plan_mod

    writer = apply.Writer(client, policy.org)
    applied: list[dict[str, str]] = []
    text = args.format == "text"

    def report(c: Any, result: str) -> None:
        applied.append({"action": c.action, "team": c.team, "subject": c.subject,
                        "result": result})
        if text:
            print(f"  done: {apply.describe(c)}: {result}", flush=True)

    total = apply.Outcome()
    creates = [c for c in plan.changes if c.action == "create-team"]
    outcome = writer.run(creates, report)
    total.done += outcome.done
    total.writes += outcome.writes
    if outcome.failed is None and creates:
        # GitHub makes the creator of a team its maintainer: read the new teams again, so the
        # rest of the plan starts from what they really hold
        made = [c.team for c, _ in outcome.done]
        reader.refresh(org, made)
        plan = plan_mod.compute(state, policy, want, org)
        refusals = limits.check(plan, policy, [], allow_large=args.allow_large_plan,
                                created=frozenset(made))
        if refusals:
            for r in refusals:
                print(f"charter: error: {r.rule} {r.message}", file=sys.stderr)
            raise CharterError("after creating the teams, the safety limits refuse the rest of "
                               "the plan; nothing more was written")
    if outcome.failed is None:
        rest = [c for c in plan.changes if c.action != "create-team"]
        outcome = writer.run(rest, report)
        total.done += outcome.done
        total.writes += outcome.writes
    if args.format == "json":
        sys.stdout.write(render.as_json(plan, [], requests=reader.requests, applied=applied))
    invited = sorted({c.subject for c, r in total.done if r == "invited"}, key=str.lower)
    line = (f"charter sync github: applied {len(total.done)} change(s) to {policy.org}"
            + (f"; invited to the organisation: {', '.join(invited)}" if invited else ""))
    print(line, file=sys.stderr)
    if args.summary:
        stopped = (f" It stopped at: {apply.describe(outcome.failed[0])}; the next run finishes."
                   if outcome.failed is not None else "")
        _append(args.summary, f"\n**Applied {len(total.done)} change(s).**{stopped}\n")
    if outcome.failed is not None:
        c, why = outcome.failed
        raise CharterError(f"stopped at: {apply.describe(c)}: {why}. GitHub is consistent "
                           f"(each change is whole; {len(total.done)} done); run the same "
                           "command again to finish: it reads GitHub afresh and does only what "
                           "is left")
    return 0


# --- sync ids ---------------------------------------------------------------------------------
def run_ids(args: argparse.Namespace) -> int:
    import json

    from charter import gh, roundtrip
    from charter.elections.check import verify_tree
    from charter.load import load
    from charter.sync import ids
    from charter.tree import FsTree

    root = repo_root(args)
    state, findings = load(FsTree(root))
    if not state.members:
        raise CharterError("no member files could be read (members/*.yaml); nothing to compare")
    gql = gh.GraphQL(github_client(args), max_wait=args.max_wait, retries=args.retries)
    report = ids.scan(gql, state)
    if args.format == "json":
        json.dump(report.as_dict(), sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        for line in report.lines():
            print(line)
        if report.empty:
            print(f"charter sync ids: all {len(state.members)} member file(s) match GitHub")
    print(f"charter sync ids: {report.requests} GitHub request(s) for {len(state.members)} "
          "member(s)", file=sys.stderr)
    if args.write and (report.fill or report.renamed):
        changes, deletions, done = ids.edits(FsTree(root), state, report)
        for line in done:
            print(f"charter sync ids: {line}", file=sys.stderr)
        for path in roundtrip.apply(Path(root), changes, (state, findings), deletions,
                                    checks=[verify_tree]):
            print(f"wrote {path}", file=sys.stderr)
    return 1 if args.check and not report.empty else 0
