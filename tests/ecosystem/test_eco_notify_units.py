"""ECO-PERIODIC and ECO-OFFBOARD notices as units: the text of every issue and comment charter
writes, and the desk that opens, updates and closes them in the governance repository against
the fake GitHub (found again by marker, never doubled, retried only where that is safe, waits
recorded instead of slept). Also the offboarding record's error naming and the text fast path's
refusals."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from eco_fakegithub import FakeGitHub
from eco_helpers import GOVERNANCE, project

from charter import gh, roundtrip
from charter.ecosystem import notify, periodic, records
from charter.ecosystem.review import Review
from charter.errors import CharterError, GitHubError, YamlError

ISSUES = f"/repos/{GOVERNANCE}/issues"
DATA = project("alpha", "org-alpha/alpha")  # name Alpha, maintainers dana-frost and eli-moss
REASONS = ["ECO-MEASURABLE: 50 stars, fewer than 100", "ECO-LAYOUT: CODEOWNERS is missing"]


# --- the text of notices and comments -------------------------------------------------------
def test_eco_periodic_notice_title_and_body_in_full() -> None:
    body = notify.notice_body(DATA, REASONS, "2026-11-21", "2026-12-21", 30, "2026-11-21")
    assert notify.notice_title(DATA) == "Ecosystem review: Alpha falls short of the requirements"
    assert body == (
        "<!-- charter:ecosystem-review slug=alpha opened=2026-11-21 deadline=2026-12-21 -->\n"
        "@dana-frost @eli-moss: the periodic review (ECO-PERIODIC) of "
        "[org-alpha/alpha](https://github.com/org-alpha/alpha) on 2026-11-21 found what needs "
        "fixing for Alpha to stay in the ecosystem:\n"
        "\n"
        "- [ ] ECO-MEASURABLE: 50 stars, fewer than 100\n"
        "- [ ] ECO-LAYOUT: CODEOWNERS is missing\n"
        "\n"
        "Please fix these by **2026-12-21** (30 days from the first notice) and reply here. If "
        "they are still not met by then, or there is no answer, the project is retired from the "
        "ecosystem and listed as retired.\n"
        "\n"
        "_Kept up to date by `charter ecosystem review`: later reviews update this issue instead "
        "of opening another._")


@pytest.mark.parametrize("data", [
    {**DATA, "maintainers": []},
    {k: v for k, v in DATA.items() if k != "maintainers"},
])
def test_eco_periodic_notice_without_maintainers_addresses_the_owners(
        data: dict[str, Any]) -> None:
    body = notify.notice_body(data, ["r"], "2026-11-21", "2026-12-21", 30, "2026-11-21")
    assert body.split("\n")[1].startswith("Project owners: the periodic review (ECO-PERIODIC)")


@pytest.mark.parametrize(("fields", "expected"), [
    ({}, "<!-- charter:ecosystem-review slug=alpha -->"),
    ({"opened": "2026-11-21", "deadline": ""},
     "<!-- charter:ecosystem-review slug=alpha opened=2026-11-21 -->"),
    ({"opened": "2026-11-21", "deadline": "2026-12-21"},
     "<!-- charter:ecosystem-review slug=alpha opened=2026-11-21 deadline=2026-12-21 -->"),
])
def test_eco_periodic_marker_carries_only_the_dates_known(fields: dict[str, str],
                                                          expected: str) -> None:
    assert notify.marker(notify.REVIEW, "alpha", **fields) == expected


def test_eco_periodic_comment_texts() -> None:
    assert notify.resolved_comment("2026-12-10") == (
        "The review on 2026-12-10 found every requirement met again. Thank you; this notice "
        "is closed.")
    assert notify.comment_marker("alpha", "resolved", "2026-11-21") == (
        "<!-- charter:ecosystem-comment slug=alpha event=resolved notice=2026-11-21 -->")


@pytest.mark.parametrize(("offboarding", "where"), [
    (7, " (see #7)"),
    (None, ""),
    (0, ""),
])
def test_eco_periodic_retired_comment_points_at_the_offboarding_issue(offboarding: int | None,
                                                                      where: str) -> None:
    assert notify.retired_comment("2026-12-21", offboarding) == (
        "The requirements were still not met after the deadline of 2026-12-21; the project is "
        f"retired from the ecosystem{where}.")


@pytest.mark.parametrize(("by", "rules"), [
    (notify.BY_REVIEW, "ECO-PERIODIC, ECO-OFFBOARD"),
    (notify.BY_HAND, "ECO-OFFBOARD"),
])
def test_eco_offboard_issue_title_and_body_in_full(by: str, rules: str) -> None:
    assert notify.offboarding_title(DATA) == "Ecosystem offboarding: Alpha is retired"
    assert notify.offboarding_body(DATA, "ECO-PERIODIC: short", "2026-12-22", by) == (
        "<!-- charter:ecosystem-offboarding slug=alpha -->\n"
        f"@dana-frost @eli-moss: on 2026-12-22, Alpha was retired from the ecosystem ({rules}).\n"
        "\n"
        "Reason: ECO-PERIODIC: short\n"
        "\n"
        "Please remove references to ecosystem membership (badges, logos, wording) from the "
        "repository [org-alpha/alpha](https://github.com/org-alpha/alpha) and the project's "
        "website. A project that meets the requirements again is welcome to re-apply.\n"
        "\n"
        f"_Opened by `charter ecosystem {by}`._")


# --- the desk against the fake GitHub -------------------------------------------------------
@pytest.fixture
def fake() -> Iterator[FakeGitHub]:
    with FakeGitHub() as server:
        yield server


class Sleeps(list[float]):
    """Every wait the desk asked for, instead of sleeping."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def desk_for(fake: FakeGitHub, sleeps: Sleeps) -> Iterator[Any]:
    def make(*, apply: bool = True, retries: int = 3, backoff: float = 1.0,
             max_wait: float = 100.0, repository: str | None = GOVERNANCE) -> notify.Desk:
        reader = gh.client(base_url=fake.url, retries=0, backoff=0, max_wait=1)
        writer = gh.client(base_url=fake.url, retries=2, backoff=0, max_wait=1, writes=True)
        return notify.Desk(reader, repository, apply=apply, writer=writer, retries=retries,
                           backoff=backoff, max_wait=max_wait, sleep=sleeps)

    yield make


