"""GitHub reviews reduced to one verdict per person (charter.gate.reviews), pinned at every
boundary: which review of a person decides, approved / stale / changes-requested / dismissed,
deleted accounts and bots ignored, reviewers matched to members by id then by login, and two
accounts of one member reduced to the stronger verdict. Built from real Review and State
dataclasses, without git, so the mutation tests of ``charter.gate.reviews`` run these first."""

from __future__ import annotations

import pytest

from charter.gate.reviews import (
    APPROVED,
    CHANGES,
    COMMENTED,
    DISMISSED,
    PENDING,
    Ignored,
    Review,
    Verdict,
    local,
    verdicts,
)
from charter.model import Core, Council, Member, State, WorkingGroup
from charter.policy import Policy

HEAD = "h" * 40
OLD = "o" * 40
DELETED = "the account was deleted; its reviews do not count"
BOT = "a bot; only people approve governance changes"


def state() -> State:
    """ada (101), bob (102) and Cyd (103) have GitHub ids; tess has none (matched by login)."""
    people = [Member("ada", "Ada", "members/ada.yaml", 101),
              Member("bob", "Bob", "members/bob.yaml", 102),
              Member("Cyd", "Cyd", "members/cyd.yaml", 103),
              Member("tess", "Tess", "members/tess.yaml")]
    return State(policy=Policy.from_data({}), core=Core(lead="ada", maintainers=("ada", "bob")),
                 council=Council(), working_group=WorkingGroup(),
                 members={m.login: m for m in people})


def rv(login: str | None, uid: int | None, st: str = APPROVED, commit: str | None = HEAD, *,
       order: int = 0, when: str = "", kind: str = "User") -> Review:
    return Review(login, uid, kind, st, commit, order=order, submitted_at=when)


def judge(*reviews: Review) -> tuple[dict[str, Verdict], list[Ignored]]:
    return verdicts(list(reviews), HEAD, state())


# --- states --------------------------------------------------------------------------------------

def test_gov_approval_an_approval_of_the_head_commit_is_approved_with_every_field() -> None:
    got, ignored = judge(rv("ada", 101))
    assert got == {"ada": Verdict("ada", 101, "approved", "ada", HEAD, "")}
    assert ignored == []


def test_gov_approval_an_approval_of_an_older_commit_is_stale() -> None:
    got, _ = judge(rv("bob", 102, APPROVED, OLD))
    assert got == {"bob": Verdict("bob", 102, "stale", "bob", OLD, "")}


def test_gov_approval_an_approval_without_a_commit_is_stale() -> None:
    got, _ = judge(rv("bob", 102, APPROVED, None))
    assert got["bob"].state == "stale"


@pytest.mark.parametrize("commit", [HEAD, OLD])
def test_gov_approval_a_request_for_changes_stands_on_any_commit(commit: str) -> None:
    got, _ = judge(rv("bob", 102, CHANGES, commit))
    assert got == {"bob": Verdict("bob", 102, "changes-requested", "bob", commit, "")}


def test_gov_approval_a_dismissed_review_is_dismissed() -> None:
    got, _ = judge(rv("ada", 101, APPROVED, order=1), rv("ada", 101, DISMISSED, order=2))
    assert got == {"ada": Verdict("ada", 101, "dismissed", "ada", HEAD, "")}


@pytest.mark.parametrize("state_", [COMMENTED, PENDING])
def test_gov_approval_comments_and_pending_reviews_neither_decide_nor_revoke(state_: str) -> None:
    got, ignored = judge(rv("ada", 101, APPROVED, order=1), rv("ada", 101, state_, OLD, order=2))
    assert got == {"ada": Verdict("ada", 101, "approved", "ada", HEAD, "")}
    assert ignored == []
    alone, _ = judge(rv("ada", 101, state_))
    assert alone == {}
    after, _ = judge(rv("ada", 101, state_, order=1), rv("bob", 102, CHANGES, order=2),
                     rv("ci[bot]", 9, order=3))
    assert after == {"bob": Verdict("bob", 102, "changes-requested", "bob", HEAD, "")}


# --- which review decides -----------------------------------------------------------------------

def test_gov_approval_the_latest_review_decides_by_submission_time_before_order() -> None:
    early = rv("ada", 101, CHANGES, when="2026-01-01T00:00:00Z", order=9)
    late = rv("ada", 101, APPROVED, when="2026-01-02T00:00:00Z", order=1)
    assert judge(early, late)[0]["ada"].state == "approved"
    assert judge(late, early)[0]["ada"].state == "approved"


