"""Which demo-shop conversations are held out of every draft training (the drafts yardstick).

Here, not in :mod:`assist.learning.yardstick`, because the training scripts (imported by the
engines' CLIs) need the rule and must not reach into storage or the learning loop.
"""

from __future__ import annotations

import hashlib

DEMO_HELDOUT_FRACTION = 0.15


def is_demo_heldout(conversation_id: str, fraction: float = DEMO_HELDOUT_FRACTION) -> bool:
    """A demo-shop conversation reserved for the drafts yardstick (a hash of its id, fixed)."""
    digest = hashlib.sha256(f"demo-heldout\x1f{conversation_id}".encode()).digest()[:8]
    return int.from_bytes(digest, "big") / 2**64 < fraction
