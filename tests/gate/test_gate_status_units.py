"""GOV-APPROVAL verdicts as commit statuses (charter.gate.status), one piece at a time: which
workflow run the status links to, how a long description is cut to GitHub's 140 characters, and
that the command line's retry settings reach the client that posts it. PyGithub talks to the
local fake GitHub of gate_helpers."""

from __future__ import annotations

from argparse import Namespace
from typing import Any

import pytest
import urllib3.util.retry
from gate_helpers import REPO, FakeGitHub

from charter import gh
from charter.errors import CharterError
from charter.gate import status

SHA = "c0ffee" + "0" * 34
RUN = {"GITHUB_SERVER_URL": "https://github.invalid", "GITHUB_REPOSITORY": "org/gov",
       "GITHUB_RUN_ID": "4242"}


@pytest.fixture
def no_run(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in RUN:
        monkeypatch.delenv(key, raising=False)


@pytest.fixture
def slept(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The waits urllib3 asks for between retries, recorded instead of slept."""
    waits: list[float] = []
    monkeypatch.setattr(urllib3.util.retry.time, "sleep", waits.append)
    return waits


def client(fake: FakeGitHub, retries: int = 0, backoff: float = 0, max_wait: float = 1) -> Any:
    return status.client_for(Namespace(github_api=fake.url, retries=retries, backoff=backoff,
                                       max_wait=max_wait))


# --- which run the status links to -------------------------------------------------------------

def test_gov_approval_status_links_the_workflow_run(monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in RUN.items():
        monkeypatch.setenv(key, value)
    assert status.run_url() == "https://github.invalid/org/gov/actions/runs/4242"


@pytest.mark.parametrize("missing", sorted(RUN))
def test_gov_approval_status_links_no_run_without_each_of_the_three(
        monkeypatch: pytest.MonkeyPatch, missing: str) -> None:
    for key, value in RUN.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv(missing)
    assert status.run_url() is None


def test_gov_approval_status_links_no_run_whose_id_is_not_a_number(
        monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in RUN.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("GITHUB_RUN_ID", "42; rm")
    assert status.run_url() is None


# --- what is posted ------------------------------------------------------------------------------

def test_gov_approval_status_posts_state_context_and_run(
        fake_github: FakeGitHub, monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in RUN.items():
        monkeypatch.setenv(key, value)
    status.publish(client(fake_github), REPO, SHA, status.APPROVALS, True, "all\n  met")
    status.publish(client(fake_github), REPO, SHA, status.CHECK, False, "2 errors")
    assert fake_github.statuses == [
        {"state": "success", "context": status.APPROVALS, "description": "all met", "sha": SHA,
         "target_url": "https://github.invalid/org/gov/actions/runs/4242"},
        {"state": "failure", "context": status.CHECK, "description": "2 errors", "sha": SHA,
         "target_url": "https://github.invalid/org/gov/actions/runs/4242"},
    ]


def test_gov_approval_status_outside_actions_has_no_link(
        fake_github: FakeGitHub, no_run: None) -> None:
    status.publish(client(fake_github), REPO, SHA, status.CHECK, True, "ok")
    assert "target_url" not in fake_github.statuses[0]


@pytest.mark.parametrize(("length", "posted"), [
    (status.MAX_DESCRIPTION - 1, "x" * (status.MAX_DESCRIPTION - 1)),
    (status.MAX_DESCRIPTION, "x" * status.MAX_DESCRIPTION),
    (status.MAX_DESCRIPTION + 1, "x" * (status.MAX_DESCRIPTION - 1) + "…"),
    (1000, "x" * (status.MAX_DESCRIPTION - 1) + "…"),
])
def test_gov_approval_status_description_fits_githubs_140_characters(
        fake_github: FakeGitHub, no_run: None, length: int, posted: str) -> None:
    status.publish(client(fake_github), REPO, SHA, status.CHECK, True, "x" * length)
    assert fake_github.statuses[0]["description"] == posted
    assert len(posted) <= 140


def test_gov_approval_status_refused_names_the_commit(
        fake_github: FakeGitHub, no_run: None) -> None:
    fake_github.status_failures = [(422, {}, {"message": "No commit found for SHA"})]
    with pytest.raises(CharterError) as caught:
        status.publish(client(fake_github), REPO, SHA, status.CHECK, True, "ok")
    assert str(caught.value).startswith(f"publishing the {status.CHECK} status on {SHA[:12]}: ")
    assert SHA[:13] not in str(caught.value)


# --- the command line's retry settings reach the client ------------------------------------------

def test_gov_approval_status_retries_as_many_times_as_asked(
        fake_github: FakeGitHub, no_run: None, slept: list[float]) -> None:
    fake_github.status_failures = [(502, {}, {"message": "Bad gateway"})] * 2
    status.publish(client(fake_github, retries=2), REPO, SHA, status.CHECK, True, "ok")
    assert len(fake_github.statuses) == 1
    assert all(w == 0 for w in slept)  # --backoff 0: no wait between tries


def test_gov_approval_status_gives_up_after_the_retries_asked(
        fake_github: FakeGitHub, no_run: None, slept: list[float]) -> None:
    fake_github.status_failures = [(502, {}, {"message": "Bad gateway"})] * 2
    with pytest.raises(gh.GitHubError):
        status.publish(client(fake_github, retries=1), REPO, SHA, status.CHECK, True, "ok")
    assert fake_github.statuses == []


def test_gov_approval_status_waits_back_off_as_asked(
        fake_github: FakeGitHub, no_run: None, slept: list[float]) -> None:
    fake_github.status_failures = [(502, {}, {"message": "Bad gateway"})] * 3
    status.publish(client(fake_github, retries=3, backoff=0.25, max_wait=10), REPO, SHA,
                   status.CHECK, True, "ok")
    assert [w for w in slept if w] == [0.5, 1.0]  # urllib3: none before the second try


def test_gov_approval_status_waits_no_longer_than_max_wait(
        fake_github: FakeGitHub, no_run: None, slept: list[float]) -> None:
    fake_github.status_failures = [(429, {"Retry-After": "30"}, {"message": "slow down"})]
    status.publish(client(fake_github, retries=2, max_wait=2), REPO, SHA, status.CHECK, True, "ok")
    assert len(fake_github.statuses) == 1 and max(slept) == 2
