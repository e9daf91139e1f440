"""ECO-PERIODIC and ECO-OFFBOARD notices: one GitHub issue per shortfall, found again, not doubled.

Each notice carries a hidden marker (``<!-- charter:ecosystem-review slug=... -->``) and a label.
Before opening an issue the desk lists the labelled issues once per run and looks for the marker,
so a run that crashed after opening an issue but before recording it finds the issue again and
updates it. Without ``apply`` nothing is written: the desk only says what it would do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from charter.gh import call

REVIEW = "review"
OFFBOARDING = "offboarding"
LABELS = {REVIEW: "ecosystem-review", OFFBOARDING: "ecosystem-offboarding"}
_MARKER = re.compile(r"<!-- charter:ecosystem-(review|offboarding) slug=([a-z0-9._-]+) -->")


def marker(kind: str, slug: str) -> str:
    return f"<!-- charter:ecosystem-{kind} slug={slug} -->"


def _mentions(data: dict[str, Any]) -> str:
    logins = [str(x) for x in data.get("maintainers", [])]
    return " ".join(f"@{x}" for x in logins) or "Project owners"


def notice_title(data: dict[str, Any]) -> str:
    return f"Ecosystem review: {data['name']} falls short of the requirements"


def notice_body(data: dict[str, Any], reasons: list[str], reviewed: str, deadline: str,
                grace_days: int) -> str:
    repo = data["repository"]
    lines = [
        marker(REVIEW, data["slug"]),
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


def offboarding_body(data: dict[str, Any], reason: str, retired_on: str) -> str:
    return "\n".join([
        marker(OFFBOARDING, data["slug"]),
        f"{_mentions(data)}: on {retired_on}, {data['name']} was retired from the ecosystem "
        "(ECO-PERIODIC, ECO-OFFBOARD).",
        "",
        f"Reason: {reason}",
        "",
        "Please remove references to ecosystem membership (badges, logos, wording) from the "
        f"repository [{data['repository']}](https://github.com/{data['repository']}) and the "
        "project's website. A project that meets the requirements again is welcome to re-apply.",
        "",
        "_Opened by `charter ecosystem review`._",
    ])


@dataclass
class Done:
    number: int | None
    action: str  # what happened (or would happen), for the printed plan


class Desk:
    """Opens, updates and closes notices in the governance repository."""

    def __init__(self, gh: Any, repository: str | None, *, apply: bool,
                 writer: Any = None) -> None:
        self.gh = gh
        # Opening an issue or commenting is not idempotent: the writer client should not retry
        # (an answer lost after GitHub acted would otherwise post twice); the marker lookup of
        # the next run recovers instead.
        self.writer = writer or gh
        self._wrepo: Any = None
        self.repository = repository
        self.apply = apply
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

    def find(self, kind: str, slug: str) -> Any:
        """The issue carrying ``kind``'s marker for ``slug``, from one listing per label."""
        if kind not in self._index:
            found: dict[str, Any] = {}
            repo = self._repo_obj()

            def listing() -> None:
                for issue in repo.get_issues(state="all", labels=[LABELS[kind]]):
                    m = _MARKER.search(issue.body or "")
                    if m and m.group(1) == kind:
                        found.setdefault(m.group(2), issue)  # newest first: keep the newest

            call(f"listing {LABELS[kind]} issues in {self.repository}", listing)
            self._index[kind] = found
        return self._index[kind].get(slug)

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

    def ensure(self, kind: str, slug: str, title: str, body: str, known: int | None) -> Done:
        """Open the issue, or update (and reopen) the one already there."""
        issue = self.find(kind, slug)
        if issue is None and known:
            issue = self._get(known)
        if issue is None:
            if not self.apply:
                return Done(None, f"would open an issue in {self.repository}: {title!r}")
            wrepo = self._writer_repo()
            new = call("opening an issue", lambda: wrepo.create_issue(
                title=title, body=body, labels=[LABELS[kind]]))
            self.writes += 1
            self._index.setdefault(kind, {})[slug] = new
            return Done(new.number, f"opened #{new.number}")
        if (issue.body or "") == body and issue.state == "open":
            return Done(issue.number, f"#{issue.number} already up to date")
        if not self.apply:
            return Done(issue.number, f"would update #{issue.number}")
        call(f"updating issue #{issue.number}", lambda: issue.edit(body=body, state="open"))
        self.writes += 1
        return Done(issue.number, f"updated #{issue.number}")

    def close(self, number: int | None, slug: str, comment: str) -> Done:
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

        target = self._writer_repo().get_issue(issue.number)

        def do() -> None:
            target.create_comment(comment)
            issue.edit(state="closed")

        call(f"closing issue #{issue.number}", do)
        self.writes += 2
        return Done(issue.number, f"closed #{issue.number}")
