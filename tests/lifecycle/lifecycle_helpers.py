"""Real parts for the lifecycle tests: a git repository holding a copy of the shipped governance
data, charter run in-process (the same ``main`` as the command line), and the one comparison
that matters: what an editing command says its pull request needs, against what ``charter
pr-check`` decides on the commit it made."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

from charter.cli import main

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA = ("members", "modules", "ecosystem", "elections", ".github/CODEOWNERS", "generated",
        "core.yaml", "council.yaml", "policy.yaml", "ecosystem-wg.yaml")


def charter(*args: str) -> tuple[int, str, str]:
    """Run charter in this process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        rc = main(list(args))
    return rc, out.getvalue(), err.getvalue()


class Repo:
    """A git repository on ``main`` holding a copy of the shipped governance data."""

    def __init__(self, path: Path):
        self.path = path
        path.mkdir(parents=True)
        for name in DATA:
            src = REPO_ROOT / name
            dest = path / name
            dest.parent.mkdir(parents=True, exist_ok=True)
            if src.is_dir():
                shutil.copytree(src, dest)
            else:
                shutil.copy2(src, dest)
        self.git("init", "-q", "-b", "main")
        self.git("config", "user.email", "test@example.invalid")
        self.git("config", "user.name", "test")
        self.git("config", "commit.gpgsign", "false")
        self.git("add", "-A")
        self.git("commit", "-q", "-m", "the foundation as shipped")

    def git(self, *args: str) -> str:
        env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1"}
        return subprocess.run(["git", "-C", str(self.path), *args], check=True,
                              capture_output=True, text=True, env=env).stdout.strip()

    def run(self, *args: str) -> tuple[int, str, str]:
        return charter(*args, "--repo", str(self.path))

    def commit_pr(self, message: str) -> None:
        """Commit the working tree on a new branch ``pr`` started from ``main``."""
        self.git("checkout", "-q", "-b", "pr")
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)

    def merge_pr(self) -> None:
        self.git("checkout", "-q", "main")
        self.git("merge", "-q", "--ff-only", "pr")
        self.git("branch", "-q", "-d", "pr")

    def pr_check(self, *, author: str | None = None, approved: list[str] | None = None,
                 body: str | None = None) -> tuple[int, dict[str, Any]]:
        args = ["pr-check", "--repo", str(self.path), "--base", "main", "--head", "pr",
                "--format", "json"]
        if author:
            args += ["--author", author]
        if approved:
            args += ["--approved-by", ",".join(approved)]
        if body is not None:
            f = self.path.parent / "description.md"
            f.write_text(body, encoding="utf-8")
            args += ["--body-file", str(f)]
        rc, out, err = charter(*args)
        assert out, err
        return rc, json.loads(out)


# What must agree between the editing command's requirements and the gate's.
GROUP_KEYS = ("label", "how", "needed", "eligible", "of", "objectors")


def shape(requirements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"rule": r["rule"], "summary": r["summary"], "path": r["path"], "line": r["line"],
             "problems": r["problems"],
             "groups": [{k: g[k] for k in GROUP_KEYS} for g in r["groups"]]}
            for r in requirements]


SECTIONS = {
    "Discussion": "## Discussion\nAgreed in #12.\n",
    "Contributions": "## Contributions\nLanded the signal-processing kernels and reviewed 40 "
                     "pull requests.\n",
    "Testimonials": "## Testimonials\nCareful, patient reviewer, say users and maintainers.\n",
    "Support": "## Support\nThe module's maintainers support this.\n",
    "Decision": "## Decision\nConfirmed: the kernels and the reviews speak for themselves.\n",
    "Meeting": "## Meeting\nThe core maintainers' meeting of 2027-01-12.\n",
}


def what_it_needs(requirements: list[dict[str, Any]], author: str | None
                  ) -> tuple[list[str], str]:
    """The approvals and the description the printed requirements ask for: from each group the
    first people who may approve, as many as it needs (never the author, who cannot); a section
    for every '## Section' a to-do names."""
    approvers: list[str] = []
    for r in requirements:
        for g in r["groups"]:
            chosen = [p for p in g["eligible"] if p != author][: g["needed"]]
            approvers += [p for p in chosen if p not in approvers]
    body = ""
    for r in requirements:
        for p in r["problems"]:
            for name, text in SECTIONS.items():
                if f"'## {name}'" in p and text not in body:
                    body += text
    return approvers, body
