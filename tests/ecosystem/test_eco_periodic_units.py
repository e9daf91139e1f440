"""ECO-PERIODIC, ECO-MEASURABLE, ECO-LAYOUT and ECO-FUNCTIONAL as functions: which projects are
due, how one project's facts measure up (evaluate), the step that follows (plan), the step carried
out on the fake GitHub and written to the record (act), and the Markdown summary of a run.

evaluate and plan are pure: they are called directly with a State loaded from a copy of the
shipped policy. act runs against the fake GitHub (tests/ecosystem/eco_fakegithub.py).
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from eco_fakegithub import FakeGitHub, Repo
from eco_helpers import FIVE, GOVERNANCE, REPO_ROOT, accepted_evidence, project, read_project
from eco_helpers import write_project as write_record

from charter import gh
from charter.ecosystem import notify, periodic
from charter.ecosystem.fetch import Facts, Fetcher
from charter.ecosystem.review import Review, Step, evaluate, is_due, plan, select
from charter.errors import CharterError
from charter.load import load
from charter.model import Project, State
from charter.tree import FsTree

TODAY = dt.date(2026, 11, 21)
DAY = TODAY.isoformat()
FILE = "ecosystem/alpha.yaml"


# --- building blocks --------------------------------------------------------------------------
def _state(root: Path, **ecosystem: Any) -> State:
    """The shipped policy (with ``ecosystem`` settings changed), loaded as charter loads it."""
    (root / "ecosystem").mkdir(parents=True, exist_ok=True)
    for name in ("policy.yaml", "core.yaml", "ecosystem-wg.yaml"):
        shutil.copy(REPO_ROOT / name, root / name)
    if ecosystem:
        policy = yaml.safe_load((root / "policy.yaml").read_text(encoding="utf-8"))
        policy["ecosystem"].update(ecosystem)
        (root / "policy.yaml").write_text(yaml.safe_dump(policy), encoding="utf-8")
    state, _ = load(FsTree(root))
    return state


@pytest.fixture(scope="module")
def state(tmp_path_factory: pytest.TempPathFactory) -> State:
    return _state(tmp_path_factory.mktemp("gov"))


def _project(data: dict[str, Any] | None = None, **extra: Any) -> Project:
    d = data or project("alpha", "org/alpha", **extra)
    return Project(d["slug"], d["name"], d["repository"], d["status"],
                   f"ecosystem/{d['slug']}.yaml", d)


def _facts(**kw: Any) -> Facts:
    """A repository exactly at every threshold of the shipped policy (200 stars, 30 commits,
    5 contributors), with the full layout, passing CI and an allowed licence."""
    base: dict[str, Any] = {"repository": "org/alpha", "name_with_owner": "org/alpha",
                            "stars": 200, "commits": 30, "contributors": set(FIVE),
                            "ci": "passing", "licence": "MIT"}
    base.update(kw)
    return Facts(**base)


def _days(n: int) -> str:
    return (TODAY + dt.timedelta(days=n)).isoformat()


# --- ECO-MEASURABLE: each threshold at, one below and one above --------------------------------
MEASURABLE = [
    ({"stars": 199}, 2, "199 stars; at least 200 are required"),
    ({"stars": 200}, 2, None),
    ({"stars": 201}, 2, None),
    ({"commits": 29}, 2, "29 commits on the default branch in the last 90 days; at least 30 are "
                         "required"),
    ({"commits": 30}, 2, None),
    ({"commits": 31}, 2, None),
    ({"contributors": set(FIVE[:4])}, 2, "4 contributors active in the last 90 days (bots "
                                         "excluded); at least 5 are required"),
    ({"contributors": {*FIVE, "fay"}}, 2, None),
    ({}, 1, "1 core maintainer(s) on record; at least 2 are required"),
    ({}, 2, None),
    ({}, 3, None),
]


@pytest.mark.parametrize(("facts", "maintainers", "short"), MEASURABLE)
def test_eco_measurable_thresholds(state: State, facts: dict[str, Any], maintainers: int,
                                   short: str | None) -> None:
    p = _project(maintainers=("ann", "bob", "cat")[:maintainers])
    r = evaluate(p, _facts(**facts), state, TODAY)
    assert r.results == {"ECO-MEASURABLE": "fail" if short else "pass", "ECO-LAYOUT": "pass",
                         "ECO-FUNCTIONAL": "pass"}
    assert r.reasons == ([f"ECO-MEASURABLE: {short}"] if short else [])
    assert r.short is bool(short)
    assert r.metrics["maintainers"] == maintainers


def test_eco_measurable_metrics_as_recorded(state: State) -> None:
    r = evaluate(_project(), _facts(), state, TODAY)
    assert (r.slug, r.date, r.renamed_to) == ("alpha", DAY, None)
    assert r.metrics == {"stars": 200, "commits_90d": 30, "contributors_90d": 5,
                         "maintainers": 2, "layout_missing": [], "ci": "passing",
                         "licence": "MIT", "archived": False}
    assert r.notes == []
    partial = evaluate(_project(), _facts(contributors_complete=False), state, TODAY)
    assert partial.metrics["contributors_counted"] == "until the threshold was met"


@pytest.mark.parametrize("window", [60, 91])
def test_eco_measurable_window_other_than_90_days_is_recorded(tmp_path: Path,
                                                              window: int) -> None:
    state = _state(tmp_path / "gov", window_days=window)
    r = evaluate(_project(), _facts(commits=29), state, TODAY)
    assert r.metrics["window_days"] == window
    assert r.reasons == [f"ECO-MEASURABLE: 29 commits on the default branch in the last {window}"
                         " days; at least 30 are required"]


def test_eco_measurable_every_shortfall_is_a_reason_in_order(state: State) -> None:
    p = _project(maintainers=("ann",))
    r = evaluate(p, _facts(stars=3, commits=2, contributors={"ann"},
                           layout_missing=["CODEOWNERS", "CONTRIBUTING.md"], ci="failing"),
                 state, TODAY)
    assert r.results == {"ECO-MEASURABLE": "fail", "ECO-LAYOUT": "fail",
                         "ECO-FUNCTIONAL": "fail"}
    assert r.reasons == [
        "ECO-MEASURABLE: 3 stars; at least 200 are required",
        "ECO-MEASURABLE: 2 commits on the default branch in the last 90 days; at least 30 are "
        "required",
        "ECO-MEASURABLE: 1 contributors active in the last 90 days (bots excluded); at least 5 "
        "are required",
        "ECO-MEASURABLE: 1 core maintainer(s) on record; at least 2 are required",
        "ECO-LAYOUT: missing CODEOWNERS, CONTRIBUTING.md (CODEOWNERS may be at the root, in "
        ".github/ or in docs/)",
        "ECO-FUNCTIONAL: CI is failing on the default branch",
    ]


def test_eco_periodic_repository_not_found_is_unknown_never_a_pass(state: State) -> None:
    r = evaluate(_project(), Facts("org/alpha", found=False), state, TODAY)
    assert (r.slug, r.date) == ("alpha", DAY)
    assert r.metrics == {"found": False, "maintainers": 2}
    assert r.results == {"ECO-MEASURABLE": "unknown", "ECO-LAYOUT": "unknown",
                         "ECO-FUNCTIONAL": "unknown"}
    assert r.reasons == ["ECO-PERIODIC: the repository org/alpha cannot be found on GitHub "
                         "(deleted, private or renamed without a redirect)"]
    assert r.record()["notes"] == r.reasons


def test_eco_periodic_renamed_repository_is_followed(state: State) -> None:
    r = evaluate(_project(), _facts(name_with_owner="org/alpha-ml"), state, TODAY)
    assert r.renamed_to == "org/alpha-ml" and r.metrics["renamed_to"] == "org/alpha-ml"
    assert r.notes == ["the repository moved from org/alpha to org/alpha-ml; the record now "
                       "follows it"]
    assert not r.short


# --- ECO-LAYOUT ---------------------------------------------------------------------------------
@pytest.mark.parametrize(("missing", "reason"), [
    ([], None),
    (["CODEOWNERS"], "ECO-LAYOUT: missing CODEOWNERS (CODEOWNERS may be at the root, in .github/ "
                     "or in docs/)"),
    (["LICENSE", "README.md"], "ECO-LAYOUT: missing LICENSE, README.md (CODEOWNERS may be at the "
                               "root, in .github/ or in docs/)"),
])
def test_eco_layout_missing_files_are_named(state: State, missing: list[str],
                                            reason: str | None) -> None:
    r = evaluate(_project(), _facts(layout_missing=missing), state, TODAY)
    assert r.results["ECO-LAYOUT"] == ("fail" if reason else "pass")
    assert r.metrics["layout_missing"] == missing
    assert r.reasons == ([reason] if reason else [])


# --- ECO-FUNCTIONAL -----------------------------------------------------------------------------
@pytest.mark.parametrize(("facts", "reason"), [
    ({"archived": True}, "the repository is archived, so it is no longer maintained"),
    ({"ci": "none"}, "no CI runs on the default branch"),
    ({"ci": "failing"}, "CI is failing on the default branch"),
    ({"licence": "GPL-3.0"}, "licence GPL-3.0 is not one of BSD-3-Clause, Apache-2.0, MIT"),
])
def test_eco_functional_shortfalls(state: State, facts: dict[str, Any], reason: str) -> None:
    r = evaluate(_project(), _facts(**facts), state, TODAY)
    assert r.results["ECO-FUNCTIONAL"] == "fail"
    assert r.reasons == [f"ECO-FUNCTIONAL: {reason}"]
    assert r.metrics["archived"] is bool(facts.get("archived"))


def test_eco_functional_requirements_recorded_as_not_met_are_named(state: State) -> None:
    functional = accepted_evidence("2026-01-14")
    functional["tests"]["met"] = False
    functional["packages"]["met"] = False
    functional["a-later-requirement"] = {"met": False}  # not (yet) one of the ten: its key
    r = evaluate(_project(functional=functional), _facts(), state, TODAY)
    assert r.results["ECO-FUNCTIONAL"] == "fail"
    assert r.reasons == ["ECO-FUNCTIONAL: a-later-requirement is recorded as not met",
                         "ECO-FUNCTIONAL: binary packages (pip/conda) is recorded as not met",
                         "ECO-FUNCTIONAL: functional tests is recorded as not met"]


LICENCE_SHORT = ("ECO-FUNCTIONAL: the licence cannot be identified (GitHub reports {}), so it is "
                 "not shown to be one of BSD-3-Clause, Apache-2.0, MIT: use the unmodified text of "
                 "one of them, or ask the working group to confirm it (recorded with `charter "
                 "ecosystem evidence alpha licence`)")


@pytest.mark.parametrize(("licence", "said"), [
    ("NOASSERTION", "NOASSERTION"), ("OTHER", "OTHER"), (None, "no licence")])
def test_eco_functional_unidentified_licence_without_confirmation(
        state: State, licence: str | None, said: str) -> None:
    functional = accepted_evidence("2026-01-14", without=("licence",))
    r = evaluate(_project(functional=functional), _facts(licence=licence), state, TODAY)
    assert r.results["ECO-FUNCTIONAL"] == "fail"
    assert r.reasons == [LICENCE_SHORT.format(said)]


@pytest.mark.parametrize(("licence", "date", "note"), [
    ("NOASSERTION", "2026-01-10", "GitHub cannot identify the licence (NOASSERTION); confirmed as "
                                  "allowed by yuki-sato on 2026-01-10: BSD-3-Clause, name added"),
    (None, None, "GitHub cannot identify the licence (none); confirmed as allowed by yuki-sato: "
                 "BSD-3-Clause, name added"),
])
def test_eco_functional_unidentified_licence_confirmed_by_the_working_group(
        state: State, licence: str | None, date: str | None, note: str) -> None:
    confirmed: dict[str, Any] = {"met": True, "evidence": "BSD-3-Clause, name added",
                                 "reviewer": "yuki-sato"}
    if date:
        confirmed["date"] = date
    r = evaluate(_project(functional={"licence": confirmed}), _facts(licence=licence), state,
                 TODAY)
    assert r.results["ECO-FUNCTIONAL"] == "pass"
    assert r.reasons == [] and r.notes == [note]


def _pending_since(days_ago: int) -> dict[str, Any]:
    return {"date": _days(-days_ago), "reviewer": "charter ecosystem review",
            "metrics": {"ci": "pending"}, "results": {"ECO-FUNCTIONAL": "unknown"}}


@pytest.mark.parametrize(("days", "result"), [(29, "unknown"), (30, "fail"), (31, "fail")])
def test_eco_functional_pending_ci_is_a_shortfall_after_the_grace_days(
        state: State, days: int, result: str) -> None:
    p = _project(reviews=[_pending_since(days)])
    r = evaluate(p, _facts(ci="pending"), state, TODAY)
    assert r.results["ECO-FUNCTIONAL"] == result
    since = _days(-days)
    if result == "fail":
        assert r.reasons == [f"ECO-FUNCTIONAL: CI on the default branch is still pending; it has "
                             f"been unknown since {since}, {days} days, so working CI is not "
                             "shown"]
        assert r.notes == []
    else:
        assert r.reasons == []
        assert r.notes == ["CI on the default branch is still pending: unknown, not a pass; "
                           "checked again at the next run (a shortfall if still unknown 30 days "
                           "after it was first seen)"]


# --- plan: pass, notify, remind, resolve, retire ----------------------------------------------
SHORT = Review("alpha", DAY, {}, {"ECO-MEASURABLE": "fail"}, reasons=["ECO-MEASURABLE: short"])
MET = Review("alpha", DAY, {}, {"ECO-MEASURABLE": "pass"})


def _noticed(deadline: str) -> Project:
    return _project(notice={"issue": 1, "opened": "2026-09-01", "deadline": deadline})


def test_eco_periodic_plan_without_notice() -> None:
    assert plan(_project(), MET, TODAY, 30) == Step("pass")
    assert plan(_project(), SHORT, TODAY, 30) == Step("notify", "2026-12-21")
    assert plan(_project(), SHORT, TODAY, 7) == Step("notify", "2026-11-28")


@pytest.mark.parametrize(("deadline", "step"), [
    (_days(1), "remind"),    # the day before the deadline
    (DAY, "remind"),         # the deadline itself: still within the grace period
    (_days(-1), "retire"),   # the day after the deadline
])
def test_eco_periodic_plan_deadline_boundary_from_the_record(deadline: str, step: str) -> None:
    """The record's notice is the one that counts when no other is given."""
    assert plan(_noticed(deadline), SHORT, TODAY, 30) == Step(step, deadline)


