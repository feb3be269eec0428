"""``assist``: the one command. Bare, it opens the agent desk; subcommands do the rest.

Each subcommand group lives in its own module with ``register(subparsers)``; the
handler it sets (``func``) returns the process exit code. ``--json`` output goes to
stdout as one object; progress and logs go to stderr.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import sys
from collections.abc import Sequence
from typing import Any

from assist.core.errors import AssistError, ImportDataError

COMMAND_MODULES = (
    "assist.cli.cmd_desk",
    "assist.cli.cmd_data",
    "assist.cli.cmd_train",
    "assist.cli.cmd_eval",
    "assist.cli.cmd_export",
    "assist.cli.cmd_models",
    "assist.cli.cmd_learning",
    "assist.cli.cmd_serve",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="assist",
        allow_abbrev=False,  # else `--data` after a subcommand is "ambiguous" with --data-dir
        description="Agent-assist desk for e-commerce customer service. Without a command, opens the desk.",
    )
    parser.add_argument("--database-url", help="override the database URL (e.g. postgresql+psycopg://...)")
    parser.add_argument("--data-dir", help="override the data directory")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging on stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def settings_overrides(args: argparse.Namespace) -> dict[str, object]:
    out: dict[str, object] = {}
    if getattr(args, "database_url", None):
        out["database_url"] = args.database_url
    if getattr(args, "data_dir", None):
        out["data_dir"] = args.data_dir
    return out


GLOBAL_VALUE_OPTIONS = ("--database-url", "--data-dir")


def command_names(parser: argparse.ArgumentParser) -> list[str]:
    for action in parser._actions:  # argparse keeps its subcommands only here
        if isinstance(action, argparse._SubParsersAction):
            return list(action.choices)
    return []


def with_default_command(argv: Sequence[str], commands: Sequence[str]) -> list[str]:
    """``assist --no-demo`` is ``assist desk --no-demo``: insert ``desk`` after the global options
    when no command is named (``-h`` alone keeps the top-level help)."""
    out = list(argv)
    i = 0
    while i < len(out):
        arg = out[i]
        if arg in GLOBAL_VALUE_OPTIONS:
            i += 2
        elif arg.split("=", 1)[0] in GLOBAL_VALUE_OPTIONS or arg in ("-v", "--verbose"):
            i += 1
        elif arg in commands or arg in ("-h", "--help"):
            return out
        else:
            break
    return [*out[:i], "desk", *out[i:]]


def error_object(exc: AssistError) -> dict[str, Any]:
    """The JSON a ``--json`` command prints on stdout when it fails: ``{"error": ...}``, and for
    a data file also its ``file``, ``line`` (or null) and ``problem``."""
    out: dict[str, Any] = {"error": str(exc)}
    if isinstance(exc, ImportDataError):
        out.update(file=exc.path, line=exc.line, problem=exc.problem)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(with_default_command(argv, command_names(parser)))
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        return int(args.func(args) or 0)
    except AssistError as exc:
        print(f"assist: error: {exc}", file=sys.stderr)
        if getattr(args, "json", False):  # a script asked for JSON: it gets JSON on failure too
            print(json.dumps(error_object(exc), ensure_ascii=False), flush=True)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    from training.common import exit_code

    raise SystemExit(exit_code(main()))
