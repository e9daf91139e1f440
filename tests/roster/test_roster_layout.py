"""Every page of every roster, in a real Chromium at a desktop width (1280 px) and a phone width
(390 px): no horizontal scrolling of the page (a long value wraps or scrolls inside its own
box), no console or page error, and axe-core finds no accessibility violation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import Page, offline, serve

pytestmark = pytest.mark.browser

WIDTHS = (1280, 390)
SITES = ("site", "shipped_site", "ties_site", "history_site")


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def _overflow(page: Any) -> list[str]:
    """The page's own horizontal overflow, and the elements that stick out past the viewport
    (outside any box that scrolls on its own)."""
    return page.evaluate("""() => {
        const doc = document.documentElement;
        const out = [];
        if (doc.scrollWidth > doc.clientWidth) out.push(`page ${doc.scrollWidth}px wide`);
        const inScroller = e => {
            for (let p = e.parentElement; p; p = p.parentElement) {
                const s = getComputedStyle(p);
                if (['auto', 'scroll', 'hidden'].includes(s.overflowX)) return true;
            }
            return false;
        };
        for (const e of document.body.querySelectorAll('*')) {
            const r = e.getBoundingClientRect();
            if (r.width && r.right > doc.clientWidth + 1 && !inScroller(e)
                    && getComputedStyle(e).position !== 'absolute')
                out.push(`${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''} ends at ${r.right}`);
        }
        return out.slice(0, 5);
    }""")


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("which", SITES)
def test_every_page_fits_and_passes_axe(browser: Any, axe: Axe, request: pytest.FixtureRequest,
                                        which: str, width: int) -> None:
    site: Path = request.getfixturevalue(which)
    context = browser.new_context(viewport={"width": width, "height": 900})
    offline(context)
    problems: dict[str, Any] = {}
    try:
        page = Page(context.new_page())
        with serve(site) as url:
            for rel in _pages(site):
                page.page.goto(url + rel)
                found: dict[str, Any] = {}
                wide = _overflow(page.page)
                if wide:
                    found["overflow"] = wide
                result = axe.run(page.page)
                if result.violations_count:
                    found["axe"] = result.generate_snapshot()
                if found:
                    problems[rel] = found
        assert page.errors == [], page.errors
    finally:
        context.close()
    assert problems == {}, f"{which} at {width}px: {problems}"


def test_narrow_tables_scroll_inside_a_labelled_focusable_box(browser: Any, site: Path) -> None:
    """At 390 px the council table is wider than the screen: its box scrolls, the page does
    not, and a keyboard user can reach the box."""
    context = browser.new_context(viewport={"width": 390, "height": 800})
    offline(context)
    try:
        p = context.new_page()
        with serve(site) as url:
            p.goto(url + "ecosystem.html")
            box = p.locator(".scroll:has(#projects)")
            assert box.evaluate("e => e.scrollWidth > e.clientWidth")
            assert box.get_attribute("tabindex") == "0"
            assert box.get_attribute("role") == "region" and box.get_attribute("aria-labelledby")
            assert p.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()


def test_avatars_load_from_exactly_the_allowed_host(browser: Any, site: Path) -> None:
    """With `roster.avatars` on, avatars come from GitHub by numeric id; the page's
    Content-Security-Policy allows images from that host and from nowhere else."""
    context = browser.new_context()
    seen: list[str] = []
    offline(context, seen)
    try:
        p = context.new_page()
        violations: list[str] = []
        p.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))
        with serve(site) as url:
            p.goto(url + "people/dee-n.html")
            img = p.locator("img.avatar")
            assert img.get_attribute("src") == (
                "https://avatars.githubusercontent.com/u/104?s=96&v=4")
            assert img.get_attribute("alt") == ""  # decorative: the name is beside it
            p.wait_for_load_state("networkidle")
            assert img.evaluate("i => i.complete && i.naturalWidth") == 1
            csp = p.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute(
                "content")
            assert "img-src 'self' data: https://avatars.githubusercontent.com;" in csp
            p.evaluate("""() => { const i = document.createElement('img');
                i.src = 'https://elsewhere.example.invalid/x.png'; i.alt = '';
                document.body.append(i); }""")
            p.wait_for_timeout(200)
        assert seen == ["https://avatars.githubusercontent.com/u/104?s=96&v=4"]
        assert violations and "elsewhere.example.invalid" in violations[0]
    finally:
        context.close()


def test_without_the_policy_no_avatar_and_no_outside_host(shipped_site: Path) -> None:
    import html as html_mod

    html = (shipped_site / "people" / "sofia-rossi.html").read_text(encoding="utf-8")
    assert "<img" not in html and "avatars.githubusercontent.com" not in html
    assert "img-src 'self' data:;" in html_mod.unescape(html)
