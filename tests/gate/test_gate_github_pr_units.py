"""GOV-APPROVAL's reading of a pull request (charter.gate.github_pr): every field of every review
as PyGithub reads it from a server that answers like GitHub, including a review whose author's
account was deleted (GitHub: ``"user": null``) and a pending one with no ``submitted_at``."""

from __future__ import annotations

import pytest
from gate_helpers import REPO, FakeGitHub, review, user

from charter import gh
from charter.errors import CharterError
from charter.gate import github_pr
from charter.gate.reviews import Review

HEAD = "ab" * 20


def client(fake: FakeGitHub) -> object:
    return gh.client(base_url=fake.url, retries=0, backoff=0, max_wait=1)


def test_gov_approval_reviews_are_read_field_for_field(fake_github: FakeGitHub) -> None:
    fake_github.head_sha = HEAD
    fake_github.author = user("finn", 106)
    fake_github.body = "## Decision\nyes\n"
    fake_github.files = ["modules/nn.yaml", "members/newbie.yaml"]
    pending = review(13, user("ivy", 109), "PENDING", HEAD)
    del pending["submitted_at"]
    untyped = {**user("kay", 111), "type": None}  # an account of no stated type is a person
    fake_github.reviews = [
        review(11, user("gus", 107), "APPROVED", HEAD, "2026-11-20T10:00:00Z"),
        review(12, None, "CHANGES_REQUESTED", "cd" * 20, "2026-11-21T09:30:00Z"),
        pending,
        review(14, user("ci-bot", 900, "Bot"), "COMMENTED", HEAD, "2026-11-22T08:00:00Z"),
        review(15, untyped, "APPROVED", HEAD, "2026-11-22T09:00:00Z"),
    ]
    got = github_pr.fetch(client(fake_github), REPO, 7)
    assert got.files == ("modules/nn.yaml", "members/newbie.yaml")
    assert (got.base_ref, got.base_sha, got.state) == ("main", "0" * 40, "open")
    pr = got.pr
    assert (pr.head_sha, pr.author, pr.author_id, pr.body, pr.number) == (
        HEAD, "finn", 106, "## Decision\nyes\n", 7)
    assert pr.url == f"https://github.invalid/{REPO}/pull/7"
    assert pr.reviews == (
        Review("gus", 107, "User", "APPROVED", HEAD, 0, "2026-11-20T10:00:00+00:00", 11),
        Review(None, None, "User", "CHANGES_REQUESTED", "cd" * 20, 1,
               "2026-11-21T09:30:00+00:00", 12),
        Review("ivy", 109, "User", "PENDING", HEAD, 2, "", 13),
        Review("ci-bot", 900, "Bot", "COMMENTED", HEAD, 3, "2026-11-22T08:00:00+00:00", 14),
        Review("kay", 111, "User", "APPROVED", HEAD, 4, "2026-11-22T09:00:00+00:00", 15),
    )


def test_gov_approval_pull_request_of_a_deleted_author(fake_github: FakeGitHub) -> None:
    fake_github.head_sha = HEAD
    fake_github.author = None  # type: ignore[assignment]
    got = github_pr.fetch(client(fake_github), REPO, 7)
    assert (got.pr.author, got.pr.author_id) == (None, None)


@pytest.mark.parametrize("name", ["org", "org/gov/extra", "/gov", "org/", ""])
def test_gov_approval_repository_must_be_owner_slash_name(
        fake_github: FakeGitHub, name: str) -> None:
    with pytest.raises(CharterError, match="OWNER/REPO"):
        github_pr.fetch(client(fake_github), name, 7)
    assert fake_github.requests == []


def test_gov_approval_refused_read_names_the_pull_request(fake_github: FakeGitHub) -> None:
    fake_github.always = (404, {}, {"message": "Not Found"})
    with pytest.raises(gh.GitHubError) as caught:
        github_pr.fetch(client(fake_github), REPO, 7)
    assert str(caught.value).startswith(f"reading pull request {REPO}#7: ")
