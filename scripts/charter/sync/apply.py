"""Writing a plan to GitHub: REST calls through PyGithub, each one whole, in a safe order.

Teams are created first, then people added and roles set, then repository access granted, and
only then is anything revoked or anyone removed, so a run cut short (the network, a rate limit
past its cap) leaves nobody without access the data gives them. Every write is idempotent: a
membership or a permission is *set* (PUT), a removal of what is already gone counts as done, and
a team that already exists (an answer lost after GitHub created it) is taken as created. The
next run reads GitHub again and finishes the job; it never repeats what is done.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from charter import gh
from charter.errors import GitHubError
from charter.sync.plan import Change


@dataclass
class Outcome:
    done: list[tuple[Change, str]] = field(default_factory=list)
    failed: tuple[Change, str] | None = None
    writes: int = 0  # write requests that GitHub answered with success

    @property
    def invited(self) -> list[str]:
        return [c.subject for c, result in self.done if result == "invited"]


class Writer:
    def __init__(self, client: Any, org: str) -> None:
        self.client = client
        self.lazy = client.withLazy(True)
        self.org = org
        self.org_obj = self.lazy.get_organization(org)

    def _team_url(self, slug: str) -> str:
        return f"/orgs/{self.org}/teams/{slug}"

    def one(self, c: Change) -> str:
        """Make one change; the result in a word or two."""
        import github

        req = self.client.requester
        if c.action == "create-team":
            try:
                team = self.org_obj.create_team(c.team, privacy="closed", description=c.value)
            except github.GithubException as exc:
                if exc.status == 422 and _already_exists(exc):
                    return "existed already"
                raise
            if team.slug != c.team:
                raise GitHubError(f"GitHub named the new team {team.slug!r}, not {c.team!r}; "
                                  "rename it on GitHub or change sync.teams in policy.yaml")
            return "created"
        if c.action == "update-team":
            req.requestJsonAndCheck("PATCH", self._team_url(c.team),
                                    input={"description": c.value})
            return "updated"
        if c.action in ("add", "set-role"):
            _, data = req.requestJsonAndCheck(
                "PUT", f"{self._team_url(c.team)}/memberships/{c.subject}",
                input={"role": c.value})
            state = (data or {}).get("state")
            return "invited" if state == "pending" else ("added" if c.action == "add"
                                                         else f"now {c.value}")
        if c.action == "grant":
            req.requestJsonAndCheck("PUT", f"{self._team_url(c.team)}/repos/{c.subject}",
                                    input={"permission": c.value})
            return "granted"
        url = (f"{self._team_url(c.team)}/memberships/{c.subject}" if c.action == "remove"
               else f"{self._team_url(c.team)}/repos/{c.subject}")
        try:
            req.requestJsonAndCheck("DELETE", url)
        except github.UnknownObjectException:
            return "gone already"
        return "removed" if c.action == "remove" else "revoked"

    def run(self, changes: list[Change], report: Callable[[Change, str], None] | None = None
            ) -> Outcome:
        out = Outcome()
        for c in changes:
            try:
                result = gh.call(describe(c), lambda c=c: self.one(c))  # type: ignore[misc]
            except GitHubError as exc:
                out.failed = (c, str(exc))
                return out
            out.writes += 1
            out.done.append((c, result))
            if report:
                report(c, result)
        return out


def _already_exists(exc: Any) -> bool:
    data = exc.data if isinstance(exc.data, dict) else {}
    text = " ".join([str(data.get("message", ""))] + [
        str(e.get("message", "")) if isinstance(e, dict) else str(e)
        for e in data.get("errors") or ()])
    return "already exists" in text.lower() or "must be unique" in text.lower()


def describe(c: Change) -> str:
    """One line saying what the change does."""
    if c.action == "create-team":
        return f"create team {c.team}"
    if c.action == "update-team":
        return f"update the description of team {c.team}"
    if c.action == "add":
        how = " (an invitation to the organisation)" if c.invite else ""
        return f"add {c.subject} to team {c.team} as {c.value}{how}"
    if c.action == "set-role":
        return f"make {c.subject} {c.value} of team {c.team} (now {c.before})"
    if c.action == "grant":
        was = f" (now {c.before})" if c.before else ""
        return f"give team {c.team} {c.value} access to {c.subject}{was}"
    if c.action == "revoke":
        return f"remove team {c.team}'s {c.before} access to {c.subject}"
    return f"remove {c.subject} from team {c.team}"
