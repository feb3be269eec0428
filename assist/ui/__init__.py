"""The Qt layer: the desk, the supervisor console, dialogs. Nothing outside assist.ui imports Qt."""

from assist.ui.pyside_refcount import immortalize_singletons

immortalize_singletons()  # before any widget: see assist/ui/pyside_refcount.py
