"""The review's GraphQL queries are valid against GitHub's published schema."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from graphql import GraphQLSchema, build_schema, parse, validate

from charter.ecosystem.fetch import PAGE_QUERY, QUERY

SCHEMA = Path(__file__).resolve().parent / "github_schema" / "schema.graphql"


@cache
def github_schema() -> GraphQLSchema:
    return build_schema(SCHEMA.read_text(encoding="utf-8"), assume_valid=True,
                        assume_valid_sdl=True)


@pytest.mark.parametrize("query", [QUERY, PAGE_QUERY], ids=["review", "history-page"])
def test_eco_periodic_query_is_valid(query: str) -> None:
    assert validate(github_schema(), parse(query)) == []


def test_eco_periodic_schema_check_catches_mistakes() -> None:
    """The check is not vacuous: a misspelt field or a wrong argument type is reported."""
    wrong = QUERY.replace("stargazerCount", "stargazersCount")
    assert validate(github_schema(), parse(wrong))
    wrong = QUERY.replace("$since: GitTimestamp!", "$since: Int!")
    assert validate(github_schema(), parse(wrong))
