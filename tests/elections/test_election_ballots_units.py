"""Unit pins for ``charter.elections.ballots``: reading ``ballots.csv``.

Exact parsed values for score ballots (fast and blank-cell paths), ranked ballots and motion
ballots, and every malformed-input :class:`BallotError` with its path, line, column and message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from charter.elections import ballots as ballots_mod
from charter.elections.ballots import (
    BallotError,
    MotionBallots,
    RankBallots,
    ScoreBallots,
    Vote,
    read_motion,
    read_ranks,
    read_scores,
    sha256,
)
from charter.errors import CharterError

PATH = "elections/2026-council/ballots.csv"
Located = tuple[str, int, int, str]


def error_of(read: Callable[[bytes, str], object], raw: bytes) -> Located:
    """The (path, line, column, message) of the error ``read`` raises, after checking its str."""
    with pytest.raises(BallotError) as exc:
        read(raw, PATH)
    e = exc.value
    assert str(e) == f"{e.path}:{e.line}:{e.col}: {e.message}"
    return (e.path, e.line, e.col, e.message)


def scores5(raw: bytes, path: str) -> ScoreBallots:
    return read_scores(raw, path, 5)


# --- BallotError, sha256 -------------------------------------------------------------------


def test_ballot_error_carries_path_line_column_and_message() -> None:
    e = BallotError("p/b.csv", 7, 3, "bad cell")
    assert isinstance(e, CharterError)
    assert (e.path, e.line, e.col, e.message) == ("p/b.csv", 7, 3, "bad cell")
    assert str(e) == "p/b.csv:7:3: bad cell"
    assert e.args == ("p/b.csv:7:3: bad cell",)


def test_sha256_is_the_hex_digest_of_the_bytes() -> None:
    assert sha256(b"abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


# --- ScoreBallots ----------------------------------------------------------------------------


def test_score_ballots_from_dicts_canonicalises_missing_candidates_to_zero() -> None:
    b = ScoreBallots.from_dicts(["ana", "ben"], [{"ana": 5}, {"ben": 3}, {}])
    assert b == ScoreBallots(("ana", "ben"), (bytes([5, 0, 0]), bytes([0, 3, 0])), 3, 5)
    assert b.as_dicts() == [{"ana": 5, "ben": 0}, {"ana": 0, "ben": 3}, {"ana": 0, "ben": 0}]


def test_score_ballots_from_dicts_default_maximum_is_five_inclusive() -> None:
    assert ScoreBallots.from_dicts(["a"], [{"a": 5}]).maximum == 5
    with pytest.raises(ValueError) as exc:
        ScoreBallots.from_dicts(["a", "b"], [{"a": 5, "b": 6}])
    assert str(exc.value) == "score above 5 for b"


def test_score_ballots_from_dicts_explicit_maximum() -> None:
    assert ScoreBallots.from_dicts(["a", "b"], [{"a": 1, "b": 0}], maximum=1) == ScoreBallots(
        ("a", "b"), (b"\x01", b"\x00"), 1, 1)
    with pytest.raises(ValueError) as exc:
        ScoreBallots.from_dicts(["a", "b"], [{"a": 2}], maximum=1)
    assert str(exc.value) == "score above 1 for a"


def test_score_ballots_from_dicts_without_ballots_is_empty_columns() -> None:
    b = ScoreBallots.from_dicts(["a", "b"], [])
    assert b == ScoreBallots(("a", "b"), (b"", b""), 0, 5)
    assert b.as_dicts() == []


@pytest.mark.parametrize("ballots", [
    ScoreBallots(("a", "b"), (b"\x01\x02", b"\x03"), 2, 5),  # columns of unequal length
    ScoreBallots(("a", "b", "c"), (b"\x01", b"\x02"), 1, 5),  # a candidate without a column
    ScoreBallots(("a",), (b"\x01", b"\x02"), 1, 5),  # a column without a candidate
])
def test_score_ballots_as_dicts_refuses_inconsistent_columns(ballots: ScoreBallots) -> None:
    with pytest.raises(ValueError):
        ballots.as_dicts()


# --- score files -----------------------------------------------------------------------------


def test_scores_fast_and_blank_cell_rows_give_exact_columns() -> None:
    raw = b"ana,Ben,cai\n5,0,3\n,4,\n1,2,5\n"
    assert read_scores(raw, PATH, 5) == ScoreBallots(
        ("ana", "Ben", "cai"), (bytes([5, 0, 1]), bytes([0, 4, 2]), bytes([3, 0, 5])), 3, 5)


def test_scores_all_blank_row_is_a_ballot_of_zeros() -> None:
    assert read_scores(b"a,b\n,\n", PATH, 5) == ScoreBallots(("a", "b"), (b"\x00", b"\x00"), 1, 5)


def test_scores_single_candidate() -> None:
    assert read_scores(b"solo\n4\n0\n", PATH, 5) == ScoreBallots(
        ("solo",), (bytes([4, 0]),), 2, 5)


def test_scores_header_only_has_no_ballots() -> None:
    assert read_scores(b"a,b\n", PATH, 5) == ScoreBallots(("a", "b"), (b"", b""), 0, 5)
    assert read_scores(b"a,b", PATH, 5) == ScoreBallots(("a", "b"), (b"", b""), 0, 5)


def test_scores_bom_and_crlf_are_accepted() -> None:
    raw = b"\xef\xbb\xbfab,cd\r\n5,1\r\n2,\r\n"
    assert read_scores(raw, PATH, 5) == ScoreBallots(
        ("ab", "cd"), (bytes([5, 2]), bytes([1, 0])), 2, 5)


def test_scores_approval_and_nine_maximum() -> None:
    assert read_scores(b"a,b\n1,0\n,1\n", PATH, 1).columns == (b"\x01\x00", b"\x00\x01")
    assert read_scores(b"a,b\n9,0\n", PATH, 9).columns == (b"\x09", b"\x00")


@pytest.mark.parametrize(("raw", "maximum", "where"), [
    # a score above the maximum, after a cell at the maximum (which passes)
    (b"ana,ben\n5,6\n", 5, (2, 3, "score '6' for ben is not a whole number from 0 to 5")),
    (b"ana,ben,cai\n0,5,7\n", 5, (2, 5, "score '7' for cai is not a whole number from 0 to 5")),
    (b"ana,ben\n,6\n", 5, (2, 2, "score '6' for ben is not a whole number from 0 to 5")),
    (b"ana,ben\n1,2\n", 1, (2, 3, "score '2' for ben is not a whole number from 0 to 1")),
    (b"ana,ben\n9,a\n", 9, (2, 3, "score 'a' for ben is not a whole number from 0 to 9")),
    (b"ana,ben\n5,-1\n", 5, (2, 3, "score '-1' for ben is not a whole number from 0 to 5")),
    (b"ana,ben\n5,/\n", 5, (2, 3, "score '/' for ben is not a whole number from 0 to 5")),
    (b"ana,ben\n5,:\n", 5, (2, 3, "score ':' for ben is not a whole number from 0 to 5")),
    (b"ana,ben\n5,X\n", 5, (2, 3, "score 'X' for ben is not a whole number from 0 to 5")),
    (b"ana,ben\n5,X,\n", 5, (2, 1, "ballot has 3 cells; the header names 2 candidates")),
    (b"ana,ben\nX,X\n", 5, (2, 1, "score 'X' for ana is not a whole number from 0 to 5")),
    (b"ana,ben\n3,55\n", 5, (2, 3, "score '55' for ben is not a whole number from 0 to 5")),
    (b"ana,ben\n 3,5\n", 5, (2, 1, "score ' 3' for ana is not a whole number from 0 to 5")),
    (b"ana,ben\n2,4\n10,2\n", 5, (3, 1, "score '10' for ana is not a whole number from 0 to 5")),
    (b"ana,ben\n4,abcdefghijklmnopqrstuvwxyz\n", 5,
     (2, 3, "score 'abcdefghijklmnopqrst' for ben is not a whole number from 0 to 5")),
    (b"ana,ben\n5,\xc2\xb2\n", 5,
     (2, 3, "score '\u00b2' for ben is not a whole number from 0 to 5")),
    (b"ana,ben\n5,1,2\n", 5, (2, 1, "ballot has 3 cells; the header names 2 candidates")),
    (b"ana,ben\n5\n", 5, (2, 1, "ballot has 1 cells; the header names 2 candidates")),
    (b"ana,ben\n,,\n", 5, (2, 1, "ballot has 3 cells; the header names 2 candidates")),
    (b"ana,ben\n5,1\n\n4,4\n", 5, (3, 1, "blank line; every line after the header is one ballot")),
    (b"ana,ben\n5,1\n\n", 5, (3, 1, "blank line; every line after the header is one ballot")),
])
def test_pc_election_bad_score_rows_are_located(raw: bytes, maximum: int,
                                                where: tuple[int, int, str]) -> None:
    with pytest.raises(BallotError) as exc:
        read_scores(raw, PATH, maximum)
    e = exc.value
    assert (e.path, e.line, e.col, e.message) == (PATH, *where)
    assert str(e) == f"{PATH}:{where[0]}:{where[1]}: {where[2]}"


# --- the file as a whole (shared by every reader) --------------------------------------------


@pytest.mark.parametrize(("raw", "where"), [
    (b"", (1, 1, "file is empty; it needs a header line")),
    (b"\n", (1, 1, "file is empty; it needs a header line")),
    (b"\xef\xbb\xbf", (1, 1, "file is empty; it needs a header line")),
    (b"\xef\xbb\xbf\n", (1, 1, "file is empty; it needs a header line")),
    (b"ana,ben\n5,\xff\n1,1\n", (2, 1, "invalid UTF-8; save the file as UTF-8")),
    (b"\n\n\xff\n\n", (3, 1, "invalid UTF-8; save the file as UTF-8")),
    (b"\xffa,b\n\n", (1, 1, "invalid UTF-8; save the file as UTF-8")),
    (b"\xef\xbb\xbf\xbfa,b\n", (1, 1, "invalid UTF-8; save the file as UTF-8")),
    (b"ana\r5\n", (1, 1, "stray carriage return; use one line per ballot")),
    (b"\n\n1\r2\n", (3, 1, "stray carriage return; use one line per ballot")),
    (b"a,b\r\n1,2\r\n3,4\r", (3, 1, "stray carriage return; use one line per ballot")),
    (b"\ra,b\n\n", (1, 1, "stray carriage return; use one line per ballot")),
    (b"a,b\n1\r2\n3\r4\n", (2, 1, "stray carriage return; use one line per ballot")),
])
def test_ballots_file_level_errors_are_located(raw: bytes, where: tuple[int, int, str]) -> None:
    for read in (scores5, read_ranks, read_motion):
        assert error_of(read, raw) == (PATH, *where)


def test_ballots_file_size_limit_is_inclusive(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ballots_mod, "MAX_BYTES", 8)
    assert read_scores(b"ab,c\n1,2", PATH, 5).count == 1  # exactly 8 bytes
    assert error_of(scores5, b"ab,c\n1,23") == (
        PATH, 1, 1, "file is 9 bytes; the limit is 8")


def test_ballots_file_size_limit_message_groups_thousands(monkeypatch: pytest.MonkeyPatch) -> None:
    assert ballots_mod.MAX_BYTES == 64 * 1024 * 1024
    monkeypatch.setattr(ballots_mod, "MAX_BYTES", 1000)
    assert error_of(scores5, b"a" * 1001) == (
        PATH, 1, 1, "file is 1,001 bytes; the limit is 1,000")


# --- the header ------------------------------------------------------------------------------


@pytest.mark.parametrize(("header", "where"), [
    (b"ana,b en", (5, "header cell 'b en' is not a candidate login")),
    (b"ana,ben,c_d", (9, "header cell 'c_d' is not a candidate login")),
    (b"ana,,ben", (5, "header cell '' is not a candidate login")),
    (b",ana", (1, "header cell '' is not a candidate login")),
    (b"-ana", (1, "header cell '-ana' is not a candidate login")),
    (b"ana,ana", (5, "candidate 'ana' appears twice in the header")),
    (b"Ana,ben,ANA", (9, "candidate 'ANA' appears twice in the header")),
    (b"ana,ben,cai,Ben", (13, "candidate 'Ben' appears twice in the header")),
])
def test_pc_election_bad_headers_are_located(header: bytes, where: tuple[int, str]) -> None:
    for read in (scores5, read_ranks):
        assert error_of(read, header + b"\n") == (PATH, 1, *where)


def test_header_keeps_the_logins_as_written() -> None:
    assert read_scores(b"Ana,bEN\n", PATH, 5).candidates == ("Ana", "bEN")
    assert read_ranks(b"Ana,bEN\n", PATH).candidates == ("Ana", "bEN")


# --- ranked ballots --------------------------------------------------------------------------


def test_gov_lead_elect_ranks_give_candidates_most_preferred_first() -> None:
    raw = b"ana,ben,cai\n2,1,3\n,,1\n,,\n1,,2\n001,002,\n"
    assert read_ranks(raw, PATH) == RankBallots(
        ("ana", "ben", "cai"),
        (("ben", "ana", "cai"), ("cai",), (), ("ana", "cai"), ("ana", "ben")))


def test_gov_lead_elect_single_candidate_blank_line_is_an_empty_ballot() -> None:
    assert read_ranks(b"solo\n1\n\n1\n", PATH) == RankBallots(("solo",), (("solo",), (), ("solo",)))


def test_gov_lead_elect_header_only_has_no_ballots() -> None:
    assert read_ranks(b"a,b\n", PATH) == RankBallots(("a", "b"), ())


@pytest.mark.parametrize(("raw", "where"), [
    (b"a,b,c\n1,2\n", (2, 1, "ballot has 2 cells; the header names 3 candidates")),
    (b"a,b\n1,2,\n", (2, 1, "ballot has 3 cells; the header names 2 candidates")),
    (b"a,b\n1,2\n\n", (3, 1, "ballot has 1 cells; the header names 2 candidates")),
    (b"a,b,c\n1,4,\n", (2, 3, "rank '4' for b is not a whole number from 1 to 3")),
    (b"a,b,c\n1,0,\n", (2, 3, "rank '0' for b is not a whole number from 1 to 3")),
    (b"a,b,c\n1,,-1\n", (2, 4, "rank '-1' for c is not a whole number from 1 to 3")),
    (b"a,b,c\n11,,x\n", (2, 1, "rank '11' for a is not a whole number from 1 to 3")),
    (b"a,b,c\n2,11,x\n", (2, 3, "rank '11' for b is not a whole number from 1 to 3")),
    (b"a,b,c\n1,0001,\n", (2, 3, "rank '0001' for b is not a whole number from 1 to 3")),
    (b"a,b,c\n1, 2,\n", (2, 3, "rank ' 2' for b is not a whole number from 1 to 3")),
    (b"a,b,c\n1,\xc2\xb2,\n", (2, 3, "rank '\u00b2' for b is not a whole number from 1 to 3")),
    (b"a,b,c\n1,\xd9\xa1,\n", (2, 3, "rank '\u0661' for b is not a whole number from 1 to 3")),
    (b"a,b\n1,123456789012345678901234\n",
     (2, 3, "rank '12345678901234567890' for b is not a whole number from 1 to 2")),
    (b"a,b,c\n1,1,\n", (2, 3, "rank 1 is given to both a and b")),
    (b"a,b,c\n2,1,1\n", (2, 5, "rank 1 is given to both b and c")),
    (b"a,b,c\n1,2,01\n", (2, 5, "rank 1 is given to both a and c")),
    (b"a,b,c\n1,,3\n", (2, 1, "ranks skip 2; number preferences 1, 2, 3, ... without gaps")),
    (b"a,b,c\n,2,\n", (2, 1, "ranks skip 1; number preferences 1, 2, 3, ... without gaps")),
    (b"a,b,c\n3,2,\n", (2, 1, "ranks skip 1; number preferences 1, 2, 3, ... without gaps")),
    (b"a,b,c\n1,2,3\n2,,3\n", (3, 1, "ranks skip 1; number preferences 1, 2, 3, ... without gaps")),
])
def test_gov_lead_elect_bad_rank_rows_are_located(raw: bytes, where: tuple[int, int, str]) -> None:
    assert error_of(read_ranks, raw) == (PATH, *where)


def test_gov_lead_elect_three_digit_rank_with_many_candidates() -> None:
    names = [f"c{i}" for i in range(1, 101)]
    row = ["" for _ in names]
    row[0], row[99] = "2", "001"
    raw = (",".join(names) + "\n" + ",".join(row) + "\n").encode()
    assert read_ranks(raw, PATH).ballots == (("c100", "c1"),)
    row[0] = "100"
    with pytest.raises(BallotError) as exc:
        read_ranks((",".join(names) + "\n" + ",".join(row) + "\n").encode(), PATH)
    assert exc.value.message == "ranks skip 2; number preferences 1, 2, 3, ... without gaps"


# --- motions ---------------------------------------------------------------------------------


def test_pc_vote_anonymous_motion_ballots() -> None:
    raw = b"date,vote\n2026-09-10,yes\n2026-09-11,no\n2026-09-12,abstain\n"
    assert read_motion(raw, PATH) == MotionBallots((
        Vote(2, dt.date(2026, 9, 10), "yes", None),
        Vote(3, dt.date(2026, 9, 11), "no", None),
        Vote(4, dt.date(2026, 9, 12), "abstain", None),
    ), False)


def test_pc_vote_council_motion_ballots_name_the_voter() -> None:
    raw = b"\xef\xbb\xbfvoter,date,vote\r\nAna,2026-09-10,yes\r\nben,2026-09-11,abstain\r\n"
    assert read_motion(raw, PATH) == MotionBallots((
        Vote(2, dt.date(2026, 9, 10), "yes", "Ana"),
        Vote(3, dt.date(2026, 9, 11), "abstain", "ben"),
    ), True)


@pytest.mark.parametrize("raw", [b"date,vote\n", b"date,vote"])
def test_pc_vote_motion_header_only(raw: bytes) -> None:
    assert read_motion(raw, PATH) == MotionBallots((), False)


HEADER_MESSAGE = "header must be 'date,vote' (community vote) or 'voter,date,vote' (council vote)"


@pytest.mark.parametrize(("raw", "where"), [
    (b"vote\nyes\n", (1, 1, HEADER_MESSAGE)),
    (b"Date,Vote\n", (1, 1, HEADER_MESSAGE)),
    (b"date,vote,voter\n", (1, 1, HEADER_MESSAGE)),
    (b"voter,date,vote,\n", (1, 1, HEADER_MESSAGE)),
    (b"date,vote\n2026-09-10\n", (2, 1, "ballot has 1 cells; expected 2")),
    (b"date,vote\n2026-09-10,yes,no\n", (2, 1, "ballot has 3 cells; expected 2")),
    (b"date,vote\n2026-09-10,yes\n\n", (3, 1, "ballot has 1 cells; expected 2")),
    (b"voter,date,vote\n2026-09-10,yes\n", (2, 1, "ballot has 2 cells; expected 3")),
    (b"voter,date,vote\nb en,2026-09-10,yes\n", (2, 1, "voter 'b en' is not a login")),
    (b"voter,date,vote\n,2026-09-10,yes\n", (2, 1, "voter '' is not a login")),
    (b"voter,date,vote\n" + b"x" * 45 + b",2026-09-10,yes\n",
     (2, 1, "voter '" + "x" * 40 + "' is not a login")),
    (b"date,vote\n2026-02-30,yes\n", (2, 1, "date '2026-02-30' is not YYYY-MM-DD")),
    (b"date,vote\n20260910,yes\n", (2, 1, "date '20260910' is not YYYY-MM-DD")),
    (b"date,vote\n2026-9-10,yes\n", (2, 1, "date '2026-9-10' is not YYYY-MM-DD")),
    (b"date,vote\n2026-09-10T00:00,yes\n", (2, 1, "date '2026-09-10T00:00' is not YYYY-MM-DD")),
    (b"date,vote\n,yes\n", (2, 1, "date '' is not YYYY-MM-DD")),
    (b"date,vote\n2026-09-10 12:00:00.000000,yes\n",
     (2, 1, "date '2026-09-10 12:00:00.' is not YYYY-MM-DD")),
    (b"voter,date,vote\nana,2026-13-01,no\n", (2, 5, "date '2026-13-01' is not YYYY-MM-DD")),
    (b"voter,date,vote\nana,2026-09-10,no\nbo,tomorrow,no\n",
     (3, 4, "date 'tomorrow' is not YYYY-MM-DD")),
    (b"date,vote\n2026-09-10,maybe\n", (2, 12, "vote 'maybe' is not yes, no or abstain")),
    (b"date,vote\n2026-09-10,Yes\n", (2, 12, "vote 'Yes' is not yes, no or abstain")),
    (b"date,vote\n2026-09-10,\n", (2, 12, "vote '' is not yes, no or abstain")),
    (b"voter,date,vote\nana,2026-09-10,NO\n", (2, 16, "vote 'NO' is not yes, no or abstain")),
    (b"date,vote\n2026-09-10,yesyesyesyesyesyesyes\n",
     (2, 12, "vote 'yesyesyesyesyesyesye' is not yes, no or abstain")),
])
def test_pc_vote_bad_motion_rows_are_located(raw: bytes, where: tuple[int, int, str]) -> None:
    assert error_of(read_motion, raw) == (PATH, *where)
