"""Storage: SQLAlchemy 2.0 models, engine setup, migrations and the single writer."""
