"""How much one pull-request evaluation costs: GitHub requests and wall time.

    python benchmarks/bench_gate.py [--members 2000] [--modules 200] [--files 100]
                                    [--reviews 100] [--runs 5]

Builds a synthetic organisation (benchmarks/synth.py) as the base commit of a fresh git
repository, a head commit that changes ``--files`` governance files (maintainers added to
modules, members' names changed), and serves the pull request with ``--reviews`` reviews from a
local HTTP server shaped like GitHub's REST API. It then runs ``charter pr-check --github`` in
this process and prints the number of requests each evaluation made (target: at most 5 for a
pull request with up to 100 reviews and 100 files) and the median wall time. Nothing here
reaches the internet.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import synth  # noqa: E402

REPO = "synth-org/governance"


def git(root: Path, *args: str) -> str:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                          text=True, env=env).stdout.strip()


def build(root: Path, members: int, modules: int, files: int) -> tuple[str, list[str]]:
    """Base on main, head on pr; returns the head sha and the changed paths."""
    synth.generate(root, members=members, modules=modules, projects=max(10, modules))
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "bench@example.invalid")
    git(root, "config", "user.name", "bench")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    git(root, "checkout", "-q", "-b", "pr")
    changed: list[str] = []
    mods = sorted((root / "modules").glob("*.yaml"))[: files // 2]
    for i, p in enumerate(mods):
        text = p.read_text()
        login = synth.login_of(members - 1 - i)
        text = text.replace("maintainers:\n", f"maintainers:\n  - {login}\n", 1)
        p.write_text(text)
        changed.append(f"modules/{p.name}")
    people = sorted((root / "members").glob("*.yaml"))[: files - len(changed)]
    for p in people:
        p.write_text(p.read_text().replace("\nname: ", "\nname: Dr ", 1))
        changed.append(f"members/{p.name}")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "head")
    return git(root, "rev-parse", "HEAD"), sorted(changed)


class Fake:
    """The three endpoints the gate reads, with Link pagination, counting every request."""

    def __init__(self, head: str, files: list[str], reviews: int):
        self.head = head
        self.files = [{"sha": "1" * 40, "filename": f, "status": "modified", "additions": 1,
                       "deletions": 0, "changes": 1} for f in files]
        self.reviews = [
            {"id": i, "node_id": f"PRR_{i}", "body": "", "author_association": "MEMBER",
             "state": ("APPROVED", "COMMENTED", "CHANGES_REQUESTED")[i % 3],
             "commit_id": head if i % 2 else "a" * 40, "submitted_at": "2026-11-20T10:00:00Z",
             "html_url": "https://github.invalid/x", "pull_request_url": "https://x.invalid",
             "user": {"login": synth.login_of(i), "id": 900_000 + i, "type": "User"},
             "_links": {"html": {"href": "x"}, "pull_request": {"href": "y"}}}
            for i in range(reviews)
        ]
        self.count = 0
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                fake.count += 1
                url = urlparse(self.path)
                base = f"/repos/{REPO}/pulls/1"
                if url.path == base:
                    self._send(fake.pull())
                elif url.path == base + "/files":
                    self._page(url, fake.files)
                elif url.path == base + "/reviews":
                    self._page(url, fake.reviews)
                else:
                    self._send({"message": "Not Found"}, 404)

            def _page(self, url: Any, items: list[Any]) -> None:
                q = parse_qs(url.query)
                per = int(q.get("per_page", ["30"])[0])
                page = int(q.get("page", ["1"])[0])
                headers = {}
                if page * per < len(items):
                    nxt = f"http://{self.headers['Host']}{url.path}?per_page={per}&page={page + 1}"
                    headers["Link"] = f'<{nxt}>; rel="next"'
                self._send(items[(page - 1) * per: page * per], 200, headers)

            def _send(self, data: Any, status: int = 200, headers: dict[str, str] | None = None
                      ) -> None:
                body = json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def pull(self) -> dict[str, Any]:
        author = {"login": synth.login_of(3), "id": 800_003, "type": "User"}
        return {"url": f"{self.url}/repos/{REPO}/pulls/1", "number": 1, "state": "open",
                "html_url": "https://github.invalid/pull/1", "body": "## Discussion\n#1\n",
                "user": author, "head": {"sha": self.head, "ref": "pr", "label": "x:pr"},
                "base": {"sha": "0" * 40, "ref": "main", "label": "x:main"}}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--members", type=int, default=2000)
    ap.add_argument("--modules", type=int, default=200)
    ap.add_argument("--files", type=int, default=100)
    ap.add_argument("--reviews", type=int, default=100)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args(argv)

    import github

    from charter.cli import main as charter

    github.Requester.Consts.PROCESSING_202_WAIT_TIME = 0
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "gov"
        head, changed = build(root, args.members, args.modules, args.files)
        git(root, "checkout", "-q", "main")
        fake = Fake(head, changed, args.reviews)
        cmd = ["pr-check", "--repo", str(root), "--github", REPO, "--pr", "1", "--base", "main",
               "--api-url", fake.url, "--retries", "0", "--format", "json"]
        times, counts = [], []
        report: dict[str, Any] = {}
        for _ in range(args.runs):
            fake.count = 0
            out = io.StringIO()
            t0 = time.perf_counter()
            with contextlib.redirect_stdout(out):
                rc = charter(cmd)
            times.append(time.perf_counter() - t0)
            counts.append(fake.count)
            report = json.loads(out.getvalue())
            assert rc in (0, 1), rc
        fake.server.shutdown()
    print(f"organisation: {args.members} members, {args.modules} modules; pull request: "
          f"{len(changed)} changed files, {args.reviews} reviews")
    print(f"events: {len(report['events'])}, requirements: {len(report['requirements'])}, "
          f"verdict: {'pass' if report['ok'] else 'not yet approved'}")
    print(f"GitHub requests per evaluation: {max(counts)} (target <= 5)")
    print(f"wall time per evaluation: median {statistics.median(times) * 1000:.0f} ms, "
          f"min {min(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms over {args.runs} runs")
    return 0 if max(counts) <= 5 else 1


if __name__ == "__main__":
    raise SystemExit(main())
