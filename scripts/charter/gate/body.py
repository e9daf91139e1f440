"""The pull-request description, read as the sections of .github/pull_request_template.md.

A section is a Markdown heading (``## Contributions``) and the text under it. HTML comments (the
template's instructions) and unticked placeholder text do not count as content, so submitting the
template unchanged leaves every section empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$")
_ISSUE = re.compile(
    r"(?:(?<![\w/])#(\d+)\b|https://github\.com/[\w.-]+/[\w.-]+/(?:issues|discussions)/(\d+))"
)
# an id starts and ends with a letter or digit: "see elections/2026-council." names 2026-council
_ELECTION = re.compile(r"\belections/([a-z0-9](?:[a-z0-9._-]{0,61}[a-z0-9])?)/?")
_URL = re.compile(r"https://[^\s<>()\[\]]+")
_DAY = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")
_LOGIN = re.compile(r"@([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})")

# Canonical section names, and the headings accepted for each (lower case, no punctuation).
SECTIONS: dict[str, tuple[str, ...]] = {
    "discussion": ("discussion", "discussion issue"),
    "nominator": ("nominator", "nominated by"),
    "contributions": ("contributions", "nominee contributions"),
    "testimonials": ("testimonials",),
    "support": ("support", "maintainer support", "letters of support"),
    "veto": ("veto", "core veto"),
    "decision": ("decision", "decision and reasons", "reasons"),
    "meeting": ("meeting", "core meeting", "core maintainers meeting"),
    "vote": ("vote", "community vote", "recorded vote"),
}
MAX_BODY = 65536


@dataclass(frozen=True)
class Body:
    sections: dict[str, str] = field(default_factory=dict)
    text: str = ""

    def has(self, name: str) -> bool:
        return bool(self.sections.get(name, "").strip())

    def issues(self, name: str | None = None) -> list[int]:
        src = self.sections.get(name, "") if name else self.text
        return sorted({int(a or b) for a, b in _ISSUE.findall(src)})

    def elections(self, name: str | None = None) -> list[str]:
        src = self.sections.get(name, "") if name else self.text
        return sorted(set(_ELECTION.findall(src)))

    def links(self, name: str) -> list[str]:
        return _URL.findall(self.sections.get(name, ""))

    def days(self, name: str) -> list[str]:
        """The ISO dates (YYYY-MM-DD) written in a section, as written."""
        return _DAY.findall(self.sections.get(name, ""))

    def logins(self, name: str) -> list[str]:
        return _LOGIN.findall(self.sections.get(name, ""))


def _canonical(heading: str) -> str | None:
    words = re.sub(r"[^a-z ]+", " ", heading.lower()).split()
    text = " ".join(words)
    for name, options in SECTIONS.items():
        if text in options:
            return name
    return None


def parse(text: str | None) -> Body:
    """Split a description into its known sections; unknown headings end a section."""
    text = _COMMENT.sub("", (text or "")[:MAX_BODY]).replace("\r\n", "\n")
    sections: dict[str, list[str]] = {}
    current: str | None = None
    for line in text.split("\n"):
        m = _HEADING.match(line)
        if m:
            current = _canonical(m.group(1))
            if current is not None:
                sections.setdefault(current, [])
            continue
        if current is not None:
            sections[current].append(line)
    clean = {k: "\n".join(v).strip() for k, v in sections.items()}
    return Body(clean, text)
