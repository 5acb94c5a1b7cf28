"""Which login ran each load (raw.load_run.login); the loader may ANALYZE what it loads.

Each job now logs in as its own user (loaders/logins.py), so the ledger records the
session's login user: ``session_user`` stays the login after the loader's SET ROLE.
Runs from before this revision keep NULL (unknown) rather than a guess.

Revision ID: 0005
Revises: 0002
"""

from alembic import op

revision = "0005"
down_revision = "0002"
branch_labels = None
depends_on = None

# MAINTAIN (PostgreSQL 17+) lets a role that does not own a table ANALYZE it: the loader
# refreshes planner statistics after a bulk load, before the dbt build.
MAINTAIN = """
    DO $$ BEGIN
      IF current_setting('server_version_num')::int >= 170000 THEN
        EXECUTE '{} MAINTAIN ON ALL TABLES IN SCHEMA raw, staging {} govfin_loader';
        EXECUTE 'ALTER DEFAULT PRIVILEGES IN SCHEMA raw, staging {} MAINTAIN ON TABLES {} govfin_loader';
      END IF;
    END $$"""


def upgrade() -> None:
    op.execute("ALTER TABLE raw.load_run ADD COLUMN IF NOT EXISTS login text")
    op.execute("ALTER TABLE raw.load_run ALTER COLUMN login SET DEFAULT session_user")
    op.execute("COMMENT ON COLUMN raw.load_run.login IS 'the login user that ran the load (登录用户)'")
    op.execute(MAINTAIN.format("GRANT", "TO", "GRANT", "TO"))
    # before PostgreSQL 15 every role could create tables in public: not the analyst
    op.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")


def downgrade() -> None:
    op.execute(MAINTAIN.format("REVOKE", "FROM", "REVOKE", "FROM"))
    op.execute("ALTER TABLE raw.load_run DROP COLUMN IF EXISTS login")
