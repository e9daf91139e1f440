"""The ``charter`` command line: parse, dispatch, map expected failures to exit codes.

Each command lives in ``charter/commands/<name>.py`` (``<name>_.py`` when the name is a Python
keyword, such as ``import``) with a ``register(subparsers)`` function that adds its parser and
sets ``func``; this module only discovers, parses and dispatches.
"""

from __future__ import annotations

import sys

from charter import __version__
from charter.errors import CharterError, UsageError

TYPE_CHECKING = False  # typing itself is not imported: `charter --version` stays fast
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

_PARSER: list[type[argparse.ArgumentParser]] = []  # made on first use, importing argparse then


def _parser_class() -> type[argparse.ArgumentParser]:
    if _PARSER:
        return _PARSER[0]
    import argparse

    class _Parser(argparse.ArgumentParser):
        def error(self, message: str) -> None:  # type: ignore[override]
            hint = ""
            if "invalid choice:" in message:
                import difflib
                import re

                m = re.search(r"invalid choice: '([^']*)' \(choose from (.*)\)", message)
                if m:
                    choices = re.findall(r"'([^']*)'", m.group(2))
                    close = difflib.get_close_matches(m.group(1), choices, n=1)
                    hint = f"; did you mean {close[0]!r}?" if close else ""
            raise UsageError(f"{message}{hint} (see {self.prog} --help)")

    _PARSER.append(_Parser)
    return _Parser


def _command_modules(argv: Sequence[str]) -> list[str]:
    """The command modules to import: only the one named on the command line when there is one.

    Importing every command (and what it imports: PyGithub, Jinja2, ...) would tax every run, so
    ``charter check`` imports ``charter.commands.check`` alone; help and errors import them all
    (``charter --version`` is answered before any of this).
    """
    import pkgutil

    import charter.commands as pkg

    names = sorted(i.name for i in pkgutil.iter_modules(pkg.__path__) if not i.name.startswith("_"))
    first = next((a for a in argv if not a.startswith("-")), None)
    if first is not None:
        # a command named for a Python keyword lives in "<name>_.py" (import -> import_)
        for name in (first.replace("-", "_"), first.replace("-", "_") + "_"):
            if name in names:
                return [name]
    return names


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    import importlib

    parser_class = _parser_class()
    parser = parser_class(
        prog="charter",
        description="Governance as code: validate the governance repository, generate what other "
        "tools read, and decide whether pull requests have the approvals the rules require.",
    )
    parser.add_argument("--version", action="version", version=f"charter {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=parser_class)
    for name in _command_modules(sys.argv[1:] if argv is None else argv):
        module = importlib.import_module(f"charter.commands.{name}")
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    if list(sys.argv[1:] if argv is None else argv) == ["--version"]:
        print(f"charter {__version__}")  # the fast path: no parser, no command imported
        return 0
    try:
        parser = build_parser(argv)
        args = parser.parse_args(argv)
        if not getattr(args, "func", None):
            parser.print_help(sys.stderr)
            return 2
        return int(args.func(args))
    except CharterError as exc:
        print(f"charter: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("charter: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
    except OSError as exc:
        # A file or folder the command had to read or write: say which and why, in one line.
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"charter: error: {where}{exc.strerror or exc} (check the path and its "
              "permissions)", file=sys.stderr)
        return 1
