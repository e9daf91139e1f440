"""ECO-PERIODIC and ECO-OFFBOARD notices: one GitHub issue per shortfall, found again, not doubled.

Every write is idempotent by a marker. Each notice carries a hidden marker
(``<!-- charter:ecosystem-review slug=... opened=... deadline=... -->``) and a label; each
comment charter posts carries one too
(``<!-- charter:ecosystem-comment slug=... event=... notice=... -->``).
Before opening an issue the desk lists the labelled issues once per run and looks for the marker;
before commenting it looks for its comment on that issue. So a run that crashed after GitHub
acted but before the record was written finds what it did and goes on from there.

Write faults are retried where that is safe: a refusal GitHub documents as not acted on (rate
limits, ``Retry-After``) by the client (``charter.gh.client(writes=True)``); a 5xx, a timeout or a
lost answer, which may come after GitHub acted, only after looking again for the marker
(opening, commenting) or because the write sets a state and is harmless to repeat (editing,
closing). Every wait is capped by ``max_wait``.

The open notice on GitHub is evidence too: when the record lacks it (the records of the run that
opened it never landed), its marker (or, for notices opened before markers carried dates, when
the issue was opened) says when the grace period started.

Without ``apply`` nothing is written: the desk only says what it would do.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from charter.gh import call

REVIEW = "review"
OFFBOARDING = "offboarding"
LABELS = {REVIEW: "ecosystem-review", OFFBOARDING: "ecosystem-offboarding"}
_MARKER = re.compile(r"<!-- charter:ecosystem-(review|offboarding) slug=([a-z0-9._-]+)"
                     r"((?: [a-z]+=[0-9-]+)*) -->")
_FIELD = re.compile(r" ([a-z]+)=([0-9-]+)")


def marker(kind: str, slug: str, **fields: str) -> str:
    extra = "".join(f" {k}={v}" for k, v in fields.items() if v)
    return f"<!-- charter:ecosystem-{kind} slug={slug}{extra} -->"


def comment_marker(slug: str, event: str, notice: str) -> str:
    """The marker of one comment: ``event`` (resolved, retired) on the notice opened ``notice``."""
    return f"<!-- charter:ecosystem-comment slug={slug} event={event} notice={notice} -->"


def _mentions(data: dict[str, Any]) -> str:
    logins = [str(x) for x in data.get("maintainers", [])]
    return " ".join(f"@{x}" for x in logins) or "Project owners"


def notice_title(data: dict[str, Any]) -> str:
    return f"Ecosystem review: {data['name']} falls short of the requirements"


def notice_body(data: dict[str, Any], reasons: list[str], reviewed: str, deadline: str,
                grace_days: int, opened: str) -> str:
    repo = data["repository"]
    lines = [
        marker(REVIEW, data["slug"], opened=opened, deadline=deadline),
        f"{_mentions(data)}: the periodic review (ECO-PERIODIC) of "
        f"[{repo}](https://github.com/{repo}) on {reviewed} found what needs fixing for "
        f"{data['name']} to stay in the ecosystem:",
        "",
        *[f"- [ ] {r}" for r in reasons],
        "",
        f"Please fix these by **{deadline}** ({grace_days} days from the first notice) and reply "
        "here. If they are still not met by then, or there is no answer, the project is retired "
        "from the ecosystem and listed as retired.",
        "",
        "_Kept up to date by `charter ecosystem review`: later reviews update this issue instead "
        "of opening another._",
    ]
    return "\n".join(lines)


def resolved_comment(reviewed: str) -> str:
    return (f"The review on {reviewed} found every requirement met again. Thank you; this notice "
            "is closed.")


def retired_comment(deadline: str, offboarding: int | None) -> str:
    where = f" (see #{offboarding})" if offboarding else ""
    return (f"The requirements were still not met after the deadline of {deadline}; the project "
            f"is retired from the ecosystem{where}.")


def offboarding_title(data: dict[str, Any]) -> str:
    return f"Ecosystem offboarding: {data['name']} is retired"


# Who opens an offboarding issue: the periodic review when it retires a project, or
# ``charter ecosystem offboard`` for a retirement recorded by hand.
BY_REVIEW = "review"
BY_HAND = "offboard"


def offboarding_body(data: dict[str, Any], reason: str, retired_on: str,
                     by: str = BY_REVIEW) -> str:
    rules = "ECO-PERIODIC, ECO-OFFBOARD" if by == BY_REVIEW else "ECO-OFFBOARD"
    return "\n".join([
        marker(OFFBOARDING, data["slug"]),
        f"{_mentions(data)}: on {retired_on}, {data['name']} was retired from the ecosystem "
        f"({rules}).",
        "",
        f"Reason: {reason}",
        "",
        "Please remove references to ecosystem membership (badges, logos, wording) from the "
        f"repository [{data['repository']}](https://github.com/{data['repository']}) and the "
        "project's website. A project that meets the requirements again is welcome to re-apply.",
        "",
        f"_Opened by `charter ecosystem {by}`._",
    ])


@dataclass
class Done:
    number: int | None
    action: str  # what happened (or would happen), for the printed plan


@dataclass(frozen=True)
class OpenNotice:
    """A notice issue open on GitHub, as evidence of when its grace period started."""

    issue: int
    opened: str
    deadline: str


def _uncertain(exc: BaseException) -> bool:
    """A write failure after which GitHub may or may not have acted: a 5xx, a timeout, a lost
    connection. (A 4xx, or a rate limit the client already retried, is a plain failure.)"""
    import github
    import requests

    if isinstance(exc, github.GithubException):
        return isinstance(exc.status, int) and exc.status >= 500
    return isinstance(exc, (requests.exceptions.ConnectionError, requests.exceptions.Timeout))


class Desk:
    """Opens, updates and closes notices in the governance repository."""

    def __init__(self, gh: Any, repository: str | None, *, apply: bool,
                 writer: Any = None, retries: int = 4, backoff: float = 1.0,
                 max_wait: float = 120.0, sleep: Callable[[float], None] = time.sleep) -> None:
        self.gh = gh
        # The writer client retries only refusals (charter.gh.client(writes=True)); a fault
        # after which GitHub may have acted is retried here, after looking for the marker.
        self.writer = writer or gh
        self._wrepo: Any = None
        self.repository = repository
        self.apply = apply
        self.retries = retries
        self.backoff = backoff
        self.max_wait = max_wait
        self.sleep = sleep
        self._repo: Any = None
        self._index: dict[str, dict[str, Any]] = {}
        self.writes = 0

    def _repo_obj(self) -> Any:
        if self._repo is None:
            if not self.repository:
                from charter.errors import CharterError

                raise CharterError("no repository for notices: set organisation."
                                   "governance_repository in policy.yaml or pass --issues-repo")
            self._repo = self.gh.withLazy(True).get_repo(self.repository)
        return self._repo

    def _writer_repo(self) -> Any:
        if self._wrepo is None:
            self._repo_obj()
            self._wrepo = self.writer.withLazy(True).get_repo(self.repository)
        return self._wrepo

    def _listing(self, kind: str) -> dict[str, Any]:
        """Every ``kind`` issue carrying charter's marker, by slug (the newest of each)."""
        found: dict[str, Any] = {}
        repo = self._repo_obj()

        def listing() -> None:
            for issue in repo.get_issues(state="all", labels=[LABELS[kind]]):
                m = _MARKER.search(issue.body or "")
                if m and m.group(1) == kind:
                    found.setdefault(m.group(2), issue)  # newest first: keep the newest

        call(f"listing {LABELS[kind]} issues in {self.repository}", listing)
        return found

    def find(self, kind: str, slug: str) -> Any:
        """The issue carrying ``kind``'s marker for ``slug``, from one listing per label."""
        if kind not in self._index:
            self._index[kind] = self._listing(kind)
        return self._index[kind].get(slug)

    def open_notice(self, slug: str, grace_days: int) -> OpenNotice | None:
        """The open notice for ``slug`` on GitHub, with when its grace period started: the date
        in its marker, or (a notice from before markers carried dates) the day it was opened."""
        if not self.repository:
            return None
        issue = self.find(REVIEW, slug)
        if issue is None or issue.state != "open":
            return None
        m = _MARKER.search(issue.body or "")
        fields = dict(_FIELD.findall(m.group(3))) if m else {}
        opened = _date(fields.get("opened"))
        if opened is None:
            created = issue.created_at
            opened = created.date() if created else None
        if opened is None:
            return None
        deadline = _date(fields.get("deadline")) or opened + dt.timedelta(days=grace_days)
        return OpenNotice(issue.number, opened.isoformat(), deadline.isoformat())

    def _get(self, number: int) -> Any:
        """Issue ``number`` read now (not lazily), or None when it no longer exists."""
        import github

        repo = self._repo_obj()

        def read() -> Any:
            try:
                issue = repo.get_issue(number)
                _ = issue.state  # a lazy object: make the request here, inside call()
            except github.UnknownObjectException:
                return None
            return issue

        return call(f"reading issue #{number} of {self.repository}", read)

    def _write(self, what: str, do: Callable[[], Any],
               check: Callable[[], Any] | None = None) -> Any:
        """``do()``, retried after a fault that may have come after GitHub acted: first
        ``check()`` looks for what ``do`` leaves behind (its marker) and, when it is there, that
        is the result. Without ``check`` the write must be harmless to repeat."""
        import github
        import requests

        attempt = 0
        while True:
            try:
                result = do()
            except (github.GithubException, requests.exceptions.RequestException) as exc:
                if not _uncertain(exc) or attempt >= self.retries:
                    def again(exc: BaseException = exc) -> Any:
                        raise exc

                    return call(what, again)  # worded as every GitHub failure is
                if check is not None:
                    found = call(f"{what}: looking for it after a failed answer", check)
                    if found is not None:
                        self.writes += 1
                        return found
                wait = min(self.backoff * (2 ** attempt), self.max_wait)
                if wait > 0:
                    self.sleep(wait)
                attempt += 1
                continue
            self.writes += 1
            return result

    def ensure(self, kind: str, slug: str, title: str, body: str, known: int | None) -> Done:
        """Open the issue, or update (and reopen) the one already there."""
        issue = self.find(kind, slug)
        if issue is None and known:
            issue = self._get(known)
        if issue is None:
            if not self.apply:
                return Done(None, f"would open an issue in {self.repository}: {title!r}")
            wrepo = self._writer_repo()
            new = self._write("opening an issue", lambda: wrepo.create_issue(
                title=title, body=body, labels=[LABELS[kind]]),
                lambda: self._listing(kind).get(slug))
            self._index.setdefault(kind, {})[slug] = new
            return Done(new.number, f"opened #{new.number}")
        if (issue.body or "") == body and issue.state == "open":
            return Done(issue.number, f"#{issue.number} already up to date")
        if not self.apply:
            return Done(issue.number, f"would update #{issue.number}")
        target = self._writer_repo().get_issue(issue.number)
        self._write(f"updating issue #{issue.number}",
                    lambda: target.edit(body=body, state="open"))
        self._index.setdefault(kind, {})[slug] = target
        return Done(issue.number, f"updated #{issue.number}")

    def _comment_on(self, number: int, key: str) -> Any:
        """Charter's comment with marker ``key`` on issue ``number``, or None."""
        for c in self._repo_obj().get_issue(number).get_comments():
            if key in (c.body or ""):
                return c
        return None

    def close(self, number: int | None, slug: str, comment: str, key: str) -> Done:
        """Comment (once: the comment's marker ``key`` is looked for first) and close."""
        issue = self.find(REVIEW, slug)
        if issue is None or (number and issue.number != number):
            issue = self._get(number) if number else None
            if issue is None:
                return Done(None, f"no notice issue #{number} to close" if number
                            else "no notice issue to close")
        if issue.state == "closed":
            return Done(issue.number, f"#{issue.number} already closed")
        if not self.apply:
            return Done(issue.number, f"would comment on and close #{issue.number}")
        n = issue.number
        target = self._writer_repo().get_issue(n)
        said = None
        if issue.comments:  # a comment is there: perhaps ours, from a run that stopped here
            said = call(f"reading the comments of #{n}", lambda: self._comment_on(n, key))
        if said is None:
            self._write(f"commenting on issue #{n}",
                        lambda: target.create_comment(f"{comment}\n\n{key}"),
                        lambda: self._comment_on(n, key))
        self._write(f"closing issue #{n}", lambda: target.edit(state="closed"))
        return Done(n, f"closed #{n}")


def offboard(desk: Desk, data: dict[str, Any], reason: str, retired_on: str,
             by: str = BY_REVIEW) -> Done:
    """Open the offboarding issue of the retired project ``data`` (ECO-OFFBOARD), or find the
    one already there by its marker (and bring it up to date): never a second one."""
    return desk.ensure(OFFBOARDING, data["slug"], offboarding_title(data),
                       offboarding_body(data, reason, retired_on, by), None)


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None
