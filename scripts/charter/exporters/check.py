"""``charter check``: a published page the repository keeps (``output:`` in its layout) is in step
with the data, and the layouts themselves are valid."""

from __future__ import annotations

from pathlib import Path

from charter.codeowners import NOT_A_FILE, current_text, read_current
from charter.errors import CharterError
from charter.exporters import landscape, layout, rst
from charter.findings import Finding, Severity
from charter.model import State
from charter.tree import FsTree, Tree


def render(root: Path, state: State, page: str, data: dict | None,  # type: ignore[type-arg]
           current: str | None) -> tuple[str, list[Finding]]:
    """The page as ``charter export`` writes it; a landscape is merged into ``current``."""
    if page == "maintainers-rst":
        return rst.render(state, data), []
    if current is not None and current != NOT_A_FILE:
        return landscape.merge(state, data, current, (data or {}).get("output", "landscape"))
    return landscape.render(state, data)


def fix_command(page: str, output: str) -> str:
    if page == "landscape":
        return f"charter export landscape --into {output} --out {output}"
    return f"charter export {page} --out {output}"


def pages_in_sync(tree: Tree, state: State) -> list[Finding]:
    """INT-GENERATED: each page kept in the repository matches the data; layouts are valid."""
    out: list[Finding] = []
    for page, (rel, _kind) in layout.PAGES.items():
        data, problems = layout.read(tree, page)
        out += problems
        if data is None:
            continue
        if page == "maintainers-rst":
            out += _unknown_modules(tree, state, data, rel)
        output = data.get("output")
        if not output:
            continue
        try:
            current = current_text(tree, output)
            text, findings = render(Path("."), state, page, data, current)
        except CharterError as exc:
            out.append(Finding(output, 0, 0, "INT-GENERATED", str(exc)))
            continue
        out += findings
        if current != text:
            what = "missing" if current is None else "out of date"
            out.append(Finding(output, 0, 0, "INT-GENERATED",
                               f"{what}; run: {fix_command(page, output)} (add --check to see "
                               "the difference)"))
    return out


def outputs(tree: Tree, state: State) -> dict[str, str]:
    """Each page kept in ``tree`` (``output:`` in its layout) as the data renders it."""
    out: dict[str, str] = {}
    for page in layout.PAGES:
        data, problems = layout.read(tree, page)
        if data is None or problems or not data.get("output"):
            continue
        try:
            current = current_text(tree, data["output"])
            out[data["output"]] = render(Path("."), state, page, data, current)[0]
        except CharterError:
            continue
    return out


def _unknown_modules(tree: Tree, state: State, data: dict,  # type: ignore[type-arg]
                     rel: str) -> list[Finding]:
    from charter import yamlio

    out = []
    for i, s in enumerate(data.get("sections", [])):
        for j, slug in enumerate(s.get("modules", [])):
            if slug not in state.modules:
                raw = tree.read(rel)
                line, col = yamlio.position(raw, ("sections", i, "modules", j))
                out.append(Finding(rel, line, col, "INT-GENERATED",
                                   f"the page lists module {slug!r}, which has no "
                                   f"modules/{slug}.yaml; remove it from the list",
                                   Severity.WARNING))
    return out


def outputs_in_sync(root: Path, state: State) -> list[str]:
    """The pages kept in the repository that match ``state`` now (to keep them so after an
    edit: see :func:`rewrite`)."""
    out = []
    for page in layout.PAGES:
        data, problems = layout.read(FsTree(root), page)
        if data is None or problems or not data.get("output"):
            continue
        try:
            current = read_current(root, data["output"])
            if current is not None and render(root, state, page, data, current)[0] == current:
                out.append(page)
        except CharterError:
            continue
    return out


def rewrite(root: Path, state: State, pages: list[str]) -> list[str]:
    """Regenerate ``pages`` from ``state``; the files that changed."""
    from charter.fsutil import atomic_write

    written = []
    for page in pages:
        data, _problems = layout.read(FsTree(root), page)
        if data is None or not data.get("output"):
            continue
        rel = data["output"]
        current = read_current(root, rel)
        text = render(root, state, page, data, current)[0]
        if text != current:
            atomic_write(root / rel, text.encode("utf-8"))
            written.append(rel)
    return written
