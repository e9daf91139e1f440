"""charter.gh: the shared PyGithub client caps every wait GitHub asks for."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from charter import gh
from charter.errors import GitHubError


@pytest.fixture()
def server() -> Iterator[tuple[str, list[str]]]:
    """A GitHub-shaped server: the first answer is 429 with Retry-After: 3600, then a user."""
    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(self.path)
            if self.path.endswith("/boom"):
                self._send(502, b'{"message":"Bad gateway"}')
            elif len(seen) == 1:
                self._send(429, b'{"message":"slow down"}', {"Retry-After": "3600"})
            else:
                self._send(200, b'{"login":"mira-chen","id":5100001,"type":"User"}')

        def _send(self, code: int, body: bytes, extra: dict[str, str] | None = None) -> None:
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            for k, v in (extra or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    srv = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_port}", seen
    srv.shutdown()


def test_retry_after_is_capped_then_retried(server: tuple[str, list[str]]) -> None:
    base, seen = server
    client = gh.client("token", base_url=base, backoff=0, max_wait=0.05)
    assert gh.call("read user", lambda: client.get_user("mira-chen").id) == 5100001
    assert seen == ["/users/mira-chen", "/users/mira-chen"]


def test_server_errors_end_in_a_clear_error(server: tuple[str, list[str]]) -> None:
    base, seen = server
    client = gh.client("token", base_url=base, backoff=0, retries=2, max_wait=0.05)
    with pytest.raises(GitHubError) as info:
        gh.call("read thing", lambda: client.requester.requestJsonAndCheck("GET", "/boom"))
    assert "read thing" in str(info.value)
    assert len([p for p in seen if p == "/boom"]) == 3  # first try + 2 retries
