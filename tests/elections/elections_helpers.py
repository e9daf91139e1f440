"""Building election records for tests: real files in a temporary governance repository."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

import yaml

from charter.elections.ballots import ScoreBallots
from charter.policy import Policy

REPO = Path(__file__).resolve().parents[2]


def policy(**council: Any) -> Policy:
    return Policy.from_data({"council": council} if council else {})


def ordered(names: list[str]) -> ScoreBallots:
    """Ballots whose Bloc STAR finishing order is ``names``: ballot k gives 5 stars to the first
    k+1 names and 0 to the rest, so each name beats every later one on total and head to head."""
    ballots = [{c: (5 if i <= k else 0) for i, c in enumerate(names)} for k in range(len(names))]
    return ScoreBallots.from_dicts(names, ballots)


def csv_of(cands: list[str], rows: list[tuple[int, ...]]) -> str:
    return ",".join(cands) + "\n" + "".join(",".join(map(str, r)) + "\n" for r in rows)


def governance_repo(tmp: Path) -> Path:
    """A copy of the shipped governance data (not other teams' generated files)."""
    for name in ("policy.yaml", "core.yaml", "council.yaml"):
        shutil.copy(REPO / name, tmp / name)
    shutil.copytree(REPO / "members", tmp / "members")
    shutil.copytree(REPO / "elections", tmp / "elections")
    return tmp


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def write_record(root: Path, eid: str, definition: dict[str, Any], ballots: str,
                 *, sha: str | None = None) -> Path:
    d = root / "elections" / eid
    d.mkdir(parents=True, exist_ok=True)
    raw = ballots.encode("utf-8")
    (d / "ballots.csv").write_bytes(raw)
    data = {**definition, "ballots_sha256": sha or hashlib.sha256(raw).hexdigest()}
    text = yaml.dump(data, Dumper=_NoAliases, sort_keys=False)
    (d / "election.yaml").write_text(text, encoding="utf-8")
    return d


def community_of(root: Path, day: str) -> list[str]:
    """The electorate of a community vote opening on ``day``, from ``root``'s member files."""
    from charter.elections import day as day_mod
    from charter.load import load
    from charter.tree import FsTree

    state, _ = load(FsTree(root))
    return list(day_mod.community(state, day).voters)


def affiliations_of(root: Path, login: str) -> list[dict[str, str]]:
    """``login``'s affiliations as their member file gives them (what a record declares)."""
    data = yaml.safe_load((root / "members" / f"{login}.yaml").read_text(encoding="utf-8"))
    return [{"entity": a["entity"], "role": a["role"]} for a in data.get("affiliations") or ()]
