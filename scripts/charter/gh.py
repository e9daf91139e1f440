"""The one way charter talks to GitHub: a PyGithub client with bounded, polite retries.

PyGithub's :class:`github.GithubRetry` retries 5xx answers, secondary rate limits (403 with a
message or ``Retry-After``) and 429 with ``Retry-After``, waiting until a primary limit resets;
charter caps every wait (``max_wait``) so a run never hangs, and turns what is left into a
:class:`~charter.errors.GitHubError` with a line a person can act on.

Tests point ``base_url`` at a local server; nothing inside PyGithub is patched.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any, TypeVar

from charter.errors import GitHubError

DEFAULT_BASE_URL = "https://api.github.com"
T = TypeVar("T")


def client(
    token: str | None = None,
    *,
    base_url: str | None = None,
    retries: int = 4,
    backoff: float = 1.0,
    max_wait: float = 120.0,
    secondary_wait: float = 60.0,
    writes: bool = False,
    raise_on_202: bool = False,
) -> Any:
    """A configured ``github.Github``.

    ``token`` defaults to ``$GITHUB_TOKEN``; ``base_url`` to ``$CHARTER_GITHUB_API`` or GitHub's
    API. ``backoff`` is urllib3's backoff factor (0 in tests).

    ``writes``: a client for requests that must not be repeated blindly (opening an issue,
    commenting). Only answers GitHub documents as refusals (rate limits: 403/429, ``Retry-After``)
    are retried here, for every method; a 5xx or a lost answer may come after GitHub acted, so
    it reaches the caller, which checks before trying again.

    ``raise_on_202``: a 202 ("still computing", the statistics endpoints) raises
    :class:`StillComputing` instead of PyGithub's wait-and-ask-again, which has no limit; the
    caller decides how long to wait.
    """
    import github
    from github import Auth

    token = token if token is not None else os.environ.get("GITHUB_TOKEN") or None
    base = base_url or os.environ.get("CHARTER_GITHUB_API") or DEFAULT_BASE_URL
    retry = _capped_retry(
        cap=max_wait,
        total=retries,
        backoff_factor=backoff,
        backoff_max=max_wait,
        secondary_rate_wait=min(secondary_wait, max_wait),
        max_rate_limit_wait=max_wait,
        respect_retry_after_header=True,
        raise_on_status=False,
        writes=writes,
        raise_on_202=raise_on_202,
    )
    return github.Github(
        auth=Auth.Token(token) if token else None,
        base_url=base.rstrip("/"),
        retry=retry,
        timeout=30,
        per_page=100,
        seconds_between_requests=None,
        seconds_between_writes=None,
    )


class StillComputing(Exception):
    """GitHub answered 202: it is still computing the answer (see ``client(raise_on_202=...)``)."""


def _capped_retry_class() -> type:
    from github import GithubRetry

    class CappedRetry(GithubRetry):  # type: ignore[misc]
        """GithubRetry whose ``Retry-After`` waits never exceed ``cap`` seconds; optionally for
        writes (refusals only) or raising on 202."""

        def __init__(self, *, cap: float = 120.0, writes: bool = False,
                     raise_on_202: bool = False, **kwargs: Any) -> None:
            self.cap = cap
            self.writes = writes
            self.raise_on_202 = raise_on_202
            if writes:
                kwargs.setdefault("status_forcelist", [429])
                kwargs.setdefault("allowed_methods", frozenset(
                    {"GET", "HEAD", "POST", "PATCH", "PUT", "DELETE"}))
                kwargs["read"] = 0  # an answer lost after sending: the caller checks first
                kwargs["other"] = 0
            super().__init__(**kwargs)

        def new(self, **kw: Any) -> Any:
            fresh = super().new(**kw)
            fresh.cap = self.cap
            fresh.writes = self.writes
            fresh.raise_on_202 = self.raise_on_202
            return fresh

        def is_retry(self, method: str, status_code: int, has_retry_after: bool = False) -> bool:
            if status_code == 202 and self.raise_on_202:
                return True  # increment() raises: the caller decides whether to ask again
            if self.writes and status_code >= 500:
                return False
            return bool(super().is_retry(method, status_code, has_retry_after))

        def increment(self, method: str | None = None, url: str | None = None,
                      response: Any = None, *args: Any, **kwargs: Any) -> Any:
            if response is not None and response.status == 202 and self.raise_on_202:
                response.drain_conn()
                raise StillComputing(f"{url}: GitHub is still computing the answer (202)")
            return super().increment(method, url, response, *args, **kwargs)

        def get_retry_after(self, response: Any) -> float | None:
            wait = super().get_retry_after(response)
            return None if wait is None else min(float(wait), self.cap)

    return CappedRetry


def _capped_retry(**kwargs: Any) -> Any:
    return _capped_retry_class()(**kwargs)


def call(what: str, fn: Callable[[], T]) -> T:
    """Run ``fn`` and turn any GitHub or network failure into a one-line :class:`GitHubError`."""
    import github
    import requests

    try:
        return fn()
    except github.RateLimitExceededException as exc:
        raise GitHubError(
            f"{what}: GitHub rate limit exhausted ({exc.status}); retry after the "
            "limit resets or use a GitHub App token"
        ) from None
    except github.GithubException as exc:
        msg = exc.data.get("message") if isinstance(exc.data, dict) else None
        raise GitHubError(
            f"{what}: GitHub answered {exc.status}{': ' + msg if msg else ''}"
        ) from None
    except requests.exceptions.RetryError:
        raise GitHubError(
            f"{what}: GitHub kept answering with errors after every retry; try again later"
        ) from None
    except requests.exceptions.Timeout:
        raise GitHubError(f"{what}: GitHub did not answer in time; try again later") from None
    except requests.exceptions.RequestException:
        raise GitHubError(
            f"{what}: cannot connect to GitHub; check the network and the API address "
            "(--api-url or $CHARTER_GITHUB_API)"
        ) from None


class GraphQL:
    """GraphQL queries through one client from :func:`client`, counted, with bounded waits.

    The client's retry layer already repeats 5xx answers, secondary limits and ``Retry-After``
    (GraphQL is a POST, which PyGithub's retry allows). What it cannot see is handled here: GitHub
    reports a spent primary limit inside a 200 answer (an error of type ``RATE_LIMITED``), and
    every answer says how many points are left. Either way the query waits for the reset, but
    never longer than ``max_wait`` at a time nor more than ``retries`` times: past that the run
    stops with a :class:`GitHubError` (a later run starts again from what GitHub then holds).

    Errors about parts of an answer (an alias naming a login that does not exist: ``NOT_FOUND``)
    are returned with the data, for the caller to judge.
    """

    def __init__(self, gh: Any, *, max_wait: float = 120.0, retries: int = 4,
                 sleep: Callable[[float], None] = time.sleep,
                 now: Callable[[], float] = time.time) -> None:
        self.gh = gh
        self.max_wait = max_wait
        self.retries = retries
        self.sleep = sleep
        self.now = now
        self.requests = 0
        self.waited = 0.0

    def query(self, query: str, variables: dict[str, Any], *, what: str
              ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """``(data, errors)`` of one query; raises :class:`GitHubError` when there is no data."""
        requester = self.gh.requester
        for attempt in range(self.retries + 1):
            self.requests += 1
            headers, body = call(what, lambda: requester.requestJsonAndCheck(
                "POST", requester.graphql_url, input={"query": query, "variables": variables}))
            body = body if isinstance(body, dict) else {}
            errors = [e for e in body.get("errors") or () if isinstance(e, dict)]
            h = {k.lower(): v for k, v in (headers or {}).items()}
            limited = any(e.get("type") == "RATE_LIMITED" for e in errors)
            if limited and attempt < self.retries:
                self._pause(self._until(h.get("x-ratelimit-reset")), what)
                continue
            if limited:
                raise GitHubError(f"{what}: GitHub's GraphQL rate limit is spent; run again after "
                                  "it resets (or use a GitHub App token, which has a higher "
                                  "limit)")
            data = body.get("data")
            if not isinstance(data, dict):
                first = str(errors[0].get("message", "")) if errors else "no data in the answer"
                raise GitHubError(f"{what}: GitHub's GraphQL API answered: {first[:300]}")
            if h.get("x-ratelimit-remaining") == "0":  # the next query would be refused
                self._pause(self._until(h.get("x-ratelimit-reset")), what)
            return data, errors
        raise AssertionError("unreachable")  # pragma: no cover

    def _until(self, reset: str | None) -> float:
        try:
            return max(0.0, float(reset or "") - self.now() + 1)
        except ValueError:
            return min(60.0, self.max_wait)

    def _pause(self, seconds: float, what: str) -> None:
        if seconds > self.max_wait:
            raise GitHubError(f"{what}: GitHub asks to wait {seconds:.0f} s for its rate limit, "
                              f"more than the cap of {self.max_wait:.0f} s (--max-wait); run "
                              "again later")
        self.waited += seconds
        if seconds > 0:
            self.sleep(seconds)
