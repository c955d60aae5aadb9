"""Alembic environment: migrations run on a connection handed in by store/migrate_store.py."""
from alembic import context

from govinspect.store.tables import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
