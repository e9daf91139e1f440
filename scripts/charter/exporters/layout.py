"""The layout files of the published pages: read, validated against their schema, located."""

from __future__ import annotations

from typing import Any

from charter.findings import Finding
from charter.load import parse_file
from charter.tree import Tree

PAGES = {
    "maintainers-rst": ("pages/maintainers-rst.yaml", "page-maintainers-rst"),
    "landscape": ("pages/landscape.yaml", "page-landscape"),
}


def read(tree: Tree, page: str) -> tuple[dict[str, Any] | None, list[Finding]]:
    """The page's layout (None when the repository has none or it is invalid), and its problems
    as findings."""
    rel, kind = PAGES[page]
    if not tree.exists(rel):
        return None, []
    try:
        raw = tree.read(rel)
    except OSError as exc:
        return None, [Finding(rel, 0, 0, "INT-READ", f"cannot read file: {exc.strerror or exc}")]
    data, findings = parse_file(rel, raw, kind)
    return data, findings
