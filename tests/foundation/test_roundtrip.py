"""The round-trip writer: an unchanged file saves byte for byte; edits touch only their lines."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from charter import roundtrip, yamlio
from charter.errors import YamlError

REPO = Path(__file__).resolve().parents[2]


def shipped_yaml() -> list[Path]:
    """The YAML files git tracks: what the repository ships, not what a local run left beside it
    (the virtual environment, mutation testing's copies under mutants/)."""
    listed = subprocess.run(["git", "ls-files", "-z", "--", "*.yaml", "*.yml"], cwd=REPO,
                            capture_output=True, check=True).stdout.decode("utf-8")
    return sorted(REPO / name for name in listed.split("\0") if name)


@pytest.mark.parametrize("path", shipped_yaml(), ids=lambda p: str(p.relative_to(REPO)))
def test_every_shipped_yaml_file_round_trips(path: Path) -> None:
    raw = path.read_bytes()
    try:
        yamlio.loads(raw)
    except YamlError:
        with pytest.raises(YamlError):  # what the validator refuses, the editor refuses too
            roundtrip.Document(raw, str(path))
        return
    assert roundtrip.Document(raw, str(path)).dumps() == raw


def test_shipped_governance_data_is_found() -> None:
    names = {p.relative_to(REPO).as_posix() for p in shipped_yaml()}
    assert {"core.yaml", "policy.yaml", "council.yaml"} <= names
    assert sum(n.startswith("members/") for n in names) >= 10


@pytest.mark.parametrize("raw", [
    b"a: ~\nb: null\nc:\nd: 'x'\ne: \"y\"\n",
    b"a: 1",
    b"a: 1\r\nb: [x, y]\r\n",
    b"---\na: 1\n",
    b"a: 1\n...\n",
    b"# top\n\na: [x,  y]  # c\n# end\n",
    b"a:\n- x\n- y\n",
    b"a:\n    - x\n    - y\n",
    b"a:   1\nb: {c: 1,  d: 2}\n",
    b"a: |\n  text\n  more\nb: >-\n  folded\n  text\n",
    b"a: 'it''s'\nb: 0x1F\nc: 1_000\nd: 1.50\n",
    b"a: b # c\n\n\n",
    b"",
    b"# only a comment\n",
], ids=repr)
def test_layout_ruamel_does_not_reproduce_is_kept(raw: bytes) -> None:
    assert roundtrip.Document(raw).dumps() == raw


@pytest.mark.parametrize(("raw", "rule"), [
    (b"a: &x 1\nb: *x\n", "YAML-ALIAS"),
    (b"a: 1\na: 2\n", "YAML-DUPLICATE-KEY"),
    (b"a: !!python/object:os.system x\n", "YAML-TAG"),
    (b"a: 1\n---\nb: 2\n", "YAML-SYNTAX"),
    (b"\xef\xbb\xbfa: 1\n", "YAML-ENCODING"),
    (b"a: [" + b"[" * 100 + b"]" * 101 + b"\n", "YAML-DEPTH"),
])
def test_refuses_what_the_validator_refuses(raw: bytes, rule: str) -> None:
    with pytest.raises(YamlError) as err:
        roundtrip.Document(raw, "members/x.yaml")
    assert err.value.rule == rule
    assert str(err.value).startswith("members/x.yaml")


def _diff(a: bytes, b: bytes) -> list[str]:
    import difflib

    return [line for line in difflib.ndiff(a.decode().splitlines(), b.decode().splitlines())
            if line[:1] in "+-"]


def test_append_keeps_comments_and_the_next_key_comment() -> None:
    raw = (b"# Neural networks\nslug: nn\nmaintainers:\n  - carol  # since 2024\n\n"
           b"# Where the module publishes its plans.\nlinks: {}\n")
    doc = roundtrip.Document(raw)
    roundtrip.append_item(doc.data, "maintainers", "dave")
    out = doc.dumps()
    assert _diff(raw, out) == ["+   - dave"]
    assert out.split(b"\n")[4] == b"  - dave"


def test_remove_last_item_keeps_the_comment_block_after_it() -> None:
    raw = b"maintainers:\n  - carol\n  - dave  # on leave\n\n# links follow\nlinks: {}\n"
    doc = roundtrip.Document(raw)
    roundtrip.remove_item(doc.data, "maintainers", 1)
    assert doc.dumps() == b"maintainers:\n  - carol\n\n# links follow\nlinks: {}\n"


def test_remove_the_only_item_leaves_an_empty_list() -> None:
    raw = b"maintainers:\n  - carol\n\n# next\nlinks: {}\n"
    doc = roundtrip.Document(raw)
    roundtrip.remove_item(doc.data, "maintainers", 0)
    assert doc.dumps() == b"maintainers: []\n\n# next\nlinks: {}\n"


def test_flow_lists_stay_flow() -> None:
    doc = roundtrip.Document(b"maintainers: [carol, dave]  # two\nname: X\n")
    roundtrip.remove_item(doc.data, "maintainers", 0)
    roundtrip.append_item(doc.data, "maintainers", "erin")
    # the comment keeps its column, as aligned comments should
    assert doc.dumps() == b"maintainers: [dave, erin]   # two\nname: X\n"


def test_insert_key_after_keeps_following_comment_in_place() -> None:
    raw = b"maintainers:\n  - carol\n\n# links follow\nlinks: {}\n"
    doc = roundtrip.Document(raw)
    roundtrip.insert_key_after(doc.data, "maintainers", "emeritus",
                               [{"login": "dave", "since": roundtrip.quoted("2026-01-01")}])
    assert doc.dumps() == (b"maintainers:\n  - carol\nemeritus:\n  - login: dave\n"
                           b"    since: '2026-01-01'\n\n# links follow\nlinks: {}\n")


def test_edit_in_a_file_ruamel_cannot_reproduce_changes_only_its_lines() -> None:
    raw = (b"slug:   nn\r\nempty: ~\r\nmaintainers:\r\n- carol\r\n"
           b"links: {vision: 'https://x.org/v',  roadmap: \"https://x.org/r\"}\r\n")
    doc = roundtrip.Document(raw)
    roundtrip.append_item(doc.data, "maintainers", "dave")
    out = doc.dumps()
    assert out == raw.replace(b"- carol\r\n", b"- carol\r\n- dave\r\n")


def test_no_final_newline_is_kept_after_an_edit() -> None:
    doc = roundtrip.Document(b"name: A\nmaintainers: [a]")
    roundtrip.append_item(doc.data, "maintainers", "b")
    assert doc.dumps() == b"name: A\nmaintainers: [a, b]"


def test_new_file_layout() -> None:
    text = roundtrip.new({"login": "x", "name": "yes", "affiliations": [
        {"entity": "A: B", "role": "employee"}]}, comment="X")
    assert text == (b"# X\nlogin: x\nname: yes\naffiliations:\n  - entity: 'A: B'\n"
                    b"    role: employee\n")
    assert yamlio.loads(text)["affiliations"][0]["entity"] == "A: B"


def test_delete_key_keeps_the_comment_about_the_next_key() -> None:
    raw = (b"maintainers:\n  - dave\nemeritus:\n  - login: frank\n    since: '2025-03-01'  # left\n"
           b"\n# Where the module publishes its plans.\nlinks: {}\n")
    doc = roundtrip.Document(raw)
    roundtrip.remove_item(doc.data, "emeritus", 0)
    roundtrip.delete_key(doc.data, "emeritus")
    roundtrip.append_item(doc.data, "maintainers", "frank")
    assert doc.dumps() == (b"maintainers:\n  - dave\n  - frank\n\n"
                           b"# Where the module publishes its plans.\nlinks: {}\n")


@pytest.mark.parametrize("path", sorted((REPO / "modules").glob("*.yaml")), ids=lambda p: p.name)
def test_editing_each_shipped_module_changes_one_line(path: Path) -> None:
    """Adding and removing a maintainer in a real module file touches only that line."""
    raw = path.read_bytes()
    doc = roundtrip.Document(raw, path.name)
    roundtrip.append_item(doc.data, "maintainers", "new-person")
    added = doc.dumps()
    diff = _diff(raw, added)
    assert len(diff) in (1, 2), diff  # a block list gains a line; a flow list changes one
    assert all("new-person" in line for line in diff if line.startswith("+"))
    doc = roundtrip.Document(added, path.name)
    roundtrip.remove_item(doc.data, "maintainers", len(doc.data["maintainers"]) - 1)
    back = doc.dumps()
    assert yamlio.loads(back) == yamlio.loads(raw)
    # identical, except that an end-of-line comment after a flow list keeps the column it had
    # while the list was longer (ruamel.yaml keeps comment columns)
    assert back == raw or [d[0] for d in _diff(raw, back)] == ["-", "+"]
