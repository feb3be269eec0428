"""Check the system libraries Qt's desktop (xcb) platform plugin needs, before the desk starts.

Qt names the wrong library when one is missing (it blames ``xcb-cursor0`` when
``libxcb-icccm4`` is absent), so ``make run`` asks this module first and it prints the one
``apt-get`` line that installs everything missing. Standard library only: it runs with the
system Python before the virtual environment exists.

    python3 assist/cli/syslibs.py     # exit 1 and the apt-get line when something is missing
"""

from __future__ import annotations

import ctypes.util
import os
import sys
from collections.abc import Callable

# the library name ``ctypes.util.find_library`` looks up -> the Debian/Ubuntu package
QT_XCB_LIBRARIES: dict[str, str] = {
    "EGL": "libegl1",
    "GL": "libgl1",
    "fontconfig": "libfontconfig1",
    "xkbcommon": "libxkbcommon0",
    "xkbcommon-x11": "libxkbcommon-x11-0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-keysyms": "libxcb-keysyms1",
    "xcb-cursor": "libxcb-cursor0",
    "xcb-image": "libxcb-image0",
    "xcb-randr": "libxcb-randr0",
    "xcb-render-util": "libxcb-render-util0",
    "xcb-shape": "libxcb-shape0",
    "xcb-xinerama": "libxcb-xinerama0",
}


def missing_packages(find: Callable[[str], str | None] = ctypes.util.find_library) -> list[str]:
    """Debian packages of the libraries ``find`` cannot locate, in a stable order."""
    return [package for lib, package in QT_XCB_LIBRARIES.items() if not find(lib)]


def advice(packages: list[str]) -> str:
    return (
        "Qt's desktop plugin needs system libraries that are missing: "
        + ", ".join(packages)
        + "\nInstall them with:\n    sudo apt-get install -y "
        + " ".join(packages)
        + "\n(Chinese text also needs a CJK font: fonts-noto-cjk)"
    )


def main(platform: str = sys.platform, env: dict[str, str] | None = None) -> int:
    env = dict(os.environ) if env is None else env
    if not platform.startswith("linux") or env.get("QT_QPA_PLATFORM", "") in ("offscreen", "minimal"):
        return 0  # other platforms bundle what Qt needs; offscreen needs no X libraries
    packages = missing_packages()
    if not packages:
        return 0
    print(advice(packages), file=sys.stderr)
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
