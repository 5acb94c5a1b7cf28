"""The run lock the analyst cannot take, the schemas a build is written into, the build in the ledger.

- ``ops.run_lock``: a `govfin run`, `load` or `build` holds ``LOCK TABLE ops.run_lock IN
  EXCLUSIVE MODE`` for its whole length. The analyst has no privilege on schema ``ops`` (not
  even USAGE), so it can neither take nor block this lock, unlike a database-wide advisory
  key. A schema of its own: the loader's ANALYZE of ``raw`` and ``staging`` after a load must
  not wait for the lock its own run holds.
- ``marts_next``, ``quality_next``: dbt builds the analyst-facing marts there; only when the
  whole build and its tests pass does one transaction move the set into ``marts`` and
  ``quality`` (loaders/build.py). The analyst cannot see these schemas.
- ``raw.load_run.build_status`` and ``detail``: a run's row covers its build too and says in
  words what happened (a failed build, a signal).

Revision ID: 0007
Revises: 0003 (written against head 0003, which revises 0005)
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

BUILD_SCHEMAS = ("marts_next", "quality_next")


def upgrade() -> None:
    op.execute("CREATE SCHEMA IF NOT EXISTS ops")
    op.execute("REVOKE ALL ON SCHEMA ops FROM PUBLIC")
    op.execute("GRANT USAGE ON SCHEMA ops TO govfin_loader, govfin_transformer")
    op.execute("CREATE TABLE IF NOT EXISTS ops.run_lock (note text)")
    op.execute(
        "COMMENT ON TABLE ops.run_lock IS 'no rows: the govfin run lock is a lock on this table, "
        "held for a whole load and build'"
    )
    # LOCK TABLE … IN EXCLUSIVE MODE needs UPDATE (or DELETE, TRUNCATE, MAINTAIN) on the table
    op.execute("GRANT SELECT, UPDATE ON ops.run_lock TO govfin_loader, govfin_transformer")
    for schema in BUILD_SCHEMAS:
        op.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
        op.execute(f"GRANT USAGE, CREATE ON SCHEMA {schema} TO govfin_transformer")
        op.execute(f"REVOKE ALL ON SCHEMA {schema} FROM govfin_analyst")
    op.execute("ALTER TABLE raw.load_run ADD COLUMN IF NOT EXISTS build_status text")
    op.execute("ALTER TABLE raw.load_run ADD COLUMN IF NOT EXISTS detail text")
    op.execute(
        "COMMENT ON COLUMN raw.load_run.build_status IS "
        "'the dbt build of a govfin run: running, succeeded, failed, aborted; NULL for a load alone'"
    )
    op.execute("COMMENT ON COLUMN raw.load_run.detail IS 'what happened, in words, when a run did not simply succeed'")


def downgrade() -> None:
    op.execute("ALTER TABLE raw.load_run DROP COLUMN IF EXISTS detail")
    op.execute("ALTER TABLE raw.load_run DROP COLUMN IF EXISTS build_status")
    for schema in BUILD_SCHEMAS:
        op.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
    op.execute("DROP SCHEMA IF EXISTS ops CASCADE")
