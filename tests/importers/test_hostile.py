"""Hostile and broken import files: refused or reported cleanly, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import LANDSCAPE, RST, Charter, import_landscape, import_rst, snapshot


def _write(tmp: Path, name: str, data: bytes) -> Path:
    p = tmp / name
    p.write_bytes(data)
    return p


def test_crlf_and_bom_are_read_and_reported(charter: Charter, fresh: Path,
                                            tmp_path: Path) -> None:
    raw = b"\xef\xbb\xbf" + RST.read_bytes().replace(b"\n", b"\r\n")
    page = _write(tmp_path, "crlf.rst", raw)
    code, out, _err = import_rst(charter, fresh, "--format", "json", src=page)
    assert code == 0
    doc = json.loads(out)
    enc = [f["message"] for f in doc["findings"] if f["rule"] == "IMPORT-ENCODING"]
    assert len(enc) == 2 and any("byte-order mark" in m for m in enc)
    assert any("CRLF" in m for m in enc)
    clean = json.loads(import_rst(charter, fresh, "--format", "json")[1])
    assert doc["changes"] == clean["changes"]  # the same import as from the clean file

    land = _write(tmp_path, "crlf.yml",
                  b"\xef\xbb\xbf" + LANDSCAPE.read_bytes().replace(b"\n", b"\r\n"))
    code, out, _err = import_landscape(charter, fresh, "--format", "json", src=land)
    assert code == 0
    assert len([f for f in json.loads(out)["findings"] if f["rule"] == "IMPORT-ENCODING"]) == 2


def test_duplicate_sections_are_refused_with_both_lines(charter: Charter, fresh: Path,
                                                        tmp_path: Path) -> None:
    text = RST.read_text(encoding="utf-8")
    block = text[text.index("PowerPC\n"):text.index("Docs / Tutorials\n")]
    page = _write(tmp_path, "dup.rst", (text + "\n" + block).encode())
    before = snapshot(fresh)
    code, out, err = import_rst(charter, fresh, "--apply", src=page)
    assert code == 1
    assert "IMPORT-SECTION group 'PowerPC' appears twice (first at line 252)" in out
    assert "nothing written" in err
    assert snapshot(fresh) == before
    text2 = text.replace("Module-level maintainers\n------------------------\n",
                         "Core Maintainers\n----------------\n\n-  Edward Yang (`ezyang <https://"
                         "github.com/ezyang>`__)\n\nModule-level maintainers\n"
                         "------------------------\n")
    code, out, _err = import_rst(charter, fresh, src=_write(tmp_path, "dup2.rst", text2.encode()))
    assert code == 1 and "a second core section" in out


def test_a_person_without_a_github_link_is_refused(charter: Charter, fresh: Path,
                                                   tmp_path: Path) -> None:
    text = RST.read_text(encoding="utf-8").replace(
        "-  Alfredo Mendoza (`avmgithub <https://github.com/avmgithub>`__)",
        "-  Alfredo Mendoza")
    code, out, _err = import_rst(charter, fresh, "--apply",
                                 src=_write(tmp_path, "nolink.rst", text.encode()))
    assert code == 1
    assert ":255:1: IMPORT-LINK 'Alfredo Mendoza' has no GitHub link" in out
    assert not (fresh / "members").exists()


def test_a_link_that_is_not_a_profile_is_refused(charter: Charter, fresh: Path,
                                                 tmp_path: Path) -> None:
    text = RST.read_text(encoding="utf-8").replace(
        "<https://github.com/avmgithub>", "<https://example.com/avmgithub>")
    code, out, _err = import_rst(charter, fresh, src=_write(tmp_path, "x.rst", text.encode()))
    assert code == 1 and "is not a GitHub profile" in out


@pytest.mark.parametrize("kind", ["maintainers-rst", "landscape"])
def test_a_10_mb_file_is_refused_before_it_is_parsed(charter: Charter, fresh: Path,
                                                     tmp_path: Path, kind: str) -> None:
    big = _write(tmp_path, "big", b"a" * (10 * 1024 * 1024))
    code, _out, err = charter("import", kind, big, "--repo", fresh)
    assert code == 1
    assert "IMPORT-SIZE file is 10,485,760 bytes" in err
    assert "Traceback" not in err


def test_yaml_aliases_in_the_landscape_are_refused(charter: Charter, fresh: Path,
                                                   tmp_path: Path) -> None:
    laughs = b"a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n" \
             b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nlandscape: [*c, *c, *c]\n"
    code, _out, err = charter("import", "landscape", _write(tmp_path, "l.yml", laughs),
                              "--repo", fresh)
    assert code == 1 and "l.yml:1:" in err and "YAML-ALIAS" in err
    text = LANDSCAPE.read_text(encoding="utf-8").replace(
        "            logo: neuraloperator.svg\n", "            logo: &logo neuraloperator.svg\n"
    ).replace("            logo: physicsnemo.svg\n", "            logo: *logo\n")
    code, _out, err = charter("import", "landscape", _write(tmp_path, "m.yml", text.encode()),
                              "--repo", fresh)
    assert code == 1 and "YAML-ALIAS" in err and "m.yml:1" in err


@pytest.mark.parametrize(("name", "data", "words"), [
    ("notutf8.rst", b"Title\n=====\n\n- \xff\xfe\n", "invalid UTF-8"),
    ("nul.rst", b"Title\n=====\n\x00\n", "NUL byte"),
    ("prose.rst", b"Just text\n=========\n\nNothing here.\n", "no section lists maintainers"),
])
def test_broken_pages(charter: Charter, fresh: Path, tmp_path: Path, name: str, data: bytes,
                      words: str) -> None:
    code, out, err = charter("import", "maintainers-rst", _write(tmp_path, name, data),
                             "--repo", fresh)
    assert code == 1 and words in out + err and "Traceback" not in err


@pytest.mark.parametrize(("data", "words"), [
    (b"just: a mapping\n", "not a landscape"),
    (b"landscape:\n  - category:\n    name: [unclosed\n", "YAML-SYNTAX"),
    (b"landscape: !!python/object:os.system [ls]\n", "YAML-TAG"),
    (b"landscape: []\nlandscape: []\n", "YAML-DUPLICATE-KEY"),
])
def test_broken_landscapes(charter: Charter, fresh: Path, tmp_path: Path, data: bytes,
                           words: str) -> None:
    code, _out, err = charter("import", "landscape", _write(tmp_path, "l.yml", data),
                              "--repo", fresh)
    assert code == 1 and words in err and "Traceback" not in err


def test_directives_that_reach_outside_the_page_do_nothing(charter: Charter, fresh: Path,
                                                           tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    text = RST.read_text(encoding="utf-8").replace(
        "Responsibilities\n----------------\n",
        f"Responsibilities\n----------------\n\n.. include:: {secret}\n\n.. raw:: html\n\n"
        "   <script>alert(1)</script>\n")
    code, out, _err = import_rst(charter, fresh, "--format", "json",
                                 src=_write(tmp_path, "inc.rst", text.encode()))
    assert code == 0
    assert "TOP-SECRET-VALUE" not in out
    syntax = [f for f in json.loads(out)["findings"] if f["rule"] == "IMPORT-SYNTAX"]
    assert len(syntax) == 2  # both directives disabled, each reported on its line


def test_no_traceback_from_the_command_line(fresh: Path, tmp_path: Path) -> None:
    for kind, data in (("maintainers-rst", b"\x00\x01"), ("landscape", b"- [[[")):
        p = _write(tmp_path, f"bad-{kind}", data)
        proc = subprocess.run([sys.executable, "-m", "charter", "import", kind, str(p),
                               "--repo", str(fresh)], capture_output=True, text=True,
                              check=False, timeout=60)
        assert proc.returncode == 1, proc.stderr
        assert "Traceback" not in proc.stderr and proc.stderr.count("\n") >= 1
    proc = subprocess.run([sys.executable, "-m", "charter", "import", "landscape",
                           str(tmp_path / "missing.yml"), "--repo", str(fresh)],
                          capture_output=True, text=True, check=False, timeout=60)
    assert proc.returncode == 1 and "no such file" in proc.stderr
