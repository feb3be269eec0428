"""Bundled resources: demo shop, icons, stylesheet, translations (read with importlib.resources)."""
