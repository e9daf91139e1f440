"""charter member add and charter module add-maintainer / remove-maintainer / emeritus.

Each runs as a real subprocess on a fixture organisation whose files carry comments and mixed
quoting; the tests check the exact lines that change, that comments survive, that the result
passes `charter check`, and that a refused edit writes nothing.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from .foundation_fixtures import TODAY_ENV, write_org

NN = (
    "# Neural networks: layers, losses and their tests.\n"
    "slug: nn\n"
    "name: 'Neural networks'\n"
    "kind: paths\n"
    "paths:\n"
    "  - src/nn/   # the package\n"
    "maintainers:\n"
    "  - carol  # since 2024\n"
    "\n"
    "# Where the module publishes its plans.\n"
    "links:\n"
    "  vision: \"https://example.org/nn/vision\"\n"
    "  roadmap: https://example.org/nn/roadmap\n"
    "  design_docs: https://example.org/nn/design\n"
)

TOOLS = (
    "slug: tools\n"
    "name: Tools\n"
    "kind: repository\n"
    "repositories: [test-org/tools]\n"
    "maintainers:\n"
    "  - dave\n"
    "  - erin   # release manager\n"
    "emeritus:\n"
    "  - login: frank\n"
    "    since: '2025-03-01'\n"
    "    reason: moved on\n"
    "links:\n"
    "  vision: https://example.org/tools/vision\n"
    "  roadmap: https://example.org/tools/roadmap\n"
    "  design_docs: https://example.org/tools/design\n"
)


@pytest.fixture
def org(tmp_path: Path, run_charter) -> Path:
    root = write_org(tmp_path / "org", {"modules/nn.yaml": NN, "modules/tools.yaml": TOOLS})
    assert run_charter("codeowners", "--repo", str(root)).returncode == 0
    return root


def changes(before: str, after: str) -> list[str]:
    """The changed lines, '+' or '-' then the line."""
    return [d for d in difflib.ndiff(before.splitlines(), after.splitlines())
            if d[:2] in ("+ ", "- ")]


def still_clean(root: Path, run_charter) -> None:
    proc = run_charter("check", "--repo", str(root), env=TODAY_ENV)
    assert proc.returncode == 0, proc.stdout
    assert not list(root.rglob("*.tmp"))  # atomic writes leave no temporary files behind


def test_add_maintainer(org: Path, run_charter) -> None:
    proc = run_charter("module", "add-maintainer", "nn", "dave", "--repo", str(org))
    assert proc.returncode == 0, proc.stderr
    after = (org / "modules/nn.yaml").read_text()
    assert changes(NN, after) == ["+   - dave"]
    assert after.index("  - carol  # since 2024\n  - dave\n\n# Where the module") > 0
    assert "wrote modules/nn.yaml" in proc.stdout
    assert "wrote .github/CODEOWNERS" in proc.stdout  # kept in sync
    assert "/modules/nn.yaml @alice @bob @carol @dave" in (org / ".github/CODEOWNERS").read_text()
    still_clean(org, run_charter)


def test_add_maintainer_uses_the_member_file_spelling(org: Path, run_charter) -> None:
    proc = run_charter("module", "add-maintainer", "nn", "DAVE", "--repo", str(org))
    assert proc.returncode == 0, proc.stderr
    assert changes(NN, (org / "modules/nn.yaml").read_text()) == ["+   - dave"]


def test_remove_maintainer(org: Path, run_charter) -> None:
    proc = run_charter("module", "remove-maintainer", "tools", "dave", "--repo", str(org))
    assert proc.returncode == 0, proc.stderr
    assert changes(TOOLS, (org / "modules/tools.yaml").read_text()) == ["-   - dave"]
    still_clean(org, run_charter)


def test_remove_last_listed_maintainer_keeps_the_rest(org: Path, run_charter) -> None:
    proc = run_charter("module", "remove-maintainer", "tools", "erin", "--repo", str(org))
    assert proc.returncode == 0, proc.stderr
    after = (org / "modules/tools.yaml").read_text()
    assert changes(TOOLS, after) == ["-   - erin   # release manager"]
    assert "  - dave\nemeritus:\n" in after


def test_emeritus_appends_to_the_existing_list(org: Path, run_charter) -> None:
    proc = run_charter("module", "emeritus", "tools", "erin", "--since", "2026-11-01",
                       "--reason", "stepped back: new job", "--repo", str(org))
    assert proc.returncode == 0, proc.stderr
    after = (org / "modules/tools.yaml").read_text()
    assert changes(TOOLS, after) == [
        "-   - erin   # release manager",
        "+   - login: erin  # release manager",  # the moved item keeps its comment
        "+     since: '2026-11-01'",
        "+     reason: 'stepped back: new job'",
    ]
    assert after.index("reason: moved on\n  - login: erin  # release manager\n") > 0
    still_clean(org, run_charter)


def test_emeritus_creates_the_list_after_maintainers(org: Path, run_charter) -> None:
    proc = run_charter("module", "emeritus", "nn", "carol", "--repo", str(org), env=TODAY_ENV)
    assert proc.returncode == 0, proc.stderr
    after = (org / "modules/nn.yaml").read_text()
    assert changes(NN, after) == [
        "- maintainers:",
        "+ maintainers: []",
        "+ emeritus:",
        "-   - carol  # since 2024",
        "+   - login: carol  # since 2024",  # the moved item keeps its comment
        "+     since: '2026-11-21'",
    ]
    # the comment about links still sits right above links:
    assert "    since: '2026-11-21'\n\n# Where the module publishes its plans.\nlinks:" in after


def test_reinstate_keeps_the_comment_after_the_emeritus_list(org: Path, run_charter) -> None:
    tools = TOOLS.replace("links:\n", "\n# Published plans.\nlinks:\n")
    (org / "modules/tools.yaml").write_text(tools)
    proc = run_charter("module", "add-maintainer", "tools", "frank", "--reinstate",
                       "--repo", str(org))
    assert proc.returncode == 0, proc.stderr
    after = (org / "modules/tools.yaml").read_text()
    assert "  - frank\n\n# Published plans.\nlinks:\n" in after
    assert "emeritus" not in after


def test_reinstate_an_emeritus_maintainer(org: Path, run_charter) -> None:
    refused = run_charter("module", "add-maintainer", "tools", "frank", "--repo", str(org))
    assert refused.returncode == 1
    assert "emeritus maintainer of tools (since 2025-03-01); pass --reinstate" in refused.stderr
    assert (org / "modules/tools.yaml").read_text() == TOOLS
    proc = run_charter("module", "add-maintainer", "tools", "frank", "--reinstate",
                       "--repo", str(org))
    assert proc.returncode == 0, proc.stderr
    after = (org / "modules/tools.yaml").read_text()
    assert changes(TOOLS, after) == [
        "+   - frank",
        "- emeritus:",
        "-   - login: frank",
        "-     since: '2025-03-01'",
        "-     reason: moved on",
    ]
    still_clean(org, run_charter)


@pytest.mark.parametrize(("argv", "message"), [
    (("module", "add-maintainer", "nnn", "dave"), "no module 'nnn' (no modules/nnn.yaml); "
                                                  "did you mean 'nn'?"),
    (("module", "add-maintainer", "nn", "carol"), "carol is already a maintainer of nn"),
    (("module", "add-maintainer", "nn", "zed"), "'zed' (the nominee) has no member file; if "
                                                "they are new, add them first: charter member "
                                                "add zed --name NAME"),
    (("module", "add-maintainer", "nn", "dav"), "'dav' (the nominee) has no member file; did "
                                                "you mean 'dave'?"),
    (("module", "remove-maintainer", "nn", "dave"), "dave is not a maintainer of nn "
                                                    "(maintainers: carol)"),
    (("module", "emeritus", "tools", "frank"), "frank is already an emeritus maintainer of "
                                               "tools"),
    (("module", "emeritus", "tools", "zed"), "zed is not a maintainer of tools"),
    (("member", "add", "carol", "--name", "Carol"), "members/carol.yaml already exists"),
    (("member", "add", "Carol", "--name", "Carol"), "'Carol' already has a member file"),
    (("member", "add", "bad login", "--name", "X"), "'bad login' is not a GitHub login"),
    (("member", "add", "gina", "--name", "Gina", "--github-id", "101"),
     "github_id 101 already belongs to alice"),
])
def test_refused_edits_write_nothing(org: Path, run_charter, argv: tuple[str, ...],
                                     message: str) -> None:
    before = {p: p.read_bytes() for p in org.rglob("*") if p.is_file()}
    proc = run_charter(*argv, "--repo", str(org))
    assert proc.returncode == 1, proc.stdout
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr
    assert {p: p.read_bytes() for p in org.rglob("*") if p.is_file()} == before


def test_member_add(org: Path, run_charter) -> None:
    proc = run_charter("member", "add", "gina-lee", "--name", "Gina Lee", "--github-id", "109",
                       "--affiliation", "Acme: Research:employee", "--community-since",
                       "2026-01-05", "--repo", str(org))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("wrote members/gina-lee.yaml\nthis change needs")
    assert (org / "members/gina-lee.yaml").read_text() == (
        "# Gina Lee\n"
        "login: gina-lee\n"
        "github_id: 109\n"
        "name: Gina Lee\n"
        "affiliations:\n"
        "  - entity: 'Acme: Research'\n"
        "    role: employee\n"
        "community:\n"
        "  since: '2026-01-05'\n"
    )
    still_clean(org, run_charter)
    added = run_charter("module", "add-maintainer", "nn", "gina-lee", "--repo", str(org))
    assert added.returncode == 0, added.stderr


def test_member_add_validates_before_writing(org: Path, run_charter) -> None:
    proc = run_charter("member", "add", "gina", "--name", "Gina", "--affiliation", "Acme:boss",
                       "--repo", str(org))
    assert proc.returncode == 1
    assert "the edit would make the repository invalid; nothing written" in proc.stderr
    assert "members/gina.yaml:6:11: SCHEMA affiliations[0].role: 'boss' is not one of" in (
        proc.stderr)
    assert not (org / "members/gina.yaml").exists()


def test_member_add_usage_errors(org: Path, run_charter) -> None:
    proc = run_charter("member", "add", "gina", "--name", "Gina", "--affiliation", "Acme",
                       "--repo", str(org))
    assert proc.returncode == 2
    assert "write ENTITY:ROLE" in proc.stderr
    assert not (org / "members/gina.yaml").exists()


def test_edit_refused_when_the_module_file_is_broken(org: Path, run_charter) -> None:
    (org / "modules/nn.yaml").write_text(NN + "colour: red\n")
    proc = run_charter("module", "add-maintainer", "nn", "dave", "--repo", str(org))
    assert proc.returncode == 1
    assert "modules/nn.yaml has errors" in proc.stderr
    assert (org / "modules/nn.yaml").read_text() == NN + "colour: red\n"


def test_stale_codeowners_are_left_alone(org: Path, run_charter) -> None:
    """CODEOWNERS are regenerated only when they were in sync: a stale one is not rewritten."""
    (org / ".github/CODEOWNERS").write_text("# hand edited\n")
    proc = run_charter("module", "add-maintainer", "nn", "dave", "--repo", str(org))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("wrote modules/nn.yaml\nwrote generated/core/CODEOWNERS\n")
    assert (org / ".github/CODEOWNERS").read_text() == "# hand edited\n"