def test_eco_periodic_plan_resolves_the_recorded_notice_when_met() -> None:
    assert plan(_noticed(DAY), MET, TODAY, 30) == Step("resolve")


def test_eco_periodic_plan_notice_found_on_github_stands() -> None:
    github = {"issue": 4, "opened": "2026-10-01", "deadline": "2026-10-31"}
    assert plan(_project(), SHORT, TODAY, 30, github) == Step("retire", "2026-10-31")
    assert plan(_project(), MET, TODAY, 30, github) == Step("resolve")


# --- which projects are due -------------------------------------------------------------------
@pytest.mark.parametrize(("accepted", "due"), [
    ("2026-05-22", False),   # six months less a day
    ("2026-05-21", True),    # six months to the day
    ("2026-05-20", True),    # six months and a day
])
def test_eco_periodic_due_six_months_after_the_last_review(accepted: str, due: bool) -> None:
    assert is_due(_project(accepted=accepted), TODAY, 6) is due


def test_eco_periodic_due_early_for_a_notice_or_an_unknown_but_not_twice_a_day() -> None:
    notice = {"issue": 1, "opened": "2026-11-01", "deadline": "2026-12-01"}
    assert is_due(_project(accepted="2026-10-01", notice=notice), TODAY, 6)
    unknown = [{"date": _days(-1), "results": {"ECO-FUNCTIONAL": "unknown"}}]
    assert is_due(_project(accepted="2026-10-01", reviews=unknown), TODAY, 6)
    today = [{"date": DAY, "results": {"ECO-FUNCTIONAL": "unknown"}}]
    assert not is_due(_project(accepted="2026-10-01", reviews=today, notice=notice), TODAY, 6)
    assert not is_due(_project(accepted="2026-01-01", status="retired"), TODAY, 6)