def test_gov_approval_reviews_submitted_at_once_are_ordered_by_their_order() -> None:
    first = rv("ada", 101, APPROVED, when="2026-01-01T00:00:00Z", order=1)
    second = rv("ada", 101, CHANGES, when="2026-01-01T00:00:00Z", order=2)
    assert judge(second, first)[0]["ada"].state == "changes-requested"
    assert judge(first, second)[0]["ada"].state == "changes-requested"


def test_gov_approval_an_approval_after_a_request_for_changes_lifts_it() -> None:
    got, _ = judge(rv("bob", 102, CHANGES, order=1), rv("bob", 102, APPROVED, OLD, order=2))
    assert got["bob"] == Verdict("bob", 102, "stale", "bob", OLD, "")


def test_gov_approval_one_id_under_two_logins_is_one_reviewer_whose_latest_review_decides(
) -> None:
    # a renamed account: the same id, its latest review (under the new login) decides
    got, _ = judge(rv("ada", 101, CHANGES, order=1), rv("ada-renamed", 101, APPROVED, order=2))
    assert got == {"ada": Verdict("ada-renamed", 101, "approved", "ada", HEAD, "")}


def test_gov_approval_a_login_without_id_is_one_reviewer_whatever_its_case() -> None:
    got, _ = judge(rv("TESS", None, APPROVED, order=1), rv("tess", None, CHANGES, order=2))
    assert got == {"tess": Verdict("tess", None, "changes-requested", "tess", HEAD, "")}
    back, _ = judge(rv("tess", None, CHANGES, order=1), rv("TESS", None, APPROVED, order=2))
    assert back == {"tess": Verdict("TESS", None, "approved", "tess", HEAD, "")}


# --- deleted accounts and bots ------------------------------------------------------------------

def test_gov_approval_a_deleted_user_is_ignored() -> None:
    got, ignored = judge(rv(None, None))
    assert got == {}
    assert ignored == [Ignored("(deleted user)", DELETED)]


@pytest.mark.parametrize(("login", "uid"), [("ghost", None), ("Ghost", 10137), ("GHOST", None)])
def test_gov_approval_githubs_ghost_account_is_a_deleted_user(login: str, uid: int | None
                                                              ) -> None:
    got, ignored = judge(rv(login, uid))
    assert got == {}
    assert ignored == [Ignored(login, DELETED)]


def test_gov_approval_a_real_account_named_ghost_is_a_person() -> None:
    got, ignored = judge(rv("ghost", 10138))
    assert ignored == []
    assert got == {"@ghost": Verdict("ghost", 10138, "approved", None, HEAD,
                                     "ghost has no member record on the base branch")}


@pytest.mark.parametrize(("login", "kind"), [("ada", "Bot"), ("ada", "bot"), ("ada", "BOT"),
                                             ("helper[bot]", "User"), ("Helper[BOT]", "User")])
def test_gov_approval_bots_never_review(login: str, kind: str) -> None:
    got, ignored = judge(rv(login, 101, kind=kind))
    assert got == {}
    assert ignored == [Ignored(login, BOT)]


def test_gov_approval_a_bot_login_that_only_mentions_bot_is_a_person() -> None:
    got, ignored = judge(rv("robot", None), rv("bot-ada", None), rv("x[bot]y", None))
    assert ignored == []
    assert sorted(got) == ["@bot-ada", "@robot", "@x[bot]y"]


def test_gov_approval_a_bots_or_ghosts_comment_is_still_reported_as_ignored() -> None:
    _, ignored = judge(rv("ci[bot]", 9, COMMENTED), rv(None, None, PENDING))
    assert ignored == [Ignored("ci[bot]", BOT), Ignored("(deleted user)", DELETED)]


def test_gov_approval_ignored_accounts_are_listed_once_with_their_first_reason() -> None:
    _, ignored = judge(rv("ci[bot]", 9, order=1), rv("CI[bot]", 9, CHANGES, order=2),
                       rv("ghost", None, order=3), rv("Ghost", 10137, order=4),
                       rv(None, None, order=5), rv(None, None, order=6))
    assert ignored == [Ignored("ci[bot]", BOT), Ignored("ghost", DELETED),
                       Ignored("(deleted user)", DELETED)]


