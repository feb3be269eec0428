"""Draft engine: retrieved and generated reply drafts, ranked, diverse, slot-filled."""
