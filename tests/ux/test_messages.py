"""What charter says about broken files: in the user's words, with the fix, never Python's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import Run, no_traceback

SKIP = ("--skip", "GOV-MODULE-COMMS", "--skip", "GOV-MODULE")


def _check(charter: Run, repo: Path, *extra: str) -> tuple[int, str]:
    proc = charter("check", "--repo", str(repo), *SKIP, *extra)
    no_traceback(proc)
    return proc.returncode, proc.stdout


def test_validate_path_relative_to_repo(repo: Path, charter: Run, tmp_path: Path) -> None:
    (repo / "members/aiko-tanaka.yaml").write_text("login: aiko-tanaka\nname: [x]\n")
    proc = charter("validate", "--repo", str(repo), "members/aiko-tanaka.yaml", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert "members/aiko-tanaka.yaml:2:7: SCHEMA name: expected a string" in proc.stdout


def test_int_unknown_login_does_not_ask_for_a_member_file_that_exists(repo: Path,
                                                                       charter: Run) -> None:
    # Was: "'aiko-tanaka' (a core maintainer) has no member file; add members/aiko-tanaka.yaml
    # (charter member add ...)" while members/aiko-tanaka.yaml was there with a schema error.
    (repo / "members/aiko-tanaka.yaml").write_text("login: aiko-tanaka\nname: [x]\n")
    code, out = _check(charter, repo)
    assert code == 1
    assert "has no member file" not in out
    assert "charter member add" not in out
    assert ("core.yaml:8:5: INT-UNKNOWN-LOGIN 'aiko-tanaka' (a core maintainer): "
            "members/aiko-tanaka.yaml has errors") in out
    assert "members/aiko-tanaka.yaml:2:7: SCHEMA name: expected a string, found a list" in out


def test_int_unknown_login_still_asks_for_a_truly_missing_file(repo: Path, charter: Run) -> None:
    text = (repo / "modules/audio.yaml").read_text()
    (repo / "modules/audio.yaml").write_text(text.replace("  - elif-demir\n",
                                                          "  - elif-demir\n  - nobody-here\n"))
    code, out = _check(charter, repo)
    assert code == 1
    assert ("INT-UNKNOWN-LOGIN 'nobody-here' (a maintainer of module audio) has no member file; "
            "add members/nobody-here.yaml") in out


@pytest.mark.parametrize("content, found", [("- a\n- b\n", "a list"), ("42\n", "an integer"),
                                            ("just a string\n", "the string")])
def test_schema_a_module_file_that_is_not_a_mapping(repo: Path, charter: Run, content: str,
                                                    found: str) -> None:
    # Was, beside the right line: "SCHEMA file: 42 should not be valid under
    # {'required': ['repositories']}" (jsonschema's repr of an internal guard).
    (repo / "modules/audio.yaml").write_text(content)
    code, out = _check(charter, repo)
    assert code == 1
    assert out.splitlines()[0].startswith(
        f"modules/audio.yaml:1:1: SCHEMA file: expected a mapping, found {found}")
    assert "should not be valid under" not in out
    assert "{'required'" not in out
    assert out.count("modules/audio.yaml") == 1


def test_schema_patterns_are_explained_not_shown_as_regular_expressions(repo: Path,
                                                                        charter: Run) -> None:
    # Was: "must match ^[a-z0-9](?:[a-z0-9]|[-_.](?=[a-z0-9])){0,62}$" and the like.
    (repo / "modules/audio.yaml").write_text(
        "slug: Audio!\nname: \"a\\tb\"\nkind: repository\nrepositories: [lumen-ml/audio]\n"
        "maintainers: [samir-khan]\nlinks:\n  vision: http://example.org\n")
    code, out = _check(charter, repo)
    assert code == 1
    assert "must match" not in out
    assert "slug: 'Audio!' is not valid: a slug: 1-63 lowercase letters" in out
    assert "name: 'a\\tb' is not valid: one line of text: no newlines, tabs" in out
    assert "links.vision: 'http://example.org' is not valid: a link starting with https://" in out


def test_schema_an_empty_name_is_reported_once(repo: Path, charter: Run) -> None:
    # Was: two findings, "is not valid: must match ^[^\u0000-…]+$" and "should be non-empty".
    (repo / "members/aiko-tanaka.yaml").write_text("login: aiko-tanaka\nname: ''\n")
    code, out = _check(charter, repo, "--select", "SCHEMA")
    assert code == 1
    lines = [x for x in out.splitlines() if x.startswith("members/")]
    assert lines == ["members/aiko-tanaka.yaml:2:7: SCHEMA name: must not be empty"]


def test_schema_a_too_long_value_is_not_echoed(repo: Path, charter: Run) -> None:
    (repo / "members/aiko-tanaka.yaml").write_text("login: aiko-tanaka\nname: " + "x" * 300)
    code, out = _check(charter, repo, "--select", "SCHEMA")
    assert code == 1
    assert "SCHEMA name: 300 characters; at most 200 are allowed" in out
    assert "x" * 100 not in out


def test_schema_enum_typo_gets_a_did_you_mean(repo: Path, charter: Run) -> None:
    (repo / "members/aiko-tanaka.yaml").write_text(
        "login: aiko-tanaka\nname: Aiko\naffiliations:\n  - entity: X\n    role: employe\n")
    code, out = _check(charter, repo, "--select", "SCHEMA")
    assert code == 1
    assert "did you mean 'employee'?" in out


def test_schema_empty_file_names_its_schema(repo: Path, charter: Run) -> None:
    (repo / "modules/audio.yaml").write_text("")
    code, out = _check(charter, repo, "--format", "json")
    assert code == 1
    found = [f for f in json.loads(out) if f["path"] == "modules/audio.yaml"]
    assert found == [{"path": "modules/audio.yaml", "line": 1, "col": 1, "rule": "SCHEMA",
                      "severity": "error",
                      "message": "file is empty; see schemas/module.schema.json for its fields"}]


def test_two_findings_in_one_file_are_both_reported_in_order(repo: Path, charter: Run) -> None:
    (repo / "members/aiko-tanaka.yaml").write_text(
        "login: aiko-tanaka\nnmae: Aiko\ngithub_id: '12'\n")
    code, out = _check(charter, repo, "--select", "SCHEMA")
    assert code == 1
    lines = [x for x in out.splitlines() if x.startswith("members/")]
    assert lines == [
        "members/aiko-tanaka.yaml:1:1: SCHEMA file: missing required field 'name'",
        "members/aiko-tanaka.yaml:2:1: SCHEMA unknown field 'nmae'; did you mean 'name'?",
        "members/aiko-tanaka.yaml:3:12: SCHEMA github_id: expected an integer, found the "
        "string '12' (GitHub's numeric user id: survives a login rename)",
    ]


def test_schema_wrong_type_says_what_to_write(repo: Path, charter: Run) -> None:
    # Was: "governance.lead_removal_fraction: expected a string, found a number" and nothing on
    # how to write 0.75 as the exact fraction policy.yaml wants.
    text = (repo / "policy.yaml").read_text()
    (repo / "policy.yaml").write_text(text.replace("lead_removal_fraction: '3/4'",
                                                   "lead_removal_fraction: 0.75"))
    code, out = _check(charter, repo)
    assert code == 1
    assert ("policy.yaml:15:26: SCHEMA governance.lead_removal_fraction: expected a string, "
            "found a number (An exact fraction above 0 and at most 1, such as 1/2, 2/3 "
            "or 3/4") in out


def test_int_stray_file_editor_and_os_leftovers_are_warnings(repo: Path, charter: Run) -> None:
    # Was: .DS_Store, vim swap files and ~ backups failed `charter check` on a maintainer's
    # machine (errors) while CI, on a clean checkout, passed.
    for name in ("members/.DS_Store", "modules/.nn.yaml.swp", "members/aiko-tanaka.yaml~"):
        (repo / name).write_text("junk\n")
    proc = charter("check", "--repo", str(repo))
    no_traceback(proc)
    assert proc.returncode == 0, proc.stdout
    assert ("members/.DS_Store: INT-STRAY-FILE warning: hidden or backup file; charter ignores "
            "it (do not commit it)") in proc.stdout


def test_int_stray_file_other_files_are_still_errors(repo: Path, charter: Run) -> None:
    (repo / "members/notes.txt").write_text("x\n")
    (repo / "members/aiko.yml").write_text("x\n")
    proc = charter("check", "--repo", str(repo))
    assert proc.returncode == 1
    assert "members/notes.txt: INT-STRAY-FILE unexpected file" in proc.stdout
    assert "members/aiko.yml: INT-STRAY-FILE unexpected file; rename it to .yaml" in proc.stdout


@pytest.mark.parametrize("content, where, fix", [
    ("login: aiko-tanaka\nname: Aiko: the best\n", "2:11", "quote the value"),
    ("login: aiko-tanaka\nname: Aiko\naffiliations: [\n", "4:1", "a [ or { is never closed"),
    ("login: aiko-tanaka\nname: \"Aiko\n", "3:1", "a quote or bracket is never closed"),
    ("login: aiko-tanaka\nname Aiko\ngithub_id: 1\n", "3:1", "add the ':' after the key"),
    ("login: aiko-tanaka\nname: @aiko\n", "2:7", "quote it"),
    ("login: aiko-tanaka\nname: Aiko\naffiliations:\n  - entity: X\n   role: employee\n", "5:4",
     "indent each '- ' the same"),
    ("a:\n  b: 1\n c: 2\n", "3:2", "indent each key the same"),
])
def test_yaml_syntax_says_what_to_do(repo: Path, charter: Run, content: str, where: str,
                                     fix: str) -> None:
    # Was: libyaml's words only ("while scanning a simple key: could not find expected ':'").
    (repo / "members/aiko-tanaka.yaml").write_text(content)
    code, out = _check(charter, repo, "--select", "YAML-")
    assert code == 1
    line = out.splitlines()[0]
    assert line.startswith(f"members/aiko-tanaka.yaml:{where}: YAML-SYNTAX not valid YAML: ")
    assert fix in line
