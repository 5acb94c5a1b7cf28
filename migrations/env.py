"""Alembic environment: migrations run against the URL govfin resolves (never a URL in a file)."""

from alembic import context
from sqlalchemy import create_engine, pool

from loaders.db import database_url, sqlalchemy_url

url = context.config.attributes.get("url") or database_url()
engine = create_engine(sqlalchemy_url(url), poolclass=pool.NullPool)

with engine.connect() as connection:
    context.configure(connection=connection, version_table_schema="public")
    with context.begin_transaction():
        context.run_migrations()
engine.dispose()
