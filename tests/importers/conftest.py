"""Fixtures for the import and export tests: the real published files, and fresh repositories."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from charter.cli import main

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
RST = FIXTURES / "pytorch-persons_of_interest.rst"
LANDSCAPE = FIXTURES / "pytorch-landscape.yml"
EXAMPLE = HERE.parent.parent / "examples" / "pytorch"

POLICY = """organisation:
  name: PyTorch Foundation
  github: pytorch
  core_repository: pytorch/pytorch
"""

# The choices examples/pytorch/build.sh makes (the published files cannot say them).
LIBRARY_REPOS = [
    "XLA=pytorch/xla", "TorchServe=pytorch/serve", "TorchVision=pytorch/vision",
    "TorchText=pytorch/text", "TorchAudio=pytorch/audio", "TorchRec=pytorch/torchrec",
    "TorchX=pytorch/torchx", "TorchData / TorchArrow=pytorch/data,pytorch/torcharrow",
]
ORG_CHOICES = ["OpenMMLab=open-mmlab/mmcv", "joeynmt=joeynmt/joeynmt",
               "MONAI=Project-MONAI/MONAI", "Substra=Substra/substra"]


@pytest.fixture
def fresh(tmp_path: Path) -> Path:
    """An empty governance repository: a policy.yaml and nothing else."""
    root = tmp_path / "gov"
    root.mkdir()
    (root / "policy.yaml").write_text(POLICY, encoding="utf-8")
    return root


@pytest.fixture
def eco_repo(fresh: Path) -> Path:
    """A repository with a core (one maintainer) to import the landscape into."""
    (fresh / "core.yaml").write_text("lead: soumith\nmaintainers: [soumith]\n")
    (fresh / "members").mkdir()
    (fresh / "members/soumith.yaml").write_text("login: soumith\nname: Soumith Chintala\n")
    return fresh


@pytest.fixture
def example_copy(tmp_path: Path) -> Path:
    """A copy of examples/pytorch to change freely."""
    dest = tmp_path / "pytorch"
    shutil.copytree(EXAMPLE, dest)
    return dest


Charter = Callable[..., tuple[int, str, str]]


@pytest.fixture
def charter(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Charter:
    """Run the charter command line in this process: (exit code, stdout, stderr)."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("CHARTER_REPO", raising=False)

    def run(*args: str | Path) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def import_rst(charter: Charter, root: Path, *extra: str | Path,
               src: Path = RST) -> tuple[int, str, str]:
    repos = [x for r in LIBRARY_REPOS for x in ("--repository", r)]
    return charter("import", "maintainers-rst", src, "--repo", root, "--as-of", "2026-07-01",
                   *repos, *extra)


def import_landscape(charter: Charter, root: Path, *extra: str | Path,
                     src: Path = LANDSCAPE) -> tuple[int, str, str]:
    repos = [x for r in ORG_CHOICES for x in ("--repository", r)]
    return charter("import", "landscape", src, "--repo", root, "--as-of", "2026-07-01",
                   *repos, *extra)


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file() and ".git" not in p.parts}


def copy_to(tmp: Path, src: Path, name: str) -> Path:
    dest = tmp / name
    shutil.copyfile(src, dest)
    return dest
