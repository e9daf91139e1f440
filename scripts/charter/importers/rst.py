"""The published maintainers page (reStructuredText) read with docutils into sections and people.

The page is parsed by docutils, the reference reStructuredText parser, with everything that could
reach outside the text turned off (no configuration files, no ``include``, no ``raw``), and read
from its document tree -- never with regular expressions over the source. What the page says:

* sections whose title names the lead, the core maintainers, module-level or library-level
  maintainers hold people; the module and library sections hold one subsection per group;
* every other section is prose, kept verbatim so the page can be generated again;
* a person is a list item ``[(emeritus)] Name (`login <https://github.com/login>`__)``.

Anything the reader has to guess at is a finding on the page's line: a section it cannot place,
an entry without a GitHub link, a link whose text and address disagree.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from charter.errors import CharterError
from charter.findings import Finding, Severity
from charter.importers.source import Source
from charter.model import is_login

# What a top-level section holds, from words in its title (checked in this order).
ROLES = (("lead", "lead"), ("core", "core"), ("library", "repository"), ("librar", "repository"),
         ("module", "paths"))
_EMERITUS = re.compile(r"^\s*\(\s*emeritus\s*\)\s*", re.IGNORECASE)
_ADORNMENT = re.compile(r"^([!-/:-@\[-`{-~])\1*\s*$")


@dataclass(frozen=True)
class Entry:
    """One person as the page lists them in one group."""

    login: str
    name: str
    emeritus: bool
    line: int


@dataclass
class Group:
    """A module or library subsection: its title and people, in page order."""

    title: str
    line: int
    entries: list[Entry] = field(default_factory=list)


@dataclass
class Section:
    """A top-level section. ``role`` is prose, lead, core or modules (``kind`` paths/repository).

    ``text`` is the verbatim body of a prose section, or what a modules section says before its
    first group.
    """

    title: str
    line: int
    role: str
    kind: str | None = None
    text: str = ""
    entries: list[Entry] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)


@dataclass
class Page:
    label: str
    title: str | None
    intro: str
    sections: list[Section]
    findings: list[Finding]

    def entries(self) -> list[tuple[str, Entry]]:
        """Every person entry with the title of the group that lists it, in page order."""
        out: list[tuple[str, Entry]] = []
        for s in self.sections:
            out += [(s.title, e) for e in s.entries]
            for g in s.groups:
                out += [(g.title, e) for e in g.entries]
        return out


class _Warnings(io.StringIO):
    """docutils' warning stream: its messages also arrive as system_message nodes, read there."""


def _doctree(src: Source) -> Any:
    from docutils.core import publish_doctree
    from docutils.utils import SystemMessage

    settings = {
        "_disable_config": True,        # never read a docutils.conf from the working directory
        "file_insertion_enabled": False,  # no include::, no csv-table :file:
        "raw_enabled": False,             # no raw:: passthrough
        "report_level": 2,
        "halt_level": 5,                  # never stop: problems are read from the tree
        "warning_stream": _Warnings(),
        "doctitle_xform": False,          # keep the page title as a section, with its line
        "sectsubtitle_xform": False,
        "traceback": False,
        "input_encoding": "unicode",
    }
    try:
        return publish_doctree(src.text, source_path=src.label, settings_overrides=settings)
    except (SystemMessage, RecursionError, ValueError, IndexError, AttributeError) as exc:
        raise CharterError(f"{src.label}: IMPORT-SYNTAX cannot be read as reStructuredText "
                           f"({type(exc).__name__}: {str(exc)[:200]}); check the file with a "
                           "reStructuredText viewer") from None


class _Reader:
    def __init__(self, src: Source):
        self.src = src
        self.lines = src.text.split("\n")
        self.findings: list[Finding] = list(src.findings)

    def note(self, line: int, rule: str, message: str,
             severity: Severity = Severity.WARNING) -> None:
        self.findings.append(Finding(self.src.label, line, 1 if line else 0, rule, message,
                                     severity))

    # --- where things are in the source -----------------------------------------------------
    def title_lines(self, title: Any) -> tuple[int, int, str]:
        """(first line of the heading incl. overline, first line after it, the title's source
        text), 0-based; docutils puts a title's ``line`` on its underline."""
        text = title.astext().strip()
        under = (title.line or 1) - 1
        at = under - 1
        for i in range(min(under, len(self.lines) - 1), max(-1, under - 4), -1):
            raw = self.lines[i].strip()
            if raw and not _ADORNMENT.match(raw) and (raw == text or text in raw
                                                     or _plain(raw) == text):
                at = i
                break
        start = at - 1 if at > 0 and _ADORNMENT.match(self.lines[at - 1].strip() or "x") else at
        return start, at + 2, self.lines[at].strip() if 0 <= at < len(self.lines) else text

    def verbatim(self, start: int, end: int) -> str:
        body = self.lines[start:end]
        while body and not body[0].strip():
            body.pop(0)
        while body and not body[-1].strip():
            body.pop()
        return "\n".join(line.rstrip() for line in body)


