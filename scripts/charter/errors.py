"""The exceptions charter raises on purpose.

Every expected failure is a :class:`CharterError`; its ``str`` is the one line the user reads.
The command line maps it to exit code 1 (``UsageError`` to 2). Anything else escaping a command
is a bug and is shown with a traceback.
"""

from __future__ import annotations


class CharterError(Exception):
    """An expected failure: bad input, a failed check, an unreachable service."""

    exit_code = 1


class UsageError(CharterError):
    """The command line itself is wrong (unknown option, missing argument)."""

    exit_code = 2


class YamlError(CharterError):
    """A file could not be read as governance YAML; carries the position when there is one."""

    def __init__(self, message: str, *, line: int = 0, col: int = 0, rule: str = "YAML-SYNTAX"):
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col
        self.rule = rule


class GitHubError(CharterError):
    """GitHub could not be reached or answered with an error after retries."""
