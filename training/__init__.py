"""Training scripts: intent (MiniLM, scratch MLM, local encoders) and draft models (GPT-2 style).

Each script is one readable file, runnable as ``python -m training.<name>`` and
driven by ``assist train ...``. Everything is saved with ``save_pretrained``."""