def _plain(text: str) -> str:
    """A title's source without inline markup characters (what ``astext`` gives, roughly)."""
    return re.sub(r"[`*|_]+", "", text).strip()


def parse(src: Source) -> Page:
    """The page's sections and people; problems are findings, a page that is not
    reStructuredText at all is a :class:`CharterError`."""
    from docutils import nodes

    doc = _doctree(src)
    r = _Reader(src)
    for msg in doc.findall(nodes.system_message):
        level = int(msg.get("level", 0))
        if level >= 2:
            text = msg.astext().strip().splitlines()[0] if msg.astext().strip() else "problem"
            sev = Severity.ERROR if level >= 4 else Severity.WARNING
            r.note(int(msg.get("line") or 0), "IMPORT-SYNTAX",
                   f"reStructuredText: {text}; fix the markup (the import reads what docutils "
                   "reads)", sev)
    tops = [c for c in doc.children if isinstance(c, nodes.section)]
    others = [c for c in doc.children if not isinstance(c, nodes.section | nodes.comment
                                                         | nodes.system_message)]
    title: str | None = None
    intro = ""
    container = doc
    if len(tops) == 1 and not others:
        page = tops[0]
        _start, body, title = r.title_lines(page[0])
        subs = [c for c in page.children if isinstance(c, nodes.section)]
        first_sub = r.title_lines(subs[0][0])[0] if subs else len(r.lines)
        intro = r.verbatim(body, first_sub)
        container = page
    sections = _sections(r, container)
    _check_duplicates(r, sections)
    _check_links(r, doc)
    if not any(s.role != "prose" for s in sections):
        r.note(1, "IMPORT-SECTION", "no section lists maintainers (none is titled for the lead, "
               "the core maintainers, module-level or library-level maintainers); nothing to "
               "import", Severity.ERROR)
    return Page(src.label, title, intro, sections, r.findings)


def _role(title: str) -> tuple[str, str | None]:
    low = title.lower()
    if "lead" in low:
        return "lead", None
    if "core" in low and "maintainer" in low:
        return "core", None
    for word, kind in ROLES[2:]:
        if word in low:
            return "modules", kind
    return "prose", None


def _section_end(r: _Reader, siblings: list[Any], i: int, parent_end: int) -> int:
    if i + 1 < len(siblings):
        return r.title_lines(siblings[i + 1][0])[0]
    return parent_end


