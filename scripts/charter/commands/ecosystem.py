"""``charter ecosystem intake|queue|decide|evidence|review|offboard``: the ecosystem lifecycle
(ECO-*)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from charter.commands._common import add_github as _add_github
from charter.commands._common import add_repo, past_date, repo_root
from charter.commands._common import not_negative as _not_negative
from charter.ecosystem.review import FUNCTIONAL_NAMES as FUNCTIONAL
from charter.errors import CharterError, UsageError
from charter.findings import Severity
from charter.load import load
from charter.model import Project, State
from charter.report import emit
from charter.tree import FsTree


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("ecosystem", help="ecosystem applications, votes and periodic reviews",
                       description="The ecosystem lifecycle: intake of applications, the review "
                       "queue, working-group votes, the periodic re-review against GitHub and the "
                       "offboarding of a project retired by hand.")
    eco = p.add_subparsers(dest="eco_command", metavar="STEP", parser_class=type(p))
    p.set_defaults(func=lambda _a: _missing_step(p))

    i = eco.add_parser("intake",
                       help="turn a submitted application form into ecosystem/<slug>.yaml")
    src = i.add_mutually_exclusive_group(required=True)
    src.add_argument("--issue", type=int, metavar="N", help="read issue N from GitHub")
    src.add_argument("--body-file", metavar="FILE",
                     help="read the form body from FILE ('-': stdin)")
    i.add_argument("--number", type=int, metavar="N",
                   help="the issue number to record with --body-file")
    _add_issues_repo(i, "where the application issues live")
    _add_github(i)
    _add_common(i)
    i.set_defaults(func=run_intake)

    q = eco.add_parser("queue", help="the review order and who moves to in progress (ECO-QUEUE)")
    q.add_argument("--session", metavar="DATE", help="the session date (default: the working "
                   "group's next_session)")
    q.add_argument("--apply", action="store_true",
                   help="set the status of the applications due to move to in-progress")
    _add_common(q)
    q.set_defaults(func=run_queue)

    d = eco.add_parser("decide", help="record a working-group decision (ECO-VOTE)")
    d.add_argument("slug", metavar="SLUG", help="the application (ecosystem/SLUG.yaml)")
    d.add_argument("--for", dest="approve", default="", metavar="LOGINS",
                   help="comma-separated members voting to accept")
    d.add_argument("--against", default="", metavar="LOGINS",
                   help="comma-separated members voting against")
    d.add_argument("--abstain", default="", metavar="LOGINS",
                   help="comma-separated members who abstain")
    d.add_argument("--outcome", choices=("needs-info", "closed-not-ready", "postponed"),
                   help="record this outcome instead of a vote (needs --reason)")
    d.add_argument("--reason", metavar="TEXT", help="why; shown to the applicants")
    d.add_argument("--date", metavar="DATE", help="the decision's date (default: today)")
    _add_common(d)
    d.set_defaults(func=run_decide)

    e = eco.add_parser("evidence", help="record a functional requirement as met or not, with "
                       "evidence and reviewer (ECO-FUNCTIONAL)")
    e.add_argument("slug", metavar="SLUG", help="the project (ecosystem/SLUG.yaml)")
    e.add_argument("requirement", choices=sorted(FUNCTIONAL), metavar="REQUIREMENT",
                   help="one of: " + ", ".join(sorted(FUNCTIONAL)))
    met = e.add_mutually_exclusive_group(required=True)
    met.add_argument("--met", dest="met", action="store_true", default=None,
                     help="the project meets the requirement")
    met.add_argument("--not-met", dest="met", action="store_false",
                     help="the project does not meet it (say why in --evidence)")
    e.add_argument("--evidence", required=True, metavar="TEXT",
                   help="a link or a sentence a later reviewer can check")
    e.add_argument("--reviewer", required=True, metavar="LOGIN",
                   help="the working-group member who checked it")
    e.add_argument("--date", metavar="DATE", help="default: today")
    _add_common(e)
    e.set_defaults(func=run_evidence)

    r = eco.add_parser("review", help="re-review active projects against GitHub (ECO-PERIODIC)",
                       description="Re-review every active project whose last review is "
                       "review_interval_months old (or --all, or the SLUGs named). Without "
                       "--apply nothing is written: the plan is printed.")
    r.add_argument("slugs", nargs="*", metavar="SLUG",
                   help="re-review these projects only (default: every one that is due)")
    r.add_argument("--all", action="store_true", help="every active project, due or not")
    r.add_argument("--apply", action="store_true",
                   help="write the records and open, update or close the notice issues")
    r.add_argument("--exact-contributors", action="store_true",
                   help="page through every commit of the window even when the contributor "
                   "threshold is already met (more requests)")
    r.add_argument("--max-shortfall", type=_not_negative(float), default=25.0, metavar="PERCENT",
                   help="refuse to write when more than this share of the reviewed projects "
                   "(and more than 3) would be notified or retired in one run (default 25)")
    _add_issues_repo(r, "where notices are opened")
    r.add_argument("--summary", metavar="FILE",
                   help="also write the run as Markdown to FILE (what was done, what needs a "
                   "person, what remains for the next run); written even when the run stops")
    r.add_argument("--progress-every", type=_not_negative(int), default=100, metavar="N",
                   help="off a terminal, print a progress line every N projects (default 100; "
                   "0: never); on a terminal a progress bar is shown")
    _add_github(r)
    _add_common(r)
    r.set_defaults(func=run_review)

    o = eco.add_parser("offboard", help="open the offboarding issue of a project retired by hand "
                       "and record its number (ECO-OFFBOARD)",
                       description="For a retirement recorded by hand (status: retired, a "
                       "retired decision, retired: {date, reason}): open the issue that tells the "
                       "owners and asks them to remove references to ecosystem membership, and "
                       "record its number as retired: offboarding_issue:. An issue already open "
                       "for the project (found by its marker) is used, never a second one. "
                       "Without --apply nothing is written: the plan is printed.")
    o.add_argument("slug", metavar="SLUG", help="the retired project (ecosystem/SLUG.yaml)")
    o.add_argument("--apply", action="store_true",
                   help="open the issue on GitHub and record its number in the file")
    _add_issues_repo(o, "where the issue is opened")
    _add_github(o)
    _add_common(o)
    o.set_defaults(func=run_offboard)


def _missing_step(p: argparse.ArgumentParser) -> int:
    raise UsageError(f"{p.prog}: choose a step (intake, queue, decide, evidence, review, "
                     f"offboard); see {p.prog} --help")


def _add_issues_repo(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument("--issues-repo", metavar="OWNER/NAME",
                   help=f"{what} (default: policy's organisation.governance_repository)")


def _add_common(p: argparse.ArgumentParser) -> None:
    add_repo(p)
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="text lines, or one JSON document on stdout")


def _today() -> dt.date:
    from charter.rules import today

    return today()


def _date(text: str, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{what}: {text!r} is not a date (YYYY-MM-DD)") from None


def _state(root: Path) -> State:
    state, findings = load(FsTree(root))
    bad = [f for f in findings if f.severity is Severity.ERROR
           and f.rule.startswith(("YAML", "SCHEMA", "INT-READ")) and f.path.startswith("ecosystem")]
    bad += [f for f in findings if f.path in ("policy.yaml", "ecosystem-wg.yaml")
            and f.severity is Severity.ERROR]
    if bad:
        emit(sorted(set(bad)), "text", sys.stderr)
        raise CharterError("fix the errors above first")
    return state


def _no_project(state: State | Iterable[str], slug: str) -> str:
    import difflib

    slugs = sorted(state.projects if isinstance(state, State) else state)
    close = difflib.get_close_matches(slug, slugs, n=1)
    hint = (f"; did you mean {close[0]!r}?" if close
            else f"; projects: {', '.join(slugs) or 'none'}")
    return f"no ecosystem project {slug!r} (no ecosystem/{slug}.yaml){hint}"


def _client(args: argparse.Namespace) -> Any:
    from charter import gh

    return gh.client(base_url=args.github_api, retries=args.retries, backoff=args.backoff,
                     max_wait=args.max_wait)


def _issues_repo(args: argparse.Namespace, state: State) -> str | None:
    return args.issues_repo or state.policy.organisation.get("governance_repository")


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


# --- intake -----------------------------------------------------------------------------
REAPPLY = ("declined", "closed-not-ready", "postponed", "needs-info", "retired")


def run_intake(args: argparse.Namespace) -> int:
    from charter.ecosystem import form, queue, records
    from charter.ecosystem.vote import resubmit_after

    root = repo_root(args)
    state = _state(root)
    today = _today()
    number = args.number
    if args.issue is not None:
        from charter import gh

        full = _issues_repo(args, state)
        if not full:
            raise CharterError("--issue needs the repository of the issues: pass --issues-repo")
        client = _client(args)
        issue = gh.call(f"reading issue #{args.issue} of {full}",
                        lambda: client.withLazy(True).get_repo(full).get_issue(args.issue).body)
        body, number = issue or "", args.issue
    elif args.body_file == "-":
        body = sys.stdin.read()
    else:
        try:
            body = Path(args.body_file).read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            raise CharterError(f"{args.body_file}: cannot read ({exc.strerror or exc})") from None
    answers = form.sections(body)
    record = form.to_record(answers, issue=number, today=today)
    claimed = form.claimed_previous(answers)
    same_repo = [p for p in state.projects.values()
                 if p.repository.lower() == record["repository"].lower()]
    existing = same_repo[0] if same_repo else None
    if existing is None and record["slug"] in state.projects:
        # another project already uses the name: qualify it with the owner
        record["slug"] = form.slug_of(record["repository"].replace("/", "-"))
        if record["slug"] in state.projects:
            raise CharterError(f"ECO-SUBMIT: ecosystem/{record['slug']}.yaml is taken by "
                               "another project; record this application by hand")
    path = records.path_of(root, record["slug"])
    if existing is not None:
        if number is not None and existing.data.get("issue") == number:
            raise CharterError(f"issue #{number} is already recorded in {existing.file}")
        if existing.status not in REAPPLY:
            raise CharterError(f"ECO-SUBMIT: {existing.file} already holds {existing.slug} "
                               f"({existing.status}); one record per project")
        allowed = resubmit_after(existing.data.get("decisions", []),
                                 int(state.policy.get("ecosystem.resubmit_months")))
        if existing.status == "declined" and allowed and today < allowed:
            raise CharterError(f"ECO-RESUBMIT: {existing.slug} was declined; it may re-apply from "
                               f"{allowed}")
        # A re-application continues the project's file: its history stays with it.
        path = root / existing.file
        doc = records.read(path, existing.file)
        rec = doc.data
        old_issue = rec.get("issue")
        for key in ("name", "repository", "licence", "description", "maintainers", "contacts",
                    "links", "application"):
            if key in record:
                rec[key] = records.block({key: record[key]})[key]
        rec["status"] = "new"
        if number is not None:
            rec["issue"] = number
        rec["submitted"] = records.date(record["submitted"])
        # returning or not is read from the decisions (ECO-QUEUE), never stored
        if "returning" in rec:
            del rec["returning"]
        if old_issue and old_issue != number:
            rec["previous_issue"] = old_issue
        if "notice" in rec:
            del rec["notice"]
        plain = records.write(path, doc)
        again = _project(existing.file, plain)
        how = ("returning: reviewed first" if queue.returning(again)
               else "a new application: first in, first out")
        print(f"updated {existing.file}: {existing.slug} re-applies (status new; {how})")
        _claim(again, claimed)
        return 0
    if path.exists():
        raise CharterError(f"{path.relative_to(root)} exists but is not a valid record")
    records.write(path, record)
    rel = path.relative_to(root).as_posix()
    allowed = [str(x) for x in state.policy.get("ecosystem.licences")]
    if record["licence"] not in allowed:
        print(f"note: ECO-FUNCTIONAL: licence {record['licence']!r} is not one of "
              f"{', '.join(allowed)}; the working group will ask about it", file=sys.stderr)
    if args.format == "json":
        _print_json({"path": rel, "record": record})
    else:
        print(f"wrote {rel}: {record['name']} ({record['repository']}), status new")
    _claim(_project(rel, record), claimed, state)
    return 0


def _project(file: str, data: dict[str, Any]) -> Project:
    return Project(str(data["slug"]), str(data["name"]), str(data["repository"]),
                   str(data["status"]), file, data)


def _claim(p: Project, claimed: int | None, state: State | None = None) -> None:
    """Warn (ECO-QUEUE) when the form claims an earlier application the records do not hold."""
    from charter.ecosystem import queue

    problem = queue.claim_problem(p, claimed)
    if problem is None:
        return
    if state is not None and claimed is not None:
        others = [o for o in state.projects.values() if claimed in (o.data.get("issue"),
                                                                     o.data.get("previous_issue"))]
        if others:
            problem += (f" (#{claimed} is recorded in {others[0].file}, for "
                        f"{others[0].repository})")
    print(f"{p.file}: ECO-QUEUE warning: {problem}", file=sys.stderr)


# --- queue ------------------------------------------------------------------------------
def run_queue(args: argparse.Namespace) -> int:
    from charter.ecosystem import queue, records

    root = repo_root(args)
    state = _state(root)
    today = _today()
    when = args.session or state.working_group.next_session
    if not when:
        raise CharterError("no session date: pass --session or set next_session in "
                           "ecosystem-wg.yaml")
    session = _date(when, "--session")
    q = queue.build(state, session, today)
    if args.format == "json":
        _print_json({"session": session.isoformat(), "move_on": q.move_on.isoformat(),
                     "session_min": q.session_min, "session_max": q.session_max,
                     "queue": [e.as_dict() for e in q.entries]})
    else:
        print(f"session {session}: up to {q.session_max} applications (aim: at least "
              f"{q.session_min}); they move to in progress on {q.move_on}")
        for e in q.entries:
            p = e.project
            issue = f"#{p.data['issue']}" if p.data.get("issue") else "-"
            tags = []
            if queue.returning(p):
                tags.append("returning")
            if not e.in_session:
                tags.append("next session")
            elif e.move_now:
                tags.append("move to in-progress now")
            elif p.status != "in-progress":
                tags.append(f"moves on {q.move_on}")
            print(f"{e.position:>3}. {issue:>6} {p.slug:<30} {p.status:<12} {', '.join(tags)}")
        if not q.entries:
            print("no applications are waiting")
        elif len(q.in_session) < q.session_min:
            print(f"note: {len(q.in_session)} application(s) waiting, fewer than the "
                  f"{q.session_min} a session aims for")
    if args.apply:
        for e in q.entries:
            if e.move_now:
                path = root / e.project.file
                doc = records.read(path, e.project.file)
                doc.data["status"] = "in-progress"
                records.write(path, doc)
                print(f"{e.project.file}: status in-progress", file=sys.stderr)
    return 0


# --- decide -----------------------------------------------------------------------------
def _logins(text: str) -> list[str]:
    return [x.strip().removeprefix("@") for x in text.split(",") if x.strip()]


def run_decide(args: argparse.Namespace) -> int:
    from charter.ecosystem import records, vote

    root = repo_root(args)
    state = _state(root)
    p = state.projects.get(args.slug)
    if p is None:
        raise CharterError(_no_project(state, args.slug))
    vote.require_decidable(p.slug, p.status)
    when = past_date(args.date, "--date", "the decision")
    submitted = str(p.data.get("submitted") or "")
    if submitted and when.isoformat() < submitted:
        raise UsageError(f"--date {when}: is before {p.slug} applied ({submitted}); give the "
                         "day the working group decided")
    entry: dict[str, Any] = {"date": when.isoformat()}
    if args.outcome:
        if not args.reason:
            raise UsageError(f"--outcome {args.outcome} needs --reason")
        if args.approve or args.against or args.abstain:
            raise UsageError("--outcome records no vote; drop --for/--against/--abstain")
        entry["outcome"] = args.outcome
        status = args.outcome
        summary = f"{p.slug}: {args.outcome}"
    else:
        if not (args.approve or args.against or args.abstain):
            raise UsageError("record the vote with --for/--against/--abstain LOGINS (or an "
                             "--outcome with --reason); with no votes the application would be "
                             "declined")
        members = list(state.working_group.members)
        if not members:
            raise CharterError("ECO-VOTE: ecosystem-wg.yaml lists no members")
        lists = {"for": _logins(args.approve), "against": _logins(args.against),
                 "abstain": _logins(args.abstain)}
        problems = vote.check_voters(members, lists)
        if problems:
            raise CharterError("ECO-VOTE: " + "; ".join(problems))
        t = vote.tally(members, lists["for"], state.policy.fraction("ecosystem.vote_fraction"))
        if t.outcome == "accepted":
            vote.require_acceptable(p.slug, p.status, p.data)
        entry["outcome"] = t.outcome
        entry.update(lists)
        entry["working_group"] = members
        status = "active" if t.outcome == "accepted" else "declined"
        summary = (f"{p.slug}: {t.outcome} ({t.approvals} of {t.members} members approve; "
                   f"{t.needed} needed)")
        if t.outcome == "declined":
            allowed = vote.resubmit_after([entry], int(state.policy.get(
                "ecosystem.resubmit_months")))
            summary += f"; it may re-apply from {allowed} (ECO-RESUBMIT)"
    if args.reason:
        entry["reason"] = args.reason
    path = root / p.file
    doc = records.read(path, p.file)
    doc.data["status"] = status
    records.append(doc.data, "decisions", records.block(entry))
    records.write(path, doc)
    if args.format == "json":
        _print_json({"slug": p.slug, "status": status, "decision": entry})
    else:
        print(summary)
    return 0


# --- evidence ---------------------------------------------------------------------------
def run_evidence(args: argparse.Namespace) -> int:
    from charter.ecosystem import records

    root = repo_root(args)
    state = _state(root)
    p = state.projects.get(args.slug)
    if p is None:
        raise CharterError(_no_project(state, args.slug))
    if args.reviewer.lower() not in {m.lower() for m in state.working_group.members}:
        from charter.suggest import did_you_mean

        raise CharterError(f"ECO-FUNCTIONAL: {args.reviewer} is not a member of the working "
                           "group (ecosystem-wg.yaml)"
                           f"{did_you_mean(args.reviewer, state.working_group.members)}")
    when = past_date(args.date, "--date", "the review")
    entry = {"met": bool(args.met), "evidence": args.evidence, "reviewer": args.reviewer,
             "date": when.isoformat()}
    doc = records.read(root / p.file, p.file)
    if "functional" not in doc.data:
        doc.data["functional"] = records.block({})
    doc.data["functional"][args.requirement] = records.flow_map(
        {k: (records.date(v) if k == "date" else v) for k, v in entry.items()})
    records.write(root / p.file, doc)
    word = "met" if args.met else "not met"
    if args.format == "json":
        _print_json({"slug": p.slug, "requirement": args.requirement, **entry})
        return 0
    print(f"{p.slug}: {FUNCTIONAL[args.requirement]}: {word} ({args.reviewer}, {entry['date']})")
    return 0


# --- review -----------------------------------------------------------------------------
def run_review(args: argparse.Namespace) -> int:
    from charter.ecosystem import notify, periodic, review
    from charter.ecosystem.fetch import Fetcher

    if args.all and args.slugs:
        raise UsageError("pass --all or SLUGs, not both")
    root = repo_root(args)
    state = _state(root)
    today = _today()
    projects = review.select(state, today, args.slugs, args.all)
    mode = "applying" if args.apply else "dry run (nothing is written; pass --apply)"
    print(f"ecosystem review on {today}: {len(projects)} project(s) to review; {mode}",
          file=sys.stderr)
    if not projects:
        if args.summary:
            _write_summary(Path(args.summary), periodic.summary(periodic.Run(due=0), today,
                                                                apply=args.apply))
        if args.format == "json":
            _print_json([])
        return 0
    issues_repo = _issues_repo(args, state)
    if args.apply and not issues_repo:
        raise CharterError("no repository for notices: set organisation.governance_repository "
                           "in policy.yaml or pass --issues-repo")
    from charter import gh

    client = gh.client(base_url=args.github_api, retries=args.retries, backoff=args.backoff,
                       max_wait=args.max_wait, raise_on_202=True)
    fetcher = Fetcher(client, today=today,
                      window_days=int(state.policy.get("ecosystem.window_days")),
                      min_contributors=int(state.policy.get("ecosystem.min_contributors_90d")),
                      exact=args.exact_contributors, retries=args.retries,
                      backoff=args.backoff, max_wait=args.max_wait)
    writer = gh.client(base_url=args.github_api, retries=args.retries, backoff=args.backoff,
                       max_wait=args.max_wait, writes=True)
    desk = notify.Desk(client, issues_repo, apply=args.apply, writer=writer,
                       retries=args.retries, backoff=args.backoff, max_wait=args.max_wait)

    def progress(total: int, label: str) -> periodic.Progress:
        return periodic.Progress(total, label, every=args.progress_every)

    run = periodic.Run(due=len(projects))
    try:
        run = periodic.review_all(root, state, projects, fetcher, desk, today,
                                  apply=args.apply, progress=progress,
                                  max_short=args.max_shortfall / 100)
    except CharterError as exc:
        run.stopped = str(exc)
        run.remaining = [p.slug for p in projects]
        raise
    finally:
        if args.summary:
            _write_summary(Path(args.summary), periodic.summary(run, today, apply=args.apply))
    if args.format == "json":
        _print_json([o.as_dict() for o in run.outcomes])
    else:
        for o in run.outcomes:
            r = o.review
            results = ", ".join(f"{k} {v}" for k, v in r.results.items())
            print(f"{o.slug}: {o.step.kind}" + (f" (deadline {o.step.deadline})"
                                                 if o.step.deadline else "") + f": {results}")
            for reason in r.reasons:
                print(f"  - {reason}")
            for action in o.actions:
                print(f"  > {action}")
    print(f"{fetcher.requests} GraphQL and {fetcher.rest_requests} statistics request(s) for "
          f"{len(run.outcomes)} project(s); {desk.writes} write(s) to GitHub", file=sys.stderr)
    for line in run.failed:
        print(f"charter: error: not reviewed: {line}", file=sys.stderr)
    if run.stopped:
        print(f"charter: error: stopped early: {run.stopped}; {len(run.remaining)} project(s) "
              f"remain ({_some(run.remaining)}); what was done is kept and the next run "
              "continues with them", file=sys.stderr)
    return 0 if run.complete else 1


def _some(slugs: list[str], n: int = 10) -> str:
    return ", ".join(slugs[:n]) + (f" and {len(slugs) - n} more" if len(slugs) > n else "")


def _write_summary(path: Path, text: str) -> None:
    from charter.fsutil import atomic_write

    try:
        atomic_write(path, text.encode("utf-8"))
    except OSError as exc:
        print(f"charter: error: {path}: cannot write the summary ({exc.strerror or exc})",
              file=sys.stderr)


# --- offboard ---------------------------------------------------------------------------
def _retirement(file: str, slug: str, data: dict[str, Any]) -> dict[str, Any]:
    """The ``retired`` block of a project retired by hand, or a one-line refusal saying what
    the record lacks."""
    status = data.get("status")
    if status != "retired":
        raise CharterError(
            f"{file}: {slug} is {status or 'without a status'}, not retired: record the "
            "retirement first (status: retired, a decision with outcome retired, retired: with "
            f"date and reason), then run charter ecosystem offboard {slug}")
    retired = data.get("retired")
    if not isinstance(retired, dict):
        raise CharterError(
            f"{file}: {slug} is retired without a retired: record: add retired: with date: and "
            f"reason: (the issue tells the owners both), then run charter ecosystem offboard "
            f"{slug}")
    missing = [k for k in ("date", "reason") if not str(retired.get(k) or "").strip()]
    if missing:
        raise CharterError(
            f"{file}: {slug}'s retired: record has no {' and no '.join(missing)}: add "
            f"retired: {': and '.join(missing)}: (the issue tells the owners both), then run "
            f"charter ecosystem offboard {slug}")
    return retired


def run_offboard(args: argparse.Namespace) -> int:
    from charter import gh, yamlio
    from charter.ecosystem import notify, records
    from charter.errors import YamlError

    root = repo_root(args)
    slug = args.slug
    path = records.path_of(root, slug)
    rel = f"ecosystem/{slug}.yaml"
    if "/" in slug or "\\" in slug or slug.startswith(".") or not path.is_file():
        known = [f.stem for f in (root / "ecosystem").glob("*.yaml")]
        raise CharterError(_no_project(known, slug))
    # The project's own record first: a retirement that is incomplete is refused in one line
    # naming what to add (before the whole repository is loaded and schema-checked).
    try:
        raw = yamlio.loads(path.read_bytes())
    except (OSError, YamlError):
        raw = None  # reported by the load below, with its location
    if isinstance(raw, dict):
        _retirement(rel, slug, raw)
    state = _state(root)
    p = state.projects.get(slug)
    if p is None:
        raise CharterError(_no_project(state, slug))
    retired = _retirement(p.file, slug, p.data)
    reason, date = str(retired["reason"]), str(retired["date"])
    report: dict[str, Any] = {"slug": slug, "file": p.file,
                              "retired": {"date": date, "reason": reason}, "apply": args.apply}
    known_issue = retired.get("offboarding_issue")
    if known_issue:
        if args.format == "json":
            _print_json({**report, "issue": known_issue, "already_recorded": True,
                         "recorded": False, "action": "nothing to do"})
        else:
            print(f"{p.file}: {slug}'s offboarding issue is already recorded (#{known_issue}); "
                  "nothing to do")
        return 0
    issues_repo = _issues_repo(args, state)
    if not issues_repo:
        raise CharterError("no repository for the offboarding issue: set organisation."
                           "governance_repository in policy.yaml or pass --issues-repo "
                           "OWNER/NAME")
    title = notify.offboarding_title(p.data)
    label = notify.LABELS[notify.OFFBOARDING]
    plan = [f"open an issue in {issues_repo} (label {label}): {title!r}; one already there for "
            f"{slug} (found by its marker) is used instead, never a second one",
            f"record its number in {p.file} as retired: offboarding_issue: (nothing else in the "
            "file changes)"]
    report.update({"issues_repository": issues_repo, "label": label, "title": title,
                   "plan": plan, "already_recorded": False})
    mode = "applying" if args.apply else "dry run (nothing is written; pass --apply)"
    print(f"ecosystem offboard {slug}: {mode}", file=sys.stderr)
    if args.format == "text":
        print(f"{p.file}: {slug} was retired on {date} and its record names no offboarding "
              "issue (ECO-OFFBOARD)")
        print("plan:")
        for i, line in enumerate(plan, 1):
            print(f"  {i}. {line}")
    writer = gh.client(base_url=args.github_api, retries=args.retries, backoff=args.backoff,
                       max_wait=args.max_wait, writes=True)
    desk = notify.Desk(_client(args), issues_repo, apply=args.apply, writer=writer,
                       retries=args.retries, backoff=args.backoff, max_wait=args.max_wait)
    done = notify.offboard(desk, p.data, reason, date, notify.BY_HAND)
    actions = [done.action]
    recorded = False
    if not args.apply:
        which = f"#{done.number}" if done.number is not None else "the new issue's number"
        actions.append(f"would record {which} in {p.file} as retired: offboarding_issue:")
    elif done.number is None:  # pragma: no cover - an applying desk always answers a number
        raise CharterError(f"opening the offboarding issue of {slug}: GitHub gave no number")
    else:
        try:
            records.record_offboarding(root / p.file, p.file, done.number)
        except CharterError as exc:
            raise CharterError(
                f"{exc}; the offboarding issue #{done.number} is open in {issues_repo}: run this "
                f"command again (it finds the issue) or record retired: offboarding_issue: "
                f"{done.number} by hand") from None
        recorded = True
        actions.append(f"recorded retired: offboarding_issue: {done.number} in {p.file}")
    if args.format == "json":
        _print_json({**report, "issue": done.number, "recorded": recorded, "actions": actions})
    else:
        for action in actions:
            print(f"  > {action}")
    print(f"{desk.writes} write(s) to GitHub", file=sys.stderr)
    return 0
