"""The README's first commands on a minimal system: the bare ``assist`` takes the desk's options,
and ``make run`` names the apt-get line for Qt's missing system libraries."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from assist.cli import cmd_desk, cmd_serve, syslibs
from assist.cli.main import command_names, with_default_command


def build_parser() -> argparse.ArgumentParser:
    """``assist``'s parser with the desk and serve commands (the others import training code)."""
    parser = argparse.ArgumentParser(prog="assist", allow_abbrev=False)
    parser.add_argument("--database-url")
    parser.add_argument("--data-dir")
    parser.add_argument("-v", "--verbose", action="store_true")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    cmd_desk.register(sub)
    cmd_serve.register(sub)
    return parser


@pytest.mark.parametrize(
    ("argv", "demo", "fake"),
    [
        (["--no-demo"], False, False),
        (["--data-dir", "/tmp/x", "--no-demo", "--fake-engines"], False, True),
        (["--data-dir=/tmp/x", "-v", "--fake-engines"], True, True),
        ([], True, False),
    ],
)
def test_the_bare_command_takes_the_desks_options(argv: list[str], demo: bool, fake: bool) -> None:
    parser = build_parser()
    args = parser.parse_args(with_default_command(argv, command_names(parser)))
    assert args.command == "desk" and args.demo is demo and args.fake_engines is fake


def test_named_commands_and_help_are_left_alone() -> None:
    parser = build_parser()
    names = command_names(parser)
    assert "desk" in names and "serve" in names
    assert with_default_command(["--data-dir", "d", "serve", "--port", "1"], names)[2] == "serve"
    assert with_default_command(["--help"], names) == ["--help"]


def test_missing_qt_libraries_are_named_with_one_apt_get_line() -> None:
    present = {"EGL", "GL", "fontconfig", "xkbcommon", "xcb-cursor"}
    packages = syslibs.missing_packages(lambda lib: f"lib{lib}.so" if lib in present else None)
    assert "libxcb-icccm4" in packages and "libxcb-keysyms1" in packages
    assert "libxcb-cursor0" not in packages
    text = syslibs.advice(packages)
    lines = [line for line in text.splitlines() if "apt-get" in line]
    assert len(lines) == 1 and all(p in lines[0] for p in packages)
    assert syslibs.main("linux", {"QT_QPA_PLATFORM": "offscreen"}) == 0
    assert syslibs.main("darwin", {}) == 0


def test_make_run_checks_the_libraries_and_pip_stays_quiet() -> None:
    makefile = (Path(__file__).resolve().parents[1] / "Makefile").read_text(encoding="utf-8")
    run = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "syslibs.py" in run.splitlines()[1]
    assert all("-q" in line for line in makefile.splitlines() if re.search(r"pip install", line))
    pyproject = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(encoding="utf-8")
    assert 'license = "Apache-2.0"' in pyproject  # a license table makes setuptools warn at length
    for sub in ("demo_shop", "i18n", "icons", "style"):  # else one long warning per folder
        assert f'"assist.resources.{sub}"' in pyproject
