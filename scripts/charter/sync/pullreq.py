"""One pull request with edits to the governance files, opened or brought up to date.

Nothing is pushed from the local checkout: the edited files go to GitHub through the git data
API (a tree on top of the default branch, a commit, the branch moved to it) and the pull request
is opened from that branch, or its description updated when it is already open. Running again
with the same edits writes nothing. The files the edits start from must be the default branch's
(checked by their git blob ids), so a stale checkout never proposes an edit of old content.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from charter import gh
from charter.errors import CharterError


def blob_id(data: bytes) -> str:
    """git's object id of a file with these bytes."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


@dataclass
class Result:
    number: int
    url: str
    action: str  # "opened", "updated", "unchanged"


def _query(n: int) -> str:
    decl = "".join(f", $e{k}: String!" for k in range(n))
    files = "\n".join(f"    f{k}: object(expression: $e{k}) {{ oid }}" for k in range(n))
    return f"""
query CharterPullRequestBase($owner: String!, $name: String!, $branch: String!,
                             $ref: String!{decl}) {{
  repository(owner: $owner, name: $name) {{
    defaultBranchRef {{ name target {{ oid ... on Commit {{ tree {{ oid }} }} }} }}
    ref(qualifiedName: $ref) {{ target {{ ... on Commit {{ tree {{ oid }} }} }} }}
    pullRequests(headRefName: $branch, states: [OPEN], first: 1) {{
      nodes {{ number url title body }}
    }}
{files}
  }}
}}"""


def propose(gql: gh.GraphQL, client: Any, full: str, *, branch: str, title: str, body: str,
            message: str, changes: dict[str, bytes | None],
            originals: dict[str, bytes | None]) -> Result:
    """Open (or update) the pull request from ``branch`` with ``changes`` on the default branch.

    ``originals`` holds each changed file's bytes as the edits found it (None: a new file).
    """
    owner, name = full.split("/", 1)
    paths = sorted(changes)
    variables: dict[str, Any] = {"owner": owner, "name": name, "branch": branch,
                                 "ref": f"refs/heads/{branch}"}
    variables.update({f"e{k}": f"HEAD:{p}" for k, p in enumerate(paths)})
    data, _ = gql.query(_query(len(paths)), variables, what=f"reading {full}")
    repo = data.get("repository")
    if not repo or not repo.get("defaultBranchRef"):
        raise CharterError(f"{full}: repository not found, empty, or not readable with this "
                           "token")
    default = repo["defaultBranchRef"]
    head, head_tree = default["target"]["oid"], default["target"]["tree"]["oid"]
    for k, p in enumerate(paths):
        remote = (repo.get(f"f{k}") or {}).get("oid")
        local = originals.get(p)
        if (blob_id(local) if local is not None else None) != remote:
            raise CharterError(f"{p} on {full}'s {default['name']} is not what this checkout "
                               "holds; update the checkout to the default branch and run again")
    req = client.requester
    base = f"/repos/{full}"

    def write(method: str, url: str, payload: dict[str, Any], *, exists_ok: bool = False
              ) -> dict[str, Any] | None:
        """The answer's data; None when ``exists_ok`` and GitHub says it exists already (422)."""
        import github

        def do() -> dict[str, Any]:
            try:
                return req.requestJsonAndCheck(method, url, input=payload)[1] or {}
            except github.GithubException as exc:
                if exists_ok and exc.status == 422:
                    return {}
                raise

        return gh.call(f"{method} {url}", do) or None

    entries = [({"path": p, "mode": "100644", "type": "blob", "content": c.decode("utf-8")}
                if c is not None else {"path": p, "mode": "100644", "type": "blob", "sha": None})
               for p, c in ((p, changes[p]) for p in paths)]
    tree = (write("POST", f"{base}/git/trees", {"base_tree": head_tree, "tree": entries})
            or {})["sha"]
    ref = repo.get("ref")
    current_tree = ((((ref or {}).get("target") or {}).get("tree")) or {}).get("oid")
    moved = False
    if current_tree != tree:
        commit = (write("POST", f"{base}/git/commits",
                        {"message": message, "tree": tree, "parents": [head]}) or {})["sha"]
        made = ref is None and write("POST", f"{base}/git/refs", {
            "ref": f"refs/heads/{branch}", "sha": commit}, exists_ok=True)
        if not made:  # the branch is there (from an earlier run): move it
            write("PATCH", f"{base}/git/refs/heads/{branch}", {"sha": commit, "force": True})
        moved = True
    prs = ((repo.get("pullRequests") or {}).get("nodes")) or []
    if prs and prs[0]:
        pr = prs[0]
        if pr.get("title") == title and pr.get("body") == body:
            return Result(pr["number"], pr["url"], "updated" if moved else "unchanged")
        write("PATCH", f"{base}/pulls/{pr['number']}", {"title": title, "body": body})
        return Result(pr["number"], pr["url"], "updated")
    opened = write("POST", f"{base}/pulls", {"title": title, "head": branch,
                                             "base": default["name"], "body": body}) or {}
    return Result(int(opened["number"]), str(opened.get("html_url") or opened.get("url")),
                  "opened")