def notice(fake: FakeGitHub, slug: str = "alpha", *, fields: str = "",
           created: str = "2026-10-01", state: str = "open", label: str = "ecosystem-review",
           kind: str = "review") -> dict[str, Any]:
    """A notice issue already on GitHub, opened by an earlier run."""
    body = f"<!-- charter:ecosystem-{kind} slug={slug}{fields} -->\nearlier text"
    return fake.open_issue(GOVERNANCE, f"Ecosystem review: {slug}", body, [label],
                           created_at=f"{created}T06:00:00Z", state=state)


def writes(fake: FakeGitHub) -> int:
    return fake.count("POST") + fake.count("PATCH")


KEY = notify.comment_marker("alpha", "resolved", "2026-10-01")
SAID = notify.resolved_comment("2026-12-10")


# ensure: open, find, update, never double
def test_eco_periodic_notice_opened_with_label_and_counted(fake: FakeGitHub,
                                                           desk_for: Any) -> None:
    desk = desk_for()
    done = desk.ensure(notify.REVIEW, "alpha", "T", "B", None)
    assert done == notify.Done(1, "opened #1")
    [issue] = fake.issues[GOVERNANCE]
    assert (issue["title"], issue["body"], issue["labels"]) == ("T", "B", ["ecosystem-review"])
    assert desk.writes == 1
    # the same desk knows what it opened: no second issue, no second listing
    assert desk.ensure(notify.REVIEW, "alpha", "T", "B", None) == notify.Done(
        1, "#1 already up to date")
    assert fake.count("GET", ISSUES) == 1 and desk.writes == 1


def test_eco_periodic_rerun_finds_the_notice_by_marker(fake: FakeGitHub, desk_for: Any) -> None:
    body = notify.notice_body(DATA, REASONS, "2026-11-21", "2026-12-21", 30, "2026-11-21")
    desk_for().ensure(notify.REVIEW, "alpha", "T", body, None)
    again = desk_for()
    assert again.ensure(notify.REVIEW, "alpha", "T", body, None) == notify.Done(
        1, "#1 already up to date")
    changed = body.replace("50 stars", "60 stars")
    assert again.ensure(notify.REVIEW, "alpha", "T", changed, None) == notify.Done(
        1, "updated #1")
    assert len(fake.issues[GOVERNANCE]) == 1 and fake.issues[GOVERNANCE][0]["body"] == changed
    assert again.writes == 1
    assert again.ensure(notify.REVIEW, "alpha", "T", changed, None).action == (
        "#1 already up to date")


