"""One comment per pull request, kept up to date: found again by its hidden marker.

The comments are read in one GraphQL query per hundred; only a comment the token's own account
wrote and that carries the marker is edited (a marker pasted by someone else is ignored). An
unchanged plan writes nothing.
"""

from __future__ import annotations

from typing import Any

from charter import gh
from charter.errors import CharterError

COMMENTS_QUERY = """
query CharterSyncComments($owner: String!, $name: String!, $number: Int!, $after: String) {
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      comments(first: 100, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes { databaseId body viewerDidAuthor }
      }
    }
  }
}"""


def parse_target(text: str) -> tuple[str, int]:
    """``OWNER/REPO#N`` -> ("OWNER/REPO", N)."""
    full, sep, number = text.rpartition("#")
    if not sep or full.count("/") != 1 or not all(full.split("/")) or not number.isdigit():
        raise CharterError(f"--pr-comment wants OWNER/REPO#NUMBER, not {text!r}")
    return full, int(number)


def upsert(gql: gh.GraphQL, client: Any, full: str, number: int, body: str, marker: str) -> str:
    """Create or update the marked comment on pull request ``number``; what was done."""
    owner, name = full.split("/", 1)
    after: str | None = None
    found: tuple[int, str] | None = None
    while True:
        data, _ = gql.query(COMMENTS_QUERY, {"owner": owner, "name": name, "number": number,
                                             "after": after},
                            what=f"reading the comments of {full}#{number}")
        pr = (data.get("repository") or {}).get("pullRequest")
        if pr is None:
            raise CharterError(f"{full}#{number}: no such pull request (or the token cannot "
                               "read it)")
        conn = pr["comments"]
        for node in conn.get("nodes") or ():
            if node and node.get("viewerDidAuthor") and marker in (node.get("body") or ""):
                found = (int(node["databaseId"]), node["body"])
        info = conn.get("pageInfo") or {}
        if not info.get("hasNextPage"):
            break
        after = info.get("endCursor")
    issue = client.withLazy(True).get_repo(full).get_issue(number)
    if found is None:
        gh.call(f"commenting on {full}#{number}", lambda: issue.create_comment(body))
        return "created"
    if found[1] == body:
        return "unchanged"
    comment = issue.get_comment(found[0])
    gh.call(f"updating the comment on {full}#{number}", lambda: comment.edit(body))
    return "updated"