def test_eco_periodic_last_review_counts_reviews_and_reinstatement() -> None:
    never = _project(status="active")
    del never.data["decisions"]
    assert is_due(never, TODAY, 6)  # nothing on record: due
    reviewed = _project(reviews=[{"date": "2026-06-01", "results": {}}])
    del reviewed.data["decisions"]
    assert not is_due(reviewed, TODAY, 6)
    reinstated = _project(accepted="2025-01-10")
    reinstated.data["decisions"].append({"date": "2026-06-01", "outcome": "reinstated"})
    assert not is_due(reinstated, TODAY, 6)
    reinstated.data["decisions"][-1]["outcome"] = "retired"  # only acceptance counts
    assert is_due(reinstated, TODAY, 6)


def _select_state(root: Path) -> State:
    write_record(root, project("alpha", "org/alpha"))
    write_record(root, project("omega", "org/omega", accepted="2026-10-01"))
    write_record(root, project("gone", "org/gone", status="retired",
                               retired={"date": "2026-09-01", "reason": "archived"}))
    return _state(root)


def test_eco_periodic_select_due_all_or_named(eco_repo: Path) -> None:
    state = _select_state(eco_repo)
    slugs = lambda ps: [p.slug for p in ps]  # noqa: E731
    assert slugs(select(state, TODAY, [], False)) == ["alpha"]
    assert slugs(select(state, TODAY, [], True)) == ["alpha", "omega"]
    assert slugs(select(state, TODAY, ["omega", "alpha"], False)) == ["omega", "alpha"]