def test_eco_periodic_closed_notice_with_the_same_text_is_reopened(fake: FakeGitHub,
                                                                   desk_for: Any) -> None:
    issue = notice(fake, state="closed")
    desk = desk_for()
    assert desk.ensure(notify.REVIEW, "alpha", "T", issue["body"], None) == notify.Done(
        1, "updated #1")
    assert issue["state"] == "open" and len(fake.issues[GOVERNANCE]) == 1


def test_eco_periodic_recorded_notice_without_marker_is_updated(fake: FakeGitHub,
                                                               desk_for: Any) -> None:
    """The record names the notice; its text has no marker (edited by hand): it is updated,
    not doubled."""
    fake.open_issue(GOVERNANCE, "by hand", "no marker here", ["ecosystem-review"],
                    created_at="2026-10-01T06:00:00Z")
    done = desk_for().ensure(notify.REVIEW, "alpha", "T", "new text", 1)
    assert done == notify.Done(1, "updated #1")
    assert [i["body"] for i in fake.issues[GOVERNANCE]] == ["new text"]


def test_eco_periodic_recorded_notice_gone_opens_a_new_one(fake: FakeGitHub,
                                                          desk_for: Any) -> None:
    assert desk_for().ensure(notify.REVIEW, "alpha", "T", "B", 9) == notify.Done(1, "opened #1")


def test_eco_periodic_dry_run_says_what_it_would_do(fake: FakeGitHub, desk_for: Any) -> None:
    desk = desk_for(apply=False)
    assert desk.ensure(notify.REVIEW, "alpha", "T", "B", None) == notify.Done(
        None, f"would open an issue in {GOVERNANCE}: 'T'")
    notice(fake)
    other = desk_for(apply=False)
    assert other.ensure(notify.REVIEW, "alpha", "T", "B", None) == notify.Done(
        1, "would update #1")
    assert other.close(1, "alpha", SAID, KEY) == notify.Done(
        1, "would comment on and close #1")
    assert writes(fake) == 0 and desk.writes == other.writes == 0


def test_eco_periodic_listing_keeps_the_newest_notice_of_its_kind(fake: FakeGitHub,
                                                                  desk_for: Any) -> None:
    notice(fake, kind="offboarding")  # an offboarding marker under the review label
    notice(fake, state="closed")
    notice(fake, slug="beta")
    notice(fake)
    desk = desk_for()
    assert desk.find(notify.REVIEW, "alpha").number == 4
    assert desk.find(notify.REVIEW, "beta").number == 3
    assert desk.find(notify.OFFBOARDING, "alpha") is None
    assert desk.find(notify.REVIEW, "gamma") is None


def test_eco_periodic_desk_needs_a_repository(desk_for: Any) -> None:
    desk = desk_for(repository=None)
    assert desk.open_notice("alpha", 30) is None
    with pytest.raises(CharterError) as exc:
        desk.ensure(notify.REVIEW, "alpha", "T", "B", None)
    assert str(exc.value) == ("no repository for notices: set organisation."
                              "governance_repository in policy.yaml or pass --issues-repo")


# open_notice: the grace period runs from the notice on GitHub
@pytest.mark.parametrize(("fields", "expected"), [
    (" opened=2026-10-05 deadline=2026-11-20", ("2026-10-05", "2026-11-20")),
    (" opened=2026-10-05", ("2026-10-05", "2026-11-04")),
    ("", ("2026-10-01", "2026-10-31")),                       # older marker: when opened
    (" opened=2026-13-45 deadline=2026-02-30", ("2026-10-01", "2026-10-31")),  # not dates
])
def test_eco_periodic_open_notice_dates_its_grace_period(fake: FakeGitHub, desk_for: Any,
                                                         fields: str,
                                                         expected: tuple[str, str]) -> None:
    notice(fake, fields=fields, created="2026-10-01")
    assert desk_for().open_notice("alpha", 30) == notify.OpenNotice(1, *expected)


