"""Reading a file to import: size first, then encoding, with every fix-up reported.

Published pages come from editors on every platform, so a byte-order mark or CRLF line ends are
accepted and reported (the import reads the text they carry); a file too large for a hand-kept
page, invalid UTF-8 or a NUL byte is refused before any parser sees it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from charter.errors import CharterError
from charter.findings import Finding, Severity

# The real pages are 12 kB and 95 kB; a hand-kept page a hundred times larger is not one.
MAX_BYTES = 4 * 1024 * 1024


@dataclass
class Source:
    """The text of an import file (BOM removed, line ends made LF) and what was fixed on the way."""

    label: str
    text: str
    findings: list[Finding] = field(default_factory=list)

    def line(self, number: int) -> str:
        lines = self.text.split("\n")
        return lines[number - 1] if 0 < number <= len(lines) else ""


def read(path: str | os.PathLike[str], what: str, max_bytes: int = MAX_BYTES) -> Source:
    """Read ``path`` as UTF-8 text; a :class:`CharterError` names the file and what to do."""
    label = str(path)
    p = Path(path)
    try:
        if p.is_dir():
            raise CharterError(f"{label}: is a folder; give the {what} file")
        with p.open("rb") as fh:
            raw = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise CharterError(f"{label}: no such file (give the path of the {what})") from None
    except OSError as exc:
        raise CharterError(f"{label}: cannot read ({exc.strerror or exc})") from None
    if len(raw) > max_bytes:
        size = p.stat().st_size
        raise CharterError(f"{label}: IMPORT-SIZE file is {size:,} bytes; a {what} is limited to "
                           f"{max_bytes:,} bytes (is this the right file?)")
    return decode(raw, label)


def decode(raw: bytes, label: str) -> Source:
    findings: list[Finding] = []
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        findings.append(Finding(label, 1, 1, "IMPORT-ENCODING", "the file starts with a UTF-8 "
                                "byte-order mark; read without it", Severity.NOTICE))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise CharterError(f"{label}:{line}:{col}: IMPORT-ENCODING invalid UTF-8 (byte "
                           f"0x{raw[exc.start]:02x}); save the file as UTF-8") from None
    nul = text.find("\0")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        raise CharterError(f"{label}:{line}: IMPORT-ENCODING NUL byte in the file; remove it")
    if "\r" in text:
        crlf = text.count("\r\n")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        first = text.count("\n", 0, max(0, text.find("\n"))) + 1
        kind = "CRLF" if crlf else "CR"
        findings.append(Finding(label, first, 1, "IMPORT-ENCODING", f"{kind} line ends; read as "
                                "LF (an export writes LF)", Severity.NOTICE))
    return Source(label, text, findings)
