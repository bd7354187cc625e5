"""The case register: many cases, one procedure, every department accountable.

The only package that imports SQLAlchemy and Alembic (tables, db, migrate, register); its
results (models) and the reports import neither, so they can be rendered and tested alone.
"""
