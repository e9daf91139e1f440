"""Reading ``ballots.csv``: untrusted input turned into compact columns, or a located error.

The file is plain comma-separated values without quoting: a header line, then one line per
ballot. Three shapes exist:

* scores (STAR 0-5, approval 0/1): the header lists candidate logins; each cell is a score, a
  blank cell meaning 0. Ballots are canonicalised -- every candidate gets an explicit score --
  and stored as one ``bytes`` column per candidate (one byte per ballot), so 100,000 ballots of
  30 candidates take 3 MB and every count runs at C speed;
* ranks (instant-runoff): the header lists candidate logins; each cell is a rank 1, 2, ... or
  blank for "not ranked"; the ranks on a ballot run from 1 without gaps or repeats;
* motions: the header is ``date,vote`` (an anonymous community vote) or ``voter,date,vote``
  (a council vote, which is public); ``vote`` is ``yes``, ``no`` or ``abstain``.

Anything else stops with :class:`BallotError`, naming the line and column.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass

from charter.errors import CharterError
from charter.model import is_login

MAX_BYTES = 64 * 1024 * 1024
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
VOTES = ("yes", "no", "abstain")


class BallotError(CharterError):
    """A ballots file that cannot be counted; carries the line and column (1-based)."""

    def __init__(self, path: str, line: int, col: int, message: str):
        super().__init__(f"{path}:{line}:{col}: {message}")
        self.path = path
        self.line = line
        self.col = col
        self.message = message


def sha256(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


@dataclass(frozen=True)
class ScoreBallots:
    """Score ballots as columns: ``columns[i][b]`` is ballot ``b``'s score for ``candidates[i]``."""

    candidates: tuple[str, ...]
    columns: tuple[bytes, ...]
    count: int
    maximum: int

    @classmethod
    def from_dicts(cls, candidates: list[str], ballots: list[dict[str, int]],
                   maximum: int = 5) -> ScoreBallots:
        """Canonicalise ballots given as dicts (a missing candidate scores 0)."""
        cols = tuple(bytes(b.get(c, 0) for b in ballots) for c in candidates)
        for c, col in zip(candidates, cols, strict=True):
            if col and max(col) > maximum:
                raise ValueError(f"score above {maximum} for {c}")
        return cls(tuple(candidates), cols, len(ballots), maximum)

    def as_dicts(self) -> list[dict[str, int]]:
        """Every ballot as a dict with every candidate (the canonical form starvote needs)."""
        rows = zip(*self.columns, strict=True)
        return [dict(zip(self.candidates, row, strict=True)) for row in rows]


@dataclass(frozen=True)
class RankBallots:
    """Ranked ballots: each a tuple of candidates, most preferred first (possibly partial)."""

    candidates: tuple[str, ...]
    ballots: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Vote:
    line: int
    date: dt.date
    vote: str
    voter: str | None = None


@dataclass(frozen=True)
class MotionBallots:
    votes: tuple[Vote, ...]
    named: bool


