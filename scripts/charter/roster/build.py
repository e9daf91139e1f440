"""Build the roster: render every file in memory, then swap the finished directory into place."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from charter import yamlio
from charter.errors import CharterError, YamlError
from charter.model import State
from charter.roster.api import render_api
from charter.roster.api_v2 import render_api_v2
from charter.roster.history import History
from charter.roster.model import build_model
from charter.roster.site import render_site
from charter.roster.view import GENERATED_BY, build_view
from charter.tree import Tree

# Where `charter election tally` records a count, beside the election's definition.
RESULT_FILES = ("result.yaml",)


def read_results(tree: Tree, state: State) -> dict[str, Any]:
    """The result file of each election that has one, read with the safe YAML loader.

    A result that cannot be read is left out (the election shows no result yet): ``charter
    check`` is where a broken file is reported, not the roster.
    """
    out: dict[str, Any] = {}
    for eid in sorted(state.elections):
        for name in RESULT_FILES:
            path = f"elections/{eid}/{name}"
            if not tree.exists(path) or tree.size(path) > yamlio.MAX_BYTES:
                continue
            try:
                data = yamlio.loads(tree.read(path))
            except (YamlError, OSError, UnicodeDecodeError):
                continue
            if isinstance(data, dict):
                out[eid] = data
                break
    return out


def build_files(state: State, results: dict[str, Any] | None = None,
                history: History | None = None, revision: str | None = None
                ) -> dict[str, bytes]:
    """Every file of the site (HTML, feed, stylesheet, script, JSON API v1 and v2) by its
    relative path. ``history`` is the governance history read from git (or None), ``revision``
    the commit the data was read from (or None)."""
    view = build_view(state, results)
    model = build_model(state, results, history, revision)
    files = render_site(view, model)
    files.update(render_api(view))
    files.update(render_api_v2(state, view, model))
    return dict(sorted(files.items()))


def _is_previous_build(out: Path) -> bool:
    """An existing --out may be replaced only when it is empty or a roster this command built."""
    if not any(out.iterdir()):
        return True
    index = out / "v1" / "index.json"
    try:
        return json.loads(index.read_text(encoding="utf-8")).get("generated_by") == GENERATED_BY
    except (OSError, ValueError, AttributeError):
        return False


def write_site(files: dict[str, bytes], out: Path) -> None:
    """Write ``files`` into a fresh directory beside ``out``, then swap it in for ``out``."""
    out = Path(os.path.abspath(out))
    if out.exists():
        if not out.is_dir():
            raise CharterError(f"{out}: exists and is not a directory")
        if not _is_previous_build(out):
            raise CharterError(
                f"{out}: not empty and not a roster built by `{GENERATED_BY}`; refusing to "
                "replace it (choose an empty or new directory)"
            )
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    old: Path | None = None
    try:
        made: set[Path] = {tmp}
        for rel, data in files.items():
            target = tmp / rel
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            with open(target, "wb") as fh:
                fh.write(data)
        os.chmod(tmp, 0o755)
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".old", dir=out.parent))
            os.replace(out, old / "site")
            try:
                os.replace(tmp, out)
            except BaseException:
                os.replace(old / "site", out)
                raise
        else:
            os.replace(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
