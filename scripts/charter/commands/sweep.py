"""``charter sweep inactive``: module maintainers with no activity in their module (GOV-EMERITUS).

Prints each maintainer found inactive with the evidence (the last activity found, where, when);
``--write`` moves them to emeritus in the working tree, ``--open-pr`` proposes the same edits as
one pull request on GitHub with the evidence in its description. The core maintainers decide
through the normal pull-request gate; nothing here changes who maintains what by itself.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from charter.commands._common import add_github, add_repo, github_client, needs_action, repo_root
from charter.errors import CharterError, UsageError

BRANCH = "charter/sweep-inactive"


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("sweep", help="find inactive module maintainers (sweep inactive)",
                       description="Sweeps over the governance data against GitHub activity.")
    actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p))
    s = actions.add_parser(
        "inactive", help="module maintainers with no activity in their module for too long",
        description="Read each module maintainer's latest commit, pull request or issue, review "
        "and comment in the module's repositories or paths, and report those with none for "
        "longer than the module's inactive period (governance.module_inactive_months unless the "
        "module sets inactive_months), with the evidence, proposing moves to emeritus.")
    s.add_argument("modules", nargs="*", metavar="SLUG", help="only these modules (default: all)")
    out = s.add_mutually_exclusive_group()
    out.add_argument("--write", action="store_true",
                     help="move the inactive maintainers to emeritus in the working tree")
    out.add_argument("--open-pr", action="store_true",
                     help="open (or update) one pull request with the moves and the evidence "
                     "(token: $CHARTER_REPO_TOKEN, else $GITHUB_TOKEN)")
    s.add_argument("--pr-repo", metavar="OWNER/REPO",
                   help="where to open the pull request (default: organisation."
                   "governance_repository in policy.yaml)")
    s.add_argument("--branch", default=BRANCH, help=f"the pull request's branch (default {BRANCH})")
    s.add_argument("--format", choices=("text", "json"), default="text",
                   help="the inactive maintainers and their evidence as text, or as JSON")
    add_repo(s)
    add_github(s)
    s.set_defaults(func=run_inactive)
    needs_action(p, "inactive")



def run_inactive(args: argparse.Namespace) -> int:
    from charter import gh, roundtrip
    from charter.load import load
    from charter.rules import today as today_fn
    from charter.sync import proposal, pullreq, sweep
    from charter.tree import FsTree

    root = repo_root(args)
    state, findings = load(FsTree(root))
    unknown = [m for m in args.modules if m not in state.modules]
    if unknown:
        raise CharterError(f"no module {unknown[0]!r} (no modules/{unknown[0]}.yaml)")
    full = args.pr_repo or state.policy.organisation.get("governance_repository")
    if args.open_pr and not full:
        raise UsageError("--open-pr needs --pr-repo OWNER/REPO or organisation."
                         "governance_repository in policy.yaml")
    today = today_fn()
    client = github_client(args)
    gql = gh.GraphQL(client, max_wait=args.max_wait, retries=args.retries)
    verdicts = sweep.Sweeper(gql, state, today, root=Path(root)).run(args.modules or None)
    inactive = [v for v in verdicts if v.status == "inactive"]
    if args.format == "json":
        json.dump([v.as_dict() for v in verdicts], sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(proposal.text(verdicts))
        print(f"charter sweep inactive: {len(inactive)} of {len(verdicts)} module maintainer(s) "
              "inactive" + ("; propose the moves with --open-pr (or --write)"
                            if inactive and not (args.write or args.open_pr) else ""))
    print(f"charter sweep inactive: {gql.requests} GitHub request(s) for {len(verdicts)} "
          "maintainer(s)", file=sys.stderr)
    if not inactive or not (args.write or args.open_pr):
        return 0

    def read(path: str) -> bytes:
        return (root / path).read_bytes()

    changes = proposal.edits(verdicts, today, read)
    if args.write:
        for path in roundtrip.apply(root, changes, (state, findings)):
            print(f"wrote {path}", file=sys.stderr)
        return 0
    from charter import codeowners

    edited, in_sync = roundtrip.validate(root, changes, (state, findings))
    if in_sync:  # keep the generated files in step, as a local edit would
        for rel, content in codeowners.outputs(edited).items():
            if codeowners.read_current(root, rel) != content:
                changes[rel] = content.encode("utf-8")
    originals = {p: read(p) if (root / p).is_file() else None for p in changes}
    # the token that writes to the governance repository may differ from the one that reads
    # the organisation's activity (the workflow scopes each to what it needs)
    writer = github_client(args, os.environ.get("CHARTER_REPO_TOKEN") or None)
    n = len(inactive)
    result = pullreq.propose(
        gql, writer, str(full), branch=args.branch,
        title=f"Move {n} inactive module maintainer(s) to emeritus (GOV-EMERITUS)",
        body=proposal.body(verdicts, today),
        message=f"Move {n} inactive module maintainer(s) to emeritus\n\nProposed by charter "
        f"sweep inactive on {today}; the evidence is in the pull request.",
        changes=changes, originals=originals)
    print(f"charter sweep inactive: pull request #{result.number} {result.action}: {result.url}")
    return 0
