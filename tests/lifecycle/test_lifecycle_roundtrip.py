"""The round-trip editor in the common indentation styles: an edit changes only its own lines,
written the way the file already writes them, and a moved item keeps its comment."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
import yaml
from lifecycle_helpers import Repo

from charter import roundtrip
from charter.emeritus import move as to_emeritus

# One module file per style: (mapping indent, sequence indent, dash offset) as ruamel.yaml
# names them, and PyYAML's indent=4 output (flush lists, "-   key:" for a mapping item).
STYLES = {
    "2/2/0": ("maintainers:\n- carol  # since 2024\n- dave\nemeritus:\n- login: frank\n"
              "  since: '2025-03-01'\nlinks:\n  vision: https://e.example/v\n"),
    "2/4/2": ("maintainers:\n  - carol  # since 2024\n  - dave\nemeritus:\n  - login: frank\n"
              "    since: '2025-03-01'\nlinks:\n  vision: https://e.example/v\n"),
    "4/4/2": ("maintainers:\n  - carol  # since 2024\n  - dave\nemeritus:\n  - login: frank\n"
              "    since: '2025-03-01'\nlinks:\n    vision: https://e.example/v\n"),
    "4/2/0": ("maintainers:\n- carol  # since 2024\n- dave\nemeritus:\n- login: frank\n"
              "  since: '2025-03-01'\nlinks:\n    vision: https://e.example/v\n"),
    "pyyaml-indent-4": ("maintainers:\n- carol  # since 2024\n- dave\nemeritus:\n"
                        "-   login: frank\n    since: '2025-03-01'\nlinks:\n"
                        "    vision: https://e.example/v\n"),
    "4/6/4": ("maintainers:\n    - carol  # since 2024\n    - dave\nemeritus:\n"
              "    - login: frank\n      since: '2025-03-01'\nlinks:\n"
              "    vision: https://e.example/v\n"),
}
# how each style writes a scalar item and the first two lines of a mapping item
ITEM = {"2/2/0": ("- ", "- ", "  "), "2/4/2": ("  - ", "  - ", "    "),
        "4/4/2": ("  - ", "  - ", "    "), "4/2/0": ("- ", "- ", "  "),
        "pyyaml-indent-4": ("- ", "-   ", "    "), "4/6/4": ("    - ", "    - ", "      ")}


def changed(before: str, after: str) -> list[str]:
    return [d for d in difflib.ndiff(before.splitlines(), after.splitlines())
            if d[:2] in ("+ ", "- ")]


@pytest.mark.parametrize("style", sorted(STYLES))
def test_append_and_move_follow_the_files_style(style: str) -> None:
    text = STYLES[style]
    scalar, first, rest = ITEM[style]
    doc = roundtrip.Document(text.encode())
    roundtrip.append_item(doc.data, "maintainers", "erin")
    to_emeritus(doc.data, 0, "2026-11-01", None)  # carol, with her comment
    after = doc.dumps().decode()
    assert sorted(changed(text, after)) == sorted([
        f"- {scalar}carol  # since 2024",
        f"+ {scalar}erin",
        f"+ {first}login: carol  # since 2024",
        f"+ {rest}since: '2026-11-01'",
    ])
    assert yaml.safe_load(after)["emeritus"][1] == {"login": "carol", "since": "2026-11-01"}


@pytest.mark.parametrize("style", sorted(STYLES))
def test_an_unchanged_document_saves_to_its_bytes(style: str) -> None:
    raw = STYLES[style].encode()
    assert roundtrip.Document(raw).dumps() == raw


def test_comment_lines_between_items_stay_with_the_next_item() -> None:
    text = "m:\n  - a\n  - b  # bee\n  # about c\n  - c\nx: 1\n"
    doc = roundtrip.Document(text.encode())
    roundtrip.remove_item(doc.data, "m", 1)
    assert doc.dumps().decode() == "m:\n  - a\n  # about c\n  - c\nx: 1\n"


def test_a_pyyaml_indent_4_module_file_is_edited_in_its_own_style(tmp_path: Path,
                                                                    monkeypatch) -> None:
    """Was: add-maintainer wrote "-   lena-vogel" into a file of "- login" items, and the next
    edit rewrote every maintainer line."""
    monkeypatch.setenv("CHARTER_TODAY", "2026-11-22")
    repo = Repo(tmp_path / "gov")
    path = repo.path / "modules/compiler.yaml"
    data = yaml.safe_load(path.read_text())
    data["emeritus"] = [{"login": "george-hale", "since": "2024-01-01", "reason": "x"}]
    text = yaml.safe_dump(data, indent=4, sort_keys=False)
    path.write_text(text)
    rc, _, err = repo.run("module", "add-maintainer", "compiler", "lena-vogel")
    assert rc == 0, err
    after = path.read_text()
    assert changed(text, after) == ["+ - lena-vogel"]
    rc, _, err = repo.run("module", "emeritus", "compiler", "ravi-patel", "--reason", "new job")
    assert rc == 0, err
    assert changed(after, path.read_text()) == [
        "- - ravi-patel",
        "+ -   login: ravi-patel",
        "+     since: '2026-11-22'",
        "+     reason: new job",
    ]
