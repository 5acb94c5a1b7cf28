"""Multi-year amounts and targets of project sheets: 实施期资金总额, 实施期/长期 指标值.

Revision ID: 0002
Revises: 0001
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE staging.project ADD COLUMN IF NOT EXISTS implementation_period_total_yuan numeric(20,2)")
    op.execute("ALTER TABLE staging.project_indicator ADD COLUMN IF NOT EXISTS long_term_target_value text")


def downgrade() -> None:
    op.execute("ALTER TABLE staging.project_indicator DROP COLUMN IF EXISTS long_term_target_value")
    op.execute("ALTER TABLE staging.project DROP COLUMN IF EXISTS implementation_period_total_yuan")
