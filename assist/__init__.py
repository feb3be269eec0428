"""Assist: desktop agent-assist for e-commerce customer service.

The package has a Qt-free core (everything except ``assist.ui``) and a thin Qt layer
(``assist.ui``). An import-linter contract in ``pyproject.toml`` keeps it that way.
"""

__version__ = "0.1.0"
