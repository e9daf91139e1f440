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
    build,
    require_chromium,
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
        page.on("requestfailed", lambda r: self.errors.append(f"failed: {r.url}"))  # type: ignore[attr-defined]


@pytest.fixture
def page(browser: object) -> Iterator[Page]:
    context = browser.new_context(java_script_enabled=True)  # type: ignore[attr-defined]
    p = Page(context.new_page())
    try:
        yield p
    finally:
        context.close()
    assert p.errors == [], f"console or page errors: {p.errors}"
