"""charter import landscape on PyTorch's real landscape (tests/importers/fixtures)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from charter import yamlio
from charter.importers.landscape import repository

from .conftest import LANDSCAPE, Charter, import_landscape, snapshot


def _json(out: str) -> dict:  # type: ignore[type-arg]
    return json.loads(out)  # type: ignore[no-any-return]


def test_the_figures_and_what_is_skipped(charter: Charter, eco_repo: Path) -> None:
    code, out, _err = import_landscape(charter, eco_repo, "--format", "json")
    assert code == 0
    doc = _json(out)
    assert doc["summary"] == [f"188 items read from {LANDSCAPE}: 137 ecosystem projects "
                              "(69 active, 68 retired)"]
    created = [c for c in doc["changes"] if c["path"].startswith("ecosystem/")]
    assert len(created) == 137
    skipped = [f for f in doc["findings"] if f["rule"] == "IMPORT-SKIPPED"]
    members = [f for f in skipped if "member companies (45 items)" in f["message"]]
    assert len(members) == 1 and members[0]["line"] == 1202
    foundation = [f["message"].split(" is a project")[0] for f in skipped
                  if "project of the foundation" in f["message"]]
    assert foundation == ["PyTorch", "DeepSpeed", "Ray", "vLLM", "Helion", "Safetensors"]


def test_without_choices_an_organisation_address_is_reported_not_guessed(
        charter: Charter, eco_repo: Path) -> None:
    code, out, _err = charter("import", "landscape", LANDSCAPE, "--repo", eco_repo,
                              "--format", "json")
    assert code == 0
    doc = _json(out)
    orgs = [(f["line"], f["message"].split(":")[0]) for f in doc["findings"]
            if "is the organisation" in f["message"]]
    assert orgs == [(98, "OpenMMLab"), (156, "joeynmt"), (329, "MONAI"), (709, "Substra")]
    assert all(f["severity"] == "warning" for f in doc["findings"]
               if "is the organisation" in f["message"])
    assert sum(c["path"].startswith("ecosystem/") for c in doc["changes"]) == 133


def test_every_repository_address_quirk_is_a_finding_on_its_line(charter: Charter,
                                                                 eco_repo: Path) -> None:
    doc = _json(import_landscape(charter, eco_repo, "--format", "json")[1])
    repo = {f["line"]: f for f in doc["findings"] if f["rule"] == "IMPORT-REPOSITORY"
            and "read as" in f["message"]}
    assert "facebookresearch/vissl (the sub-path /graphs/commit-activity dropped)" in \
        repo[129]["message"]
    assert "dmlc/dgl (a trailing slash dropped)" in repo[228]["message"]
    assert "stray whitespace" in repo[295]["message"]  # torchgeo
    for line in (584, 598, 727, 783, 842, 877, 884):
        assert "stray whitespace" in repo[line]["message"]
    assert "nebuly-ai/optimate" in repo[1007]["message"]
    assert repo[1007]["severity"] == "warning"  # a folder of a repository: worth a look
    assert not [f for f in doc["findings"] if f["severity"] == "error"]


@pytest.mark.parametrize(("url", "repo", "changed"), [
    ("https://github.com/pytorch/vision", "pytorch/vision", False),
    ("https://github.com/dmlc/dgl/", "dmlc/dgl", True),
    ("  https://github.com/a/b  ", "a/b", True),
    ("http://www.github.com/a/b.git", "a/b", True),
    ("https://github.com/a/b/tree/main/x", "a/b", True),
    ("https://github.com/open-mmlab", None, False),
    ("https://gitlab.com/a/b", None, False),
    ("github.com/a/b", None, False),
    ("https://github.com/-bad/b", None, False),
])
def test_repository_addresses(url: str, repo: str | None, changed: bool) -> None:
    got, problem, was_changed = repository(url)
    assert got == repo
    assert (problem is None) == (repo is not None)
    assert was_changed == changed


def test_records_carry_status_description_homepage_and_category(charter: Charter,
                                                                eco_repo: Path) -> None:
    assert import_landscape(charter, eco_repo, "--apply")[0] == 0
    vissl = yamlio.loads((eco_repo / "ecosystem/vissl.yaml").read_bytes())
    assert vissl["status"] == "retired" and vissl["repository"] == "facebookresearch/vissl"
    assert vissl["category"] == {"name": "Modeling", "subcategory": "Computer Vision"}
    assert vissl["homepage"] == "https://vissl.ai/"
    assert vissl["retired"]["date"] == "2026-07-01"
    assert vissl["landscape"] == {"logo": "vissl.svg",
                                  "crunchbase": "https://www.crunchbase.com/organization/facebook"}
    kornia = yamlio.loads((eco_repo / "ecosystem/kornia.yaml").read_bytes())
    assert kornia["status"] == "active" and kornia["imported"] == {"from": "landscape",
                                                                   "date": "2026-07-01"}
    statuses = [yamlio.loads(p.read_bytes())["status"] for p in (eco_repo / "ecosystem").glob("*")]
    assert statuses.count("active") == 69 and statuses.count("retired") == 68
    assert charter("codeowners", "--repo", eco_repo)[0] == 0
    code, out, _err = charter("check", "--repo", eco_repo, "--format", "json")
    found = json.loads(out)
    assert code == 0, [f for f in found if f["severity"] == "error"]
    notices = [f for f in found if f["rule"] in ("ECO-STATUS", "ECO-MEASURABLE")]
    assert len(notices) == 2 * 69 and {f["severity"] for f in notices} == {"notice"}


def test_a_second_import_is_a_no_op(charter: Charter, eco_repo: Path) -> None:
    assert import_landscape(charter, eco_repo, "--apply")[0] == 0
    before = snapshot(eco_repo)
    code, out, _err = import_landscape(charter, eco_repo, "--format", "json")
    assert code == 0 and _json(out)["changes"] == []
    assert charter("import", "landscape", LANDSCAPE, "--repo", eco_repo, "--as-of", "2026-08-01",
                   "--repository", "OpenMMLab=open-mmlab/mmcv", "--repository",
                   "joeynmt=joeynmt/joeynmt", "--repository", "MONAI=Project-MONAI/MONAI",
                   "--repository", "Substra=Substra/substra", "--apply")[0] == 0
    assert snapshot(eco_repo) == before


def test_an_archived_project_in_a_later_landscape_is_retired(charter: Charter, eco_repo: Path,
                                                             tmp_path: Path) -> None:
    assert import_landscape(charter, eco_repo, "--apply")[0] == 0
    text = LANDSCAPE.read_text(encoding="utf-8")
    logo = "            logo: kornia_banner_pixie.svg\n"
    text = text.replace(logo, logo + "            project: archived\n")
    later = tmp_path / "later.yml"
    later.write_text(text, encoding="utf-8")
    code, out, _err = import_landscape(charter, eco_repo, "--apply", "--format", "json",
                                       src=later)
    assert code == 0
    doc = _json(out)
    assert [c["path"] for c in doc["changes"]] == ["ecosystem/kornia.yaml"]
    kornia = yamlio.loads((eco_repo / "ecosystem/kornia.yaml").read_bytes())
    assert kornia["status"] == "retired" and "retired" in kornia
    assert any("active in ecosystem/kornia.yaml, retired in the landscape" in f["message"]
               for f in doc["findings"])
