"""Hostile and broken YAML is ordinary input: a located error, exit 1, no traceback, bounded time.

Each file is placed in the fixture organisation as members/evil.yaml and the real
``charter validate`` runs on it in a subprocess with a timeout of a few seconds.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .foundation_fixtures import TODAY_ENV, member, module, write_org

TIMEOUT = 15  # seconds; each case takes well under one


def _laughs() -> bytes:
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        refs = ", ".join(f"*l{i - 1}" for _ in range(9))
        lines.append(f"l{i}: &l{i} [{refs}]")
    return ("\n".join(lines) + "\n").encode()


# (name, bytes, rule, line or None when the error has no line)
CORPUS: list[tuple[str, bytes, str, int | None]] = [
    ("alias", b"login: &x evil\nname: *x\n", "YAML-ALIAS", None),
    ("billion laughs", _laughs(), "YAML-ALIAS", None),
    ("merge key", b"base: {name: Evil}\nuser:\n  <<: {login: evil}\n", "YAML-ALIAS", 3),
    ("python object tag",
     b"login: evil\nname: !!python/object/apply:os.system ['touch {marker}']\n", "YAML-TAG", 2),
    ("custom tag", b"login: !evil evil\nname: Evil\n", "YAML-TAG", 1),
    ("duplicate keys", b"login: evil\nname: Evil\nname: Eve\n", "YAML-DUPLICATE-KEY", 3),
    ("several documents", b"login: evil\nname: Evil\n---\nlogin: eve\nname: Eve\n",
     "YAML-SYNTAX", 3),
    ("invalid UTF-8", b"login: evil\nname: \xc3\x28\n", "YAML-ENCODING", 2),
    ("NUL byte", b"login: evil\x00\nname: Evil\n", "YAML-ENCODING", 1),
    ("BOM", b"\xef\xbb\xbflogin: evil\nname: Evil\n", "YAML-ENCODING", 1),
    ("nesting 50,000 deep, flow", b"login: " + b"[" * 50_000 + b"]" * 50_000 + b"\n",
     "YAML-DEPTH", 1),
    ("nesting 50,000 deep, flow mappings", b"login: " + b"{a: " * 50_000 + b"}" * 50_000 + b"\n",
     "YAML-DEPTH", 1),
    ("nesting 50,000 deep, block", b"- " * 50_000 + b"x\n", "YAML-DEPTH", 1),
    ("unclosed nesting 50,000 deep", b"login: " + b"[" * 50_000 + b"\n", "YAML-DEPTH", 1),
    ("20 MB file", b"login: evil\nname: Evil\n" + b"# padding padding padding\n" * 800_000,
     "YAML-SIZE", None),
    ("100,000-digit integer", b"login: evil\ngithub_id: " + b"7" * 100_000 + b"\nname: Evil\n",
     "YAML-VALUE", 2),
    ("tabs", b"login: evil\naffiliations:\n\t- entity: X\n", "YAML-SYNTAX", 3),
    ("control character", b"login: evil\nname: E\x07vil\n", "YAML-SYNTAX", 2),
    ("control character in a long file",
     b"login: evil\nname: \xc3\xa9\x1b[31m\n" + b"# " + b"- " * 1000 + b"\n", "YAML-SYNTAX", 2),
    ("unterminated quote", b"login: 'evil\nname: Evil\n", "YAML-SYNTAX", None),
    ("login with a newline", b"login: \"evil\\nowner\"\nname: Evil\n", "SCHEMA", 1),
    ("login with a space", b"login: evil owner\nname: Evil\n", "SCHEMA", 1),
    ("not a mapping", b"just a string\n", "SCHEMA", 1),
    ("20,000 unknown fields", b"login: evil\nname: Evil\n"
     + b"".join(b"k%d: 1\n" % i for i in range(20_000)), "SCHEMA", 3),
    ("30,000 relationships to unknown logins", b"login: evil\nname: Evil\nrelationships:\n"
     + b"".join(b"  - {login: u%d, kind: family}\n" % i for i in range(30_000)),
     "INT-UNKNOWN-LOGIN", 4),
]


@pytest.mark.parametrize(("name", "data", "rule", "line"), CORPUS, ids=[c[0] for c in CORPUS])
def test_hostile_file_is_refused(name: str, data: bytes, rule: str, line: int | None,
                                 tmp_path: Path, run_charter) -> None:
    marker = tmp_path / "executed"
    data = data.replace(b"{marker}", str(marker).encode())
    root = write_org(tmp_path / "org", {"members/evil.yaml": data})
    proc = run_charter("validate", "--repo", str(root), env=TODAY_ENV, timeout=TIMEOUT)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    assert "Traceback" not in proc.stdout
    where = r"members/evil\.yaml" + (rf":{line}:\d+" if line else r"(:\d+:\d+)?")
    assert re.search(rf"^{where}: {re.escape(rule)} ", proc.stdout, re.M), proc.stdout
    assert not marker.exists(), "a tag made the loader run a command"


def test_bad_login_never_reaches_codeowners(tmp_path: Path, run_charter) -> None:
    """A maintainer login with a space or newline stops CODEOWNERS generation; nothing written."""
    root = write_org(tmp_path, {
        "modules/nn.yaml": module("nn", '"carol\\n* @attacker"', paths=("src/nn/",)),
        "modules/tools.yaml": module("tools", "dave eve", repos=("test-org/tools",)),
        "members/eve.yaml": member("eve", 120),
    })
    proc = run_charter("codeowners", "--repo", str(root), timeout=TIMEOUT)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "modules/nn.yaml:7:5: SCHEMA" in proc.stderr
    assert "modules/tools.yaml:7:5: SCHEMA" in proc.stderr
    assert not (root / ".github" / "CODEOWNERS").exists()
    assert not (root / "generated" / "core" / "CODEOWNERS").exists()


def test_renderer_refuses_a_bad_login_even_past_the_schema() -> None:
    """The second line of defence: the renderer re-checks every owner against the login grammar."""
    from charter import codeowners
    from charter.errors import CharterError
    from charter.model import Core, Council, Module, State, WorkingGroup
    from charter.policy import Policy

    def state(login: str) -> State:
        mod = Module(slug="nn", name="NN", kind="paths", file="modules/nn.yaml",
                     maintainers=(login,), paths=("src/nn/",))
        return State(policy=Policy.from_data(None), core=Core("alice", ("alice",)),
                     council=Council(), working_group=WorkingGroup(), modules={"nn": mod})

    assert "@carol" in codeowners.render_core(state("carol"))
    for bad in ("carol\n* @attacker", "carol bob", "carol\r", "carol\n"):
        with pytest.raises(CharterError, match="not a GitHub login"):
            codeowners.render_core(state(bad))
        with pytest.raises(CharterError, match="not a GitHub login"):
            codeowners.render_governance(state(bad))


@pytest.mark.parametrize("kind", ["fifo", "symlink to /dev/zero", "symlink outside"])
def test_special_files_are_never_read(kind: str, tmp_path: Path, run_charter) -> None:
    """A named pipe would block the read and /dev/zero would never end: neither is opened."""
    import os

    root = write_org(tmp_path / "org")
    target = root / "members" / "special.yaml"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "symlink to /dev/zero":
        os.symlink("/dev/zero", target)
    else:
        (tmp_path / "secret.yaml").write_text("login: secret-value\nname: S\n")
        os.symlink(tmp_path / "secret.yaml", target)
    proc = run_charter("validate", "--repo", str(root), env=TODAY_ENV, timeout=TIMEOUT)
    assert proc.returncode == 1
    assert "members/special.yaml: INT-READ cannot read file: not a regular file" in proc.stdout
    assert "secret-value" not in proc.stdout
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("text", [
    # brackets inside quoted scalars and comments open nothing
    "login: evil\nname: '" + "[" * 500 + "'\n# " + "{" * 500 + "\n",
    'login: evil\nname: "' + "[{" * 300 + '"\n',
    # nesting up to the limit (the file's own mapping is the first level) is data like any other
    "login: evil\nname: Evil\nx: " + "[" * 63 + "]" * 63 + "\n" + "# - : ?\n" * 100,
])
def test_yaml_depth_counts_only_real_nesting(text: str) -> None:
    """YAML-DEPTH is decided by charter's own scan, never by libyaml's wording or limit."""
    from charter import yamlio

    data = yamlio.loads(text.encode())
    assert data["login"] == "evil"


def test_yaml_depth_one_past_the_limit_is_refused() -> None:
    from charter import yamlio
    from charter.errors import YamlError

    text = "login: evil\nx: " + "[" * 65 + "]" * 65 + "\n" + "# - : ?\n" * 100
    with pytest.raises(YamlError) as err:
        yamlio.loads(text.encode())
    assert err.value.rule == "YAML-DEPTH" and err.value.line == 2
