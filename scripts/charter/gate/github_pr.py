"""The pull request as GitHub reports it, read through PyGithub: three requests for a pull
request with up to 100 files and 100 reviews (the pull request, its files, its reviews), one
more per further hundred of either."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from charter import gh
from charter.errors import CharterError
from charter.gate.evaluate import PullRequest
from charter.gate.reviews import Review


@dataclass(frozen=True)
class Fetched:
    pr: PullRequest
    files: tuple[str, ...]
    base_ref: str
    base_sha: str
    state: str


def _review(r: Any, order: int) -> Review:
    user = r.user
    submitted = r.submitted_at.isoformat() if r.submitted_at else ""
    if user is None:
        return Review(None, None, "User", r.state, r.commit_id, order, submitted, r.id)
    return Review(user.login, user.id, user.type or "User", r.state, r.commit_id, order,
                  submitted, r.id)


def fetch(client: Any, full_name: str, number: int) -> Fetched:
    """Read pull request ``number`` of ``full_name``: head, author, body, files and reviews."""
    if full_name.count("/") != 1 or not all(full_name.split("/")):
        raise CharterError(f"--github wants OWNER/REPO, not {full_name!r}")
    lazy = client.withLazy(True)
    what = f"{full_name}#{number}"

    def read() -> Fetched:
        repo = lazy.get_repo(full_name)
        pr = repo.get_pull(number)
        head_sha = pr.head.sha
        user = pr.user
        body = pr.body
        base_ref, base_sha, state = pr.base.ref, pr.base.sha, pr.state
        files = tuple(f.filename for f in pr.get_files())
        reviews = tuple(_review(r, i) for i, r in enumerate(pr.get_reviews()))
        return Fetched(
            PullRequest(head_sha=head_sha, author=user.login if user else None,
                        author_id=user.id if user else None, body=body, reviews=reviews,
                        number=number, url=pr.html_url),
            files, base_ref, base_sha, state,
        )

    return gh.call(f"reading pull request {what}", read)
