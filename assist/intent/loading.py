"""``load_intent_engine``: the one way the app, the CLI and the bench open an intent model.

It checks the directory before handing it to transformers, so a user gets "weights file is
truncated" or "this is a causal LM, not an intent classifier" instead of a stack trace.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from assist.core.errors import AssistError, ModelLoadError
from assist.core.model_files import check_tokenizer_files
from assist.intent.base import IntentEngine
from assist.intent.metadata import META_FILE, ROUTER_FILE, IntentMeta, read_meta

log = logging.getLogger(__name__)

WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin", "model.safetensors.index.json")


def _read_config(path: Path) -> dict[str, object]:
    config_path = path / "config.json"
    if not config_path.is_file():
        raise ModelLoadError(f"{path}: no config.json (not a Hugging Face model directory)")
    try:
        config = json.loads(config_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelLoadError(f"{config_path}: not valid JSON ({exc})") from None
    if not isinstance(config, dict):
        raise ModelLoadError(f"{config_path}: expected a JSON object")
    return config


def _check_classifier(path: Path, config: dict[str, object]) -> list[str]:
    """The labels in id order; raises if the config is not a sequence classifier."""
    archs = config.get("architectures") or []
    if not isinstance(archs, list) or not any(
        isinstance(a, str) and a.endswith("ForSequenceClassification") for a in archs
    ):
        raise ModelLoadError(
            f"{path}: architecture {archs or 'unknown'} is not a sequence classifier "
            "(an intent model is ...ForSequenceClassification; is this a draft model?)"
        )
    id2label = config.get("id2label")
    if not isinstance(id2label, dict) or not id2label:
        raise ModelLoadError(f"{path}: config.json has no id2label (intent names)")
    try:
        return [str(id2label[str(i)]) for i in range(len(id2label))]
    except KeyError:
        raise ModelLoadError(f"{path}: id2label keys must be 0..{len(id2label) - 1}") from None


def _check_weights(path: Path) -> None:
    present = [path / name for name in WEIGHT_FILES if (path / name).is_file()]
    if not present:
        raise ModelLoadError(f"{path}: no weights file ({' or '.join(WEIGHT_FILES[:2])})")
    weights = present[0]
    if weights.name == "model.safetensors":
        try:
            from safetensors import safe_open

            with safe_open(str(weights), framework="np") as fh:
                names = list(fh.keys())
                if names:
                    fh.get_slice(names[-1])  # touches the header's last tensor range
        except Exception as exc:  # noqa: BLE001 - safetensors raises several untyped errors
            raise ModelLoadError(f"{weights}: weights file is corrupt or truncated ({exc})") from None
        header_end = _safetensors_data_end(weights)
        if header_end is not None and weights.stat().st_size < header_end:
            raise ModelLoadError(
                f"{weights}: weights file is truncated ({weights.stat().st_size} of {header_end} bytes)"
            )


def _safetensors_data_end(path: Path) -> int | None:
    """Byte size a complete safetensors file must have, read from its JSON header."""
    try:
        with path.open("rb") as fh:
            n = int.from_bytes(fh.read(8), "little")
            header = json.loads(fh.read(n))
    except (OSError, ValueError):
        return None
    ends = [int(v["data_offsets"][1]) for k, v in header.items() if k != "__metadata__"]
    return 8 + n + max(ends, default=0)


def _has_onnx(path: Path) -> bool:
    from assist.intent.onnx_engine import find_onnx_file

    return find_onnx_file(path) is not None


def load_intent_engine(
    path: str | Path,
    *,
    device: str = "auto",
    runtime: str = "auto",
    threads: int | None = None,
    onnx_file: str | None = None,
) -> IntentEngine:
    """Open an intent model directory (or a routed bilingual directory) for inference.

    ``runtime``: ``"torch"``, ``"onnx"`` or ``"auto"`` (ONNX when the directory holds an ONNX
    model). ``onnx_file`` picks ``model.onnx`` (fp32) or ``model_quantized.onnx`` (int8, the
    default when present). The engine is warmed up before it is returned.
    """
    path = Path(path).expanduser()
    if runtime not in {"auto", "torch", "onnx"}:
        raise ModelLoadError(f"runtime must be auto, torch or onnx, got {runtime!r}")
    if not path.exists():
        raise ModelLoadError(f"{path}: intent model directory does not exist")
    if not path.is_dir():
        raise ModelLoadError(f"{path}: not a directory")
    if (path / ROUTER_FILE).is_file():
        return _load_routed(path, device=device, runtime=runtime, threads=threads, onnx_file=onnx_file)
    meta = read_meta(path)
    config = _read_config(path)
    labels = _check_classifier(path, config)
    check_tokenizer_files(path, "intent model")
    use_onnx = runtime == "onnx" or (runtime == "auto" and _has_onnx(path))
    try:
        if use_onnx:
            from assist.intent.onnx_engine import load_onnx_engine

            return load_onnx_engine(path, meta, labels, threads=threads, onnx_file=onnx_file, config=config)
        _check_weights(path)
        from assist.intent.torch_engine import load_torch_engine

        return load_torch_engine(path, meta, device=device, threads=threads, config=config)
    except AssistError:
        raise
    except Exception as exc:  # noqa: BLE001 - tokenizers and transformers raise many types, bare Exception too
        first = (str(exc).strip().splitlines() or [""])[0][:200]
        raise ModelLoadError(f"{path}: cannot load the intent model ({type(exc).__name__}: {first})") from None


def _load_routed(
    path: Path, *, device: str, runtime: str, threads: int | None, onnx_file: str | None
) -> IntentEngine:
    from assist.intent.routed import RoutedIntentEngine

    router_path = path / ROUTER_FILE
    try:
        router = json.loads(router_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelLoadError(f"{router_path}: not valid JSON ({exc})") from None
    if not isinstance(router, dict) or not router:
        raise ModelLoadError(f'{router_path}: expected an object like {{"en": "en", "zh": "zh"}}')
    default = str(router.pop("default", next(iter(router))))
    engines: dict[str, IntentEngine] = {}
    for lang, sub in router.items():
        subdir = path / str(sub)
        if not subdir.is_dir():
            raise ModelLoadError(f"{router_path}: language {lang!r} points to missing {subdir}")
        engine = load_intent_engine(
            subdir, device=device, runtime=runtime, threads=threads, onnx_file=onnx_file
        )
        if isinstance(engine, RoutedIntentEngine):
            raise ModelLoadError(f"{subdir}: routed models cannot nest")
        engines[str(lang)] = engine
    if default not in engines:
        raise ModelLoadError(f"{router_path}: default language {default!r} is not routed")
    version = None
    if (path / META_FILE).is_file():
        try:
            version = json.loads((path / META_FILE).read_text(encoding="utf-8")).get("version")
        except (UnicodeDecodeError, json.JSONDecodeError, AttributeError) as exc:
            raise ModelLoadError(f"{path / META_FILE}: not valid JSON ({exc})") from None
    return RoutedIntentEngine(engines, default=default, version=version)


__all__ = ["IntentMeta", "load_intent_engine"]