@pytest.mark.parametrize(("slug", "message"), [
    ("alpah", "no ecosystem project 'alpah' (no ecosystem/alpah.yaml); did you mean 'alpha'?"),
    ("zzz", "no ecosystem project 'zzz' (no ecosystem/zzz.yaml)"),
    ("gone", "gone is retired; only active projects are re-reviewed"),
])
def test_eco_periodic_select_refuses_what_cannot_be_reviewed(eco_repo: Path, slug: str,
                                                             message: str) -> None:
    state = _select_state(eco_repo)
    with pytest.raises(CharterError) as err:
        select(state, TODAY, [slug], False)
    assert str(err.value) == message


# --- act: GitHub first, then the record ---------------------------------------------------------
def _desk(fake: FakeGitHub, *, apply: bool = True) -> notify.Desk:
    client = gh.client(base_url=fake.url, retries=0, backoff=0, max_wait=1)
    return notify.Desk(client, GOVERNANCE, apply=apply, sleep=lambda _s: None)


def _setup(root: Path, **extra: Any) -> Project:
    data = project("alpha", "org/alpha", **extra)
    write_record(root, data)
    return _project(data)


NOTICE = {"issue": 1, "opened": "2026-10-01", "deadline": "2026-10-31"}
REASONS = ["ECO-MEASURABLE: 50 stars; at least 200 are required",
           "ECO-LAYOUT: missing CODEOWNERS (CODEOWNERS may be at the root, in .github/ or in "
           "docs/)"]


def _hand_edited_notice(fake: FakeGitHub) -> None:
    """Issue #1, the recorded notice, whose body a person rewrote: charter's marker is gone."""
    fake.open_issue(GOVERNANCE, "Ecosystem review: Alpha falls short of the requirements",
                    "Please add CODEOWNERS and get more stars.", ["ecosystem-review"],
                    created_at="2026-10-01T06:00:00Z")