def test_eco_periodic_closed_or_missing_notice_is_no_evidence(fake: FakeGitHub,
                                                             desk_for: Any) -> None:
    notice(fake, state="closed", fields=" opened=2026-10-05")
    assert desk_for().open_notice("alpha", 30) is None
    assert desk_for().open_notice("beta", 30) is None


# writes retried only where safe
def test_eco_periodic_open_answer_lost_is_found_not_doubled(fake: FakeGitHub, desk_for: Any,
                                                           sleeps: Sleeps) -> None:
    desk = desk_for()
    assert desk.ensure(notify.REVIEW, "beta", "T", notice_text("beta"), None).number == 1
    fake.fail("POST", ISSUES, 502, body={"message": "Bad Gateway"}, then_perform=True)
    assert desk.ensure(notify.REVIEW, "alpha", "T", notice_text("alpha"), None) == notify.Done(
        2, "opened #2")
    assert len(fake.issues[GOVERNANCE]) == 2 and fake.count("POST", ISSUES) == 2
    assert desk.writes == 2 and sleeps == []


def notice_text(slug: str) -> str:
    return notify.marker(notify.REVIEW, slug, opened="2026-11-21") + "\ntext"


def test_eco_periodic_open_not_done_is_retried_after_looking(fake: FakeGitHub, desk_for: Any,
                                                            sleeps: Sleeps) -> None:
    fake.fail("POST", ISSUES, 500, body={"message": "boom"})
    desk = desk_for()
    assert desk.ensure(notify.REVIEW, "alpha", "T", notice_text("alpha"), None).number == 1
    assert len(fake.issues[GOVERNANCE]) == 1 and desk.writes == 1 and sleeps == [1.0]


def test_eco_periodic_refused_write_is_not_retried(fake: FakeGitHub, desk_for: Any,
                                                   sleeps: Sleeps) -> None:
    """A 4xx is a plain failure: GitHub did not act, and asking again changes nothing."""
    fake.fail("POST", ISSUES, 422, body={"message": "Validation Failed"})
    desk = desk_for()
    with pytest.raises(GitHubError, match=r"^opening an issue: GitHub answered 422"):
        desk.ensure(notify.REVIEW, "alpha", "T", notice_text("alpha"), None)
    assert fake.count("POST", ISSUES) == 1 and GOVERNANCE not in fake.comments
    assert fake.issues[GOVERNANCE] == [] and desk.writes == 0 and sleeps == []


@pytest.mark.parametrize(("retries", "backoff", "max_wait", "failures", "waits"), [
    (3, 1.0, 100.0, 3, [1.0, 2.0, 4.0]),   # doubling from backoff
    (4, 1.0, 3.0, 4, [1.0, 2.0, 3.0, 3.0]),  # capped by max_wait
    (3, 0.5, 100.0, 2, [0.5, 1.0]),
    (3, 0.0, 100.0, 3, []),                # no backoff: no waiting at all
])
def test_eco_periodic_close_retries_back_off_and_are_capped(
        fake: FakeGitHub, desk_for: Any, sleeps: Sleeps, retries: int, backoff: float,
        max_wait: float, failures: int, waits: list[float]) -> None:
    notice(fake)
    for _ in range(failures):
        fake.fail("PATCH", f"{ISSUES}/1", 502, body={"message": "Bad Gateway"})
    desk = desk_for(retries=retries, backoff=backoff, max_wait=max_wait)
    assert desk.close(1, "alpha", SAID, KEY) == notify.Done(1, "closed #1")
    assert fake.issues[GOVERNANCE][0]["state"] == "closed"
    assert sleeps == waits and fake.count("PATCH") == failures + 1
    assert desk.writes == 2  # the comment and the closing


