"""Alembic's environment for the register: always run on the connection lexkit hands over.

lexkit builds the Config in code (lexkit.cases.migrate) and passes an open connection in
``config.attributes["connection"]`` inside a transaction it controls (Alembic cookbook,
"sharing a connection"); there is no alembic.ini and no URL here.
"""

from alembic import context

from lexkit.cases.tables import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER most things: copy-and-move
)
with context.begin_transaction():
    context.run_migrations()