def _lines(raw: bytes, path: str) -> list[str]:
    if len(raw) > MAX_BYTES:
        raise BallotError(path, 1, 1, f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise BallotError(path, line, 1, "invalid UTF-8; save the file as UTF-8") from None
    text = text.replace("\r\n", "\n")
    if "\r" in text:
        line = text.count("\n", 0, text.index("\r")) + 1
        raise BallotError(path, line, 1, "stray carriage return; use one line per ballot")
    if text.endswith("\n"):
        text = text[:-1]
    if not text:
        raise BallotError(path, 1, 1, "file is empty; it needs a header line")
    return text.split("\n")


def _header(lines: list[str], path: str) -> tuple[str, ...]:
    cells = lines[0].split(",")
    seen: set[str] = set()
    col = 1
    for cell in cells:
        if not is_login(cell):
            raise BallotError(path, 1, col, f"header cell {cell!r} is not a candidate login")
        if cell.lower() in seen:
            raise BallotError(path, 1, col, f"candidate {cell!r} appears twice in the header")
        seen.add(cell.lower())
        col += len(cell) + 1
    return tuple(cells)


def _cell_col(line: str, index: int) -> int:
    return sum(len(c) + 1 for c in line.split(",")[:index]) + 1


def read_scores(raw: bytes, path: str, maximum: int) -> ScoreBallots:
    """Score ballots (0..maximum, blank = 0) as canonical columns."""
    lines = _lines(raw, path)
    cands = _header(lines, path)
    n = len(cands)
    digits = "".join(str(d) for d in range(maximum + 1))
    full = re.compile(f"[{digits}](?:,[{digits}]){{{n - 1}}}")
    loose = re.compile(f"[{digits}]?(?:,[{digits}]?){{{n - 1}}}")
    width = 2 * n - 1
    rows: list[str] = []
    append = rows.append
    for no, line in enumerate(lines[1:], start=2):
        if len(line) == width and full.fullmatch(line):
            append(line[0::2])
        elif loose.fullmatch(line):
            append("".join(c or "0" for c in line.split(",")))
        else:
            _explain_score_row(line, no, path, cands, maximum)
    joined = "".join(rows).encode("ascii").translate(_DIGIT_VALUES)
    columns = tuple(joined[i::n] for i in range(n))
    return ScoreBallots(cands, columns, len(rows), maximum)


_DIGIT_VALUES = bytes(range(256)).translate(
    bytes.maketrans(b"0123456789", bytes(range(10)))
)


def _explain_score_row(line: str, no: int, path: str, cands: tuple[str, ...], maximum: int) -> None:
    cells = line.split(",")
    if line == "":
        raise BallotError(path, no, 1, "blank line; every line after the header is one ballot")
    if len(cells) != len(cands):
        raise BallotError(path, no, 1, f"ballot has {len(cells)} cells; the header names "
                          f"{len(cands)} candidates")
    for i, cell in enumerate(cells):
        if cell and not (len(cell) == 1 and "0" <= cell <= "9" and int(cell) <= maximum):
            raise BallotError(path, no, _cell_col(line, i),
                              f"score {cell[:20]!r} for {cands[i]} is not a whole number from 0 "
                              f"to {maximum}")
    raise BallotError(path, no, 1, "ballot cannot be read")  # pragma: no cover - defensive


def read_ranks(raw: bytes, path: str) -> RankBallots:
    """Ranked ballots: ranks 1, 2, ... without gaps or repeats; blank = not ranked."""
    lines = _lines(raw, path)
    cands = _header(lines, path)
    n = len(cands)
    out: list[tuple[str, ...]] = []
    for no, line in enumerate(lines[1:], start=2):
        cells = line.split(",")
        if len(cells) != n:
            raise BallotError(path, no, 1, f"ballot has {len(cells)} cells; the header names "
                              f"{n} candidates")
        ranked: dict[int, str] = {}
        for i, cell in enumerate(cells):
            if cell == "":
                continue
            if not (cell.isascii() and cell.isdigit() and len(cell) <= 3 and 1 <= int(cell) <= n):
                raise BallotError(path, no, _cell_col(line, i),
                                  f"rank {cell[:20]!r} for {cands[i]} is not a whole number from "
                                  f"1 to {n}")
            r = int(cell)
            if r in ranked:
                raise BallotError(path, no, _cell_col(line, i),
                                  f"rank {r} is given to both {ranked[r]} and {cands[i]}")
            ranked[r] = cands[i]
        if sorted(ranked) != list(range(1, len(ranked) + 1)):
            missing = min(set(range(1, len(ranked) + 1)) - set(ranked))
            raise BallotError(path, no, 1, f"ranks skip {missing}; number preferences 1, 2, 3, "
                              "... without gaps")
        out.append(tuple(ranked[r] for r in sorted(ranked)))
    return RankBallots(cands, tuple(out))


def read_motion(raw: bytes, path: str) -> MotionBallots:
    """Motion ballots: ``date,vote`` (anonymous) or ``voter,date,vote`` (a council vote)."""
    lines = _lines(raw, path)
    header = lines[0].split(",")
    if header == ["date", "vote"]:
        named = False
    elif header == ["voter", "date", "vote"]:
        named = True
    else:
        raise BallotError(path, 1, 1, "header must be 'date,vote' (community vote) or "
                          "'voter,date,vote' (council vote)")
    votes: list[Vote] = []
    for no, line in enumerate(lines[1:], start=2):
        cells = line.split(",")
        if len(cells) != len(header):
            raise BallotError(path, no, 1, f"ballot has {len(cells)} cells; expected {len(header)}")
        voter = None
        if named:
            voter = cells.pop(0)
            if not is_login(voter):
                raise BallotError(path, no, 1, f"voter {voter[:40]!r} is not a login")
        date_text, vote = cells
        col_date = len(voter) + 2 if voter else 1
        try:
            if not _DATE.match(date_text):
                raise ValueError
            day = dt.date.fromisoformat(date_text)
        except ValueError:
            raise BallotError(path, no, col_date,
                              f"date {date_text[:20]!r} is not YYYY-MM-DD") from None
        if vote not in VOTES:
            raise BallotError(path, no, col_date + len(date_text) + 1,
                              f"vote {vote[:20]!r} is not yes, no or abstain")
        votes.append(Vote(no, day, vote, voter))
    return MotionBallots(tuple(votes), named)
