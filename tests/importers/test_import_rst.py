"""charter import maintainers-rst on PyTorch's real maintainers page (tests/importers/fixtures)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from charter import yamlio
from charter.importers import rst, source
from charter.importers.maintainers import slug_for

from .conftest import RST, Charter, import_rst, snapshot


def _page() -> rst.Page:
    return rst.parse(source.read(RST, "maintainers page"))


def _findings(out: str) -> list[dict[str, object]]:
    return json.loads(out)["findings"]  # type: ignore[no-any-return]


def test_the_page_reads_as_its_figures() -> None:
    page = _page()
    assert page.title == "PyTorch Governance | Maintainers"
    roles = [(s.role, s.kind) for s in page.sections]
    assert roles == [("prose", None), ("lead", None), ("core", None), ("modules", "paths"),
                     ("modules", "repository")]
    lead, core, modules, libraries = page.sections[1:]
    assert [e.login for e in lead.entries] == ["soumith"]
    assert [e.login for e in core.entries] == ["soumith", "ezyang", "gchanan", "dzhulgakov"]
    assert len(modules.groups) == 26
    assert len(libraries.groups) == 8
    entries = page.entries()
    assert len(entries) == 160
    assert len({e.login.lower() for _g, e in entries}) == 117
    nn = modules.groups[0]
    assert nn.title == "NN APIs (torch.nn)" and nn.line == 30
    assert [(e.login, e.emeritus) for e in nn.entries] == [
        ("gchanan", False), ("soumith", False), ("jbschlosser", False), ("albanD", False),
        ("colesbury", True), ("apaszke", True)]


def test_a_name_that_contains_the_login_keeps_the_whole_name() -> None:
    # "Mario Lezcano (`Lezcano <...>`__)": the link text also occurs in the name
    entries = {e.login: e for _g, e in _page().entries()}
    assert entries["Lezcano"].name == "Mario Lezcano"


def test_every_quirk_of_the_real_page_is_a_finding_on_its_line(charter: Charter,
                                                               fresh: Path) -> None:
    code, out, _err = import_rst(charter, fresh, "--format", "json")
    assert code == 0
    found = {(f["line"], f["rule"]) for f in _findings(out)}
    by_rule: dict[str, list[int]] = {}
    for line, rule in sorted(found):  # type: ignore[type-var]
        by_rule.setdefault(rule, []).append(line)  # type: ignore[arg-type]
    # one person under two case spellings: albanD kept, each 'alband' line reported
    assert by_rule["IMPORT-IDENTITY"] == [53, 174, 247]
    # one login under two spellings of a name: Greg/Gregory Chanan, Brian Hirsh/Hirsch, Vincent QB
    assert by_rule["IMPORT-NAME"] == [271, 272, 303]
    # the malformed link in the prose (no scheme): reported, text kept
    assert by_rule["IMPORT-LINK"] == [10]
    # emeritus in one module, maintainer in another (ezyang in Build + CI, cpuhrsch, ...)
    elsewhere = [f for f in _findings(out) if f["rule"] == "IMPORT-EMERITUS"
                 and "and a maintainer of" in str(f["message"])]
    assert {int(f["line"]) for f in elsewhere} == {90, 93, 131, 181, 194, 297}  # type: ignore[call-overload]
    # a library-level group that names two libraries
    ambiguous = [f for f in _findings(out) if f["rule"] == "IMPORT-SECTION"]
    assert [(f["line"], "TorchData, TorchArrow" in str(f["message"])) for f in ambiguous] == [
        (317, True)]
    # every module-level group: paths left for people to fill, a warning each
    paths = [f for f in _findings(out) if f["rule"] == "IMPORT-PATHS"]
    assert len(paths) == 26 and all(f["severity"] == "warning" for f in paths)
    # every emeritus entry: the page has no date, so since: is --as-of, said once per entry
    undated = [f for f in _findings(out) if "gives no date" in str(f["message"])]
    assert len(undated) == sum(1 for _g, e in _page().entries() if e.emeritus)
    assert not [f for f in _findings(out) if f["severity"] == "error"]


def test_import_writes_members_modules_core_and_layout(charter: Charter, fresh: Path) -> None:
    code, out, _err = import_rst(charter, fresh, "--apply")
    assert code == 0, out
    assert "wrote" in out
    members = sorted(p.stem for p in (fresh / "members").glob("*.yaml"))
    assert len(members) == 117
    assert "albanD" in members and "alband" not in members
    assert yamlio.loads((fresh / "members/gchanan.yaml").read_bytes())["name"] == "Greg Chanan"
    core = yamlio.loads((fresh / "core.yaml").read_bytes())
    assert core == {"lead": "soumith", "maintainers": ["soumith", "ezyang", "gchanan",
                                                       "dzhulgakov"]}
    modules = {p.stem: yamlio.loads(p.read_bytes()) for p in (fresh / "modules").glob("*.yaml")}
    assert len(modules) == 34
    assert sum(m["kind"] == "paths" for m in modules.values()) == 26
    nn = modules["nn-apis"]
    assert nn["kind"] == "paths" and "paths" not in nn
    assert nn["emeritus"] == [{"login": "colesbury", "since": "2026-07-01"},
                              {"login": "apaszke", "since": "2026-07-01"}]
    assert modules["autograd"]["maintainers"] == ["ezyang", "albanD", "soulitzer"]
    assert modules["torchdata-torcharrow"]["repositories"] == ["pytorch/data",
                                                               "pytorch/torcharrow"]
    assert modules["build-ci"]["emeritus"][1]["login"] == "ezyang"
    assert "ezyang" in modules["autograd"]["maintainers"]
    code, out, _err = charter("check", "--repo", fresh)
    assert code == 1 and {line.split(": ")[1].split()[0] for line in out.splitlines()
                          if " INT-GENERATED " in line} == {"INT-GENERATED"}
    assert "CODEOWNERS" in out  # a new repository: charter codeowners writes them
    assert charter("codeowners", "--repo", fresh)[0] == 0
    code, out, _err = charter("check", "--repo", fresh)
    assert code == 0, out


def test_a_second_import_is_a_no_op(charter: Charter, fresh: Path) -> None:
    assert import_rst(charter, fresh, "--apply")[0] == 0
    before = snapshot(fresh)
    code, out, _err = import_rst(charter, fresh, "--format", "json")
    assert code == 0 and json.loads(out)["changes"] == []
    # a later --as-of changes nothing either: recorded dates are kept
    code, out, _err = charter("import", "maintainers-rst", RST, "--repo", fresh, "--as-of",
                              "2026-08-01", "--apply")
    assert code == 0 and "nothing to change" in out
    assert snapshot(fresh) == before


def test_without_apply_nothing_is_written(charter: Charter, fresh: Path) -> None:
    before = snapshot(fresh)
    code, out, _err = import_rst(charter, fresh, "--diff")
    assert code == 0
    assert "dry run, nothing written" in out
    assert "+++ b/modules/nn-apis.yaml" in out
    assert snapshot(fresh) == before


def test_reimport_of_an_updated_page_changes_only_what_changed(charter: Charter, fresh: Path,
                                                               tmp_path: Path) -> None:
    assert import_rst(charter, fresh, "--apply")[0] == 0
    # a comment someone added survives, and the untouched files stay byte for byte
    nn = fresh / "modules/nn-apis.yaml"
    nn.write_text(nn.read_text() + "# reviewed at the March meeting\n")
    before = snapshot(fresh)
    text = RST.read_text(encoding="utf-8")
    text = text.replace("-  Joel Schlosser (`jbschlosser <https://github.com/jbschlosser>`__)\n"
                        "-  Alban Desmaison (`albanD <https://github.com/albanD>`__)\n",
                        "-  Alban Desmaison (`albanD <https://github.com/albanD>`__)\n"
                        "-  Ada Lovelace (`ada-l <https://github.com/ada-l>`__)\n"
                        "-  (emeritus) Joel Schlosser (`jbschlosser <https://github.com/"
                        "jbschlosser>`__)\n", 1)
    page = tmp_path / "updated.rst"
    page.write_text(text, encoding="utf-8")
    code, out, _err = charter("import", "maintainers-rst", page, "--repo", fresh, "--as-of",
                              "2026-09-01", "--apply", "--format", "json")
    assert code == 0, out
    changed = {c["path"] for c in json.loads(out)["changes"]}
    assert changed == {"members/ada-l.yaml", "modules/nn-apis.yaml"}
    after = snapshot(fresh)
    assert {k for k in after if after[k] != before.get(k)} == changed
    nn_text = nn.read_text()
    assert "# reviewed at the March meeting" in nn_text
    data = yamlio.loads(nn.read_bytes())
    assert data["maintainers"] == ["gchanan", "soumith", "albanD", "ada-l"]
    assert data["emeritus"] == [{"login": "jbschlosser", "since": "2026-09-01"},
                                {"login": "colesbury", "since": "2026-07-01"},
                                {"login": "apaszke", "since": "2026-07-01"}]


def test_a_module_gone_from_the_page_is_kept_unless_pruned(charter: Charter, fresh: Path,
                                                           tmp_path: Path) -> None:
    assert import_rst(charter, fresh, "--apply")[0] == 0
    text = RST.read_text(encoding="utf-8")
    start = text.index("PowerPC\n")
    end = text.index("Docs / Tutorials\n")
    page = tmp_path / "fewer.rst"
    page.write_text(text[:start] + text[end:], encoding="utf-8")
    code, out, _err = charter("import", "maintainers-rst", page, "--repo", fresh, "--format",
                              "json")
    assert json.loads(out)["changes"][0]["path"] == "pages/maintainers-rst.yaml"
    assert any("module powerpc" in f["message"] and "--prune" in f["message"]
               for f in _findings(out))
    code, out, _err = charter("import", "maintainers-rst", page, "--repo", fresh, "--prune",
                              "--apply")
    assert code == 0, out
    assert not (fresh / "modules/powerpc.yaml").exists()
    assert (fresh / "members/avmgithub.yaml").exists()  # people are kept


@pytest.mark.parametrize(("title", "slug"), [
    ("NN APIs (torch.nn)", "nn-apis"), ("C++ API", "cpp-api"), ("Build + CI", "build-ci"),
    ("AMD/ROCm/HIP", "amd-rocm-hip"), ("TorchData / TorchArrow", "torchdata-torcharrow"),
    ("(torch.fx)", "torch-fx"), ("Ünïcode", "n-code"),
])
def test_group_titles_make_stable_slugs(title: str, slug: str) -> None:
    assert slug_for(title) == slug


def test_the_existing_member_file_decides_the_spelling(charter: Charter, fresh: Path) -> None:
    (fresh / "members").mkdir()
    (fresh / "members/alband.yaml").write_text("login: alband\nname: Alban D\n")
    code, out, _err = import_rst(charter, fresh, "--format", "json")
    assert code == 0
    ident = [f for f in _findings(out) if f["rule"] == "IMPORT-IDENTITY"]
    assert [f["line"] for f in ident] == [36, 43]
    assert all("members/alband.yaml" in str(f["message"]) for f in ident)
    changes = {c["path"]: c for c in json.loads(out)["changes"]}
    assert "members/albanD.yaml" not in changes
    assert changes["members/alband.yaml"]["action"] == "update"  # the page's name wins
