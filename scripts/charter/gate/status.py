"""Verdicts published as commit statuses on the exact commit that was judged.

The trusted job (base-branch code, ``pull_request_target`` or the re-run after a review) posts
``charter/governance-approvals`` and ``charter/check`` on the head commit it evaluated. A job
name can be reused by any workflow a pull request adds; a status posted through a GitHub App
whose credentials only the trusted job can reach cannot (docs/pr-gate.md: branch protection
requires these contexts from that App).
"""

from __future__ import annotations

import os
from typing import Any

from charter import gh

APPROVALS = "charter/governance-approvals"
CHECK = "charter/check"
MAX_DESCRIPTION = 140  # GitHub truncates a status description at 140 characters


def run_url() -> str | None:
    """The workflow run that produced the verdict, when running in GitHub Actions."""
    server, repo, run = (os.environ.get(k) for k in
                         ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID"))
    if server and repo and run and run.isdigit():
        return f"{server}/{repo}/actions/runs/{run}"
    return None


def publish(client: Any, full_name: str, sha: str, context: str, ok: bool,
            description: str) -> None:
    """Post one commit status (success or failure) on ``sha``."""
    text = " ".join(description.split())
    if len(text) > MAX_DESCRIPTION:
        text = text[: MAX_DESCRIPTION - 1] + "…"
    url = run_url()

    def post() -> None:
        repo = client.withLazy(True).get_repo(full_name)
        commit = repo.get_commit(sha)
        kwargs: dict[str, Any] = {"state": "success" if ok else "failure",
                                  "description": text, "context": context}
        if url:
            kwargs["target_url"] = url
        commit.create_status(**kwargs)

    gh.call(f"publishing the {context} status on {sha[:12]}", post)


def client_for(args: Any) -> Any:
    return gh.client(base_url=args.github_api, retries=args.retries, backoff=args.backoff,
                     max_wait=args.max_wait)
