"""ECO-SUBMIT: reading a submitted application form, one rule at a time, at its boundaries.

Each test builds the body GitHub renders for a submitted issue form (``### Label``, a blank line,
the answer) and checks what ``charter.ecosystem.form`` makes of it: the answers by field, the
record written to ``ecosystem/``, or the one-line refusal the applicant reads.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from charter.ecosystem import form

TODAY = dt.date(2026, 11, 21)
COMMITMENT = form.BY_ID["maintenance"].options[0]

# A complete, acceptable application, by field id.
ANSWERS: dict[str, str] = {
    "name": "Torch Orbit",
    "repository": "https://github.com/orbit-ml/torch-orbit",
    "description": "Orbit makes distributed checkpoints boring.",
    "licence": "Apache-2.0",
    "maintainers": "@sam-lee\n@RiverStone",
    "documentation": "https://orbit-ml.github.io/docs",
    "quick_start": "pip install torch-orbit",
    "ci": "https://github.com/orbit-ml/torch-orbit/actions",
    "tests": form.NO_RESPONSE,
    "packages": "pip and conda-forge",
    "framework_versions": "2.6, 2.5.1",
    "governance": form.NO_RESPONSE,
    "maintenance": f"- [X] {COMMITMENT}",
    "contacts": "Sam Lee <sam@orbit.dev>",
    "previous_issue": form.NO_RESPONSE,
    "video": form.NO_RESPONSE,
}


def body(**answers: str) -> str:
    """The body of a submitted form: ``ANSWERS`` with ``answers`` (by field id) replacing some."""
    merged = {**ANSWERS, **answers}
    return "\n".join(f"### {f.label}\n\n{merged[f.id]}\n" for f in form.FIELDS)


def record(text: str) -> dict[str, Any]:
    return form.to_record(form.sections(text), issue=7, today=TODAY)


def refusal(text: str) -> str:
    """The one line an applicant reads when the form cannot become a record."""
    with pytest.raises(form.FormError) as caught:
        record(text)
    return str(caught.value)


# --- sections: finding the answers in the body ---------------------------------------------------

@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "lone-cr"])
def test_eco_submit_any_line_ending_reads_like_lf(newline: str) -> None:
    text = body(description="Line one.\nLine two.\n\nA new paragraph.")
    assert form.sections(text.replace("\n", newline)) == form.sections(text)
    assert form.sections(text)["description"] == "Line one.\nLine two.\n\nA new paragraph."


@pytest.mark.parametrize("answer", ["", "   ", form.NO_RESPONSE])
def test_eco_submit_an_empty_answer_is_no_answer(answer: str) -> None:
    answers = form.sections(body(tests=answer))
    assert "tests" in answers and answers["tests"] is None
    assert record(body(tests=answer))["application"]["tests"] is None


def test_eco_submit_text_before_the_first_heading_is_ignored() -> None:
    preamble = "Thanks for applying!\n\n```\n### Repository\nattacker/evil\n```\n\n"
    answers = form.sections(preamble + body())
    assert answers == form.sections(body())
    assert answers["repository"] == ANSWERS["repository"]


def test_eco_submit_a_fenced_answer_keeps_its_fences() -> None:
    quick = "```bash\npip install torch-orbit\norbit save model.pt\n```"
    assert form.sections(body(quick_start=quick))["quick_start"] == quick


@pytest.mark.parametrize("line", [
    "```orbit.save(model)``` writes a checkpoint.",
    "``` `orbit` is the package name",
])
def test_eco_submit_inline_code_at_line_start_opens_no_fence(line: str) -> None:
    """A backtick run followed by more backticks on its line is inline code, not a fence, so
    the sections after it are still read."""
    answers = form.sections(body(description=f"{line}\nIt is fast."))
    assert answers["description"] == f"{line}\nIt is fast."
    assert answers["licence"] == "Apache-2.0"


def test_eco_submit_a_tilde_fence_may_name_its_language_in_backticks() -> None:
    description = "Example:\n~~~ `markdown`\n### Licence\nGPL-3.0\n~~~\nThe end."
    answers = form.sections(body(description=description))
    assert answers["description"] == description
    assert answers["licence"] == "Apache-2.0"


@pytest.mark.parametrize(("extra", "accepted"), [(0, True), (1, False)])
def test_eco_submit_body_length_limit_is_githubs(extra: int, accepted: bool) -> None:
    base = body(description="@@")
    text = base.replace("@@", "d" * (form.MAX_BODY - len(base) + 2 + extra))
    assert len(text) == form.MAX_BODY + extra
    if accepted:
        assert len(str(form.sections(text)["description"])) == form.MAX_BODY - len(base) + 2
    else:
        with pytest.raises(form.FormError, match="at most 65,536"):
            form.sections(text)


# every character INT-TEXT refuses in a governance file, and the joiners: what intake writes
# must pass charter check
INVISIBLE = ["\u00ad", "\u061c", "\u180e", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f",
             *map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2060, 0x2065)),
             *map(chr, range(0x2066, 0x206A)), "\ufeff"]


@pytest.mark.parametrize("invisible", INVISIBLE, ids=[f"U+{ord(c):04X}" for c in INVISIBLE])
def test_eco_submit_invisible_characters_are_dropped(invisible: str) -> None:
    assert record(body(name=f"Torch{invisible} Orbit"))["name"] == "Torch Orbit"


def test_eco_submit_the_characters_int_text_refuses_never_reach_a_record() -> None:
    from charter.invisible import INVISIBLE as REFUSED

    assert all(REFUSED.match(c) for c in INVISIBLE if c not in "\u200c\u200d")
    assert not REFUSED.search(form.clean("".join(map(chr, range(0x2000, 0x2100))) + "\ufeff"))


@pytest.mark.parametrize("separator", ["\u2028", "\u2029"])
def test_eco_submit_a_line_separator_is_a_new_line(separator: str) -> None:
    assert form.clean(f"MIT{separator}Apache-2.0") == "MIT\nApache-2.0"
    assert refusal(body(licence=f"MIT{separator}Apache-2.0")) == (
        "ECO-SUBMIT: 'Licence' must be a single line")


def test_eco_submit_zero_width_space_and_bidi_marks_are_dropped() -> None:
    name = "\u200bTorch\u200d \u200fOrbit\u2066\u202e"
    assert record(body(name=name))["name"] == "Torch Orbit"


# --- the record: file name, repository, maintainers, links ---------------------------------------

@pytest.mark.parametrize(("repository", "slug"), [
    ("orbit-ml/torch-orbit", "torch-orbit"),
    ("orbit-ml/Torch.Orbit", "torch-orbit"),
    ("orbit-ml/_torch__orbit_", "torch-orbit"),
    ("https://github.com/orbit-ml/--torch-orbit--.git", "torch-orbit"),
    ("orbit-ml/" + "a" * 63, "a" * 63),
    ("orbit-ml/" + "a" * 64, "a" * 63),
    ("orbit-ml/" + "a" * 62 + "-" + "b" * 10, "a" * 62),  # no dangling '-' after the cut
    ("orbit-ml/" + "a" * 62 + "_" + "b" * 10, "a" * 62),
], ids=["plain", "dot", "underscores", "url-with-dashes", "63", "64", "cut-at-dash",
        "cut-at-underscore"])
def test_eco_submit_slug_is_the_repository_name_in_lowercase_words(
        repository: str, slug: str) -> None:
    assert record(body(repository=repository))["slug"] == slug


def test_eco_submit_slug_falls_back_to_the_project_name() -> None:
    rec = record(body(repository="orbit-ml/_", name="Torch Orbit!"))
    assert rec["slug"] == "torch-orbit" and rec["repository"] == "orbit-ml/_"


@pytest.mark.parametrize(("repository", "expected"), [
    ("orbit-ml/torch-orbit", "orbit-ml/torch-orbit"),
    ("https://github.com/orbit-ml/torch-orbit/", "orbit-ml/torch-orbit"),
    ("github.com/orbit-ml/torch-orbit.git", "orbit-ml/torch-orbit"),
    ("orbit-ml/.", None),
    ("orbit-ml/..", None),
    ("https://github.com/orbit-ml/..", None),
])
def test_eco_submit_repository_is_owner_and_name(repository: str, expected: str | None) -> None:
    if expected is not None:
        assert record(body(repository=repository))["repository"] == expected
    else:
        assert refusal(body(repository=repository)).startswith(
            "ECO-SUBMIT: 'Repository' must be owner/name or a github.com link")


@pytest.mark.parametrize(("answer", "logins"), [
    ("@sam-lee; @jo-k , @RiverStone", ["sam-lee", "jo-k", "RiverStone"]),
    ("- @sam-lee\n* @RiverStone", ["sam-lee", "RiverStone"]),
    ("-@sam-lee\n*RiverStone", ["sam-lee", "RiverStone"]),
    ("https://github.com/sam-lee\nhttps://github.com/RiverStone/", ["sam-lee", "RiverStone"]),
    ("Xavier-r, @DevX", ["Xavier-r", "DevX"]),
    ("@sam-lee, @RiverStone\n@SAM-LEE\nriverstone", ["sam-lee", "RiverStone"]),
])
def test_eco_submit_maintainer_logins_as_people_write_them(answer: str, logins: list[str]
                                                           ) -> None:
    assert record(body(maintainers=answer))["maintainers"] == logins


def test_eco_submit_links_are_recorded_by_kind() -> None:
    rec = record(body(governance="https://orbit-ml.github.io/docs/governance",
                      video="<https://youtu.be/Xq3rT0bX>"))
    assert rec["links"] == {
        "documentation": "https://orbit-ml.github.io/docs",
        "ci": "https://github.com/orbit-ml/torch-orbit/actions",
        "governance": "https://orbit-ml.github.io/docs/governance",
        "video": "https://youtu.be/Xq3rT0bX",
    }


def test_eco_submit_contacts_are_one_per_line() -> None:
    contacts = "Sam Lee <sam@orbit.dev>\n\n  @jo-k  \nRiver Stone (river@orbit.dev)\n"
    assert record(body(contacts=contacts))["contacts"] == [
        "Sam Lee <sam@orbit.dev>", "@jo-k", "River Stone (river@orbit.dev)"]


@pytest.mark.parametrize(("length", "kept"), [(200, 200), (201, 200)])
def test_eco_submit_a_contact_is_cut_at_200_characters(length: int, kept: int) -> None:
    contact = "Sam Lee " + "s" * (length - 8)
    assert record(body(contacts=contact))["contacts"] == [contact[:kept]]


@pytest.mark.parametrize(("count", "kept"), [(20, 20), (21, 20)])
def test_eco_submit_at_most_20_contacts_are_kept(count: int, kept: int) -> None:
    contacts = [f"Person {n} <p{n}@orbit.dev>" for n in range(count)]
    assert record(body(contacts="\n".join(contacts)))["contacts"] == contacts[:kept]


@pytest.mark.parametrize(("length", "kept"), [(2000, 2000), (2001, 2000)])
def test_eco_submit_description_is_cut_at_2000_characters(length: int, kept: int) -> None:
    description = "Orbit " + "o" * (length - 6)
    rec = record(body(description=description))
    assert rec["description"] == description[:kept]
    assert rec["application"]["description"] == description  # the answer itself is kept


@pytest.mark.parametrize(("length", "accepted"), [(200, True), (201, False)])
def test_eco_submit_a_one_line_answer_has_at_most_200_characters(length: int, accepted: bool
                                                                 ) -> None:
    name = "Torch " + "o" * (length - 6)
    if accepted:
        assert record(body(name=name))["name"] == name
    else:
        assert refusal(body(name=name)) == (
            "ECO-SUBMIT: 'Project name' is longer than 200 characters")


@pytest.mark.parametrize(("value", "is_ticked"), [
    (None, False),
    ("", False),
    (f"- [X] {COMMITMENT}", True),
    (f"- [x] {COMMITMENT}", True),
    (f"* [x] {COMMITMENT}", True),
    (f"We agree:\n- [X] {COMMITMENT}", True),
    (f"- [ ] {COMMITMENT}", False),
    (f"- [X] {COMMITMENT}\n- [ ] Also this", False),
    ("Yes, we commit.", False),
])
def test_eco_submit_commitment_counts_only_when_every_box_is_ticked(
        value: str | None, is_ticked: bool) -> None:
    assert form.checked(value) is is_ticked


# --- refusals: the one line the applicant reads --------------------------------------------------

@pytest.mark.parametrize(("answers", "message"), [
    ({"licence": form.NO_RESPONSE, "maintainers": ""},
     "ECO-SUBMIT: required section(s) missing or empty: Licence, Core maintainers"),
    ({"maintenance": f"- [ ] {COMMITMENT}"},
     "ECO-SUBMIT: 'Maintenance commitment' must be ticked"),
    ({"repository": "orbit-ml/_", "name": "Данные"},
     "ECO-SUBMIT: cannot derive a file name from the repository or the name"),
    ({"licence": "MIT\nApache-2.0"}, "ECO-SUBMIT: 'Licence' must be a single line"),
    ({"documentation": "https://a.example/docs\nhttps://b.example/docs"},
     "ECO-SUBMIT: 'Documentation' must be a single line"),
    ({"previous_issue": "the one from last spring"},
     "ECO-SUBMIT: 'Previous application' must be an issue number, "
     "got 'the one from last spring'"),
])
def test_eco_submit_refusal_names_the_rule_and_the_field(answers: dict[str, str], message: str
                                                         ) -> None:
    assert refusal(body(**answers)) == message


def test_eco_submit_a_section_given_twice_is_refused() -> None:
    text = body() + "\n### Repository\n\nattacker/evil\n"
    assert refusal(text) == ("ECO-SUBMIT: the section 'Repository' appears twice; "
                             "an application has each section once")


@pytest.mark.parametrize(("field", "bad", "shown"), [
    ("repository", "see our website for the repository " * 4, 80),
    ("documentation", "http://orbit-ml.github.io/" + "docs/" * 30, 80),
    ("maintainers", "sam-lee-" * 10, 60),
    ("previous_issue", "we applied before, see issue " * 3, 40),
], ids=["repository", "documentation", "maintainers", "previous_issue"])
def test_eco_submit_refusal_quotes_only_the_start_of_a_bad_answer(field: str, bad: str,
                                                                  shown: int) -> None:
    bad = bad.strip()
    message = refusal(body(**{field: bad}))
    assert message.startswith("ECO-SUBMIT: '" + form.BY_ID[field].label + "'")
    assert repr(bad[:shown]) in message
    assert bad not in message
