"""Election and vote records as the gate sees them: which ones are certified on the base branch
(and so may take effect), and whether a record a pull request certifies recounts, by the base's
own code, to the result it commits.

A record takes effect (admits a member, fills or empties a seat, elects a lead, amends a rule)
only once it is certified *on the base branch*: its ``election.yaml`` is valid and its committed
``result.yaml`` says ``certified: true``. Certifying is a pull request of its own, approved by the
returning officer the base names; a record added or changed in the same pull request as its
effect is never its cause.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from charter import yamlio
from charter.elections import day
from charter.elections.check import expected_council
from charter.elections.record import Count, Record, count, read_record, rule_of
from charter.errors import YamlError
from charter.model import Resignation, State
from charter.tree import Tree


@dataclass(frozen=True)
class Certified:
    """The records certified in one tree: id -> (definition, committed result)."""

    definitions: dict[str, dict[str, Any]]
    results: dict[str, dict[str, Any]]
    # certified records whose electorate is not the electorate of their day, by the same tree's
    # files (charter.elections.day): kept as records, but they decide nothing
    invalid: frozenset[str] = frozenset()

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(self.results)

    def counts(self) -> list[Count]:
        """The certified records that decide something, as counts (their committed results, not
        recounted: each was recounted by the gate when it was certified, and by ``charter
        check`` since); a record voted by another electorate than its day's is left out."""
        return [Count(Record(eid, self.definitions[eid], None), rule_of(self.definitions[eid]),
                      result=self.results[eid]) for eid in sorted(self.results)
                if eid not in self.invalid]

    def council(self, resigned: tuple[Resignation, ...] = ()) -> dict[str, dict[str, Any]]:
        """The seats the certified records give, by lower-case login (PC-ELECTION replay),
        less those whose members ``resigned``."""
        seats, _ = expected_council(self.counts(), resigned=resigned)
        return seats


def read_result(tree: Tree, ident: str) -> tuple[bytes | None, Any]:
    """``elections/<ident>/result.yaml`` as bytes and parsed (None when absent or unreadable)."""
    path = f"elections/{ident}/result.yaml"
    if not tree.exists(path):
        return None, None
    try:
        raw = tree.read(path)
    except OSError:
        return None, None
    try:
        return raw, yamlio.loads(raw)
    except YamlError:
        return raw, None


def certified(tree: Tree, state: State) -> Certified:
    """Every record of ``state`` whose committed result in ``tree`` is certified."""
    defs: dict[str, dict[str, Any]] = {}
    results: dict[str, dict[str, Any]] = {}
    invalid: set[str] = set()
    for ident, data in sorted(state.elections.items()):
        _raw, result = read_result(tree, ident)
        if isinstance(data, dict) and isinstance(result, dict) and result.get("certified") is True:
            defs[ident] = data
            results[ident] = result
            e = day.of_record(state, data)
            if e is not None and day.problems(state, e, data):
                invalid.add(ident)
    return Certified(defs, results, frozenset(invalid))


@dataclass(frozen=True)
class Recount:
    """A head record recounted by the base's code."""

    ident: str
    definition: dict[str, Any] | None  # head election.yaml (None: missing or invalid)
    committed: bytes | None  # head result.yaml bytes
    result: Any  # head result.yaml parsed
    rendered: str | None  # what the base's code renders from the head's files
    problems: tuple[str, ...]  # why it cannot be counted (errors of the count)

    @property
    def certifies(self) -> bool:
        """The head commits a result that says it is certified."""
        return isinstance(self.result, dict) and self.result.get("certified") is True

    @property
    def matches(self) -> bool:
        return (self.rendered is not None and self.committed is not None
                and self.committed == self.rendered.encode("utf-8") and not self.problems)


def recount(head_tree: Tree, head: State, base: State, ident: str, *,
            certifying: bool) -> Recount:
    """Recount ``elections/<ident>`` from the head's files with the base's code and policy,
    against the base's members, core maintainers and council (the electorate of the record's
    day, its returning officer, its candidates' affiliations: charter.elections.day and
    charter.elections.declared). A record being certified (not certified on the base yet) is
    held to all of it; a correction of a certified one to what the base's files still prove."""
    committed, parsed = read_result(head_tree, ident)
    data = head.elections.get(ident)
    if not isinstance(data, dict):
        return Recount(ident, None, committed, parsed, None,
                       (f"elections/{ident}/election.yaml is missing or not valid",))
    c = count(read_record(head_tree, ident, data), base.policy, base, certifying=certifying)
    problems = tuple(p.message for p in c.errors)
    if c.result is None:
        return Recount(ident, data, committed, parsed, None,
                       problems or (f"elections/{ident} cannot be counted",))
    return Recount(ident, data, committed, parsed, c.render(), problems)
