"""One editing command from start to end: read the repository, change files in memory, check the
result as ``charter check`` would, write it atomically, and say what the pull request will need.

Every command that edits governance data (``member``, ``module``, ``core``, ``wg``, ``council``,
``election new``...) goes through :class:`Edit`:

* files are changed through :mod:`charter.roundtrip`, so only the lines an edit must touch
  change and comments, quoting and layout stay;
* before anything is written, the whole repository is checked with the edit applied in memory
  (validation, generated files, election records): an edit that adds an error is refused and
  nothing is written;
* generated CODEOWNERS files that were in sync are kept in sync;
* with ``--dry-run`` the unified diff is printed instead of written;
* at the end the gate's own code (:mod:`charter.gate.preview`) says which rule the change falls
  under and who must approve it.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from charter import codeowners, roundtrip
from charter.commands._common import add_repo, repo_root
from charter.errors import CharterError
from charter.findings import Finding, Severity, normalise
from charter.fsutil import atomic_write
from charter.model import State
from charter.tree import FsTree, Tree

# problems that leave data out of the state; the generated files are not judged then
_BLOCKING = ("YAML", "SCHEMA", "INT-READ", "INT-MISSING-FILE")


def add_edit_options(p: argparse.ArgumentParser) -> None:
    """``--repo``, ``--dry-run`` and ``--format`` for an editing command."""
    add_repo(p)
    p.add_argument("--dry-run", action="store_true",
                   help="print the change as a unified diff and what it will need; write nothing")
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="text, or one JSON document: the files written and the requirements, "
                   "as charter pr-check --format json gives them")
    p.add_argument("--author", metavar="LOGIN",
                   help="who will open the pull request, when it matters: a person's own "
                   "consent (stepping down, resigning) is given by opening it")


class Edit:
    """The repository as it is (``state``) and the files an edit changes (in memory)."""

    def __init__(self, args: argparse.Namespace):
        from charter import rules
        from charter.commands.check import extra_checks
        from charter.load import load

        self.args = args
        self.root: Path = repo_root(args)
        self.tree = FsTree(self.root)
        self.state: State
        self.state, loaded = load(self.tree)
        self.loaded: list[Finding] = list(loaded)  # the loader's (the gate's base_findings)
        self.before = [*loaded, *rules.run(self.state)]
        self.before += extra_checks(self.tree, self.state, self.before)
        self.docs: dict[str, roundtrip.Document] = {}
        self.files: dict[str, bytes | None] = {}  # created, replaced or (None) deleted
        self.notes: list[str] = []

    # --- reading and changing files ---------------------------------------------------------
    def doc(self, rel: str) -> roundtrip.Document:
        """``rel`` held for editing; the same document on every call."""
        if rel not in self.docs:
            if rel in self.files:
                raise CharterError(f"{rel} is written whole by this edit")  # pragma: no cover
            broken = [f for f in self.before if f.path == rel
                      and f.rule.startswith(("YAML", "SCHEMA", "INT-READ"))]
            if broken:
                raise CharterError(f"{rel} has errors, so it cannot be edited safely; see: "
                                   f"charter validate {rel}")
            try:
                raw = self.tree.read(rel)
            except FileNotFoundError:
                raise CharterError(f"{rel} does not exist") from None
            self.docs[rel] = roundtrip.Document(raw, rel)
        return self.docs[rel]

    def write(self, rel: str, data: bytes) -> None:
        """Create (or replace whole) ``rel``."""
        self.files[rel] = data

    def delete(self, rel: str) -> None:
        self.docs.pop(rel, None)
        self.files[rel] = None

    def note(self, text: str) -> None:
        """A line printed after the change (what the edit did besides the obvious)."""
        self.notes.append(text)

    def changes(self) -> dict[str, bytes | None]:
        out: dict[str, bytes | None] = dict(self.files)
        for rel, doc in self.docs.items():
            data = doc.dumps()
            if data != doc.raw:
                out[rel] = data
        return out

    # --- finishing ----------------------------------------------------------------------------
    def finish(self, *, author: str | None = None,
               allow: Callable[[Finding], bool] | None = None) -> int:
        """Check, write (or show), and print what the pull request will need. ``allow`` lets
        through new errors that are the expected next step (a tie a count stops at is
        resolved only once the ballots are committed)."""
        from charter.commands.check import everything
        from charter.gate import preview
        from charter.gate.preview import overlay
        from charter.load import load

        changes = self.changes()
        if not changes:
            raise CharterError("nothing to change: the data already says so")
        self._refuse_unreadable_folders(changes)
        edited = overlay(self.tree, changes)
        head, _ = load(edited)
        for rel in self._codeowners_in_sync():
            text = codeowners.outputs(head)[rel]
            if rel not in changes and codeowners.read_current(self.root, rel) != text:
                changes[rel] = text.encode("utf-8")
        for rel, text in self._pages_in_sync(edited, head).items():
            if rel not in changes:
                changes[rel] = text.encode("utf-8")
        edited = overlay(self.tree, changes)
        _, after = everything(self.root, edited)
        self._refuse_new_errors([f for f in after if allow is None or not allow(f)])
        author = author or getattr(self.args, "author", None)
        report = preview.needs(self.root, (self.state, self.loaded), changes, author=author)
        dry = bool(getattr(self.args, "dry_run", False))
        if dry:
            diff = self._diff(changes)
        else:
            for rel, data in changes.items():
                if data is None:
                    (self.root / rel).unlink(missing_ok=True)
                else:
                    atomic_write(self.root / rel, data)
        if getattr(self.args, "format", "text") == "json":
            out: dict[str, Any] = {"dry_run": dry, "files": sorted(changes),
                                   "notes": self.notes,
                                   "requirements": preview.as_dicts(report)}
            if dry:
                out["diff"] = diff
            json.dump(out, sys.stdout, indent=2, ensure_ascii=False, default=str)
            sys.stdout.write("\n")
            return 0
        if dry:
            sys.stdout.write(diff)
            print(f"dry run: nothing written ({len(changes)} file(s) would change)")
        else:
            for rel, data in changes.items():
                print(f"{'removed' if data is None else 'wrote'} {rel}")
        for line in self.notes:
            print(line)
        print("\n".join(preview.lines(report)))
        return 0

    def _codeowners_in_sync(self) -> list[str]:
        """The generated CODEOWNERS files that match the data before the edit: the edit keeps
        them so (one edited by hand is left alone, for ``charter codeowners``)."""
        if any(f.rule.startswith(_BLOCKING) for f in self.before):
            return []
        try:
            wanted = codeowners.outputs(self.state)
            return [rel for rel, text in wanted.items()
                    if codeowners.read_current(self.root, rel) == text]
        except CharterError:
            return []

    def _pages_in_sync(self, edited: Tree, head: State) -> dict[str, str]:
        """The published pages (``output:`` of a page layout) that match the data before the
        edit, as the edited data renders them: the edit keeps them in sync."""
        from charter.exporters import check as pages

        if any(f.rule.startswith(_BLOCKING) for f in self.before):
            return {}
        before = pages.outputs(self.tree, self.state)
        after = pages.outputs(edited, head)
        return {rel: text for rel, text in after.items()
                if rel in before and codeowners.current_text(self.tree, rel) == before[rel]
                and text != before[rel]}

    def _refuse_unreadable_folders(self, changes: dict[str, bytes | None]) -> None:
        """A folder charter cannot read as a real folder (a symbolic link, no permission):
        writing into it could land outside the repository or beside files nobody checked."""
        for f in self.loaded:
            folder = f.path.rstrip("/")
            if f.rule == "INT-READ" and any(rel.startswith(folder + "/") for rel in changes):
                raise CharterError(f"{f.path}: {f.message}; nothing written")

    def _refuse_new_errors(self, after: list[Finding]) -> None:
        def key(f: Finding) -> tuple[str, str, str]:
            return (f.path, f.rule, f.message)

        old = {key(f) for f in self.before}
        new = [f for f in normalise(after) if f.severity is Severity.ERROR and key(f) not in old]
        if new:
            shown = "\n".join(f"  {f.path}:{f.line}:{f.col}: {f.rule} {f.message}"
                              for f in new[:20])
            more = f"\n  ... and {len(new) - 20} more" if len(new) > 20 else ""
            raise CharterError(f"the edit would make the repository invalid; nothing written:\n"
                               f"{shown}{more}")

    def _diff(self, changes: dict[str, bytes | None]) -> str:
        out = []
        for rel, data in sorted(changes.items()):
            old = self.tree.read(rel).decode("utf-8", "replace") if self.tree.exists(rel) else ""
            new = "" if data is None else data.decode("utf-8", "replace")
            out += difflib.unified_diff(old.splitlines(keepends=True),
                                        new.splitlines(keepends=True),
                                        f"a/{rel}" if old else "/dev/null",
                                        f"b/{rel}" if data is not None else "/dev/null")
        return "".join(x if x.endswith("\n") else x + "\n" for x in out)
