"""Ledger identity by content and source location; quarantined documents with their reason.

- ``raw.source_file`` is keyed by (source_root, source_path): the folder a run was given
  (``--raw-dir``, resolved) and the path under it. Two folders holding a file of the same
  relative name are two source locations; loading one never replaces what the other loaded.
  Rows from before this revision take the folder of the run that last saw them.
- ``raw.document.source_root``: the folder of the location that last wrote the document.
- ``raw.document.status`` may be ``quarantined``: the document's rows are in staging, but it
  failed admission (``loaders/admission_checks.py``) and stays out of the marts;
  ``quarantine_reason`` says why.

Revision ID: 0006
Revises: 0003 (the head of this branch; 0003 itself revises 0005)
"""

from alembic import op

revision = "0006"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE raw.source_file ADD COLUMN IF NOT EXISTS source_root text NOT NULL DEFAULT ''")
    op.execute(
        "UPDATE raw.source_file f SET source_root = r.raw_dir FROM raw.load_run r "
        "WHERE r.run_id = f.run_id AND r.raw_dir IS NOT NULL"
    )
    op.execute("ALTER TABLE raw.source_file DROP CONSTRAINT IF EXISTS source_file_pkey")
    op.execute("ALTER TABLE raw.source_file ADD PRIMARY KEY (source_root, source_path)")
    op.execute("CREATE INDEX IF NOT EXISTS source_file_document_idx ON raw.source_file (document_id)")
    op.execute("COMMENT ON COLUMN raw.source_file.source_root IS 'the folder the run was given (--raw-dir), resolved'")

    op.execute("ALTER TABLE raw.document ADD COLUMN IF NOT EXISTS source_root text")
    op.execute("ALTER TABLE raw.document ADD COLUMN IF NOT EXISTS quarantine_reason text")
    op.execute(
        "UPDATE raw.document d SET source_root = f.source_root FROM raw.source_file f "
        "WHERE f.document_id = d.document_id AND f.source_path = d.source_path"
    )
    op.execute("ALTER TABLE raw.document DROP CONSTRAINT IF EXISTS document_status_check")
    op.execute(
        "ALTER TABLE raw.document ADD CONSTRAINT document_status_check "
        "CHECK (status IN ('loaded', 'failed', 'skipped', 'quarantined'))"
    )
    op.execute(
        "COMMENT ON COLUMN raw.document.quarantine_reason IS "
        "'why a quarantined document (staged, kept out of the marts) failed admission'"
    )


def downgrade() -> None:
    op.execute("DELETE FROM raw.document WHERE status = 'quarantined'")
    op.execute("ALTER TABLE raw.document DROP CONSTRAINT IF EXISTS document_status_check")
    op.execute(
        "ALTER TABLE raw.document ADD CONSTRAINT document_status_check "
        "CHECK (status IN ('loaded', 'failed', 'skipped'))"
    )
    op.execute("ALTER TABLE raw.document DROP COLUMN IF EXISTS quarantine_reason")
    op.execute("ALTER TABLE raw.document DROP COLUMN IF EXISTS source_root")
    # the same relative path may now be known under two roots: keep the latest seen
    op.execute(
        "DELETE FROM raw.source_file f USING raw.source_file g "
        "WHERE f.source_path = g.source_path AND (f.seen_at, f.source_root) < (g.seen_at, g.source_root)"
    )
    op.execute("ALTER TABLE raw.source_file DROP CONSTRAINT IF EXISTS source_file_pkey")
    op.execute("ALTER TABLE raw.source_file ADD PRIMARY KEY (source_path)")
    op.execute("DROP INDEX IF EXISTS raw.source_file_document_idx")
    op.execute("ALTER TABLE raw.source_file DROP COLUMN IF EXISTS source_root")
