"""Fixtures of the roster tests: small organisations written to disk, built sites, a browser."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from roster_fixtures import (
    CHROMIUM,
    CHROMIUM_ARGS,
    ELECTION,
    ORG,
    REPO,
    TIE_ELECTIONS,
    build,
    history_repo,
    require_chromium,
    resolve_and_tally,
    ties_org,
    write_org,
)


@pytest.fixture
def org(tmp_path: Path) -> Path:
    return write_org(tmp_path / "org", {**ORG, **ELECTION})


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture organisation's site, built once per session through the command line."""
    base = tmp_path_factory.mktemp("roster")
    repo = write_org(base / "org", {**ORG, **ELECTION})
    return build(repo, base / "site")


@pytest.fixture(scope="session")
def ties_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An organisation whose elections hit every kind of tie, counted by `charter election
    tally` with each tie resolved through `charter election resolve-tie`."""
    repo = write_org(tmp_path_factory.mktemp("ties") / "org", ties_org())
    for eid in TIE_ELECTIONS:
        resolve_and_tally(repo, eid)
    return repo


@pytest.fixture(scope="session")
def ties_site(ties_repo: Path) -> Path:
    return build(ties_repo, ties_repo.parent / "site")


@pytest.fixture(scope="session")
def history(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A git repository with a scripted series of governance commits, and their shas."""
    repo = tmp_path_factory.mktemp("history") / "repo"
    return repo, history_repo(repo)


@pytest.fixture(scope="session")
def history_site(history: tuple[Path, dict[str, str]]) -> Path:
    repo, _ = history
    return build(repo, repo.parent / "site")


# --- browser -------------------------------------------------------------------------------


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """``directory`` served over HTTP from a thread, on a free port of 127.0.0.1 (port 0: the
    kernel picks one, so two test runs never race for it)."""
    handler = functools.partial(_Quiet, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


@pytest.fixture(scope="session")
def server(site: Path) -> Iterator[str]:
    """The fixture organisation's site on localhost."""
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of this repository's own governance data."""
    return build(REPO, tmp_path_factory.mktemp("shipped") / "site")


@pytest.fixture(scope="session")
def shipped_server(shipped_site: Path) -> Iterator[str]:
    with serve(shipped_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    require_chromium(CHROMIUM, os.environ)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


class Page:
    """A fresh page that records console errors and page errors; the test asserts on them."""

    def __init__(self, page: object):
        self.page = page
        self.errors: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))  # type: ignore[attr-defined]
        page.on("pageerror", lambda e: self.errors.append(str(e)))  # type: ignore[attr-defined]
        page.on("requestfailed", self._failed)  # type: ignore[attr-defined]

    def _failed(self, request: object) -> None:
        # A request the browser cancelled because the test navigated on (an avatar still on
        # its way when the next page opens) is not a defect of the page; every other failure,
        # including a request refused for leaving the machine, is.
        failure = request.failure  # type: ignore[attr-defined]
        if failure != "net::ERR_ABORTED":
            self.errors.append(f"failed: {request.url} ({failure})")  # type: ignore[attr-defined]


# A 1x1 transparent PNG: what the avatar host answers in the tests (nothing leaves the machine).
PIXEL = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082")
AVATAR_HOST = "https://avatars.githubusercontent.com/"


def offline(context: object, seen: list[str] | None = None) -> None:
    """Answer the avatar host with a pixel and refuse every other request off localhost."""

    def handle(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if url.startswith("http://127.0.0.1:"):
            route.continue_()  # type: ignore[attr-defined]
        elif url.startswith(AVATAR_HOST):
            if seen is not None:
                seen.append(url)
            route.fulfill(status=200, content_type="image/png", body=PIXEL)  # type: ignore[attr-defined]
        else:
            route.abort()  # type: ignore[attr-defined]

    context.route("**/*", handle)  # type: ignore[attr-defined]


@pytest.fixture
def page(browser: object) -> Iterator[Page]:
    context = browser.new_context(java_script_enabled=True)  # type: ignore[attr-defined]
    offline(context)
    p = Page(context.new_page())
    try:
        yield p
    finally:
        context.close()
    assert p.errors == [], f"console or page errors: {p.errors}"
