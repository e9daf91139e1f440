"""``charter init``: a new governance repository from a preset, passing ``charter check`` at once.

Everything is rendered and checked in a staging folder inside the target first (the data, the
generated CODEOWNERS, every rule); only then are the files moved into place. Nothing is ever
overwritten: a target that already holds any of the files, or governance data, is refused.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from charter.errors import CharterError, UsageError

_REPOSITORY = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}/"
                         r"(?!\.\.?$)[A-Za-z0-9._-]{1,100}")
_REF = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,99}")
# what makes a folder a governance repository already
_DATA = ("policy.yaml", "core.yaml", "council.yaml", "ecosystem-wg.yaml", "members", "modules",
         "ecosystem", "elections")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    import textwrap

    from charter import release
    from charter.adopt.presets import PRESETS

    presets = "\n".join(textwrap.fill(f"{p.name}: {p.summary}.", 78, initial_indent="  ",
                                       subsequent_indent="    ") for p in PRESETS.values())
    p = sub.add_parser(
        "init", help="start a governance repository from a preset",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=textwrap.fill(
            "Write a new governance repository: policy, people, the preset's groups, README, "
            ".gitignore, pull-request template, pre-commit hooks and the workflows that call "
            "charter's reusable workflows, all pinned to this release of charter. The result "
            "passes `charter check` at once.", 80) + "\n\npresets:\n" + presets)
    p.add_argument("dir", nargs="?", default=".", metavar="DIR",
                   help="the repository's folder (default: the current directory; made if it "
                   "does not exist)")
    p.add_argument("--preset", required=True, choices=sorted(PRESETS),
                   help="the organisation's shape")
    p.add_argument("--org", required=True, metavar="GITHUB-ORG",
                   help="the GitHub organisation")
    p.add_argument("--name", metavar="NAME", help="the organisation's name (default: GITHUB-ORG)")
    p.add_argument("--maintainer", action="append", default=[], metavar="LOGIN[=NAME]",
                   help="a founding core maintainer, e.g. 'ada=Ada Lovelace' (repeatable; "
                   "default: git config github.user)")
    p.add_argument("--lead", metavar="LOGIN",
                   help="with a preset that has a lead: who (default: the first maintainer)")
    p.add_argument("--repository", metavar="OWNER/NAME",
                   help="this governance repository on GitHub (default: GITHUB-ORG/governance)")
    p.add_argument("--core-repository", metavar="OWNER/NAME",
                   help="with a preset that has modules: the core repository whose paths they "
                   "own (default: GITHUB-ORG/GITHUB-ORG)")
    p.add_argument("--branch", default="main", metavar="NAME",
                   help="the default branch (default: main)")
    p.add_argument("--charter-repository", default=release.REPOSITORY, metavar="OWNER/NAME",
                   help=f"where charter is published (default: {release.REPOSITORY})")
    p.add_argument("--charter-ref", metavar="REF",
                   help=f"the charter release every workflow and hook pins: a tag (default: "
                   f"{release.tag()}, this release) or a full commit SHA")
    p.set_defaults(func=run)


def _maintainers(values: list[str], cwd: Path) -> tuple[tuple[str, str], ...]:
    from charter.model import is_login

    if not values:
        found = _git_config(cwd, "github.user")
        if not found:
            raise UsageError("name the founding core maintainers: --maintainer LOGIN (repeatable;"
                             " LOGIN=NAME gives their name too)")
        values = [found]
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for value in values:
        login, _, name = value.partition("=")
        login, name = login.strip().lstrip("@"), name.strip()
        if not is_login(login):
            raise UsageError(f"--maintainer {value!r}: {login!r} is not a GitHub login")
        if login.lower() in seen:
            raise UsageError(f"--maintainer {login}: given twice")
        if "=" in value and not name:
            raise UsageError(f"--maintainer {value!r}: give the name after '=', or leave '=' out")
        seen.add(login.lower())
        out.append((login, name or login))
    return tuple(out)


def _git_config(cwd: Path, key: str) -> str:
    try:
        proc = subprocess.run(["git", "config", "--get", key], cwd=cwd if cwd.is_dir() else None,
                              capture_output=True, text=True, check=False)
    except OSError:
        return ""
    return proc.stdout.strip()


def options(args: argparse.Namespace, target: Path) -> object:
    """The checked options of the command line (a :class:`charter.adopt.render.Options`)."""
    from charter.adopt.presets import PRESETS
    from charter.adopt.render import Options
    from charter.model import is_login

    preset = PRESETS[args.preset]
    if not is_login(args.org):
        raise UsageError(f"--org {args.org!r}: not a GitHub organisation name")
    people = _maintainers(args.maintainer, target)
    if args.lead and not preset.lead:
        raise UsageError(f"--lead: the {preset.name} preset has no lead")
    if args.lead and args.lead.lower() not in {login.lower() for login, _ in people}:
        raise UsageError(f"--lead {args.lead}: the lead is one of the core maintainers; add "
                         f"--maintainer {args.lead}")
    if args.core_repository and not preset.modules:
        raise UsageError(f"--core-repository: the {preset.name} preset has no modules")
    for flag, value in (("--repository", args.repository),
                        ("--core-repository", args.core_repository),
                        ("--charter-repository", args.charter_repository)):
        if value and not _REPOSITORY.fullmatch(value):
            raise UsageError(f"{flag} {value!r}: give OWNER/NAME")
    for flag, value in (("--charter-ref", args.charter_ref), ("--branch", args.branch)):
        if value is not None and (not _REF.fullmatch(value) or ".." in value):
            raise UsageError(f"{flag} {value!r}: not a git tag, branch or commit name")
    lead = next((login for login, _ in people if args.lead and login.lower() == args.lead.lower()),
                None)
    return Options(
        preset=preset.name, org=args.org, maintainers=people, name=(args.name or "").strip(),
        lead=lead, repository=args.repository or "", core_repository=args.core_repository or "",
        charter_repository=args.charter_repository, charter_ref=args.charter_ref or "",
        branch=args.branch,
    ).complete()


def _refuse_existing(target: Path, paths: list[str]) -> None:
    there = [p for p in _DATA if os.path.lexists(target / p)]
    if there:
        raise CharterError(f"{target} already holds governance data ({', '.join(there)}); "
                           "charter init starts a new repository: run it in an empty one")
    clash = [p for p in paths if os.path.lexists(target / p)]
    if clash:
        more = f" and {len(clash) - 5} more" if len(clash) > 5 else ""
        raise CharterError(f"{target}: {', '.join(clash[:5])}{more} already exist; charter init "
                           "never overwrites a file: move them away, or run it in an empty "
                           "repository")


def _verify(staging: Path) -> list[str]:
    """Write the generated CODEOWNERS into ``staging`` and check it as `charter check` does:
    the generated paths, after every error has been ruled out."""
    from charter import codeowners
    from charter.commands._common import load_checked
    from charter.commands.check import everything
    from charter.rules.settings import configure
    from charter.tree import FsTree

    state, _ = load_checked(staging)
    generated = codeowners.write(staging, state)
    state, findings = everything(staging, FsTree(staging))
    errors = [f for f in configure(findings, state.policy.values.get("rules"))
              if f.severity.value == "error"]
    if errors:  # a defect of the preset, never of the user's input
        first = errors[0]
        raise CharterError(f"the {state.policy.organisation.get('github')} repository would not "
                           f"pass charter check ({first.path}:{first.line}: {first.rule} "
                           f"{first.message}); nothing was written")
    return generated


def _move_in(staging: Path, target: Path, paths: list[str]) -> None:
    """Move every file from ``staging`` into ``target``; on any failure, take back what moved."""
    moved: list[Path] = []
    try:
        for rel in paths:
            dest = target / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            if os.path.lexists(dest):  # appeared since we looked: never overwrite
                raise CharterError(f"{rel} appeared while charter init ran; nothing was written")
            os.replace(staging / rel, dest)
            moved.append(dest)
    except BaseException:
        for dest in moved:
            dest.unlink(missing_ok=True)
        raise


def run(args: argparse.Namespace) -> int:
    from charter.adopt.presets import PRESETS
    from charter.adopt.render import render
    from charter.fsutil import atomic_write

    target = Path(args.dir)
    if target.exists() and not target.is_dir():
        raise UsageError(f"{args.dir}: not a folder")
    opts = options(args, target)
    files = render(opts)  # type: ignore[arg-type]
    _refuse_existing(target, [*files, ".github/CODEOWNERS", "generated/core/CODEOWNERS"])
    target.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".charter-init-", dir=target))
    try:
        for rel, text in files.items():
            atomic_write(staging / rel, text.encode("utf-8"))
        generated = _verify(staging)
        written = sorted([*files, *generated])
        _move_in(staging, target, written)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    preset = PRESETS[opts.preset]  # type: ignore[attr-defined]
    where = "this folder" if target.resolve() == Path.cwd().resolve() else str(target)
    print(f"charter init: a {preset.title} governance repository for {opts.org} "  # type: ignore[attr-defined]
          f"in {where}, {len(written)} files:")
    for rel in written:
        print(f"  {rel}")
    print("next: charter check; commit everything; push to GitHub and turn on branch protection "
          "(README.md, 'Set up once on GitHub')")
    if not (target / ".git").exists() and _git_config(target, "core.bare") == "":
        print(f"note: {where} is not a git repository yet: run git init there (charter pr-check "
              "and the workflows read git history)", file=sys.stderr)
    return 0
