"""ECO-SUBMIT: the ecosystem application issue form, and reading a submitted form's body.

GitHub renders a submitted issue form as one ``### Label`` heading per field followed by the
answer, ``_No response_`` for an empty one. The body is untrusted text: it is parsed line by line
(never evaluated), a ``###`` inside a fenced code block is part of the answer, a known heading that
appears twice is refused (an answer cannot forge another field), and every value that reaches the
record is checked by the ecosystem schema before anything is written.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from charter.errors import CharterError
from charter.invisible import CHARACTERS
from charter.model import is_login

MAX_BODY = 65536  # GitHub's own limit on an issue body
NO_RESPONSE = "_No response_"


@dataclass(frozen=True)
class Field:
    id: str
    label: str
    kind: str  # input | textarea | dropdown | checkboxes
    required: bool
    description: str
    options: tuple[str, ...] = ()


FIELDS: tuple[Field, ...] = (
    Field("name", "Project name", "input", True, "The project's name as it should be listed."),
    Field("repository", "Repository", "input", True,
          "The GitHub repository: owner/name or https://github.com/owner/name."),
    Field("description", "Value proposition", "textarea", True,
          "What the project does and why the community needs it (as its README explains)."),
    Field("licence", "Licence", "dropdown", True,
          "The project's licence; the ecosystem requires a permissive one.",
          ("BSD-3-Clause", "Apache-2.0", "MIT", "Other")),
    Field("maintainers", "Core maintainers", "textarea", True,
          "GitHub logins of the project's core maintainers, one per line (at least two)."),
    Field("documentation", "Documentation", "input", True, "Link (https) to the documentation."),
    Field("quick_start", "Quick start", "textarea", True,
          "A working quick start, or a link to it."),
    Field("ci", "Continuous integration", "input", True,
          "Link (https) to the CI runs on the default branch, for every declared architecture."),
    Field("tests", "Functional tests", "textarea", False,
          "Where the tests live and how they run against the latest framework releases."),
    Field("packages", "Binary packages", "textarea", True,
          "How to install the project from binaries (pip and/or conda)."),
    Field("framework_versions", "Supported framework versions", "input", True,
          "The framework releases the project supports (the latest two are required)."),
    Field("governance", "Governance", "input", False,
          "Link (https) to the project's documented technical governance."),
    Field("maintenance", "Maintenance commitment", "checkboxes", True,
          "The maintainers' commitment required of every ecosystem project.",
          ("We will maintain the project for at least the next 12 months and support the "
           "latest two framework releases.",)),
    Field("contacts", "Contacts", "textarea", True,
          "Who the working group should contact (name and e-mail or GitHub login), one per line."),
    Field("previous_issue", "Previous application", "input", False,
          "If this application returns after feedback, the number of the earlier issue."),
    Field("video", "Presentation video", "input", False,
          "Optional: link (https) to a video of at most 15 minutes presenting the project."),
)
BY_LABEL = {f.label: f for f in FIELDS}
BY_ID = {f.id: f for f in FIELDS}

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
_HEADING = re.compile(r"^###[ \t]+(.+?)[ \t]*$")
# control characters (but tab and newline), joiners, and what INT-TEXT refuses
_CONTROL = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\u200c\u200d{CHARACTERS}]")
_REPO_URL = re.compile(
    r"^(?:https?://)?(?:www\.)?(?:github\.com/)?"
    r"([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})/([A-Za-z0-9._-]{1,100}?)(?:\.git)?/?$"
)
_URL = re.compile(r"^https://[^\s<>\"'`]+$")


class FormError(CharterError):
    """The submitted form cannot become a record; the message names the field."""


def clean(text: str) -> str:
    """Drop control, zero-width, invisible formatting and bidirectional characters; normalise
    newlines (line and paragraph separators among them)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")  # line, paragraph separators
    return _CONTROL.sub("", text)


def sections(body: str) -> dict[str, str | None]:
    """The answer under each known ``### Label`` heading, by field id (None when empty)."""
    if len(body) > MAX_BODY:
        raise FormError(f"ECO-SUBMIT: issue body is {len(body):,} characters; at most {MAX_BODY:,}")
    out: dict[str, list[str]] = {}
    current: str | None = None
    fence: tuple[str, int] | None = None
    for line in clean(body).split("\n"):
        m = _FENCE.match(line)
        if fence is not None:
            closes = (m and m.group(1)[0] == fence[0] and len(m.group(1)) >= fence[1]
                      and not m.group(2).strip())
            if closes:
                fence = None
            if current is not None:
                out[current].append(line)
            continue
        if m and not (m.group(1)[0] == "`" and "`" in m.group(2)):
            fence = (m.group(1)[0], len(m.group(1)))
            if current is not None:
                out[current].append(line)
            continue
        h = _HEADING.match(line)
        if h and h.group(1) in BY_LABEL:
            fid = BY_LABEL[h.group(1)].id
            if fid in out:
                raise FormError(f"ECO-SUBMIT: the section {h.group(1)!r} appears twice; "
                                "an application has each section once")
            out[fid] = []
            current = fid
            continue
        if current is not None:
            out[current].append(line)
    result: dict[str, str | None] = {}
    for fid, lines in out.items():
        value = "\n".join(lines).strip()
        result[fid] = None if value in ("", NO_RESPONSE) else value
    return result


