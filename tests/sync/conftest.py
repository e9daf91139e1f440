"""Fixtures for the sync, ids, rename and sweep tests: a copy of the shipped governance data and
a local GitHub that holds the lumen-ml organisation."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sync_fake import FakeGitHub

from charter import cli

REPO_ROOT = Path(__file__).resolve().parents[2]
ORG = "lumen-ml"
DATA = ["policy.yaml", "core.yaml", "council.yaml", "ecosystem-wg.yaml", "members", "modules",
        "ecosystem", "elections", ".github/CODEOWNERS", "generated"]

# charter's flags for a fast, patient-enough client against the local server
FAST = ["--max-wait", "0.05", "--backoff", "0", "--retries", "3"]


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", "test-token")
    monkeypatch.delenv("CHARTER_GITHUB_API", raising=False)
    monkeypatch.delenv("CHARTER_REPO_TOKEN", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("CHARTER_TODAY", "2026-11-20")


def copy_data(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in DATA:
        src = REPO_ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        else:
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(src, dest / name)
    return dest


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                          text=True, env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x",
                                          "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@x",
                                          "GIT_AUTHOR_DATE": "2025-01-01T00:00:00Z",
                                          "GIT_COMMITTER_DATE": "2025-01-01T00:00:00Z",
                                          "PATH": "/usr/bin:/bin", "HOME": str(root)}).stdout


@pytest.fixture
def gov(tmp_path: Path) -> Path:
    """The shipped governance data, with the core team given admin on the governance repo."""
    root = copy_data(tmp_path / "gov")
    policy = yaml.safe_load((root / "policy.yaml").read_text())
    policy["sync"]["teams"]["core"]["repositories"] = {"lumen-ml/governance": "admin"}
    (root / "policy.yaml").write_text(yaml.safe_dump(policy, sort_keys=False))
    return root


def members(root: Path) -> dict[str, int]:
    out = {}
    for p in sorted((root / "members").glob("*.yaml")):
        d = yaml.safe_load(p.read_text())
        out[d["login"]] = d["github_id"]
    return out


@pytest.fixture
def fake(gov: Path) -> Iterator[FakeGitHub]:
    """lumen-ml on a local GitHub: every member has an account and is in the organisation,
    except fatima-zahra and liam-obrien (not members yet); 'owner-olga' owns the organisation;
    an unmanaged team 'infra' exists. No managed team exists yet."""
    with FakeGitHub(ORG) as server:
        for login, uid in members(gov).items():
            server.user(login, uid, member=None if login in ("fatima-zahra", "liam-obrien")
                        else "member")
        server.user("owner-olga", 77, member="admin")
        server.user("outsider", 78, member=None)
        server.user("charter-admin", 79, member="admin")
        server.team("infra", {"owner-olga": "maintainer", "tomas-reyes": "member"},
                    {"lumen-ml/infra": "admin"}, description="hand-made")
        yield server


@pytest.fixture
def charter(capsys: pytest.CaptureFixture[str], fake: FakeGitHub
            ) -> Callable[..., tuple[int, str, str]]:
    """Run the charter command line in this process against the fake: (code, stdout, stderr)."""

    def run(*args: str, github: bool = True) -> tuple[int, str, str]:
        capsys.readouterr()
        extra = ["--api-url", fake.url, *FAST] if github else []
        code = cli.main([*args, *extra])
        out, err = capsys.readouterr()
        return code, out, err

    return run