def test_eco_periodic_close_gives_up_after_the_retries(fake: FakeGitHub, desk_for: Any,
                                                       sleeps: Sleeps) -> None:
    notice(fake)
    for _ in range(3):
        fake.fail("PATCH", f"{ISSUES}/1", 503, body={"message": "Unavailable"})
    desk = desk_for(retries=2)
    with pytest.raises(GitHubError, match=r"^closing issue #1: GitHub answered 503"):
        desk.close(1, "alpha", SAID, KEY)
    assert sleeps == [1.0, 2.0] and fake.issues[GOVERNANCE][0]["state"] == "open"
    assert desk.writes == 1  # the comment went out; a re-run finds it


# close: comment once, close the right issue
def test_eco_periodic_close_comments_once_then_closes(fake: FakeGitHub, desk_for: Any) -> None:
    notice(fake)
    desk = desk_for()
    assert desk.close(1, "alpha", SAID, KEY) == notify.Done(1, "closed #1")
    assert fake.comments[(GOVERNANCE, 1)] == [f"{SAID}\n\n{KEY}"]
    assert fake.issues[GOVERNANCE][0]["state"] == "closed" and desk.writes == 2
    again = desk_for()
    assert again.close(1, "alpha", SAID, KEY) == notify.Done(1, "#1 already closed")
    assert again.writes == 0 and fake.count("PATCH") == 1


def test_eco_periodic_close_after_a_stop_does_not_comment_twice(fake: FakeGitHub,
                                                                desk_for: Any) -> None:
    """A run stopped after commenting: the next finds its comment among others and closes."""
    notice(fake)
    fake.comments[(GOVERNANCE, 1)] = ["thanks, fixing it", f"{SAID}\n\n{KEY}"]
    desk = desk_for()
    assert desk.close(1, "alpha", SAID, KEY) == notify.Done(1, "closed #1")
    assert len(fake.comments[(GOVERNANCE, 1)]) == 2 and desk.writes == 1
    other = notify.comment_marker("alpha", "resolved", "2026-01-01")  # an older notice's
    notice(fake)
    fake.comments[(GOVERNANCE, 2)] = [f"{SAID}\n\n{other}"]
    desk_for().close(2, "alpha", SAID, KEY)
    assert fake.comments[(GOVERNANCE, 2)] == [f"{SAID}\n\n{other}", f"{SAID}\n\n{KEY}"]


def test_eco_periodic_close_comment_answer_lost_is_not_posted_again(fake: FakeGitHub,
                                                                    desk_for: Any,
                                                                    sleeps: Sleeps) -> None:
    notice(fake)
    fake.fail("POST", f"{ISSUES}/1/comments", 502, body={"message": "Bad Gateway"},
              then_perform=True)
    desk = desk_for()
    assert desk.close(1, "alpha", SAID, KEY) == notify.Done(1, "closed #1")
    assert len(fake.comments[(GOVERNANCE, 1)]) == 1 and desk.writes == 2 and sleeps == []


def test_eco_periodic_close_found_by_marker_when_the_record_lost_it(fake: FakeGitHub,
                                                                   desk_for: Any) -> None:
    notice(fake)
    assert desk_for().close(None, "alpha", SAID, KEY) == notify.Done(1, "closed #1")
    assert fake.issues[GOVERNANCE][0]["state"] == "closed"


def test_eco_periodic_close_the_recorded_notice_not_a_newer_one(fake: FakeGitHub,
                                                               desk_for: Any) -> None:
    notice(fake)
    notice(fake)  # a newer notice with the same marker, opened by a run whose record was lost
    assert desk_for().close(1, "alpha", SAID, KEY) == notify.Done(1, "closed #1")
    assert [i["state"] for i in fake.issues[GOVERNANCE]] == ["closed", "open"]
    assert list(fake.comments) == [(GOVERNANCE, 1)]


def test_eco_periodic_close_the_recorded_notice_without_marker(fake: FakeGitHub,
                                                              desk_for: Any) -> None:
    fake.open_issue(GOVERNANCE, "by hand", "no marker", ["ecosystem-review"],
                    created_at="2026-10-01T06:00:00Z")
    assert desk_for().close(1, "alpha", SAID, KEY) == notify.Done(1, "closed #1")
    assert fake.issues[GOVERNANCE][0]["state"] == "closed"


