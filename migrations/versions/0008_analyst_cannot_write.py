"""Every warehouse database: CONNECT for govfin's roles only, no TEMP but dbt's, no large objects.

sql/grants.sql does this for the database it runs in; a migration repeats it for each database
it upgrades (a second warehouse, a test database), so the analyst login can never create a
temporary table or a large object there, even with ``default_transaction_read_only`` off. The
database's owner runs the migrations and may change its database's privileges; the large-object
functions belong to the bootstrap superuser, so they are revoked only when the migration runs as
a superuser (otherwise sql/grants.sql, run by a superuser, has done it).

Revision ID: 0008
Revises: 0003
"""

from alembic import op

revision = "0008"
down_revision = "0003"
branch_labels = None
depends_on = None

LO_FUNCTIONS = (
    "lo_creat",
    "lo_create",
    "lo_from_bytea",
    "lo_import",
    "lo_export",
    "lowrite",
    "lo_put",
    "lo_truncate",
    "lo_truncate64",
    "lo_unlink",
    "lo_open",
)

DATABASE = """
    DO $$ BEGIN
      EXECUTE format('{0} CONNECT, TEMPORARY ON DATABASE %I {1} PUBLIC', current_database());
      EXECUTE format('GRANT CONNECT ON DATABASE %I TO govfin_loader, govfin_transformer, govfin_analyst',
                     current_database());
      EXECUTE format('GRANT TEMPORARY ON DATABASE %I TO govfin_transformer', current_database());
    END $$"""

LARGE_OBJECTS = """
    DO $$ DECLARE fn regprocedure; BEGIN
      IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        FOR fn IN SELECT p.oid::regprocedure FROM pg_proc p
                  WHERE p.pronamespace = 'pg_catalog'::regnamespace AND p.proname IN ({names}) LOOP
          EXECUTE format('{0} EXECUTE ON FUNCTION %s {1} PUBLIC', fn);
        END LOOP;
      END IF;
    END $$"""


def _large_objects(verb: str, preposition: str, functions=LO_FUNCTIONS) -> str:
    names = ", ".join(f"'{name}'" for name in functions)
    return LARGE_OBJECTS.replace("{names}", names).format(verb, preposition)


def upgrade() -> None:
    op.execute(DATABASE.format("REVOKE", "FROM"))
    op.execute(_large_objects("REVOKE", "FROM"))


def downgrade() -> None:
    # lo_import and lo_export never were PUBLIC's (they read and write the server's files)
    op.execute(_large_objects("GRANT", "TO", [f for f in LO_FUNCTIONS if f not in ("lo_import", "lo_export")]))
    op.execute(DATABASE.format("GRANT", "TO"))
