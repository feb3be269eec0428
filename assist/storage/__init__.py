"""Storage: SQLAlchemy 2.0 models, engine setup, migrations and the single writer."""

import logging as _logging

if _logging.getLogger("alembic").level == _logging.NOTSET:
    # Alembic logs a dozen INFO lines on every start (set before it is imported);
    # assist.storage.migrate logs one line when the schema actually changes.
    _logging.getLogger("alembic").setLevel(_logging.WARNING)