@pytest.mark.parametrize(("number", "action"), [
    (None, "no notice issue to close"),
    (7, "no notice issue #7 to close"),
])
def test_eco_periodic_close_without_a_notice_writes_nothing(fake: FakeGitHub, desk_for: Any,
                                                            number: int | None,
                                                            action: str) -> None:
    notice(fake, slug="beta")
    desk = desk_for()
    assert desk.close(number, "alpha", SAID, KEY) == notify.Done(None, action)
    assert writes(fake) == 0 and desk.writes == 0


# every failure names what was being done
def test_eco_periodic_close_failures_name_the_step(fake: FakeGitHub, desk_for: Any) -> None:
    notice(fake)
    fake.comments[(GOVERNANCE, 1)] = ["a reply"]
    fake.fail("GET", f"{ISSUES}/1/comments", 404, body={"message": "Not Found"})
    with pytest.raises(GitHubError, match=r"^reading the comments of #1: GitHub answered 404"):
        desk_for().close(1, "alpha", SAID, KEY)
    fake.fail("POST", f"{ISSUES}/1/comments", 422, body={"message": "Validation Failed"})
    with pytest.raises(GitHubError, match=r"^commenting on issue #1: GitHub answered 422"):
        desk_for().close(1, "alpha", SAID, KEY)
    fake.fail("PATCH", f"{ISSUES}/1", 422, body={"message": "Validation Failed"})
    with pytest.raises(GitHubError, match=r"^closing issue #1: GitHub answered 422"):
        desk_for().close(1, "alpha", SAID, KEY)


def test_eco_periodic_looking_for_a_lost_comment_failing_is_named(fake: FakeGitHub,
                                                                  desk_for: Any) -> None:
    notice(fake)
    fake.fail("POST", f"{ISSUES}/1/comments", 502, body={"message": "Bad Gateway"})
    fake.fail("GET", f"{ISSUES}/1/comments", 404, body={"message": "Not Found"})
    with pytest.raises(GitHubError, match=r"^commenting on issue #1: looking for it after a "
                                          r"failed answer: GitHub answered 404"):
        desk_for().close(1, "alpha", SAID, KEY)


def test_eco_offboard_issue_opened_once(fake: FakeGitHub, desk_for: Any) -> None:
    first = notify.offboard(desk_for(), DATA, "short", "2026-12-22", notify.BY_HAND)
    again = notify.offboard(desk_for(), DATA, "short", "2026-12-22", notify.BY_HAND)
    assert (first, again) == (notify.Done(1, "opened #1"),
                              notify.Done(1, "#1 already up to date"))
    [issue] = fake.issues[GOVERNANCE]
    assert issue["labels"] == ["ecosystem-offboarding"]
    assert issue["title"] == "Ecosystem offboarding: Alpha is retired"
    assert issue["body"] == notify.offboarding_body(DATA, "short", "2026-12-22", notify.BY_HAND)


# --- the records ----------------------------------------------------------------------------
def test_eco_offboard_record_error_names_the_file_as_given(tmp_path: Path) -> None:
    missing = tmp_path / "ecosystem" / "alpha.yaml"
    with pytest.raises(CharterError) as exc:
        records.record_offboarding(missing, "ecosystem/alpha.yaml", 3)
    assert str(exc.value) == "ecosystem/alpha.yaml: cannot read (No such file or directory)"
    broken = tmp_path / "alpha.yaml"
    broken.write_text("slug: [\n", encoding="utf-8")
    with pytest.raises(YamlError, match=r"^ecosystem/alpha\.yaml:\d+:\d+: "):
        records.record_offboarding(broken, "ecosystem/alpha.yaml", 3)


BASE = ("slug: p\nname: P\nrepository: org/p\nstatus: active\n"
        "decisions:\n  - date: '2026-01-10'\n    outcome: accepted\n")
ENTRY = ("  - date: '2026-10-21'\n    reviewer: charter ecosystem review\n"
         "    metrics: {stars: 500}\n    results: {ECO-MEASURABLE: pass}\n")
REVIEW = Review("p", "2026-11-21", {"stars": 500}, {"ECO-MEASURABLE": "pass"})


