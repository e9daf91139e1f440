"""Governance history from git: who joined, left or moved to emeritus in which group, elections
certified, projects accepted or retired, each dated and linked to its commit.

The repository's first-parent history (the commits as they landed on the branch) is read back
``limit`` commits from HEAD, and each commit that touched governance data is compared with its
parent through the pull-request gate's semantic diff (:func:`charter.gate.events.diff`), so an
edit of layout or comments is no change here either. Everything comes from git objects: the same
history always gives the same page and feed, whenever it is built.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from charter import yamlio
from charter.errors import CharterError, YamlError
from charter.gate.events import Event, diff
from charter.gate.paths import Change as PathChange
from charter.gate.paths import changed, classify
from charter.load import load
from charter.model import State
from charter.tree import GitTree

DEFAULT_LIMIT = 200
_SEP = "\x1e"


@dataclass(frozen=True)
class Change:
    """One thing that happened, for a reader: ``who`` (a login, or None) ``verb`` ``target``.

    ``target`` names a group or record: ``core``, ``lead``, ``council``, ``ecosystem-wg``,
    ``community``, ``roster``, ``module:<slug>``, ``project:<slug>``, ``election:<id>`` or
    ``policy:<key>``. ``detail`` adds a few words ("cohort A, until 2028-06-15").
    """

    kind: str
    who: str | None
    verb: str
    target: str
    detail: str = ""


@dataclass(frozen=True)
class Commit:
    sha: str
    date: str  # YYYY-MM-DD, the committer date
    time: str  # the full committer timestamp (RFC 3339)
    summary: str
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class History:
    commits: tuple[Commit, ...]  # newest first; only commits with changes
    examined: int  # commits read back from HEAD
    limit: int
    reached_start: bool  # the first commit of the repository was among those read
    head: str | None = None

    def of(self, login: str) -> list[tuple[Commit, Change]]:
        low = login.lower()
        return [(c, x) for c in self.commits for x in c.changes
                if x.who is not None and x.who.lower() == low]


class _EmptyTree:
    """The tree before the first commit."""

    label = "(empty)"

    def files(self, folder: str) -> list[str]:
        return []

    def read(self, path: str) -> bytes:
        raise FileNotFoundError(path)

    def exists(self, path: str) -> bool:
        return False

    def size(self, path: str) -> int:
        raise FileNotFoundError(path)


def _git(root: Path, *args: str) -> str | None:
    try:
        proc = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False,
                              env={**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "LC_ALL": "C"})
    except FileNotFoundError:
        return None
    if proc.returncode != 0:
        return None
    return proc.stdout.decode("utf-8", "surrogateescape")


def revision(root: Path) -> str | None:
    """The commit the repository's HEAD points at, when ``root`` is the top of a git work tree."""
    top = _git(root, "rev-parse", "--show-toplevel")
    if top is None or Path(top.strip()).resolve() != root.resolve():
        return None
    head = _git(root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
    return head.strip() if head else None


def _log(root: Path, limit: int) -> list[tuple[str, str | None, str, str, list[str]]]:
    out = _git(root, "log", "--first-parent", "--diff-merges=first-parent", "--name-only",
               "-z", f"--format={_SEP}%H%x00%P%x00%cI%x00%s", f"--max-count={limit}", "HEAD")
    if out is None:
        raise CharterError(f"{root}: cannot read the git history (git log failed)")
    commits = []
    for chunk in out.split(_SEP)[1:]:
        fields = chunk.split("\0")
        sha, parents, when, subject = fields[:4]
        names = [f.strip("\n") for f in fields[4:] if f.strip("\n")]
        commits.append((sha, parents.split()[0] if parents.split() else None, when, subject,
                        names))
    return commits


def _shallow(root: Path) -> set[str]:
    """The commits where a shallow clone's history is cut (git lists them without parents)."""
    path = _git(root, "rev-parse", "--git-path", "shallow")
    if not path:
        return set()
    file = Path(path.strip())
    file = file if file.is_absolute() else root / file
    try:
        return set(file.read_text(encoding="ascii").split())
    except OSError:
        return set()


def _relevant(path: str) -> bool:
    return classify(path) in ("governance", "election")


def read_history(root: Path, limit: int = DEFAULT_LIMIT) -> History | None:
    """The history of the repository at ``root``, or None when it is not the top of a git work
    tree (a copy on disk has no history to tell)."""
    head = revision(root)
    if head is None or limit <= 0:
        return None
    log = _log(root, limit)
    states: dict[str, tuple[GitTree, State]] = {}

    def state(sha: str) -> tuple[GitTree, State]:
        if sha not in states:
            tree = GitTree(root, sha)
            states[sha] = (tree, load(tree)[0])
        return states[sha]

    commits: list[Commit] = []
    reached_start = False
    boundary = _shallow(root)
    for sha, parent, when, subject, names in log:
        if sha in boundary:
            break  # a shallow clone's last commit: its parent is not here to compare with
        if parent is None:
            reached_start = True
        if not any(map(_relevant, names)):
            continue
        head_tree, head_state = state(sha)
        if parent is None:
            base_tree: Any = _EmptyTree()
            base_state = load(base_tree)[0]
        else:
            base_tree, base_state = state(parent)
        changes = [c for c in changed(base_tree, head_tree) if _relevant(c.path)]
        events = diff(base_state, head_state, changes)
        found = _changes(events, base_state, head_state, changes, base_tree, head_tree)
        if found:
            commits.append(Commit(sha, when[:10], when, subject, tuple(found)))
    return History(tuple(commits), len(log), limit, reached_start, head)


# --- events to changes ----------------------------------------------------------------------

def _result(tree: Any, eid: str) -> dict[str, Any] | None:
    path = f"elections/{eid}/result.yaml"
    try:
        if not tree.exists(path) or tree.size(path) > yamlio.MAX_BYTES:
            return None
        data = yamlio.loads(tree.read(path))
    except (YamlError, OSError, UnicodeDecodeError):
        return None
    return data if isinstance(data, dict) else None


def _community(v: Any) -> tuple[bool, bool]:
    """(admitted, removed) of a member's community block."""
    d = v if isinstance(v, dict) else {}
    return bool(d), bool(d.get("removed"))


# Events told the same way every time: who (the event's subject), the words, the group.
_SIMPLE = {
    "member-added": ("joined", "roster"),
    "member-removed": ("left", "roster"),
    "module-maintainer-added": ("became a maintainer of", "module:{module}"),
    "module-maintainer-removed": ("stopped maintaining", "module:{module}"),
    "module-maintainer-emeritus": ("moved to emeritus in", "module:{module}"),
    "core-maintainer-added": ("became a core maintainer", "core"),
    "core-maintainer-removed": ("left the core maintainers", "core"),
    "core-maintainer-emeritus": ("moved to emeritus among the core maintainers", "core"),
    "council-seat-removed": ("left", "council"),
    "wg-member-added": ("joined", "ecosystem-wg"),
    "wg-member-removed": ("left", "ecosystem-wg"),
}


def _changes(events: list[Event], base: State, head: State, paths: list[PathChange],
             base_tree: Any, head_tree: Any) -> list[Change]:
    out: list[Change] = []
    add = out.append
    for e in events:
        k = e.kind
        if k in _SIMPLE:
            verb, target = _SIMPLE[k]
            add(Change(k, e.subject, verb, target.format(module=e.module)))
            if k == "member-added":
                m = head.member(e.subject)
                if m is not None and _community(m.community) == (True, False):
                    add(Change("member-community-changed", e.subject,
                               "became a voting member of", "community"))
        elif k == "member-community-changed":
            before, after = _community(e.before), _community(e.after)
            if after == (True, False) and before != after:
                add(Change(k, e.subject, "became a voting member of", "community"))
            elif after[1] and not before[1]:
                add(Change(k, e.subject, "was removed from", "community"))
        elif k in ("module-added", "module-removed"):
            word = "was created" if k == "module-added" else "was removed"
            add(Change(k, None, word, f"module:{e.subject}"))
            for login in e.data.get("maintainers", []):
                add(Change("module-maintainer-added", login, "became a maintainer of",
                           f"module:{e.subject}"))
        elif k == "lead-changed":
            if e.before:
                add(Change(k, str(e.before), "stepped down as lead core maintainer", "lead"))
            if e.after:
                add(Change(k, str(e.after), "became the lead core maintainer", "lead"))
        elif k == "council-seat-added":
            _start, end, cohort = e.data.get("term", (None, None, None))
            add(Change(k, e.subject, "took a seat on", "council",
                       f"cohort {cohort}, until {end}" if end else ""))
        elif k == "project-added":
            listed = e.after in ("active", "retired")
            add(Change(k, None, "was listed in the ecosystem" if listed else
                       "applied to join the ecosystem", f"project:{e.subject}"))
        elif k == "project-status-changed":
            verb = {"accepted": "was accepted into the ecosystem",
                    "active": "was accepted into the ecosystem",
                    "retired": "was retired from the ecosystem",
                    "declined": "was declined"}.get(str(e.after))
            if e.before == "accepted" and e.after == "active":
                verb = None  # listed after its acceptance: already told
            if verb:
                add(Change(k, None, verb, f"project:{e.subject}"))
        elif k == "project-removed":
            add(Change(k, None, "was removed from the ecosystem records",
                       f"project:{e.subject}"))
        elif k == "election-changed":
            old, new = _result(base_tree, e.subject), _result(head_tree, e.subject)
            if new and new.get("certified") is True and not (old and old.get("certified")):
                add(Change("election-certified", None, "was certified",
                           f"election:{e.subject}"))
            elif not base_tree.exists(f"elections/{e.subject}/election.yaml") and \
                    head_tree.exists(f"elections/{e.subject}/election.yaml"):
                add(Change("election-opened", None, "was recorded", f"election:{e.subject}"))
        elif k == "policy-changed":
            add(Change(k, None, "changed", f"policy:{e.subject}",
                       f"from {_show(e.before)} to {_show(e.after)}"))
    if "core.yaml" in head.files and "core.yaml" not in base.files:
        # the core maintainers' file appears (the repository's start): its people join
        if head.core.lead:
            add(Change("lead-changed", head.core.lead, "became the lead core maintainer",
                       "lead"))
        for login in head.core.maintainers:
            add(Change("core-maintainer-added", login, "became a core maintainer", "core"))
    return out


def _show(v: Any) -> str:
    if v is None:
        return "(not set)"
    if isinstance(v, list | tuple):
        return ", ".join(str(x) for x in v) or "(none)"
    return str(v)

