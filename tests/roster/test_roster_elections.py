"""Election pages in a real Chromium, compared with what `charter election tally --format json`
counts: the turnout, the elected, every round, every tie step in order and every chart value.
On the shipped records and on an organisation whose elections hit every kind of tie."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from roster_fixtures import REPO, TIE_ELECTIONS

from conftest import serve

pytestmark = pytest.mark.browser

SHIPPED = tuple(sorted(p.parent.name for p in (REPO / "elections").glob("*/election.yaml")))


def tally_json(repo: Path, eid: str) -> dict[str, Any]:
    run = subprocess.run([sys.executable, "-m", "charter", "election", "tally", "--check",
                          "--format", "json", eid, "--repo", str(repo)],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def bars(page: Any, selector: str) -> list[tuple[str, int]]:
    """(key, value) of each bar of the chart(s) ``selector`` finds, in order."""
    return [(k, int(v)) for k, v in page.locator(f"{selector} g.bar").evaluate_all(
        "gs => gs.map(g => [g.dataset.key, g.dataset.value])")]


def tie_steps(section: Any) -> list[tuple[str, str, list[str]]]:
    """(stage, rule, ahead) of every tie step shown in ``section``, in order."""
    return [(s, r, a.split()) for s, r, a in section.locator(".tie li").evaluate_all(
        "lis => lis.map(li => [li.closest('.tie').dataset.stage, li.dataset.rule, "
        "li.dataset.ahead])")]


def json_steps(rnd: dict[str, Any], stage: str) -> list[tuple[str, str, list[str]]]:
    out = [(stage, s["rule"], s["ahead"]) for s in rnd.get("scoring_tiebreaks", [])]
    return out + [("runoff", s["rule"], s["ahead"]) for s in rnd.get("runoff_tiebreaks", [])]


def check_council(p: Any, result: dict[str, Any]) -> int:
    """Everything the page says about a council count agrees with the tally; the number of
    tie steps shown."""
    unit = "approvals" if result["method"] == "approval" else "stars"
    assert bars(p, 'figure[data-chart="totals"]') == [
        (t["candidate"], t[unit]) for t in result["totals"]]
    rows = p.locator("#elected tbody tr").evaluate_all(
        "rs => rs.map(r => [r.dataset.login, r.cells[0].textContent, r.cells[1].textContent])")
    assert [(r[0], r[2]) for r in rows] == [(s["login"], s["cohort"]) for s in result["elected"]]
    for s in result["elected"]:
        term = (f"{s['term_start']} to {s['term_end']}" if "term_start" in s
                else "starts when the result is certified")
        assert term in p.locator(f'#elected tr[data-login="{s["login"]}"]').inner_text()
    placed: list[str] = []
    stage = "approval" if result["method"] == "approval" else "scoring"
    steps = 0
    for rnd in result["rounds"]:
        section = p.locator(f"#round-{rnd['round']}")
        assert section.get_attribute("data-placed") == rnd["placed"]
        still_in = [(t["candidate"], t[unit]) for t in result["totals"]
                    if t["candidate"] not in placed]
        if "finalists" in rnd:
            assert bars(section, 'figure[data-chart="scores"]') == still_in
            assert bars(section, 'figure[data-chart="runoff"]') == [
                *rnd["runoff"].items(), ("no-preference", rnd["no_preference"])]
            strong = section.locator('figure[data-chart="scores"] g.strong').evaluate_all(
                "gs => gs.map(g => g.dataset.key)")
            assert sorted(strong) == sorted(rnd["finalists"])
        shown = tie_steps(section)
        assert shown == json_steps(rnd, stage), rnd["round"]
        steps += len(shown)
        placed.append(rnd["placed"])
    assert len(result["rounds"]) == p.locator("section.round").count()
    log = p.locator("#cap-log li").all_inner_texts()
    assert len(log) == len(result["coi"])
    return steps


@pytest.fixture(scope="module")
def shipped_url(shipped_site: Path) -> Any:
    with serve(shipped_site) as url:
        yield url


@pytest.fixture(scope="module")
def ties_url(ties_site: Path) -> Any:
    with serve(ties_site) as url:
        yield url


@pytest.mark.parametrize("eid", SHIPPED)
def test_shipped_election_pages_agree_with_the_tally(page: Any, shipped_url: str,
                                                     eid: str) -> None:
    result = tally_json(REPO, eid)
    p = page.page
    p.goto(f"{shipped_url}elections/{eid}.html")
    assert p.locator("h1").inner_text() == result["title"]
    assert p.locator("#sha256").inner_text() == result["ballots_sha256"]
    assert f"charter election tally --check elections/{eid}" in p.locator("pre").inner_text()
    turnout = p.locator("#turnout").inner_text()
    if result["kind"] == "council-election":
        assert turnout.startswith(f"{result['ballots']} of {result['electorate']} eligible")
        check_council(p, result)
    elif result["kind"] == "motion":
        took = result["yes"] + result["no"] + result["abstain"]
        assert turnout.startswith(f"{took} of {result['electorate']} eligible")
        assert bars(p, 'figure[data-chart="vote"]') == [
            ("yes", result["yes"]), ("no", result["no"]), ("abstain", result["abstain"])]
        assert f"at least {result['threshold']['needed']} yes vote" in p.locator(
            "#threshold").inner_text()
        assert f"{result['quorum']['needed']} voters must take part; " \
               f"{result['quorum']['participated']} did" in p.locator("#quorum").inner_text()
        assert p.locator("#outcome").inner_text().startswith(
            "Passed" if result["passed"] else "Not passed")
        assert len(p.locator("#rejected li").all_inner_texts()) == len(result["rejected"])
        assert p.locator("#question").inner_text()
    assert page.errors == []


def test_shipped_council_page_reads_as_a_report(page: Any, shipped_url: str) -> None:
    p = page.page
    p.goto(shipped_url + "elections/2026-council.html")
    main = p.locator("main").inner_text()
    assert "17 of 22 eligible voters took part (77%)." in main
    assert "Sofia Rossi" in p.locator("#elected").inner_text()
    assert "Northwind Labs (employee)" in p.locator("#elected").inner_text()
    tie = p.locator("#round-1 .tie").inner_text()
    assert "Tie in the runoff between Sofia Rossi, Hana Kim" in tie
    assert "Higher total score: Sofia Rossi 58, Hana Kim 53; so Sofia Rossi wins the runoff." \
        in tie
    # the chart is readable as text: its description states every value
    desc = p.locator('figure[data-chart="totals"] desc').text_content()
    assert desc.startswith("Sofia Rossi: 58 stars, 6 five-star (highlighted); Hana Kim: 53")
    svg = p.locator('figure[data-chart="totals"] svg')
    assert svg.get_attribute("role") == "img"
    assert p.get_by_role("img", name="Total stars of each candidate").count() == 1


@pytest.mark.parametrize("eid", TIE_ELECTIONS)
def test_every_tie_kind_is_shown_step_by_step(page: Any, ties_repo: Path, ties_url: str,
                                              eid: str) -> None:
    result = tally_json(ties_repo, eid)
    p = page.page
    p.goto(f"{ties_url}elections/{eid}.html")
    if result["kind"] == "council-election":
        steps = check_council(p, result)
        assert steps >= 1  # each tie election shows its steps
    else:
        for rnd in result["rounds"]:
            section = p.locator(f"#round-{rnd['round']}")
            assert bars(section, 'figure[data-chart="votes"]') == [
                *sorted(rnd["counts"].items(), key=lambda kv: (-kv[1], kv[0])),
                ("exhausted", rnd["exhausted"])]
            assert tie_steps(section) == [("elimination", s["rule"], s["ahead"])
                                          for s in rnd.get("tiebreaks", [])]
        href = p.locator("#lead-winner a").get_attribute("href")
        assert href == f"../people/{result['winner']}.html"
    assert page.errors == []


def test_the_tie_fixture_covers_every_step_of_the_pinned_protocol(ties_repo: Path) -> None:
    seen = set()
    for eid in TIE_ELECTIONS:
        for rnd in tally_json(ties_repo, eid)["rounds"]:
            for key in ("scoring_tiebreaks", "runoff_tiebreaks", "tiebreaks"):
                for s in rnd.get(key, []):
                    decided = "decides" if s["ahead"] else "tied"
                    seen.add((key, s["rule"].split(" in round")[0], decided,
                              s.get("method", "")))
    assert seen >= {
        ("scoring_tiebreaks", "head-to-head among the tied", "decides", ""),
        ("scoring_tiebreaks", "head-to-head among the tied", "tied", ""),
        ("scoring_tiebreaks", "most 5-star ratings", "decides", ""),
        ("scoring_tiebreaks", "recorded resolution", "decides", "agreement"),
        ("runoff_tiebreaks", "higher total score", "decides", ""),
        ("runoff_tiebreaks", "higher total score", "tied", ""),
        ("runoff_tiebreaks", "most 5-star ratings", "decides", ""),
        ("runoff_tiebreaks", "recorded resolution", "decides", "draw"),
        ("scoring_tiebreaks", "recorded resolution", "decides", "agreement"),  # approval
        ("tiebreaks", "fewest votes", "decides", ""),
        ("tiebreaks", "fewest votes", "tied", ""),
        ("tiebreaks", "recorded resolution", "decides", "draw"),
    }


def test_tie_steps_say_how_each_was_resolved(page: Any, ties_url: str) -> None:
    p = page.page
    p.goto(ties_url + "elections/2027-council.html")
    r4 = p.locator("#round-4 .tie").inner_text()
    assert "Tie for a place in the runoff between Ana S, Dov S" in r4
    assert "Head-to-head preferences among the tied: Ana S 1, Dov S 1; 1 ballot with no " \
           "preference; still tied, so the next step decides." in r4
    assert "Recorded resolution by the tied candidates' written agreement " \
           "(https://example.invalid/2027-council/agreement-0), so Dov S goes through to the " \
           "runoff." in r4
    r5 = p.locator("#round-5 .tie").inner_text()
    assert r5.index("Higher total score: Ana S 5, Dov S 5; still tied") < r5.index(
        "Most five-star ratings") < r5.index("Recorded resolution by a draw from the seed "
                                             "published-seed-1")
    # the employer cap in words: the third Initrode finisher is passed over
    log = p.locator("#cap-log").inner_text()
    assert "Cai S (place 4) was passed over: a third person from Initrode" in log
    p.goto(ties_url + "elections/2027-approval.html")
    assert "2 seats left vacant" in p.locator("#vacancies").inner_text()
    assert page.errors == []
