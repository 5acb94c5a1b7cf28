"""Schemas raw/staging/marts/quality, the load ledger, staging tables and roles.

Revision ID: 0001
Revises:
"""

from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

AMOUNT = "numeric(20,2)"
PROVENANCE = "page integer, line_no integer NOT NULL"
DOC_FK = "document_id text NOT NULL REFERENCES raw.document(document_id) ON DELETE CASCADE"

ROLES = ("govfin_loader", "govfin_transformer", "govfin_analyst")

STAGING_TABLES = {
    "document_table": f"""
        {DOC_FK}, table_kind text NOT NULL, title text NOT NULL, number_label text,
        unit text NOT NULL, is_empty boolean NOT NULL, row_count integer NOT NULL, {PROVENANCE}""",
    "functional_amount": f"""
        {DOC_FK}, table_kind text NOT NULL, functional_code text, functional_name text NOT NULL,
        measure text NOT NULL, amount_yuan {AMOUNT} NOT NULL, is_total boolean NOT NULL, {PROVENANCE}""",
    "summary_amount": f"""
        {DOC_FK}, table_kind text NOT NULL, side text NOT NULL, item text NOT NULL, item_key text,
        row_number integer, measure text NOT NULL, amount_yuan {AMOUNT} NOT NULL, {PROVENANCE}""",
    "economic_amount": f"""
        {DOC_FK}, table_kind text NOT NULL, economic_code text, economic_name text NOT NULL,
        expense_category text, measure text NOT NULL, amount_yuan {AMOUNT} NOT NULL,
        is_subtotal boolean NOT NULL, {PROVENANCE}""",
    "three_public_amount": f"""
        {DOC_FK}, table_kind text NOT NULL, phase text NOT NULL, item text NOT NULL,
        amount_yuan {AMOUNT} NOT NULL, {PROVENANCE}""",
    "statistic": f"""
        {DOC_FK}, source text NOT NULL, section text NOT NULL, item text NOT NULL,
        amount_yuan {AMOUNT}, count_value numeric, {PROVENANCE}""",
    "narrative_fact": f"""
        {DOC_FK}, label text NOT NULL, kind text NOT NULL, value numeric NOT NULL, printed text NOT NULL,
        printed_unit text, quote text NOT NULL, {PROVENANCE}""",
    "project": f"""
        {DOC_FK}, project_seq integer NOT NULL, project_name text NOT NULL, phase text NOT NULL,
        sheet_layout text NOT NULL, department_code text, budget_unit text, implementing_unit text,
        initial_budget_declared_yuan {AMOUNT}, initial_budget_compiled_yuan {AMOUNT},
        budget_full_year_yuan {AMOUNT}, executed_yuan {AMOUNT}, balance_yuan {AMOUNT},
        execution_rate numeric, execution_rate_printed text, budget_execution_score numeric,
        score numeric, grade text, annual_goal text, actual_result text, {PROVENANCE},
        PRIMARY KEY (document_id, project_seq)""",
    "project_indicator": f"""
        {DOC_FK}, project_seq integer NOT NULL, indicator_seq integer NOT NULL, level1 text, level2 text,
        indicator text NOT NULL, target_value text, adjusted_target_value text, actual_value text,
        weight numeric, score numeric, deviation_reason text, {PROVENANCE},
        PRIMARY KEY (document_id, project_seq, indicator_seq)""",
}


def upgrade() -> None:
    for schema in ("raw", "staging", "transform", "marts", "quality"):
        op.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
    op.execute("""
        CREATE TABLE raw.load_run (
            run_id bigserial PRIMARY KEY,
            started_at timestamptz NOT NULL DEFAULT now(),
            finished_at timestamptz,
            raw_dir text,
            parser_version text NOT NULL,
            status text NOT NULL DEFAULT 'running',
            documents_loaded integer NOT NULL DEFAULT 0,
            documents_skipped integer NOT NULL DEFAULT 0,
            documents_failed integer NOT NULL DEFAULT 0
        )""")
    op.execute("""
        CREATE TABLE raw.document (
            document_id text PRIMARY KEY,
            source_path text NOT NULL,
            file_name text NOT NULL,
            size_bytes bigint NOT NULL,
            department text,
            department_code text,
            region_name text,
            province text,
            admin_level text,
            fiscal_year integer,
            document_kind text,
            disclosure_scope text,
            source_unit text,
            status text NOT NULL CHECK (status IN ('loaded', 'failed', 'skipped')),
            error text,
            parser_version text NOT NULL,
            run_id bigint REFERENCES raw.load_run(run_id),
            first_seen_at timestamptz NOT NULL DEFAULT now(),
            loaded_at timestamptz NOT NULL DEFAULT now()
        )""")
    op.execute("CREATE INDEX document_source_path_idx ON raw.document (source_path)")
    # Every file seen under the raw directory: lets an unchanged file be skipped by
    # (path, size, mtime) before it is read, and records duplicates under other names.
    op.execute("""
        CREATE TABLE raw.source_file (
            source_path text PRIMARY KEY,
            document_id text NOT NULL,
            size_bytes bigint NOT NULL,
            mtime_ns bigint NOT NULL,
            run_id bigint REFERENCES raw.load_run(run_id),
            status text NOT NULL CHECK (status IN ('loaded', 'failed', 'duplicate')),
            seen_at timestamptz NOT NULL DEFAULT now()
        )""")
    op.execute("""
        CREATE TABLE raw.document_issue (
            document_id text NOT NULL REFERENCES raw.document(document_id) ON DELETE CASCADE,
            issue_seq integer NOT NULL,
            severity text NOT NULL,
            table_ref text,
            line_no integer,
            message text NOT NULL,
            PRIMARY KEY (document_id, issue_seq)
        )""")
    for name, columns in STAGING_TABLES.items():
        op.execute(f"CREATE TABLE staging.{name} ({columns})")
        op.execute(f"CREATE INDEX {name}_document_idx ON staging.{name} (document_id)")

    for role in ROLES:
        op.execute(f"""
            DO $$ BEGIN
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN
                CREATE ROLE {role} NOLOGIN;
              END IF;
            END $$""")
    op.execute("GRANT USAGE ON SCHEMA raw, staging TO govfin_loader")
    op.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA raw, staging TO govfin_loader")
    op.execute("GRANT USAGE ON ALL SEQUENCES IN SCHEMA raw TO govfin_loader")
    op.execute(
        "ALTER DEFAULT PRIVILEGES IN SCHEMA raw, staging "
        "GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO govfin_loader"
    )
    op.execute("ALTER DEFAULT PRIVILEGES IN SCHEMA raw, staging GRANT SELECT ON TABLES TO govfin_transformer")
    # dbt reads raw and staging, owns what it builds in marts and quality.
    op.execute("GRANT USAGE ON SCHEMA raw, staging TO govfin_transformer")
    op.execute("GRANT SELECT ON ALL TABLES IN SCHEMA raw, staging TO govfin_transformer")
    op.execute("GRANT USAGE, CREATE ON SCHEMA transform, marts, quality TO govfin_transformer")
    op.execute("GRANT USAGE ON SCHEMA marts, quality TO govfin_analyst")
    op.execute("""ALTER DEFAULT PRIVILEGES FOR ROLE govfin_transformer IN SCHEMA marts, quality
                  GRANT SELECT ON TABLES TO govfin_analyst""")


def downgrade() -> None:
    for name in reversed(list(STAGING_TABLES)):
        op.execute(f"DROP TABLE IF EXISTS staging.{name}")
    op.execute("DROP TABLE IF EXISTS raw.document_issue, raw.source_file, raw.document, raw.load_run")
