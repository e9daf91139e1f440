"""`charter init`: the README's adopting steps run for every preset, in a real git repository;
what each preset writes; and the refusals (never overwrite, clear usage errors)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import yaml
from adopt_helpers import PRESETS, adopting_steps, charter, env, init

from charter import release


def test_the_readme_steps_are_the_ones_this_test_runs() -> None:
    steps = adopting_steps()
    assert steps[0].startswith("git init -b main governance")
    assert steps[1] == release.install_line()  # the installed release, pinned by its tag
    assert any(s.startswith("charter init --preset pytorch --org acme") for s in steps)
    for command in ("charter check", "charter member add", "charter pr-check",
                    "charter roster build"):
        assert any(s.startswith(command) for s in steps), command


@pytest.mark.parametrize("preset", PRESETS)
def test_adopting_steps_work_for_every_preset(preset: str, tmp_path: Path) -> None:
    """Every line of the README's block, in order, in one shell (so `cd` carries over); the
    install line is the one thing skipped, since charter is installed already (the wheel test
    installs it from scratch)."""
    script = ["set -eu"]
    for step in adopting_steps():
        if step.startswith("pip install"):
            continue
        script.append(step.replace("--preset pytorch", f"--preset {preset}"))
    proc = subprocess.run(["bash", "-c", "\n".join(script)], cwd=tmp_path, env=env(tmp_path),
                          capture_output=True, text=True, timeout=600, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    repo = tmp_path / "governance"
    assert "all good" in proc.stdout  # charter check, on the fresh repository
    assert "all 1 requirement(s) met" in proc.stdout  # the local pr-check
    assert (repo / "_site" / "index.html").is_file()
    assert (repo / "members" / "carol.yaml").is_file()
    # the pull request's branch is judged by the base: without an approval it is not met
    rc = charter("pr-check", "--base", "main", "--head", "HEAD", "--author", "ada",
                 cwd=repo, home=tmp_path)
    assert rc.returncode == 1 and "grace" in rc.stdout


SHAPES = {
    # preset: (has a lead, modules, council cohorts, ecosystem)
    "pytorch": (True, ["docs", "website"], None, True),
    "pep772": (False, [], {"A": 2, "B": 3}, False),
    "pep13": (False, [], {"council": 5}, False),
    "minimal": (False, [], None, False),
}


@pytest.mark.parametrize("preset", PRESETS)
def test_each_preset_has_its_shape(preset: str, tmp_path: Path) -> None:
    repo = tmp_path / "gov"
    proc = init(repo, preset)
    assert proc.returncode == 0, proc.stderr
    lead, modules, cohorts, ecosystem = SHAPES[preset]
    policy = yaml.safe_load((repo / "policy.yaml").read_text())
    core = yaml.safe_load((repo / "core.yaml").read_text())
    assert policy["organisation"] == {"name": "acme", "github": "acme",
                                      "governance_repository": "acme/governance",
                                      **({"core_repository": "acme/acme"} if modules else {})}
    assert policy["governance"]["has_lead"] is lead
    assert (core.get("lead") == "ada") if lead else "lead" not in core
    assert core["maintainers"] == ["ada", "grace"]
    assert sorted(p.stem for p in (repo / "modules").glob("*.yaml")) == modules
    assert ((repo / "council.yaml").exists(), policy.get("council", {}).get("cohorts")) == (
        cohorts is not None, cohorts)
    form = repo / ".github" / "ISSUE_TEMPLATE" / "ecosystem-application.yml"
    assert (repo / "ecosystem-wg.yaml").exists() is ecosystem and form.exists() is ecosystem
    assert (repo / ".github/workflows/ecosystem-review.yml").exists() is ecosystem
    assert (repo / "generated/core/CODEOWNERS").exists() is bool(modules)
    ada = yaml.safe_load((repo / "members" / "ada.yaml").read_text())
    assert ada["name"] == "Ada Lovelace"
    # the output lists every file written, and nothing is left behind
    listed = {line.strip() for line in proc.stdout.splitlines() if line.startswith("  ")}
    on_disk = {p.relative_to(repo).as_posix() for p in repo.rglob("*") if p.is_file()}
    assert listed == on_disk
    assert not list(repo.glob(".charter-init-*"))


def test_pep13_council_is_elected_all_at_once_for_a_year(tmp_path: Path) -> None:
    repo = tmp_path / "gov"
    assert init(repo, "pep13").returncode == 0
    council = yaml.safe_load((repo / "policy.yaml").read_text())["council"]
    assert council == {"seats": 5, "cohorts": {"council": 5}, "term_years": 1,
                       "voting_method": "approval", "max_per_entity": 2}


def test_the_ecosystem_form_takes_the_policy_values(tmp_path: Path) -> None:
    repo = tmp_path / "gov"
    assert init(repo, "pytorch").returncode == 0
    form = yaml.safe_load((repo / ".github/ISSUE_TEMPLATE/ecosystem-application.yml").read_text())
    text = form["body"][0]["attributes"]["value"]
    assert "at least 2 core maintainers, 5 contributors and 30 commits in the last\n90 days" \
        in text
    assert f"https://github.com/{release.REPOSITORY}/blob/{release.tag()}/docs/ecosystem.md" \
        in text
    licence = next(x for x in form["body"] if x.get("id") == "licence")
    assert licence["attributes"]["options"] == ["BSD-3-Clause", "Apache-2.0", "MIT", "Other"]


def test_the_same_input_gives_the_same_files(tmp_path: Path) -> None:
    trees = []
    for name in ("a", "b"):
        repo = tmp_path / name
        assert init(repo, "pytorch").returncode == 0
        trees.append({p.relative_to(repo).as_posix(): p.read_bytes()
                      for p in sorted(repo.rglob("*")) if p.is_file()})
    assert trees[0] == trees[1]


def test_init_never_overwrites(tmp_path: Path) -> None:
    repo = tmp_path / "gov"
    repo.mkdir()
    (repo / "README.md").write_text("ours\n")
    (repo / "LICENSE").write_text("MIT\n")
    proc = init(repo, "minimal")
    assert proc.returncode == 1
    assert "README.md already exist" in proc.stderr and "never overwrites" in proc.stderr
    assert sorted(p.name for p in repo.iterdir()) == ["LICENSE", "README.md"]  # nothing written
    assert (repo / "README.md").read_text() == "ours\n"


def test_init_refuses_an_existing_governance_repository(tmp_path: Path) -> None:
    repo = tmp_path / "gov"
    assert init(repo, "minimal").returncode == 0
    proc = init(repo, "pep13")
    assert proc.returncode == 1 and "already holds governance data" in proc.stderr


def test_a_licence_and_git_history_are_fine(tmp_path: Path) -> None:
    repo = tmp_path / "gov"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=repo, check=True, env=env(tmp_path))
    (repo / "LICENSE").write_text("MIT\n")
    assert init(repo, "minimal").returncode == 0
    assert charter("check", cwd=repo, home=tmp_path).returncode == 0


@pytest.mark.parametrize(("args", "message"), [
    (["--preset", "minimal", "--org", "acme"], "--maintainer LOGIN"),
    (["--preset", "minimal", "--org", "-acme", "--maintainer", "ada"], "--org"),
    (["--preset", "minimal", "--org", "acme", "--maintainer", "ada", "--maintainer", "ADA"],
     "given twice"),
    (["--preset", "minimal", "--org", "acme", "--maintainer", "a b"], "not a GitHub login"),
    (["--preset", "minimal", "--org", "acme", "--maintainer", "ada", "--lead", "ada"],
     "has no lead"),
    (["--preset", "pytorch", "--org", "acme", "--maintainer", "ada", "--lead", "bob"],
     "--maintainer bob"),
    (["--preset", "pep13", "--org", "acme", "--maintainer", "ada", "--core-repository", "a/b"],
     "has no modules"),
    (["--preset", "minimal", "--org", "acme", "--maintainer", "ada", "--charter-ref", "v1 x"],
     "--charter-ref"),
    (["--preset", "nope", "--org", "acme", "--maintainer", "ada"], "invalid choice"),
])
def test_usage_errors(args: list[str], message: str, tmp_path: Path) -> None:
    proc = charter("init", *args, cwd=tmp_path, home=tmp_path)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert message in proc.stderr and "Traceback" not in proc.stderr
    assert list(tmp_path.iterdir()) == [] or not (tmp_path / "policy.yaml").exists()


def test_the_maintainer_defaults_to_git_config_github_user(tmp_path: Path) -> None:
    (tmp_path / ".gitconfig").write_text("[github]\n\tuser = ada\n")
    repo = tmp_path / "gov"
    repo.mkdir()
    proc = charter("init", "--preset", "minimal", "--org", "acme", cwd=repo, home=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert yaml.safe_load((repo / "core.yaml").read_text())["maintainers"] == ["ada"]


def test_the_roster_of_a_new_organisation_shows_only_what_it_has(tmp_path: Path) -> None:
    repo = tmp_path / "gov"
    assert init(repo, "minimal").returncode == 0
    assert charter("roster", "build", "--out", "_site", cwd=repo, home=tmp_path).returncode == 0
    pages = sorted(p.name for p in (repo / "_site").glob("*.html"))
    assert pages == ["core.html", "index.html"]
    index = json.loads((repo / "_site" / "v1" / "index.json").read_text())
    assert index["counts"]["people"] == 2


def test_names_that_need_quoting_read_back_exactly(tmp_path: Path) -> None:
    name = "Acme: Open Source, Inc. #1"
    proc = charter("init", "new/gov", "--preset", "minimal", "--org", "acme", "--name", name,
                   "--maintainer", "ada=Ada O'Neil: \u00e9mile", "--maintainer", "no=No",
                   cwd=tmp_path, home=tmp_path)
    assert proc.returncode == 0, proc.stderr  # the folder is made, parents included
    repo = tmp_path / "new" / "gov"
    assert yaml.safe_load((repo / "policy.yaml").read_text())["organisation"]["name"] == name
    assert yaml.safe_load((repo / "members" / "ada.yaml").read_text())["name"] == \
        "Ada O'Neil: \u00e9mile"
    assert yaml.safe_load((repo / "members" / "no.yaml").read_text())["name"] == "No"
    assert charter("check", cwd=repo, home=tmp_path).returncode == 0
