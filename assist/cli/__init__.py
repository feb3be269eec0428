"""The ``assist`` command line."""
