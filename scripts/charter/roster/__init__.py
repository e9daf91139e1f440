"""The published roster: a static HTML site and a versioned JSON API, generated from the state.

``build_files(state, results)`` is pure (state in, ``{path: bytes}`` out); ``write_site`` is the
one edge that touches the disk, swapping the finished site into place so a failed build never
leaves a half-written one.
"""

from charter.roster.build import build_files, read_results, write_site
from charter.roster.view import API_VERSION, GENERATED_BY, build_view

__all__ = ["API_VERSION", "GENERATED_BY", "build_files", "build_view", "read_results", "write_site"]
