"""The roster in a real headless Chromium (Debian's, driven by Playwright), served on localhost."""

from __future__ import annotations

import itertools
from collections import deque
from typing import Any
from urllib.parse import urldefrag, urljoin, urlparse

import pytest
from roster_fixtures import ORG, REPO, write_org

from charter.load import load
from charter.tree import FsTree

pytestmark = pytest.mark.browser


def _data(tmp_path_factory: pytest.TempPathFactory) -> Any:
    state, _ = load(FsTree(write_org(tmp_path_factory.mktemp("data"), ORG)))
    return state


@pytest.fixture(scope="module")
def state(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return _data(tmp_path_factory)


def _visible_texts(page: Any, selector: str) -> list[str]:
    return page.eval_on_selector_all(
        selector, "els => els.filter(e => e.offsetParent !== null).map(e => e.textContent.trim())")


def test_index_lists_exactly_the_people_and_modules(page: Any, server: str, state: Any) -> None:
    p = page.page
    p.goto(server + "index.html")
    people = _visible_texts(p, "#people-list li > a")
    modules = _visible_texts(p, "#module-list li > a")
    assert sorted(people) == sorted(m.name for m in state.members.values())
    assert sorted(modules) == sorted(m.name for m in state.modules.values())
    assert len(people) == len(set(people)) == 6
    assert page.errors == []


def test_search_filters_people_and_modules_as_you_type(page: Any, server: str) -> None:
    p = page.page
    p.goto(server + "index.html")
    box = p.get_by_label("Search people and modules")
    assert box.is_visible()
    box.press_sequentially("ada")
    assert _visible_texts(p, "#people-list li > a") == ["Ada Lovelace"]
    assert _visible_texts(p, "#module-list li > a") == []
    assert p.locator("#search-status").text_content() == "1 person and 0 modules match."
    box.fill("")
    box.press_sequentially("alpha")  # a module finds its maintainers too
    assert _visible_texts(p, "#people-list li > a") == ["Bo <script>alert(1)</script> Kim",
                                                        "Dee Nakamura"]
    assert _visible_texts(p, "#module-list li > a") == ["Alpha engine"]
    assert p.locator("#search-status").text_content() == "2 people and 1 module match."
    box.fill("")
    box.press_sequentially("initech")  # an affiliation
    assert _visible_texts(p, "#people-list li > a") == ["Dee Nakamura"]
    box.fill("")
    box.press_sequentially("bo-k")  # a login finds the person and the module they maintain
    assert _visible_texts(p, "#module-list li > a") == ["Alpha engine"]
    box.fill("")
    box.press_sequentially("nakamura alpha")  # every word must match
    assert _visible_texts(p, "#people-list li > a") == ["Dee Nakamura"]
    box.fill("")
    box.press_sequentially("ØRSTED")  # case-insensitive, non-ASCII
    assert _visible_texts(p, "#people-list li > a") == ["Ève Ørsted"]
    box.fill("")
    box.dispatch_event("input")
    assert len(_visible_texts(p, "#people-list li > a")) == 6
    assert len(_visible_texts(p, "#module-list li > a")) == 2
    assert p.locator("#search-status").text_content() == ""
    assert page.errors == []


def test_search_items_are_not_list_items(page: Any, server: str) -> None:
    """Hiding thousands of `display: list-item` rows makes Chromium renumber every marker (16 s
    for 10,000 people, measured by benchmarks/bench_roster.py --browser); block rows take 0.1 s.
    This locks the layout property rather than a time."""
    p = page.page
    p.goto(server + "index.html")
    displays = p.eval_on_selector_all(
        "[data-search]", "els => [...new Set(els.map(e => getComputedStyle(e).display))]")
    assert displays == ["block"]


def test_search_query_in_the_address_prefills_the_box(page: Any, server: str) -> None:
    p = page.page
    p.goto(server + "index.html?q=beta")
    assert p.get_by_label("Search people and modules").input_value() == "beta"
    assert _visible_texts(p, "#module-list li > a") == ["Beta tools"]


def test_retired_projects_filter_toggles(page: Any, server: str) -> None:
    p = page.page
    p.goto(server + "ecosystem.html")
    retired = p.locator("#project-dusty")
    active = p.locator("#project-shiny")
    assert active.is_visible() and not retired.is_visible()
    toggle = p.get_by_label("Show the 1 retired project")
    toggle.focus()
    p.keyboard.press("Space")  # keyboard operable
    assert toggle.is_checked() and retired.is_visible() and active.is_visible()
    assert "no commits in 90 days" in retired.inner_text()
    toggle.click()
    assert not retired.is_visible()
    assert "2026-06-01" in active.inner_text()  # the last review, not the older one
    assert "to fix by 2026-07-01: repository files: CODEOWNERS is missing" in active.inner_text()
    # requirements in words, never rule IDs
    assert "ECO-" not in p.locator("main").inner_text()
    assert "all requirements met" in active.inner_text()
    assert page.errors == []


def test_person_page_shows_roles_modules_affiliation_and_seat(page: Any, server: str) -> None:
    p = page.page
    p.goto(server + "people/dee-n.html")
    assert p.locator("h1").inner_text() == "Dee Nakamura"
    assert p.locator("#roles li").all_inner_texts() == [
        "Maintainer of Alpha engine",
        "Council member (cohort A, term 2026-06-15 to 2028-06-15, elected in Council election "
        "2026)"]
    assert p.locator("#affiliation").inner_text() == "Affiliation: Initech (employee)."
    # each module once (no Modules section repeating the roles), and no filler sections
    assert p.locator("main").inner_text().count("Alpha engine") == 1
    assert p.get_by_role("heading").all_inner_texts() == ["Dee Nakamura", "Roles"]
    assert "None" not in p.locator("main").inner_text()
    p.get_by_role("link", name="Alpha engine").first.click()
    p.wait_for_url("**/modules/alpha.html")
    assert p.locator("#maintainers").inner_text().count("@") == 2
    assert "Cy Moreau" in p.locator("#emeritus").inner_text()
    p.goto(server + "people/ada-l.html")
    assert p.locator("#roles li").all_inner_texts() == [
        "Lead core maintainer", "Core maintainer", "Ecosystem working group member"]
    assert page.errors == []


def test_every_page_works_without_javascript(browser: Any, server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        p = context.new_page()
        p.goto(server + "index.html")
        assert not p.locator("#search").is_visible()  # no dead control without its script
        assert len(_visible_texts(p, "#people-list li > a")) == 6
        p.goto(server + "ecosystem.html")
        assert not p.locator("#project-dusty").is_visible()
        p.get_by_label("Show the 1 retired project").check()
        assert p.locator("#project-dusty").is_visible()
    finally:
        context.close()


def _crawl(page: Any, start: str) -> dict[str, int]:
    """Every page reachable from ``start`` through same-origin links, with its HTTP status."""
    origin = urlparse(start).netloc
    seen: dict[str, int] = {}
    queue = deque([start])
    while queue:
        url = queue.popleft()
        if url in seen:
            continue
        if not url.endswith(".html"):
            # fetched, not opened: a browser tab on a JSON file would ask for /favicon.ico
            seen[url] = page.request.get(url).status
            continue
        response = page.goto(url)
        seen[url] = response.status if response else 0
        if seen[url] != 200:
            continue
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
        for href in hrefs:
            target, fragment = urldefrag(urljoin(url, href))
            if urlparse(target).netloc != origin:
                continue
            if fragment and target == url:
                assert page.locator(f"[id='{fragment}']").count() == 1, f"{url}#{fragment}"
            if target not in seen:
                queue.append(target)
    return seen


def test_every_internal_link_resolves_and_no_page_logs_an_error(page: Any, server: str,
                                                                 site: Any) -> None:
    seen = _crawl(page.page, server + "index.html")
    broken = {u: s for u, s in seen.items() if s != 200}
    assert broken == {}
    pages = {u.removeprefix(server) for u in seen if u.endswith(".html")}
    on_disk = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    assert pages == on_disk  # every page is reachable, and every link lands on a built page
    assert "v1/index.json" in {u.removeprefix(server) for u in seen}
    assert page.errors == []


def test_pages_are_accessible(page: Any, server: str, site: Any) -> None:
    """Landmarks, one h1 and no skipped heading level, labelled controls, standards mode."""
    p = page.page
    for rel in sorted(x.relative_to(site).as_posix() for x in site.rglob("*.html")):
        p.goto(server + rel)
        facts = p.evaluate("""() => ({
            mode: document.compatMode,
            lang: document.documentElement.lang,
            title: document.title,
            landmarks: ['header', 'nav', 'main', 'footer'].map(s => document.querySelectorAll(
                'body > ' + s + ', body > header > nav').length),
            headings: [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1]),
            unlabelled: [...document.querySelectorAll('input, select, textarea')]
                .filter(i => !i.labels || i.labels.length === 0).map(i => i.id),
            navLabel: document.querySelector('nav').getAttribute('aria-label'),
            duplicateIds: [...document.querySelectorAll('[id]')].map(e => e.id)
                .filter((id, i, all) => all.indexOf(id) !== i),
            danglingRefs: [...document.querySelectorAll('[aria-labelledby], [aria-describedby]')]
                .flatMap(e => ((e.getAttribute('aria-labelledby') || '') + ' ' +
                               (e.getAttribute('aria-describedby') || '')).split(/\\s+/))
                .filter(id => id && !document.getElementById(id)),
            imagesWithoutAlt: document.querySelectorAll('img:not([alt])').length,
        })""")
        assert facts["mode"] == "CSS1Compat", rel
        assert facts["lang"] == "en" and facts["title"], rel
        assert all(n >= 1 for n in facts["landmarks"]), (rel, facts["landmarks"])
        assert facts["navLabel"], rel
        levels = facts["headings"]
        assert levels[0] == 1 and levels.count(1) == 1, (rel, levels)
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), (rel, levels)
        assert facts["unlabelled"] == [], rel
        assert facts["duplicateIds"] == [] and facts["danglingRefs"] == [], (rel, facts)
        assert facts["imagesWithoutAlt"] == 0, rel
    assert page.errors == []


def test_keyboard_reaches_the_skip_link_and_the_search_box(page: Any, server: str) -> None:
    p = page.page
    p.goto(server + "index.html")
    p.keyboard.press("Tab")
    assert p.evaluate("document.activeElement.textContent") == "Skip to content"
    p.keyboard.press("Enter")
    for _ in range(30):
        p.keyboard.press("Tab")
        if p.evaluate("document.activeElement.id") == "q":
            break
    else:
        pytest.fail("the search box cannot be reached with the keyboard")
    p.keyboard.type("kim")
    assert _visible_texts(p, "#people-list li > a") == ["Bo <script>alert(1)</script> Kim"]


def test_shipped_data_index_crawl_and_console(page: Any, shipped_server: str,
                                              shipped_site: Any) -> None:
    """The repository's own data: the index lists exactly its people and modules, every link
    resolves and no page logs an error (compared with the data, so it follows the data)."""
    state, _ = load(FsTree(REPO))
    p = page.page
    p.goto(shipped_server + "index.html")
    assert sorted(_visible_texts(p, "#people-list li > a")) == sorted(
        m.name for m in state.members.values())
    assert sorted(_visible_texts(p, "#module-list li > a")) == sorted(
        m.name for m in state.modules.values())
    seen = _crawl(p, shipped_server + "index.html")
    assert {u: s for u, s in seen.items() if s != 200} == {}
    pages = {u.removeprefix(shipped_server) for u in seen if u.endswith(".html")}
    assert pages == {x.relative_to(shipped_site).as_posix() for x in shipped_site.rglob("*.html")}
    assert page.errors == []