@pytest.mark.parametrize("key_line", [
    "reviews:  # every periodic review",
    "reviews: ",
])
def test_eco_periodic_text_append_only_under_a_bare_reviews_key(tmp_path: Path,
                                                                key_line: str) -> None:
    """The fast path appends only after a ``reviews:`` line exactly; anything else on that line
    is left to the round trip, untouched here."""
    path = tmp_path / "p.yaml"
    path.write_text(BASE + key_line + "\n" + ENTRY, encoding="utf-8")
    before = path.read_bytes()
    assert records.append_review(path, periodic.review_node(REVIEW)) is None
    assert path.read_bytes() == before


def test_eco_periodic_text_append_refuses_an_invalid_entry_naming_the_file(
        tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(BASE + "reviews:\n" + ENTRY, encoding="utf-8")
    before = path.read_bytes()
    bad = Review("p", "2026-11-21", {"stars": 500}, {"ECO-MEASURABLE": "maybe"})
    with pytest.raises(CharterError, match="^" + str(path).replace(".", r"\.")
                       + ": refusing to write an invalid record"):
        records.append_review(path, periodic.review_node(bad))
    assert path.read_bytes() == before


def test_eco_periodic_record_blocks_quote_dates_and_keep_text_lists_one_a_line() -> None:
    """A notice, a retirement or a decision as charter writes it into a record: dates quoted
    (they stay strings), logins in flow style, contacts, reasons and notes one a line."""
    data = {"slug": "p", "submitted": "2025-11-20", "contacts": ["a@x.org", "b@y.org"],
            "maintainers": ["dana", "eli"],
            "decisions": [{"date": "2026-01-14", "outcome": "accepted", "for": ["a", "b"],
                           "against": []}],
            "notice": {"issue": 3, "opened": "2026-11-21", "deadline": "2026-12-21",
                       "reasons": ["r1", "r2"]},
            "reviews": [{"date": "2026-11-21", "notes": ["n1"]}]}
    assert roundtrip.new(records.block(data)).decode("utf-8") == (
        "slug: p\nsubmitted: '2025-11-20'\ncontacts:\n  - a@x.org\n  - b@y.org\n"
        "maintainers: [dana, eli]\n"
        "decisions:\n  - date: '2026-01-14'\n    outcome: accepted\n    for: [a, b]\n"
        "    against: []\n"
        "notice:\n  issue: 3\n  opened: '2026-11-21'\n  deadline: '2026-12-21'\n"
        "  reasons:\n    - r1\n    - r2\n"
        "reviews:\n  - date: '2026-11-21'\n    notes:\n      - n1\n")


def test_eco_periodic_invalid_record_refused_with_every_problem() -> None:
    with pytest.raises(CharterError) as exc:
        records.check(b"slug: p\nname: 3\nrepository: org/p\nstatus: bogus\n", "ecosystem/p.yaml")
    head, _, problems = str(exc.value).partition(": refusing to write an invalid record: ")
    assert head == "ecosystem/p.yaml"
    assert len(problems.split("; ")) == 2
    assert problems.startswith("name: ") and "; status: 'bogus'" in problems
    with pytest.raises(CharterError, match=r"^ecosystem/p\.yaml: refusing to write: "):
        records.check(b"slug: [\n", "ecosystem/p.yaml")
    assert records.check(BASE.encode(), "ecosystem/p.yaml")["slug"] == "p"


# --- the desk: writer, defaults, failures named ---------------------------------------------
def test_eco_periodic_writes_go_through_the_writer_client(fake: FakeGitHub,
                                                          desk_for: Any) -> None:
    """The writer client retries GitHub's documented refusals (429 with Retry-After); the
    reader does not retry at all here."""
    fake.fail("POST", ISSUES, 429, {"Retry-After": "0"},
              {"message": "You have exceeded a secondary rate limit."})
    desk = desk_for()
    assert desk.ensure(notify.REVIEW, "alpha", "T", notice_text("alpha"), None).number == 1
    assert fake.count("POST", ISSUES) == 2 and len(fake.issues[GOVERNANCE]) == 1


def test_eco_periodic_desk_without_a_writer_writes_with_its_client(fake: FakeGitHub,
                                                                   sleeps: Sleeps) -> None:
    reader = gh.client(base_url=fake.url, retries=0, backoff=0, max_wait=1)
    desk = notify.Desk(reader, GOVERNANCE, apply=True, sleep=sleeps)
    assert desk.ensure(notify.REVIEW, "alpha", "T", "B", None) == notify.Done(1, "opened #1")


@pytest.mark.parametrize(("failures", "waits"), [
    (4, [1.0, 2.0, 4.0, 8.0]),
    (5, None),  # a fifth failure is one too many
])
def test_eco_periodic_desk_defaults_four_retries_doubling_from_a_second(
        fake: FakeGitHub, sleeps: Sleeps, failures: int, waits: list[float] | None) -> None:
    notice(fake)
    for _ in range(failures):
        fake.fail("PATCH", f"{ISSUES}/1", 502, body={"message": "Bad Gateway"})
    reader = gh.client(base_url=fake.url, retries=0, backoff=0, max_wait=1)
    desk = notify.Desk(reader, GOVERNANCE, apply=True, sleep=sleeps)
    if waits is None:
        with pytest.raises(GitHubError, match=r"^closing issue #1: GitHub answered 502"):
            desk.close(1, "alpha", SAID, KEY)
    else:
        assert desk.close(1, "alpha", SAID, KEY) == notify.Done(1, "closed #1")
        assert sleeps == waits


def test_eco_periodic_desk_waits_at_most_two_minutes_by_default(fake: FakeGitHub,
                                                                 sleeps: Sleeps) -> None:
    notice(fake)
    for _ in range(8):
        fake.fail("PATCH", f"{ISSUES}/1", 502, body={"message": "Bad Gateway"})
    reader = gh.client(base_url=fake.url, retries=0, backoff=0, max_wait=1)
    desk = notify.Desk(reader, GOVERNANCE, apply=True, retries=8, sleep=sleeps)
    desk.close(1, "alpha", SAID, KEY)
    assert sleeps == [1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 120.0]


def test_eco_periodic_reading_failures_name_the_step(fake: FakeGitHub, desk_for: Any) -> None:
    fake.fail("GET", ISSUES, 500, body={"message": "boom"})
    with pytest.raises(GitHubError, match=(
            rf"^listing ecosystem-review issues in {GOVERNANCE}: GitHub answered 500")):
        desk_for().find(notify.REVIEW, "alpha")
    notice(fake, slug="beta")
    fake.fail("GET", f"{ISSUES}/7", 500, body={"message": "boom"})
    with pytest.raises(GitHubError,
                       match=rf"^reading issue #7 of {GOVERNANCE}: GitHub answered 500"):
        desk_for().close(7, "alpha", SAID, KEY)


def test_eco_periodic_update_failure_names_the_issue(fake: FakeGitHub, desk_for: Any) -> None:
    notice(fake)
    fake.fail("PATCH", f"{ISSUES}/1", 422, body={"message": "Validation Failed"})
    with pytest.raises(GitHubError, match=r"^updating issue #1: GitHub answered 422"):
        desk_for().ensure(notify.REVIEW, "alpha", "T", "new text", None)
    assert fake.issues[GOVERNANCE][0]["body"] != "new text"


def test_eco_periodic_notice_text_without_dates_counts_from_its_opening(fake: FakeGitHub,
                                                                        desk_for: Any) -> None:
    """A notice whose text carries no dated marker: its grace period starts when GitHub says it
    was opened."""
    desk = desk_for()
    desk.ensure(notify.REVIEW, "alpha", "T", "no marker in this text", None)
    assert desk.open_notice("alpha", 30) == notify.OpenNotice(1, "2026-11-21", "2026-12-21")


def test_eco_periodic_record_written_only_when_valid(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    plain = {"slug": "p", "name": "P", "repository": "org/p", "status": "active",
             "submitted": "2025-11-20"}
    assert records.write(path, plain) == plain
    assert path.read_text(encoding="utf-8") == (
        "slug: p\nname: P\nrepository: org/p\nstatus: active\nsubmitted: '2025-11-20'\n")
    doc = records.read(path, "ecosystem/p.yaml")
    doc.data["status"] = "retired"
    assert records.write(path, doc)["status"] == "retired"
    assert path.read_bytes() == doc.dumps()
    before = path.read_bytes()
    doc.data["status"] = "gone"
    with pytest.raises(CharterError) as exc:
        records.write(path, doc)
    assert str(exc.value).startswith(f"{path}: refusing to write an invalid record: status: ")
    assert path.read_bytes() == before
