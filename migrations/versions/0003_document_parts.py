"""Documents as published: parts (text / tables), corrections, region codes and printed scope.

Revision ID: 0003
Revises: 0005 (chained after main's 0005 at the merge of main; written against 0002)
"""

from alembic import op

revision = "0003"
down_revision = "0005"
branch_labels = None
depends_on = None

COLUMNS = (
    ("prefecture", "text"),  # 地级 region
    ("county", "text"),  # 县级 region
    ("adcode", "text"),  # 行政区划代码, six digits
    ("printed_scope", "text"),  # 部门 / 单位 / 本级 / 汇总 as printed
    ("document_part", "text NOT NULL DEFAULT 'complete' CHECK (document_part IN ('complete', 'text', 'tables'))"),
    ("is_correction", "boolean NOT NULL DEFAULT false"),  # marked 更正 / 更正版
    ("correction_note", "text"),  # the 更正说明
    ("published_on", "date"),  # the date printed on the cover
)


def upgrade() -> None:
    for name, kind in COLUMNS:
        op.execute(f"ALTER TABLE raw.document ADD COLUMN IF NOT EXISTS {name} {kind}")


def downgrade() -> None:
    for name, _ in reversed(COLUMNS):
        op.execute(f"ALTER TABLE raw.document DROP COLUMN IF EXISTS {name}")
