"""Pull-request reviews reduced to one verdict per person, matched to the base's member records.

* Per reviewer, the latest review that is not a comment decides (GitHub keeps a dismissed review
  with state ``DISMISSED``, so a dismissal revokes the approval it replaced).
* An approval counts only on the current head commit; an older one is *stale* and shown as such.
  A request for changes stands until the same person approves (on any commit) or it is dismissed.
* Reviewers are people: deleted accounts (``user`` null, or GitHub's ``ghost``) and bots are
  ignored.
* A reviewer is matched to a member by numeric GitHub id where the member record has one, so a
  renamed login still counts and a new account that took an old login does not; a member without
  an id is matched by login (case-insensitive).
"""

from __future__ import annotations

from dataclasses import dataclass

from charter.model import Member, State

APPROVED = "APPROVED"
CHANGES = "CHANGES_REQUESTED"
COMMENTED = "COMMENTED"
DISMISSED = "DISMISSED"
PENDING = "PENDING"


@dataclass(frozen=True)
class Review:
    """One review as GitHub reports it (``user_id`` None when unknown, e.g. a local dry run)."""

    login: str | None
    user_id: int | None
    user_type: str
    state: str
    commit_id: str | None
    order: int = 0
    submitted_at: str = ""
    review_id: int | None = None


@dataclass(frozen=True)
class Verdict:
    """What one person's reviews add up to. ``member`` is the base member login, if matched."""

    login: str
    user_id: int | None
    state: str  # approved | stale | changes-requested | dismissed
    member: str | None
    commit_id: str | None
    note: str = ""  # why the person is not a member, when they are not


@dataclass(frozen=True)
class Ignored:
    login: str
    reason: str


def _member_for(state: State, login: str, user_id: int | None) -> tuple[str | None, str]:
    if user_id is not None:
        for m in state.members.values():
            if m.github_id == user_id:
                return m.login, ""
    m: Member | None = state.member(login)
    if m is None:
        return None, f"{login} has no member record on the base branch"
    if m.github_id is not None and user_id is not None and m.github_id != user_id:
        return None, (f"the login {login} belongs to GitHub id {m.github_id} in {m.file}; this "
                      f"account is id {user_id} (a different account that took the login)")
    return m.login, ""


def verdicts(reviews: list[Review], head_sha: str, state: State
             ) -> tuple[dict[str, Verdict], list[Ignored]]:
    """One verdict per reviewer, keyed by lower-case member login; reviewers who match no member
    are keyed ``@login`` so they can never stand in for one."""
    ignored: list[Ignored] = []
    latest: dict[tuple[str, object], Review] = {}
    for r in sorted(reviews, key=lambda r: (r.submitted_at, r.order)):
        if r.login is None or (r.login.lower() == "ghost" and r.user_id in (None, 10137)):
            ignored.append(Ignored(r.login or "(deleted user)",
                                   "the account was deleted; its reviews do not count"))
            continue
        if r.user_type.lower() == "bot" or r.login.lower().endswith("[bot]"):
            ignored.append(Ignored(r.login, "a bot; only people approve governance changes"))
            continue
        if r.state in (COMMENTED, PENDING):
            continue
        key = ("id", r.user_id) if r.user_id is not None else ("login", r.login.lower())
        latest[key] = r
    out: dict[str, Verdict] = {}
    for r in latest.values():
        assert r.login is not None
        member, note = _member_for(state, r.login, r.user_id)
        if r.state == APPROVED:
            st = "approved" if r.commit_id == head_sha else "stale"
        elif r.state == CHANGES:
            st = "changes-requested"
        else:
            st = "dismissed"
        v = Verdict(r.login, r.user_id, st, member, r.commit_id, note)
        # a reviewer who is not (or not provably) a member never shares a key with one
        key = member.lower() if member else f"@{r.login.lower()}"
        prev = out.get(key)
        # two accounts resolving to one person: keep the stronger objection, then the approval
        if prev is None or _rank(v) > _rank(prev):
            out[key] = v
    # de-duplicate ignored accounts, keep first reason
    seen: dict[str, Ignored] = {}
    for i in ignored:
        seen.setdefault(i.login.lower(), i)
    return out, list(seen.values())


def _rank(v: Verdict) -> int:
    return {"changes-requested": 3, "approved": 2, "stale": 1, "dismissed": 0}[v.state]


def local(approvers: list[str], head_sha: str) -> list[Review]:
    """Reviews for a local dry run: each login approving the head commit, identified by login."""
    return [Review(login, None, "User", APPROVED, head_sha, order=i)
            for i, login in enumerate(approvers)]