def test_eco_periodic_act_resolve_closes_the_recorded_notice(fake: FakeGitHub,
                                                             eco_repo: Path) -> None:
    p = _setup(eco_repo, notice=dict(NOTICE))
    _hand_edited_notice(fake)
    o = periodic.Outcome("alpha", Review("alpha", DAY, {"stars": 900}, {"ECO-MEASURABLE": "pass"}),
                         Step("resolve"), dict(NOTICE))
    periodic.act(eco_repo, p, o, _desk(fake), 30, apply=True)
    assert o.actions == ["closed #1", f"recorded the review in {FILE}"]
    [issue] = fake.issues[GOVERNANCE]
    assert issue["state"] == "closed"
    assert fake.comments[(GOVERNANCE, 1)] == [
        "The review on 2026-11-21 found every requirement met again. Thank you; this notice is "
        "closed.\n\n<!-- charter:ecosystem-comment slug=alpha event=resolved notice=2026-10-01 -->"]
    data = read_project(eco_repo, "alpha")
    assert "notice" not in data
    assert data["reviews"] == [{"date": DAY, "reviewer": "charter ecosystem review",
                                "metrics": {"stars": 900},
                                "results": {"ECO-MEASURABLE": "pass"}}]


def _retire(fake: FakeGitHub, root: Path, reasons: list[str]) -> periodic.Outcome:
    p = _setup(root, notice=dict(NOTICE))
    _hand_edited_notice(fake)
    review = Review("alpha", DAY, {"stars": 50}, {"ECO-MEASURABLE": "fail"}, reasons=reasons)
    o = periodic.Outcome("alpha", review, Step("retire", "2026-10-31"), dict(NOTICE))
    periodic.act(root, p, o, _desk(fake), 30, apply=True)
    return o


def test_eco_periodic_act_retire_after_the_deadline(fake: FakeGitHub, eco_repo: Path) -> None:
    o = _retire(fake, eco_repo, REASONS)
    reason = ("ECO-PERIODIC: still short of the requirements after the deadline of 2026-10-31: "
              + "; ".join(REASONS))
    assert o.actions == ["retire; offboarding notice: opened #2", "closed #1",
                         f"recorded the review in {FILE}"]
    notice, offboarding = fake.issues[GOVERNANCE]
    assert notice["state"] == "closed"
    assert fake.comments[(GOVERNANCE, 1)] == [
        "The requirements were still not met after the deadline of 2026-10-31; the project is "
        "retired from the ecosystem (see #2).\n\n"
        "<!-- charter:ecosystem-comment slug=alpha event=retired notice=2026-10-01 -->"]
    assert offboarding["labels"] == ["ecosystem-offboarding"]
    assert "on 2026-11-21, Alpha was retired from the ecosystem" in offboarding["body"]
    assert f"\nReason: {reason}\n" in offboarding["body"]
    data = read_project(eco_repo, "alpha")
    assert data["status"] == "retired" and "notice" not in data
    assert data["retired"] == {"date": DAY, "reason": reason, "offboarding_issue": 2}
    assert data["decisions"][-1] == {"date": DAY, "outcome": "retired", "reason": reason}
    assert data["reviews"][-1]["notes"] == REASONS


def test_eco_periodic_act_retire_reason_is_cut_at_2000_characters(fake: FakeGitHub,
                                                                 eco_repo: Path) -> None:
    long = ["ECO-FUNCTIONAL: " + "x" * 1500, "ECO-FUNCTIONAL: " + "y" * 1500]
    _retire(fake, eco_repo, long)
    reason = read_project(eco_repo, "alpha")["retired"]["reason"]
    assert len(reason) == 2000
    assert reason == ("ECO-PERIODIC: still short of the requirements after the deadline of "
                      "2026-10-31: " + "; ".join(long))[:2000]


def test_eco_periodic_act_remind_updates_the_recorded_notice(fake: FakeGitHub,
                                                             eco_repo: Path) -> None:
    """The recorded issue is updated, not a second notice opened, even without the marker."""
    p = _setup(eco_repo, notice=dict(NOTICE))
    _hand_edited_notice(fake)
    review = Review("alpha", DAY, {"stars": 50}, {"ECO-MEASURABLE": "fail"}, reasons=REASONS)
    o = periodic.Outcome("alpha", review, Step("remind", "2026-12-01"), dict(NOTICE))
    periodic.act(eco_repo, p, o, _desk(fake), 30, apply=True)
    assert o.actions == ["updated #1", f"recorded the review in {FILE}"]
    [issue] = fake.issues[GOVERNANCE]
    assert issue["body"].startswith("<!-- charter:ecosystem-review slug=alpha opened=2026-10-01 "
                                    "deadline=2026-12-01 -->\n")
    assert read_project(eco_repo, "alpha")["notice"] == {
        "issue": 1, "opened": "2026-10-01", "deadline": "2026-12-01", "reasons": REASONS}


