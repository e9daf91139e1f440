"""The sync's GraphQL is GitHub's: the fixed queries validate against the published schema, and
the local GitHub rejects (as GitHub does) any query that does not, so every query the other
tests send, generated with aliases, is checked the same way."""

from __future__ import annotations

import pytest
from graphql import parse, validate
from sync_fake import FakeGitHub, github_schema

from charter import gh
from charter.errors import GitHubError
from charter.sync.comment import COMMENTS_QUERY
from charter.sync.observe import TEAMS_QUERY


@pytest.mark.parametrize("query", [TEAMS_QUERY, COMMENTS_QUERY], ids=["teams", "comments"])
def test_sync_fixed_queries_are_valid(query: str) -> None:
    assert validate(github_schema(), parse(query)) == []


def test_sync_schema_check_is_not_vacuous() -> None:
    assert validate(github_schema(), parse(TEAMS_QUERY.replace("membership: IMMEDIATE",
                                                               "membership: DIRECT")))
    assert validate(github_schema(), parse(TEAMS_QUERY.replace("nameWithOwner", "fullName")))


def test_sync_local_github_refuses_an_invalid_query_like_github() -> None:
    with FakeGitHub("lumen-ml") as fake:
        client = gh.client("t", base_url=fake.url, retries=0, backoff=0, max_wait=0.05)
        gql = gh.GraphQL(client, max_wait=0.05)
        data, errors = gql.query("query { rateLimit { cost } }", {}, what="a valid query")
        assert data == {"rateLimit": {"cost": 1}} and errors == []
        with pytest.raises(GitHubError) as info:
            gql.query("query { rateLimit { costs } }", {}, what="reading")
        assert "Cannot query field 'costs'" in str(info.value)


def test_sync_graphql_rate_limited_answer_waits_boundedly() -> None:
    """A RATE_LIMITED error inside a 200 answer: waited for (capped), then retried; a wait past
    the cap stops with a one-line error instead of hanging."""
    with FakeGitHub("lumen-ml") as fake:
        client = gh.client("t", base_url=fake.url, retries=0, backoff=0, max_wait=0.05)
        slept: list[float] = []
        gql = gh.GraphQL(client, max_wait=30, sleep=slept.append, now=lambda: 1000.0)
        limited = {"errors": [{"type": "RATE_LIMITED", "message": "API rate limit exceeded"}]}
        fake.fail("POST", "/graphql", 200, {"X-RateLimit-Reset": "1010",
                                            "X-RateLimit-Remaining": "0"}, limited)
        data, _ = gql.query("query { rateLimit { cost } }", {}, what="reading")
        assert data == {"rateLimit": {"cost": 1}} and slept == [11.0] and gql.requests == 2
        fake.fail("POST", "/graphql", 200, {"X-RateLimit-Reset": "99999",
                                            "X-RateLimit-Remaining": "0"}, limited)
        with pytest.raises(GitHubError) as info:
            gql.query("query { rateLimit { cost } }", {}, what="reading")
        assert "more than the cap of 30 s" in str(info.value)
