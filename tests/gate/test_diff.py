"""charter diff: typed governance events between two revisions; layout-only edits give none."""

from __future__ import annotations

import json

from gate_helpers import GitRepo, add_core, run


def events(repo: GitRepo, base: str = "main", head: str = "pr") -> list[dict]:
    rc, out, err = run("diff", base, head, "--repo", str(repo.path), "--format", "json")
    assert rc == 0, err
    return json.loads(out)


def kinds(repo: GitRepo) -> list[tuple[str, str]]:
    return [(e["kind"], e["subject"]) for e in events(repo)]


def test_formatting_only_edits_give_no_events(org: GitRepo) -> None:
    path = org.path / "modules/nn.yaml"
    text = path.read_text()
    # comments, quoting style, flow style and key order change; the data does not
    text = "# the nn module\n" + text.replace("name: NN", "name: 'NN'  # display name")
    text = text.replace("maintainers:\n- finn\n- gus\n- hal\n", "maintainers: [finn, gus, hal]\n")
    path.write_text(text)
    pol = org.path / "policy.yaml"
    pol.write_text(pol.read_text() + "governance:\n  lead_removal_fraction: '3/4'  # the default\n")
    org.commit()
    assert events(org) == []
    rc, out, _ = run("diff", "main", "pr", "--repo", str(org.path))
    assert rc == 0 and "no governance changes" in out


def test_member_and_maintainer_events(org: GitRepo) -> None:
    org.write({"members/zoe.yaml": {"login": "zoe", "name": "Zoe", "github_id": 130}})
    org.edit("members/bob.yaml", lambda d: d.update(
        affiliations=[{"entity": "Acme", "role": "employee"}]))
    org.edit("members/eve.yaml", lambda d: d.update(relationships=[{"login": "bob",
                                                                    "kind": "romantic"}]))
    org.edit("members/dan.yaml", lambda d: d.update(github_id=999))
    org.edit("modules/nn.yaml", lambda d: d.update(
        maintainers=["finn", "zoe"],
        emeritus=[{"login": "gus", "since": "2026-11-01"}]))
    org.commit()
    got = kinds(org)
    assert ("member-added", "zoe") in got
    assert ("member-affiliation-changed", "bob") in got
    assert ("member-relationship-changed", "eve") in got
    assert ("member-identity-changed", "dan") in got
    assert ("module-maintainer-added", "zoe") in got
    assert ("module-maintainer-emeritus", "gus") in got
    assert ("module-maintainer-removed", "hal") in got


def test_core_lead_policy_module_events(org: GitRepo) -> None:
    org.edit("core.yaml", lambda d: d.update(
        lead="bob", maintainers=["bob", "cyd", "dan", "eve", "finn"],
        emeritus=[{"login": "ada", "since": "2026-11-01"}]))
    org.edit("policy.yaml", lambda d: d.update(governance={"lead_removal_fraction": "1/2"}))
    org.edit("modules/comp.yaml", lambda d: d.update(paths=["lib/comp/", "lib/jit/"]))
    org.edit("modules/opt.yaml", lambda d: d.update(decision_rule={"kind": "unanimous"}))
    org.write({"modules/empty.yaml": None,
               "modules/new.yaml": {"slug": "new", "name": "New", "kind": "paths",
                                    "paths": ["lib/new/"], "maintainers": ["hal"]}})
    org.commit()
    evs = events(org)
    got = [(e["kind"], e["subject"]) for e in evs]
    assert ("core-maintainer-added", "finn") in got
    assert ("core-maintainer-emeritus", "ada") in got
    assert ("lead-changed", "bob") in got
    assert ("policy-changed", "governance.lead_removal_fraction") in got
    assert ("module-rescoped", "comp") in got
    assert ("module-rule-changed", "opt") in got
    assert ("module-removed", "empty") in got
    assert ("module-added", "new") in got
    pol = next(e for e in evs if e["kind"] == "policy-changed")
    assert (pol["before"], pol["after"]) == ("3/4", "1/2")
    assert pol["line"] > 0


def test_council_ecosystem_election_generated_and_tooling_events(org: GitRepo) -> None:
    org.edit("council.yaml", lambda d: d["seats"].__setitem__(
        2, {"login": "sam", "cohort": "B", "term_start": "2026-11-01", "term_end": "2027-06-15",
            "elected_in": "2026-by", "replaces": "ros"}))
    org.edit("ecosystem/alpha.yaml", lambda d: d.update(status="declined", decisions=[
        {"date": "2026-11-01", "outcome": "declined", "for": ["ivy"], "against": ["jo", "kim"],
         "working_group": ["ivy", "jo", "kim", "mo", "ned"]}]))
    org.edit("ecosystem-wg.yaml", lambda d: d["members"].append("lou"))
    org.write({"elections/2026-by/result.yaml": "certified: true\n",
               ".github/CODEOWNERS": "* @ada\n",
               ".github/workflows/x.yml": "on: push\n",
               "scripts/charter/check.py": "print('patched')\n",
               "docs/x.md": "hello\n"})
    org.commit()
    got = kinds(org)
    assert ("council-seat-added", "sam") in got
    assert ("council-seat-removed", "ros") in got
    assert ("project-status-changed", "alpha") in got
    assert ("project-decision-changed", "alpha") in got
    assert ("wg-member-added", "lou") in got
    assert ("election-changed", "2026-by") in got
    assert ("generated-changed", ".github/CODEOWNERS") in got
    assert ("tooling-changed", ".github/workflows/x.yml") in got
    assert ("tooling-changed", "scripts/charter/check.py") in got
    assert ("file-changed", "docs/x.md") in got


def test_text_output_and_bad_revision(org: GitRepo) -> None:
    org.edit("core.yaml", add_core("finn"))
    org.commit()
    rc, out, _ = run("diff", "main", "pr", "--repo", str(org.path))
    assert rc == 0
    assert out.startswith("core.yaml:") and "core-maintainer-added: finn added as a core" in out
    rc, _, err = run("diff", "main", "nope", "--repo", str(org.path))
    assert rc == 1 and "no such revision" in err and "Traceback" not in err


def test_head_with_invalid_file_is_reported(org: GitRepo) -> None:
    (org.path / "modules/nn.yaml").write_text("slug: nn\nname: [unclosed\n")
    org.commit()
    rc, _, err = run("diff", "main", "pr", "--repo", str(org.path))
    assert rc == 1 and "modules/nn.yaml" in err