def _sections(r: _Reader, container: Any) -> list[Section]:
    from docutils import nodes

    secs = [c for c in container.children if isinstance(c, nodes.section)]
    out: list[Section] = []
    for i, sec in enumerate(secs):
        start, body, title = r.title_lines(sec[0])
        end = _section_end(r, secs, i, len(r.lines))
        role, kind = _role(title)
        s = Section(title, start + 1, role, kind)
        people = [e for e in _entries(r, sec, quiet=True)]
        if role == "prose":
            s.text = r.verbatim(body, end)
            if people:
                r.note(start + 1, "IMPORT-SECTION", f"section {title!r} lists {len(people)} "
                       "people but its title names no group charter knows (lead, core "
                       "maintainers, module-level or library-level maintainers); kept as text, "
                       "nobody in it is imported: retitle it to import them")
        elif role in ("lead", "core"):
            s.entries = _entries(r, sec)
            if role == "lead" and len([e for e in s.entries if not e.emeritus]) > 1:
                r.note(start + 1, "IMPORT-SECTION", f"section {title!r} lists "
                       f"{len(s.entries)} people; there is one lead: the first is imported as "
                       "the lead", Severity.ERROR)
            for sub in (c for c in sec.children if isinstance(c, nodes.section)):
                r.note(r.title_lines(sub[0])[0] + 1, "IMPORT-SECTION",
                       f"subsection {sub[0].astext()!r} of {title!r} is not imported")
        else:
            subs = [c for c in sec.children if isinstance(c, nodes.section)]
            first = r.title_lines(subs[0][0])[0] if subs else end
            s.text = r.verbatim(body, first)
            direct = [c for c in sec.children
                      if isinstance(c, nodes.bullet_list | nodes.enumerated_list)]
            for lst in direct:
                r.note(lst.line or start + 1, "IMPORT-SECTION", f"people listed directly under "
                       f"{title!r}, outside any group: which module they maintain is ambiguous; "
                       "put them under a group heading", Severity.ERROR)
            for sub in subs:
                g_start, _b, g_title = r.title_lines(sub[0])
                group = Group(g_title, g_start + 1, _entries(r, sub))
                if not group.entries:
                    r.note(g_start + 1, "IMPORT-SECTION", f"group {g_title!r} lists nobody; "
                           "imported as a module without maintainers")
                for deeper in (c for c in sub.children if isinstance(c, nodes.section)):
                    r.note(r.title_lines(deeper[0])[0] + 1, "IMPORT-SECTION",
                           f"subsection {deeper[0].astext()!r} of {g_title!r} is not imported")
                s.groups.append(group)
        out.append(s)
    return out


def _check_duplicates(r: _Reader, sections: list[Section]) -> None:
    seen: dict[str, int] = {}
    for s in sections:
        if s.role in ("lead", "core"):
            key = f"role:{s.role}"
            if key in seen:
                r.note(s.line, "IMPORT-SECTION", f"a second {s.role} section (the first is at "
                       f"line {seen[key]}); keep one", Severity.ERROR)
            seen.setdefault(key, s.line)
        for g in s.groups:
            key = "group:" + " ".join(g.title.lower().split())
            if key in seen:
                r.note(g.line, "IMPORT-SECTION", f"group {g.title!r} appears twice (first at "
                       f"line {seen[key]}); merge the two lists into one", Severity.ERROR)
            seen.setdefault(key, g.line)


def _check_links(r: _Reader, doc: Any) -> None:
    """Links in the page's text whose address has no scheme but names a host: a reader's
    browser resolves them against the page's own address, so they lead nowhere."""
    from docutils import nodes

    for ref in doc.findall(nodes.reference):
        uri = (ref.get("refuri") or "").strip()
        if not uri or urlsplit(uri).scheme or uri.startswith(("/", "#", ".")):
            continue
        host = uri.split("/", 1)[0]
        if "." in host and re.fullmatch(r"[A-Za-z0-9.-]+\.[A-Za-z]{2,}", host):
            para = ref.parent
            line = para.line if para is not None and para.line else 0
            line = _line_of(r, uri, line)
            r.note(line, "IMPORT-LINK", f"link target {uri!r} has no scheme, so it is read as "
                   f"a path relative to the page; write https://{uri} (the text is kept as it "
                   "is)")


def _line_of(r: _Reader, needle: str, near: int) -> int:
    """The line holding ``needle`` at or after ``near`` (docutils numbers a paragraph by its
    first line; the link may sit on a later one)."""
    for i in range(max(0, near - 1), min(len(r.lines), near + 40)):
        if needle in r.lines[i]:
            return i + 1
    return near


def _entries(r: _Reader, section: Any, quiet: bool = False) -> list[Entry]:
    """The people listed directly in ``section`` (not in its subsections)."""
    from docutils import nodes

    out: list[Entry] = []
    emeritus_list = False
    for child in section.children:
        if isinstance(child, nodes.title | nodes.section | nodes.comment | nodes.system_message
                      | nodes.target):
            continue
        if isinstance(child, nodes.paragraph):
            if "emeritus" in child.astext().lower():
                emeritus_list = True
                if not quiet:
                    r.note(child.line or 0, "IMPORT-ENTRY", "the list after this paragraph is "
                           "read as emeritus maintainers", Severity.NOTICE)
            elif not quiet:
                r.note(child.line or 0, "IMPORT-SECTION", "text in a group is not imported (a "
                       "group holds its list of people)")
            continue
        if isinstance(child, nodes.bullet_list | nodes.enumerated_list):
            for item in child.children:
                e = _entry(r, item, emeritus_list, quiet)
                if e is not None:
                    out.append(e)
            continue
        if not quiet:
            r.note(child.line or 0, "IMPORT-SECTION", f"{child.tagname} in a group is not "
                   "imported (a group holds its list of people)")
    return out


