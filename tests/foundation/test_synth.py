"""The benchmark's synthetic organisation stays valid as rules are added, and is deterministic."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _synth():
    spec = importlib.util.spec_from_file_location("synth", REPO / "benchmarks" / "synth.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("synth", mod)
    spec.loader.exec_module(mod)
    return mod


def test_small_synthetic_org_passes_charter_check(tmp_path: Path, run_charter) -> None:
    root = tmp_path / "org"
    _synth().generate(root, members=120, modules=24, projects=33, seed=3)
    assert len(list((root / "members").iterdir())) == 120
    assert len(list((root / "modules").iterdir())) == 24
    assert len(list((root / "ecosystem").iterdir())) == 33
    assert run_charter("codeowners", "--repo", str(root)).returncode == 0
    proc = run_charter("check", "--repo", str(root))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "120 members, 24 modules, 33 ecosystem projects" in proc.stdout


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    synth = _synth()
    synth.generate(tmp_path / "a", members=40, modules=6, projects=11, seed=7)
    synth.generate(tmp_path / "b", members=40, modules=6, projects=11, seed=7)
    synth.generate(tmp_path / "c", members=40, modules=6, projects=11, seed=8)

    def files(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes()
                for p in sorted(root.rglob("*")) if p.is_file()}

    assert files(tmp_path / "a") == files(tmp_path / "b")
    assert files(tmp_path / "a") != files(tmp_path / "c")
