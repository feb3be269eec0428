"""Checks of a model directory's small JSON files, before transformers reads them and fails
with an error that names neither the file nor the problem (a truncated ``tokenizer.json``
gives ``Exception: EOF while parsing ...``)."""

from __future__ import annotations

import json
from pathlib import Path

from assist.core.errors import ModelLoadError

TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json")


def check_tokenizer_files(directory: Path, what: str) -> None:
    """Raise :class:`ModelLoadError` naming the file when a tokenizer file present in
    ``directory`` is not valid JSON (truncated, empty, overwritten)."""
    for name in TOKENIZER_FILES:
        path = directory / name
        if not path.is_file():
            continue
        try:
            json.loads(path.read_bytes())
        except (UnicodeDecodeError, ValueError) as exc:
            problem = f"{exc.msg} at line {exc.lineno}" if isinstance(exc, json.JSONDecodeError) else str(exc)
            raise ModelLoadError(
                f"{what}: {path} is truncated or not valid JSON ({problem}); copy the model directory again"
            ) from None
        except OSError as exc:
            raise ModelLoadError(f"{what}: cannot read {path} ({exc.strerror or exc})") from None