def _entry(r: _Reader, item: Any, emeritus_list: bool, quiet: bool) -> Entry | None:
    from docutils import nodes

    line = item.line or (item[0].line if len(item) else 0) or 0
    paras = [c for c in item.children if isinstance(c, nodes.paragraph)]
    if not paras:
        if not quiet:
            r.note(line, "IMPORT-ENTRY", "list item without text; skipped")
        return None
    if len(item.children) > 1 and not quiet:
        r.note(line, "IMPORT-ENTRY", "only the first paragraph of this list item is read")
    para = paras[0]
    refs = [c for c in para.findall(nodes.reference) if c.get("refuri")]
    text = para.astext()
    if not refs:
        if not quiet:
            r.note(line, "IMPORT-LINK", f"{text.strip()[:80]!r} has no GitHub link, so the "
                   "person cannot be identified (identity is the GitHub login); write "
                   "'Name (`login <https://github.com/login>`__)'", Severity.ERROR)
        return None
    profiles = [(ref, _profile(ref["refuri"])) for ref in refs]
    found = [(ref, login) for ref, login in profiles if login]
    if not found:
        if not quiet:
            r.note(line, "IMPORT-LINK", f"{refs[0]['refuri']!r} is not a GitHub profile "
                   "(https://github.com/LOGIN); the person cannot be identified", Severity.ERROR)
        return None
    if len({login.lower() for _r, login in found}) > 1:
        if not quiet:
            names = ", ".join(login for _r, login in found)
            r.note(line, "IMPORT-LINK", f"one entry links several GitHub profiles ({names}); "
                   "list one person per line", Severity.ERROR)
        return None
    ref, login = found[0]
    uri = ref["refuri"]
    shown = ref.astext().strip()
    if not quiet:
        if shown.lstrip("@").lower() != login.lower():
            r.note(line, "IMPORT-LINK", f"the link text {shown!r} differs from the profile "
                   f"address's login {login!r}; the address is used")
        parts = urlsplit(uri.strip())
        if parts.scheme != "https" or parts.netloc.lower() != "github.com" or uri != uri.strip() \
                or parts.path.endswith("/") or parts.query or parts.fragment:
            r.note(line, "IMPORT-LINK", f"profile link {uri!r} read as "
                   f"https://github.com/{login}", Severity.NOTICE)
    before, after = _around(para, ref)
    emeritus = emeritus_list
    m = _EMERITUS.match(before)
    if m:
        emeritus = True
        before = before[m.end():]
    elif "emeritus" in (before + after).lower():
        emeritus = True
        if not quiet:
            r.note(line, "IMPORT-ENTRY", "'emeritus' written elsewhere than first: read as "
                   "emeritus (the page's form is '(emeritus) Name (...)')", Severity.NOTICE)
    name = " ".join(before.strip().rstrip("(").split())
    if not name:
        name = login
        if not quiet:
            r.note(line, "IMPORT-ENTRY", f"no name before the link; the login {login!r} is "
                   "used as the name")
    extra = after.strip().lstrip(")").strip()
    if extra and "emeritus" not in extra.lower() and not quiet:
        r.note(line, "IMPORT-ENTRY", f"text after the link ({extra[:60]!r}) is not imported")
    return Entry(login, name, emeritus, line)


def _around(para: Any, ref: Any) -> tuple[str, str]:
    """The paragraph's text before and after the child that holds ``ref``."""
    holder = ref
    while holder.parent is not None and holder.parent is not para:
        holder = holder.parent
    before: list[str] = []
    after: list[str] = []
    seen = False
    for child in para.children:
        if child is holder:
            seen = True
            continue
        (after if seen else before).append(child.astext())
    return "".join(before), "".join(after)


def _profile(uri: str) -> str | None:
    """The login of a GitHub profile address (``https://github.com/LOGIN``), else None."""
    parts = urlsplit(uri.strip())
    if parts.scheme not in ("https", "http") or parts.netloc.lower() not in ("github.com",
                                                                            "www.github.com"):
        return None
    segs = [s for s in parts.path.split("/") if s]
    if len(segs) != 1 or not is_login(segs[0]):
        return None
    return segs[0]
