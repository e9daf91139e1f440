"""Where governance files are read from: a directory on disk, or a commit of a git repository.

The pull-request gate reads the base and the head of a pull request straight from git objects
(``GitTree``), so nothing from the head is ever checked out, executed or imported.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from charter.errors import CharterError, UsageError


class Tree(Protocol):
    """A read-only view of a repository's files, addressed by ``/``-separated relative paths."""

    label: str

    def files(self, folder: str) -> list[str]:
        """Every file path directly or indirectly under ``folder`` ("" for all), sorted."""

    def read(self, path: str) -> bytes:
        """The file's bytes; ``FileNotFoundError`` when it does not exist."""

    def exists(self, path: str) -> bool: ...

    def size(self, path: str) -> int: ...


_NOT_REGULAR = "not a regular file (symbolic links, devices and pipes are never read)"


class FsTree:
    """A directory on disk."""

    def __init__(self, root: str | os.PathLike[str]):
        self.root = Path(root).resolve()
        self.label = str(self.root)
        self._root = str(self.root)
        if not self.root.is_dir():
            raise CharterError(f"{root}: not a directory")

    def files(self, folder: str) -> list[str]:
        base = self.root / folder if folder else self.root
        if not base.is_dir():
            return []
        out: list[str] = []
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames[:] = sorted(d for d in dirnames if d != ".git")
            rel = os.path.relpath(dirpath, self.root)
            prefix = "" if rel == "." else rel.replace(os.sep, "/") + "/"
            out.extend(prefix + f for f in filenames)
        return sorted(out)

    def read(self, path: str) -> bytes:
        # O_NOFOLLOW and O_NONBLOCK: a symbolic link or a named pipe can neither redirect the
        # read outside the repository nor block it; only a regular file is read.
        fd = os.open(os.path.join(self._root, path),
                     os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise OSError(errno.EINVAL, _NOT_REGULAR)
            return fh.read()

    def exists(self, path: str) -> bool:
        return os.path.isfile(os.path.join(self._root, path))

    def size(self, path: str) -> int:
        st = os.lstat(os.path.join(self._root, path))
        if not stat.S_ISREG(st.st_mode):  # as GitTree, which never follows a symbolic link
            raise OSError(errno.EINVAL, _NOT_REGULAR)
        return st.st_size


class MemoryTree:
    """Files held in memory (path -> bytes): an example, or a change judged before it is
    written."""

    def __init__(self, files: dict[str, bytes], label: str):
        self._files = files
        self.label = label

    def files(self, folder: str) -> list[str]:
        prefix = folder.rstrip("/") + "/" if folder else ""
        return sorted(p for p in self._files if p.startswith(prefix))

    def read(self, path: str) -> bytes:
        if path not in self._files:
            raise FileNotFoundError(path)
        return self._files[path]

    def exists(self, path: str) -> bool:
        return path in self._files

    def size(self, path: str) -> int:
        return len(self.read(path))


class GitTree:
    """One commit of a git repository, read with ``git ls-tree`` and ``git cat-file --batch``."""

    def __init__(self, repo: str | os.PathLike[str], rev: str):
        self.repo = Path(repo)
        self.rev = rev
        commit = git(self.repo, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
        self.commit = commit.decode().strip()
        self.label = f"{rev} ({self.commit[:12]})"
        listing = git(self.repo, "ls-tree", "-r", "-l", "-z", "--full-tree", self.commit)
        self._entries: dict[str, tuple[str, int]] = {}
        for item in listing.split(b"\0"):
            if not item:
                continue
            meta, _, name = item.partition(b"\t")
            mode, kind, sha, size = meta.split()
            if kind != b"blob" or mode == b"120000":  # symlinks are never followed
                continue
            self._entries[name.decode("utf-8", "surrogateescape")] = (
                sha.decode(),
                int(size) if size != b"-" else 0,
            )
        self._cache: dict[str, bytes] = {}

    def files(self, folder: str) -> list[str]:
        prefix = folder.rstrip("/") + "/" if folder else ""
        return sorted(p for p in self._entries if p.startswith(prefix))

    def exists(self, path: str) -> bool:
        return path in self._entries

    def size(self, path: str) -> int:
        if path not in self._entries:
            raise FileNotFoundError(path)
        return self._entries[path][1]

    def read(self, path: str) -> bytes:
        if path not in self._entries:
            raise FileNotFoundError(path)
        if path not in self._cache:
            self.prefetch([path])
        return self._cache[path]

    def prefetch(self, paths: list[str]) -> None:
        """Read many blobs in one ``git cat-file --batch`` process."""
        wanted = [p for p in paths if p in self._entries and p not in self._cache]
        if not wanted:
            return
        request = "".join(self._entries[p][0] + "\n" for p in wanted).encode()
        out = git(self.repo, "cat-file", "--batch", stdin=request)
        pos = 0
        for p in wanted:
            header_end = out.index(b"\n", pos)
            _sha, _kind, size = out[pos:header_end].split()
            start = header_end + 1
            end = start + int(size)
            self._cache[p] = out[start:end]
            pos = end + 1


def git(repo: Path, *args: str, stdin: bytes | None = None) -> bytes:
    """The output of ``git -C repo ARGS`` (no system config, C locale); a failure is a
    one-line :class:`CharterError` carrying git's own message."""
    import subprocess  # here, not at the top: the pre-commit hook reads no revision

    try:
        proc = subprocess.run(
            ["git", "-C", str(repo), *args],
            input=stdin,
            capture_output=True,
            check=False,
            env={**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "LC_ALL": "C"},
        )
    except FileNotFoundError as exc:  # pragma: no cover - git missing
        raise CharterError("git is not installed; charter needs it to read revisions") from exc
    if proc.returncode != 0:
        msg = proc.stderr.decode(errors="replace").strip() or f"git {' '.join(args)} failed"
        if "not a git repository" in msg:
            # where charter was pointed is wrong, not the data: a usage error (exit 2)
            raise UsageError(f"{repo}: not a git repository; run charter in a clone or pass "
                             "--repo")
        elif args[:1] == ("rev-parse",):
            msg = f"{repo}: no such revision {args[-1].removesuffix('^{commit}')!r}"
        raise CharterError(msg)
    return proc.stdout


def iter_yaml(tree: Tree, folder: str) -> Iterator[str]:
    """The ``.yaml`` files of ``folder`` (one level only)."""
    prefix = folder.rstrip("/") + "/"
    for p in tree.files(folder):
        rest = p[len(prefix) :]
        if "/" not in rest and (rest.endswith(".yaml") or rest.endswith(".yml")):
            yield p
