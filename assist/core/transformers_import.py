"""Import transformers one thread at a time.

Why: transformers resolves its top-level names lazily, and two threads resolving names for the
first time at once make one of them fail with ``ImportError: cannot import name 'AutoTokenizer'
from 'transformers'`` (reproduced here 3 times in 3 with four threads). The desk loads its
embedder, intent engine and draft model on worker threads, so each loader calls
:func:`import_transformers` first: the first call imports the names the loaders use under a
lock, later calls return at once.
"""

from __future__ import annotations

import threading

NAMES = ("AutoConfig", "AutoModel", "AutoModelForCausalLM", "AutoTokenizer", "DynamicCache", "PreTrainedTokenizerFast")
_lock = threading.Lock()
_done = False


def import_transformers() -> None:
    global _done
    if _done:
        return
    with _lock:
        if _done:
            return
        import transformers

        for name in NAMES:
            getattr(transformers, name)
        _done = True
