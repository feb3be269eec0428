"""The Qt layer: the desk, the supervisor console, dialogs. Nothing outside assist.ui imports Qt."""
