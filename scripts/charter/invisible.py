"""Characters that change how text is displayed without being seen: bidirectional overrides and
isolates, zero-width and invisible formatting characters, a byte-order mark. INT-TEXT refuses
them in governance files; the ecosystem intake drops them from an application, so what it
writes passes INT-TEXT."""

from __future__ import annotations

import re

# bidirectional overrides and isolates ("Trojan Source"), zero-width spaces and the word joiners
# that split a word, the byte-order mark and the soft hyphen. The zero-width (non-)joiners
# U+200C/U+200D are not here: they are part of how Persian, Indic scripts and emoji are written.
CHARACTERS = ("\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064"
              "\u2066-\u2069\ufeff")
INVISIBLE = re.compile(f"[{CHARACTERS}]")
