"""Render the files of a new governance repository from a preset and the organisation's names.

Templates live in ``templates/`` and use ``<< name >>`` for values (GitHub's own ``${{ }}`` stays
as it is) and Jinja's ``{% %}`` blocks. Everything that names charter pins one release: the
workflows' ``uses:`` and ``charter-ref``, the pre-commit hooks' ``rev`` and the README's install
line.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from charter import __version__, release
from charter.adopt.presets import PRESETS, Preset

TEMPLATES = Path(__file__).resolve().parent / "templates"
_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


@dataclass(frozen=True)
class Options:
    """What ``charter init`` was told (or chose by default)."""

    preset: str
    org: str
    maintainers: tuple[tuple[str, str], ...]  # (login, name), founders first
    name: str = ""
    lead: str | None = None
    repository: str = ""
    core_repository: str = ""
    charter_repository: str = release.REPOSITORY
    charter_ref: str = ""
    branch: str = "main"
    today: str = ""

    def complete(self) -> Options:
        """The options with every default filled in."""
        from charter.rules import today

        preset = PRESETS[self.preset]
        return Options(
            preset=self.preset, org=self.org, maintainers=self.maintainers,
            name=self.name or self.org,
            lead=(self.lead or self.maintainers[0][0]) if preset.lead else None,
            repository=self.repository or f"{self.org}/governance",
            core_repository=(self.core_repository or f"{self.org}/{self.org}")
            if preset.modules else "",
            charter_repository=self.charter_repository,
            charter_ref=self.charter_ref or release.tag(),
            branch=self.branch,
            today=self.today or today().isoformat(),
        )


_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ._'()&-]*[A-Za-z0-9.)]|[A-Za-z]")
_RESERVED = {"true", "false", "null", "yes", "no", "on", "off", "y", "n"}


def _yaml_scalar(text: str) -> str:
    """``text`` as a YAML scalar that reads back as exactly that string: plain when it is
    plainly a name, else double-quoted (a JSON string is a YAML double-quoted scalar)."""
    if _PLAIN.fullmatch(text) and text.lower() not in _RESERVED:
        return text
    return json.dumps(text, ensure_ascii=False)


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        variable_start_string="<<",
        variable_end_string=">>",
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # YAML, Markdown and workflows, never HTML
    )
    env.tests["sha"] = release.is_commit
    env.globals["yaml"] = _yaml_scalar
    env.globals["words"] = lambda n: _WORDS[n] if 0 <= n < len(_WORDS) else str(n)
    return env


def _render(template: str, /, **context: Any) -> str:
    return environment().get_template(template).render(**context)


def docs_url(repository: str, ref: str) -> str:
    """Where the documents of this release of charter are read (folder, ending in /)."""
    return f"https://github.com/{repository}/blob/{ref}/docs/"


def context(opts: Options) -> dict[str, Any]:
    preset: Preset = PRESETS[opts.preset]
    return {
        "own": False, "preset": preset, "version": __version__, "org": opts.org,
        "name": opts.name, "maintainers": opts.maintainers, "lead": opts.lead,
        "repository": opts.repository, "core_repository": opts.core_repository,
        "charter_repository": opts.charter_repository, "charter_ref": opts.charter_ref,
        "branch": opts.branch, "today": opts.today,
        "docs": docs_url(opts.charter_repository, opts.charter_ref),
        "docs_schemas": f"https://github.com/{opts.charter_repository}/blob/"
                        f"{opts.charter_ref}/schemas/",
    }


def issue_form(ecosystem: dict[str, Any], docs: str, *, own: bool = False) -> str:
    """The ecosystem application form (ECO-SUBMIT), its requirements from the policy's values;
    ``own`` for charter's own repository (its header speaks to charter's maintainers)."""
    return _render("ecosystem-application.yml.j2", eco=ecosystem, docs=docs, own=own,
                   version=__version__)


def pull_request_template(docs: str) -> str:
    return _render("pull_request_template.md.j2", docs=docs)


def render(opts: Options) -> dict[str, str]:
    """Every file of the new repository (not the generated CODEOWNERS): path -> text."""
    opts = opts.complete()
    ctx = context(opts)
    preset: Preset = ctx["preset"]
    out: dict[str, str] = {
        "policy.yaml": _render("policy.yaml.j2", **ctx),
        "core.yaml": _render("core.yaml.j2", **ctx),
        "README.md": _render("README.md.j2", **ctx),
        ".gitignore": _render("gitignore.j2", **ctx),
        ".pre-commit-config.yaml": _render("pre-commit-config.yaml.j2", **ctx),
        ".github/pull_request_template.md": pull_request_template(ctx["docs"]),
    }
    for login, person in opts.maintainers:
        out[f"members/{login}.yaml"] = _render("member.yaml.j2", login=login, person=person,
                                               **ctx)
    if preset.modules:
        out["modules/docs.yaml"] = _render("module-paths.yaml.j2", **ctx)
        out["modules/website.yaml"] = _render("module-repository.yaml.j2", **ctx)
    if preset.council:
        out["council.yaml"] = _render("council.yaml.j2", **ctx)
    workflows = ["validate", "governance-approvals", "governance-approvals-relay",
                 "governance-approvals-rerun", "roster"]
    if preset.ecosystem:
        out["ecosystem-wg.yaml"] = _render("ecosystem-wg.yaml.j2", **ctx)
        out["ecosystem/.gitkeep"] = ""
        workflows.append("ecosystem-review")
        from charter.policy import Policy
        from charter.yamlio import loads

        policy = Policy.from_data(loads(out["policy.yaml"].encode()))
        out[".github/ISSUE_TEMPLATE/ecosystem-application.yml"] = issue_form(
            policy.values["ecosystem"], ctx["docs"])
    for name in workflows:
        out[f".github/workflows/{name}.yml"] = _render(f"workflows/{name}.yml.j2", **ctx)
    return out