def test_eco_periodic_act_notify_at_the_new_name(fake: FakeGitHub, eco_repo: Path) -> None:
    p = _setup(eco_repo)
    review = Review("alpha", DAY, {"stars": 50}, {"ECO-MEASURABLE": "fail"},
                    reasons=REASONS[:1], renamed_to="org/alpha-ml")
    o = periodic.Outcome("alpha", review, Step("notify", "2026-12-21"))
    periodic.act(eco_repo, p, o, _desk(fake), 30, apply=True)
    assert o.actions == ["opened #1", "record follows the rename to org/alpha-ml",
                         f"recorded the review in {FILE}"]
    [issue] = fake.issues[GOVERNANCE]
    body = issue["body"]
    assert body.startswith("<!-- charter:ecosystem-review slug=alpha opened=2026-11-21 "
                           "deadline=2026-12-21 -->\n")
    assert "[org/alpha-ml](https://github.com/org/alpha-ml) on 2026-11-21" in body
    assert f"- [ ] {REASONS[0]}\n" in body
    assert "by **2026-12-21** (30 days from the first notice)" in body
    data = read_project(eco_repo, "alpha")
    assert data["repository"] == "org/alpha-ml"
    assert data["notice"] == {"issue": 1, "opened": DAY, "deadline": "2026-12-21",
                              "reasons": REASONS[:1]}


@pytest.mark.parametrize("apply", [True, False])
def test_eco_periodic_act_pass_records_the_review(fake: FakeGitHub, eco_repo: Path,
                                                  apply: bool) -> None:
    p = _setup(eco_repo)
    path = eco_repo / FILE
    before = path.read_text(encoding="utf-8")
    o = periodic.Outcome("alpha", MET)
    periodic.act(eco_repo, p, o, _desk(fake, apply=apply), 30, apply=apply)
    if apply:
        assert o.actions == [f"recorded the review in {FILE}"]
        assert path.read_text(encoding="utf-8") == (
            before + "reviews:\n  - date: '2026-11-21'\n    reviewer: charter ecosystem review\n"
            "    metrics: {}\n    results: {ECO-MEASURABLE: pass}\n")
    else:
        assert o.actions == [f"would record the review in {FILE}"]
        assert path.read_text(encoding="utf-8") == before
    assert fake.log == []


def test_eco_periodic_act_record_gone_is_named_as_in_the_repository(fake: FakeGitHub,
                                                                    eco_repo: Path) -> None:
    p = _setup(eco_repo)
    (eco_repo / FILE).unlink()
    o = periodic.Outcome("alpha", SHORT, Step("notify", "2026-12-21"))
    with pytest.raises(CharterError) as err:
        periodic.act(eco_repo, p, o, _desk(fake), 30, apply=True)
    assert str(err.value).startswith(f"{FILE}: cannot read")
    assert o.actions == ["opened #1"]


def test_eco_periodic_act_pass_with_the_record_gone_is_named_too(fake: FakeGitHub,
                                                                 eco_repo: Path) -> None:
    """A plain pass appends the review as text; a record gone by then stops the run with the
    same one-line error as every other step, not an unexplained OS error."""
    p = _setup(eco_repo)
    (eco_repo / FILE).unlink()
    o = periodic.Outcome("alpha", MET)
    with pytest.raises(CharterError) as err:
        periodic.act(eco_repo, p, o, _desk(fake), 30, apply=True)
    assert str(err.value).startswith(f"{FILE}: cannot read")
    assert o.actions == [] and fake.log == []


# --- progress of a long run -------------------------------------------------------------------
class _Log(io.StringIO):
    """A CI log (not a terminal) that counts how often it is flushed."""

    flushes = 0

    def flush(self) -> None:
        self.flushes += 1
        super().flush()


def _count(line: str) -> int:
    return int(line.split(": ")[1].split("/")[0])


@pytest.mark.parametrize(("total", "every", "lines"), [
    (2, 3, []),                                        # fewer projects than ``every``: silent
    (3, 3, ["reading GitHub: 3/3 projects"]),          # exactly ``every``: a line at the end
    (4, 3, ["reading GitHub: 3/4 projects", "reading GitHub: 4/4 projects"]),
    (99, None, []),                                    # by default a line every 100 projects
    (100, None, ["reading GitHub: 100/100 projects"]),
])
def test_eco_periodic_progress_lines_in_a_ci_log_are_flushed(total: int, every: int | None,
                                                             lines: list[str]) -> None:
    log = _Log()
    kw = {} if every is None else {"every": every}
    bar = periodic.Progress(total, "reading GitHub", log, **kw)
    for i in range(total):
        bar.step(f"p{i}")
        # each line says how many projects are done, and is out at once
        assert log.getvalue().splitlines() == [x for x in lines if _count(x) <= i + 1]
        assert log.flushes == len(log.getvalue().splitlines())
    bar.close()
    assert log.getvalue().splitlines() == lines


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_eco_periodic_progress_bar_counts_projects() -> None:
    tty = _Tty()
    progress = periodic.Progress(3, "reading GitHub", tty)
    progress.step("p0")
    progress.close()
    assert "1/3" in tty.getvalue() and "project/s" in tty.getvalue()