def slug_of(text: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return s[:63].rstrip("-")


def _one_line(fid: str, value: str) -> str:
    if "\n" in value:
        raise FormError(f"ECO-SUBMIT: {BY_ID[fid].label!r} must be a single line")
    if len(value) > 200:
        raise FormError(f"ECO-SUBMIT: {BY_ID[fid].label!r} is longer than 200 characters")
    return value


def _url(fid: str, value: str) -> str:
    value = _one_line(fid, value.strip("<>").strip())
    if not _URL.match(value):
        raise FormError(f"ECO-SUBMIT: {BY_ID[fid].label!r} must be an https:// link, "
                        f"got {value[:80]!r}")
    return value


def repository_of(value: str) -> str:
    m = _REPO_URL.match(value.strip())
    if not m or m.group(2) in (".", ".."):
        raise FormError(f"ECO-SUBMIT: 'Repository' must be owner/name or a github.com link, "
                        f"got {value[:80]!r}")
    return f"{m.group(1)}/{m.group(2)}"


def logins_of(value: str) -> list[str]:
    out: list[str] = []
    for raw in re.split(r"[\s,;]+", value):
        token = raw.strip().lstrip("-*").strip()
        if not token:
            continue
        token = token.removeprefix("@").removeprefix("https://github.com/").rstrip("/")
        if not is_login(token):
            raise FormError(f"ECO-SUBMIT: 'Core maintainers': {token[:60]!r} is not a GitHub login")
        if token.lower() not in (x.lower() for x in out):
            out.append(token)
    return out


def checked(value: str | None) -> bool:
    """Every box of a checkboxes answer is ticked (``- [X] ...``)."""
    if not value:
        return False
    boxes = re.findall(r"^\s*[-*] \[([ xX])\]", value, flags=re.M)
    return bool(boxes) and all(b in "xX" for b in boxes)


_PREVIOUS = re.compile(r"\s*(?:#|https://github\.com/[^\s/]+/[^\s/]+/issues/)?([1-9][0-9]{0,9})\s*")


def claimed_previous(answers: dict[str, str | None]) -> int | None:
    """The issue number the form names as the earlier application, if any: a claim only, which
    charter checks against its records (ECO-QUEUE) before it counts for anything."""
    previous = answers.get("previous_issue")
    if not previous:
        return None
    m = _PREVIOUS.fullmatch(previous)
    if not m:
        raise FormError(f"ECO-SUBMIT: 'Previous application' must be an issue number, "
                        f"got {previous[:40]!r}")
    return int(m.group(1))


def to_record(answers: dict[str, str | None], *, issue: int | None, today: dt.date
              ) -> dict[str, Any]:
    """The ecosystem record for a submitted application (status ``new``), as plain data."""
    missing = [BY_ID[f].label for f in BY_ID if BY_ID[f].required and not answers.get(f)]
    if missing:
        raise FormError("ECO-SUBMIT: required section(s) missing or empty: " + ", ".join(missing))
    name = _one_line("name", str(answers["name"]))
    repository = repository_of(str(answers["repository"]))
    slug = slug_of(repository.split("/", 1)[1]) or slug_of(name)
    if not slug:
        raise FormError("ECO-SUBMIT: cannot derive a file name from the repository or the name")
    licence = _one_line("licence", str(answers["licence"]))
    maintainers = logins_of(str(answers["maintainers"]))
    if not checked(answers.get("maintenance")):
        raise FormError("ECO-SUBMIT: 'Maintenance commitment' must be ticked")
    record: dict[str, Any] = {
        "slug": slug,
        "name": name,
        "repository": repository,
        "status": "new",
    }
    if issue is not None:
        record["issue"] = issue
    record["submitted"] = today.isoformat()
    # the answer is a claim, kept with the answers; whether the application returns is read
    # from charter's own records (ECO-QUEUE), never from the form
    claimed_previous(answers)
    record["licence"] = licence
    description = str(answers["description"])
    record["description"] = description[:2000]
    record["maintainers"] = maintainers
    contacts = [c.strip() for c in str(answers["contacts"]).split("\n") if c.strip()]
    record["contacts"] = [c[:200] for c in contacts][:20]
    links: dict[str, str] = {}
    for fid in ("documentation", "ci", "governance", "video"):
        if answers.get(fid):
            links[fid] = _url(fid, str(answers[fid]))
    record["links"] = links
    record["application"] = {f.id: answers.get(f.id) for f in FIELDS}
    return record
