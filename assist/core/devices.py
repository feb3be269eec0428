"""Which torch device to run on, with a clear error when CUDA is asked for but not there."""

from __future__ import annotations

from assist.core.errors import ConfigError


def resolve_device(device: str) -> str:
    """``"auto"`` gives ``"cuda"`` when a GPU is usable, else ``"cpu"``; ``"cuda"`` (or
    ``"cuda:N"``) on a machine or a torch build without CUDA is a :class:`ConfigError`."""
    import torch

    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device != "cpu" and device != "cuda" and not device.startswith("cuda:"):
        raise ConfigError(f"device must be auto, cpu or cuda, got {device!r}")
    if device.startswith("cuda") and not torch.cuda.is_available():
        build = "this torch build has no CUDA" if torch.version.cuda is None else "no CUDA GPU is visible"
        raise ConfigError(
            f"device {device!r} asked for, but {build} (torch {torch.__version__}); use auto or cpu"
        )
    return device
