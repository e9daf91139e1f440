"""ballots.csv is untrusted: canonical columns for good files, a located error for bad ones."""

from __future__ import annotations

import pytest

from charter.elections.ballots import BallotError, read_motion, read_ranks, read_scores


def test_scores_canonical_columns_blank_is_zero_crlf_and_bom() -> None:
    raw = b"\xef\xbb\xbfana,ben,cai\r\n5,,3\r\n0,4,5"
    b = read_scores(raw, "ballots.csv", 5)
    assert b.candidates == ("ana", "ben", "cai")
    assert b.count == 2
    assert b.columns == (bytes([5, 0]), bytes([0, 4]), bytes([3, 5]))
    assert b.as_dicts()[0] == {"ana": 5, "ben": 0, "cai": 3}


@pytest.mark.parametrize(("raw", "line", "col", "words"), [
    (b"ana,ben\n5,6\n", 2, 3, "not a whole number from 0 to 5"),
    (b"ana,ben\n5,-1\n", 2, 3, "not a whole number"),
    (b"ana,ben\n5,1,2\n", 2, 1, "3 cells"),
    (b"ana,ben\n5,1\n\n4,4\n", 3, 1, "blank line"),
    (b"ana,ana\n5,1\n", 1, 5, "appears twice"),
    (b"ana,b en\n5,1\n", 1, 5, "not a candidate login"),
    (b"ana,ben\n5,\xff\n", 2, 1, "invalid UTF-8"),
    (b"", 1, 1, "empty"),
    (b"ana\r5\n", 1, 1, "carriage return"),
])
def test_scores_bad_rows_are_located(raw: bytes, line: int, col: int, words: str) -> None:
    with pytest.raises(BallotError) as exc:
        read_scores(raw, "elections/x/ballots.csv", 5)
    assert (exc.value.line, exc.value.col) == (line, col)
    assert words in exc.value.message
    assert str(exc.value).startswith(f"elections/x/ballots.csv:{line}:{col}: ")


def test_approval_scores_are_zero_or_one() -> None:
    assert read_scores(b"a,b\n1,0\n", "p", 1).columns == (b"\x01", b"\x00")
    with pytest.raises(BallotError):
        read_scores(b"a,b\n1,2\n", "p", 1)


def test_ranks_partial_and_invalid() -> None:
    r = read_ranks(b"a,b,c\n2,1,\n,,1\n", "p")
    assert r.ballots == (("b", "a"), ("c",))
    with pytest.raises(BallotError, match="given to both a and b"):
        read_ranks(b"a,b,c\n1,1,\n", "p")
    with pytest.raises(BallotError, match="skip 2"):
        read_ranks(b"a,b,c\n1,,3\n", "p")
    with pytest.raises(BallotError, match="from 1 to 3"):
        read_ranks(b"a,b,c\n1,4,\n", "p")


def test_motion_ballots() -> None:
    m = read_motion(b"voter,date,vote\nana,2026-09-10,yes\n", "p")
    assert m.named and m.votes[0].voter == "ana" and m.votes[0].vote == "yes"
    with pytest.raises(BallotError, match="not yes, no or abstain"):
        read_motion(b"date,vote\n2026-09-10,maybe\n", "p")
    with pytest.raises(BallotError, match="not YYYY-MM-DD"):
        read_motion(b"date,vote\n2026-02-30,yes\n", "p")
    with pytest.raises(BallotError, match="header must be"):
        read_motion(b"vote\nyes\n", "p")


@pytest.mark.parametrize("cell", ["\u00b2", "\u0663", "\uff15", "\u2464"])
def test_pc_election_non_ascii_digit_score_is_a_located_error(cell: str) -> None:
    # '²' passes str.isdigit() but not int(): it raised ValueError (a traceback in
    # `charter check`); Arabic-Indic and fullwidth digits were "ballot cannot be read" at col 1
    raw = f"ana,ben\n5,{cell}\n".encode()
    with pytest.raises(BallotError) as exc:
        read_scores(raw, "p", 5)
    assert (exc.value.line, exc.value.col) == (2, 3)
    assert "not a whole number from 0 to 5" in exc.value.message


@pytest.mark.parametrize("cell", ["\u00b2", "\u0661", "\uff11"])
def test_gov_lead_elect_non_ascii_digit_rank_is_a_located_error(cell: str) -> None:
    # '²' raised ValueError; Arabic-Indic and fullwidth 1 were silently accepted as rank 1
    with pytest.raises(BallotError) as exc:
        read_ranks(f"a,b\n{cell},\n".encode(), "p")
    assert (exc.value.line, exc.value.col) == (2, 1)
    assert "not a whole number from 1 to 2" in exc.value.message
