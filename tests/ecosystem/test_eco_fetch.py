"""The fetcher on its own, against the fake GitHub: rate-limit resets and the progress bar."""

from __future__ import annotations

import datetime as dt
import io
import time

from eco_fakegithub import Repo

from charter import gh
from charter.ecosystem.fetch import Fetcher, authors_of, is_bot
from charter.ecosystem.periodic import Progress


def fetcher(fake, waits: list[float], **kw) -> Fetcher:
    client = gh.client(base_url=fake.url, backoff=0, retries=2)
    return Fetcher(client, today=dt.date(2026, 11, 21), window_days=90, min_contributors=5,
                   backoff=0, sleep=waits.append, **kw)


def test_eco_periodic_spent_limit_waits_for_the_reset(fake) -> None:
    fake.add(Repo("org/a").with_authors(40, ["ann", "bob", "cat", "dan", "eve"]))
    fake.add(Repo("org/b").with_authors(40, ["ann", "bob", "cat", "dan", "eve"]))
    reset = int(time.time()) + 30
    fake.fail("POST", "/graphql", 200, {"x-ratelimit-remaining": "0",
                                        "x-ratelimit-reset": str(reset)}, None)
    # the faulted answer is empty; the point is what the fetcher does with its headers
    waits: list[float] = []
    f = fetcher(fake, waits, max_wait=120)
    f.facts("org/a")
    assert len(waits) == 1 and 25 <= waits[0] <= 32
    assert f.facts("org/b").stars == 500
    assert len(waits) == 1  # a normal answer costs no wait


def test_eco_periodic_since_is_the_window_start(fake) -> None:
    f = fetcher(fake, [])
    assert f.since == "2026-08-23T00:00:00Z"


def test_eco_measurable_bot_detection() -> None:
    assert is_bot("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com", None)
    assert is_bot(None, None, "renovate[bot]")
    assert not is_bot("Robot Robertson", "robot@example.org", "robot")
    history = {"nodes": [
        {"authors": {"nodes": [{"name": "A", "email": "a@x.org", "user": {"login": "Ann"}}]}},
        {"authors": {"nodes": [{"name": "Ann B", "email": "other@x.org",
                                "user": {"login": "ann"}}]}},  # same login, other address
        {"authors": {"nodes": [{"name": "No Account", "email": "na@x.org", "user": None},
                               {"name": "Co Author", "email": "co@x.org", "user": None}]}},
    ]}
    assert authors_of(history) == {"login:ann", "email:na@x.org", "email:co@x.org"}


def test_eco_periodic_progress_bar_only_on_a_terminal() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    plain, tty = io.StringIO(), Tty()
    for stream in (plain, tty):
        bar = Progress(3, "reading GitHub", stream)
        for slug in ("a", "b", "c"):
            bar.step(slug)
        bar.close()
    assert plain.getvalue() == ""  # a short run in a CI log: silent
    assert "3/3" in tty.getvalue() and "reading GitHub" in tty.getvalue()


def test_eco_periodic_progress_in_ci_is_a_line_per_n_projects() -> None:
    log = io.StringIO()
    bar = Progress(250, "reading GitHub", log, every=100)
    for i in range(250):
        bar.step(f"p{i}")
    bar.close()
    assert log.getvalue().splitlines() == [
        "reading GitHub: 100/250 projects", "reading GitHub: 200/250 projects",
        "reading GitHub: 250/250 projects"]