def test_gov_approval_ignored_accounts_are_told_apart_by_their_lower_case_login() -> None:
    # the long s (U+017F) upper-cases to "S" but lower-cases to itself: another account
    _, ignored = judge(rv("s[bot]", 1, order=1), rv("\u017f[bot]", 2, order=2))
    assert ignored == [Ignored("s[bot]", BOT), Ignored("\u017f[bot]", BOT)]


def test_gov_approval_ignored_accounts_are_listed_in_review_order() -> None:
    _, ignored = judge(rv("b[bot]", 1, when="2026-01-02"), rv("a[bot]", 2, when="2026-01-01"))
    assert [i.login for i in ignored] == ["a[bot]", "b[bot]"]


# --- matching reviewers to members --------------------------------------------------------------

def test_gov_approval_a_member_is_matched_by_id_under_a_new_login() -> None:
    got, _ = judge(rv("cyd-new", 103))
    assert got == {"cyd": Verdict("cyd-new", 103, "approved", "Cyd", HEAD, "")}


def test_gov_approval_a_member_is_matched_by_login_whatever_its_case() -> None:
    got, _ = judge(rv("CYD", None), rv("Tess", 999))
    assert got == {"cyd": Verdict("CYD", None, "approved", "Cyd", HEAD, ""),
                   "tess": Verdict("Tess", 999, "approved", "tess", HEAD, "")}


def test_gov_approval_a_login_that_only_upper_cases_like_a_members_is_someone_else() -> None:
    other = "te\u017f\u017f"  # upper-cases to TESS; lower-cases to itself
    got, _ = judge(rv("tess", None, CHANGES, order=1), rv(other, None, APPROVED, order=2))
    assert got == {"tess": Verdict("tess", None, "changes-requested", "tess", HEAD, ""),
                   f"@{other}": Verdict(other, None, "approved", None, HEAD,
                                        f"{other} has no member record on the base branch")}


def test_gov_approval_an_account_that_took_a_members_login_is_no_member() -> None:
    got, _ = judge(rv("bob", 555))
    assert got == {"@bob": Verdict(
        "bob", 555, "approved", None, HEAD,
        "the login bob belongs to GitHub id 102 in members/bob.yaml; this account is id 555 "
        "(a different account that took the login)")}


def test_gov_approval_a_non_member_is_keyed_apart_from_every_member() -> None:
    got, _ = judge(rv("Zed", 777), rv("ada", 101))
    assert got == {"@zed": Verdict("Zed", 777, "approved", None, HEAD,
                                   "Zed has no member record on the base branch"),
                   "ada": Verdict("ada", 101, "approved", "ada", HEAD, "")}


# --- two accounts of one member -----------------------------------------------------------------

RANKED = [("changes-requested", CHANGES, HEAD), ("approved", APPROVED, HEAD),
          ("stale", APPROVED, OLD), ("dismissed", DISMISSED, HEAD)]


@pytest.mark.parametrize("strong_first", [True, False])
@pytest.mark.parametrize("strong_by_id", [True, False])
@pytest.mark.parametrize(("strong", "weak"), [(s, w) for s in range(len(RANKED))
                                              for w in range(s, len(RANKED))])
def test_gov_approval_two_accounts_of_one_member_keep_the_stronger_verdict(
        strong: int, weak: int, strong_first: bool, strong_by_id: bool) -> None:
    """Objection over approval over stale over dismissed, whichever account GitHub lists
    first; on a tie the account listed first stays."""
    s_name, s_state, s_commit = RANKED[strong]
    _, w_state, w_commit = RANKED[weak]
    s_who, w_who = (("ada-work", 101), ("ada", None))[::1 if strong_by_id else -1]
    s_order, w_order = (1, 2) if strong_first else (2, 1)
    got, _ = judge(rv(*s_who, s_state, s_commit, order=s_order),
                   rv(*w_who, w_state, w_commit, order=w_order))
    assert list(got) == ["ada"]
    keeps = s_who if strong < weak or strong_first else w_who
    assert (got["ada"].state, got["ada"].login, got["ada"].user_id) == (s_name, *keeps)


# --- the local dry run --------------------------------------------------------------------------

def test_gov_approval_a_local_dry_run_approves_the_head_by_login_in_order() -> None:
    assert local(["ada", "Bob"], HEAD) == [
        Review("ada", None, "User", APPROVED, HEAD, order=0),
        Review("Bob", None, "User", APPROVED, HEAD, order=1)]
    assert local([], HEAD) == []
    got, _ = verdicts(local(["ada", "Bob"], HEAD), HEAD, state())
    assert {k: v.state for k, v in got.items()} == {"ada": "approved", "bob": "approved"}