def test_eco_periodic_no_progress_by_default_even_on_a_terminal(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """review_all called without a progress (as a library) prints nothing, whatever the
    number of projects and wherever stderr goes."""
    import sys

    tty = _Tty()
    monkeypatch.setattr(sys, "stderr", tty)
    progress = periodic._no_progress(100, "reading GitHub")
    for i in range(100):
        progress.step(f"p{i}")
    progress.close()
    assert tty.getvalue() == ""


@pytest.mark.parametrize(("total", "bar"), [(1, False), (2, True)])
def test_eco_periodic_progress_bar_only_for_more_than_one_project(total: int, bar: bool) -> None:
    tty = _Tty()
    progress = periodic.Progress(total, "reading GitHub", tty)
    for i in range(total):
        progress.step(f"p{i}")
    progress.close()
    assert (f"{total}/{total}" in tty.getvalue()) is bar
    if not bar:
        assert tty.getvalue() == ""


def test_eco_periodic_progress_bar_names_the_project_and_is_not_redrawn_per_step() -> None:
    tty = _Tty()
    bar = periodic.Progress(500, "reading GitHub", tty)
    drawn = tty.getvalue().count("\r")
    bar.step("a-project-with-a-very-long-slug-indeed")
    assert bar.bar.postfix == "a-project-with-a-very-long-slu"  # the first 30 characters
    for i in range(300):
        bar.step(f"p{i}")
    # tqdm redraws at its own pace (10 a second at most), never once per project
    assert tty.getvalue().count("\r") - drawn < 100
    bar.close()
    assert bar.bar is None and "301/500" in tty.getvalue()


# --- review_all: read everything, then act, within the safety limit ----------------------------
class _Bars:
    """A progress factory that remembers what each phase was called and stepped through."""

    def __init__(self) -> None:
        self.phases: list[tuple[int, str, list[str]]] = []

    def __call__(self, total: int, label: str) -> periodic.Progress:
        steps: list[str] = []
        self.phases.append((total, label, steps))
        bar = periodic.Progress(total, label, io.StringIO(), every=0)
        step = bar.step

        def record(name: str) -> None:
            steps.append(name)
            step(name)

        bar.step = record  # type: ignore[method-assign]
        return bar


def _review_all(fake: FakeGitHub, root: Path, slugs: list[str], *, apply: bool,
                bars: _Bars | None = None) -> periodic.Run:
    state = _state(root)
    projects = [state.projects[s] for s in slugs]
    client = gh.client(base_url=fake.url, backoff=0, retries=0, max_wait=1)
    fetcher = Fetcher(client, today=TODAY, window_days=90, min_contributors=5, backoff=0,
                      sleep=lambda _s: None)
    return periodic.review_all(root, state, projects, fetcher, _desk(fake, apply=apply), TODAY,
                               apply=apply, progress=bars or periodic._no_progress)


def _ecosystem(fake: FakeGitHub, root: Path, n: int, short: int, *, retire: int = 0
               ) -> list[str]:
    """``n`` projects: the first ``short`` fall short (the first ``retire`` of them past the
    deadline of a recorded notice), the others meet every requirement."""
    slugs = [f"p{i:02d}" for i in range(n)]
    for i, slug in enumerate(slugs):
        extra: dict[str, Any] = {}
        if i < retire:
            extra["notice"] = {"issue": 99, "opened": "2026-09-01", "deadline": "2026-10-01"}
        write_record(root, project(slug, f"org/{slug}", accepted="2026-01-14", **extra))
        fake.add(Repo(f"org/{slug}", stars=50 if i < short else 500).with_authors(40, FIVE))
    return slugs


@pytest.mark.parametrize(("n", "short", "retire", "refused"), [
    (4, 3, 0, False),     # three is always allowed
    (4, 4, 0, True),      # four of four: more than three and more than a quarter
    (4, 4, 1, True),      # a retirement counts as much as a notice
    (20, 5, 0, False),    # a quarter of twenty, exactly
    (20, 6, 0, True),     # one more than a quarter
])
def test_eco_periodic_safety_limit_on_notices_and_retirements(
        fake: FakeGitHub, eco_repo: Path, capsys: pytest.CaptureFixture[str], n: int,
        short: int, retire: int, refused: bool) -> None:
    slugs = _ecosystem(fake, eco_repo, n, short, retire=retire)
    run = _review_all(fake, eco_repo, slugs, apply=False)
    steps = [o.step.kind for o in run.outcomes]
    assert steps == ["retire"] * retire + ["notify"] * (short - retire) + ["pass"] * (n - short)
    note = (f"note: {short} of {n} projects would be notified or retired; --apply will refuse "
            "that many unless --max-shortfall allows it\n")
    assert capsys.readouterr().err == (note if refused else "")
    before = {s: (eco_repo / "ecosystem" / f"{s}.yaml").read_bytes() for s in slugs}
    if refused:
        with pytest.raises(CharterError) as err:
            _review_all(fake, eco_repo, slugs, apply=True)
        assert str(err.value) == (
            f"{short} of {n} reviewed projects would be notified or retired, more than 25%: "
            "refusing to write in bulk. Check the token and GitHub's answers (run without "
            "--apply to see the plan); pass --max-shortfall 100 if this is right")
        after = {s: (eco_repo / "ecosystem" / f"{s}.yaml").read_bytes() for s in slugs}
        assert after == before and fake.count("POST", "/repos") == 0
    else:
        run = _review_all(fake, eco_repo, slugs, apply=True)
        assert run.recorded == slugs and run.complete
        assert len(fake.issues.get(GOVERNANCE, [])) == short
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(("apply", "second"), [(True, "recording"), (False, "planning")])
def test_eco_periodic_progress_of_both_phases(fake: FakeGitHub, eco_repo: Path, apply: bool,
                                              second: str) -> None:
    slugs = _ecosystem(fake, eco_repo, 3, 0)
    bars = _Bars()
    run = _review_all(fake, eco_repo, slugs, apply=apply, bars=bars)
    assert run.recorded == slugs
    assert bars.phases == [(3, "reading GitHub", slugs), (3, second, slugs)]


def test_eco_periodic_recorded_notice_keeps_its_start(fake: FakeGitHub, eco_repo: Path) -> None:
    """A remind keeps the recorded notice: its issue, when it was opened, its deadline."""
    notice = {"issue": 1, "opened": "2026-11-01", "deadline": "2026-12-01"}
    write_record(eco_repo, project("alpha", "org/alpha", notice=dict(notice)))
    fake.add(Repo("org/alpha", stars=50).with_authors(40, FIVE))
    _hand_edited_notice(fake)
    run = _review_all(fake, eco_repo, ["alpha"], apply=True)
    [o] = run.outcomes
    assert o.notice == notice and o.step == Step("remind", "2026-12-01")
    assert o.actions == ["updated #1", f"recorded the review in {FILE}"]
    recorded = read_project(eco_repo, "alpha")["notice"]
    assert {k: recorded[k] for k in notice} == notice
    assert "(30 days from the first notice)" in fake.issues[GOVERNANCE][0]["body"]


def test_eco_periodic_notice_open_on_github_though_not_recorded(fake: FakeGitHub,
                                                                eco_repo: Path) -> None:
    write_record(eco_repo, project("alpha", "org/alpha"))
    fake.add(Repo("org/alpha", stars=50).with_authors(40, FIVE))
    fake.open_issue(GOVERNANCE, "Ecosystem review: Alpha falls short of the requirements",
                    "<!-- charter:ecosystem-review slug=alpha opened=2026-11-01 "
                    "deadline=2026-12-01 -->\nPlease fix.", ["ecosystem-review"],
                    created_at="2026-11-01T06:00:00Z")
    run = _review_all(fake, eco_repo, ["alpha"], apply=False)
    [o] = run.outcomes
    assert o.notice == {"issue": 1, "opened": "2026-11-01", "deadline": "2026-12-01"}
    assert o.step == Step("remind", "2026-12-01")
    assert o.review.notes[-1] == ("notice #1 is open on GitHub since 2026-11-01 (deadline "
                                  "2026-12-01) though the record lacks it; its grace period "
                                  "stands")


def test_eco_periodic_project_github_refuses_is_skipped(fake: FakeGitHub,
                                                      eco_repo: Path) -> None:
    slugs = _ecosystem(fake, eco_repo, 3, 0)
    fake.fail("POST", "/graphql", 200, body={"data": None, "errors": [
        {"type": "FORBIDDEN", "message": "Resource not accessible by integration"}]})
    bars = _Bars()
    run = _review_all(fake, eco_repo, slugs, apply=True, bars=bars)
    assert run.failed == ["p00: org/p00: GraphQL error FORBIDDEN: Resource not accessible by "
                          "integration"]
    assert not run.complete and run.recorded == ["p01", "p02"]
    assert bars.phases == [(3, "reading GitHub", slugs), (2, "recording", ["p01", "p02"])]


# --- the summary --------------------------------------------------------------------------------
def test_eco_periodic_summary_lists_every_note_of_an_unknown(state: State) -> None:
    notes = ["CI on the default branch is still pending", "GitHub cannot identify the licence"]
    unknown = Review("beta", DAY, {}, {"ECO-FUNCTIONAL": "unknown"}, notes=list(notes))
    run = periodic.Run(due=3, outcomes=[
        periodic.Outcome("alpha", SHORT, Step("notify", "2026-12-21")),
        periodic.Outcome("beta", unknown),
        periodic.Outcome("gamma", MET),
    ], recorded=["alpha", "beta", "gamma"])
    assert periodic.summary(run, TODAY, apply=True) == (
        "## Ecosystem review, 2026-11-21\n\n"
        "Reviewed 3 of 3 due project(s) (3 done; records written).\n\n"
        "| project | step | deadline | results |\n| --- | --- | --- | --- |\n"
        "| alpha | notify | 2026-12-21 | ECO-MEASURABLE fail |\n\n"
        "2 project(s) meet every requirement on the evidence.\n\n"
        "**Unknown, asked again at the next run** (never a pass):\n\n"
        "- beta: CI on the default branch is still pending; GitHub cannot identify the licence\n")
