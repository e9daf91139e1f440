"""The package as an adopter gets it: `python -m build` makes an sdist and, from it, a wheel;
the wheel installs into a fresh virtual environment outside the repository, where `charter init`
and `charter check` work.

No network: the build runs without isolation (setuptools is in the lock), and the fresh
environment gets charter from the wheel alone (``pip install --no-deps --no-index``) while its
dependencies -- exactly the lock's, already installed for the tests -- are made visible through
a ``.pth`` file naming this environment's site-packages. A ``.pth`` line only adds a folder to the
path, so the editable install of this checkout is not seen there (asserted below).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from adopt_helpers import REPO_ROOT, env

from charter import __version__


def _sources(dest: Path) -> None:
    """The files of this checkout that git would commit (tracked or new, not ignored)."""
    proc = subprocess.run(["git", "ls-files", "-z", "-co", "--exclude-standard"], cwd=REPO_ROOT,
                          capture_output=True, check=False)
    if proc.returncode != 0:
        pytest.skip("not a git checkout: the sources to build cannot be listed")
    for rel in filter(None, proc.stdout.decode().split("\0")):
        src = REPO_ROOT / rel
        if not os.path.lexists(src):
            continue  # deleted in the working tree
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, target, follow_symlinks=False)


def _run(cmd: list[str], cwd: Path, home: Path, timeout: float = 600
         ) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(cmd, cwd=cwd, env=env(home), capture_output=True, text=True,
                          timeout=timeout, check=False)
    assert proc.returncode == 0, f"{cmd}:\n{proc.stdout}\n{proc.stderr}"
    return proc


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("wheel")
    _sources(base / "src")
    _run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(base / "dist"),
          str(base / "src")], cwd=base, home=base)
    return base / "dist"


def test_the_build_makes_an_sdist_and_a_wheel_with_everything(built: Path) -> None:
    assert sorted(p.name for p in built.iterdir()) == [
        f"charter-{__version__}-py3-none-any.whl", f"charter-{__version__}.tar.gz"]
    names = zipfile.ZipFile(built / f"charter-{__version__}-py3-none-any.whl").namelist()
    for needed in ("charter/schemas/policy.schema.json", "charter/schemas/codeowners.schema.json",
                   "charter/adopt/templates/policy.yaml.j2",
                   "charter/adopt/templates/workflows/governance-approvals.yml.j2",
                   "charter/roster/templates/index.html.j2", "charter/py.typed"):
        assert needed in names, needed
    assert not [n for n in names if n.startswith(("tests/", "benchmarks/", "members/"))]


def test_the_wheel_works_in_a_fresh_environment_outside_the_repository(built: Path,
                                                                         tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], cwd=tmp_path, home=tmp_path)
    python = venv / "bin" / "python"
    fresh_site = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_path("
                            "'purelib'))"], cwd=tmp_path, home=tmp_path).stdout.strip())
    ours = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    (fresh_site / "zz_test_dependencies.pth").write_text("\n".join(sorted(ours)) + "\n")
    wheel = built / f"charter-{__version__}-py3-none-any.whl"
    _run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
          "--disable-pip-version-check", str(wheel)], cwd=tmp_path, home=tmp_path)

    where = _run([str(python), "-c", "import charter; print(charter.__file__)"], cwd=tmp_path,
                 home=tmp_path).stdout.strip()
    assert Path(where).is_relative_to(fresh_site)  # the wheel's charter, not this checkout's
    exe = str(venv / "bin" / "charter")
    assert _run([exe, "--version"], cwd=tmp_path, home=tmp_path).stdout == \
        f"charter {__version__}\n"
    org = tmp_path / "org"
    org.mkdir()
    assert not org.resolve().is_relative_to(REPO_ROOT.resolve())
    _run(["git", "init", "-q", "-b", "main"], cwd=org, home=tmp_path)
    _run([exe, "init", "--preset", "pytorch", "--org", "acme", "--maintainer", "ada",
          "--maintainer", "grace"], cwd=org, home=tmp_path)
    out = _run([exe, "check"], cwd=org, home=tmp_path).stdout
    assert "all good" in out
