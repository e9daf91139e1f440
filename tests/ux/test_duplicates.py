"""Two files holding the same login or slug: one is reported, the one named for it is kept."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import Run, no_traceback


@pytest.mark.parametrize("src, copy, rule, line", [
    ("members/aiko-tanaka.yaml", "members/aaa.yaml", "INT-DUPLICATE-MEMBER", "2:8"),
    ("members/aiko-tanaka.yaml", "members/zoe.yaml", "INT-DUPLICATE-MEMBER", "2:8"),
    ("modules/nn.yaml", "modules/aaa.yaml", "INT-FILENAME", "1:7"),
    ("ecosystem/graphkit.yaml", "ecosystem/zz.yaml", "INT-FILENAME", "1:7"),
])
def test_check_reports_a_copied_file(repo: Path, charter: Run, src: str, copy: str, rule: str,
                                     line: str) -> None:
    # Was: the state is keyed by login/slug, so a copy sorted before the original was silently
    # dropped (check passed with 0 errors) and one sorted after it replaced the original.
    shutil.copy(repo / src, repo / copy)
    proc = charter("check", "--repo", str(repo), "--format", "text")
    no_traceback(proc)
    assert proc.returncode == 1
    assert f"{copy}:{line}: {rule} " in proc.stdout
    assert f"is already held by {src}" in proc.stdout
    assert f"{src}:" not in proc.stdout  # the file named for the login/slug is the one kept


def test_a_copied_module_with_other_maintainers_does_not_replace_the_original(
    repo: Path, charter: Run
) -> None:
    text = (repo / "modules/nn.yaml").read_text()
    (repo / "modules/zz.yaml").write_text(text.replace("  - priya-nair\n", "  - aiko-tanaka\n"))
    proc = charter("codeowners", "--check", "--repo", str(repo))
    assert proc.returncode == 0, proc.stdout  # CODEOWNERS still follows modules/nn.yaml
