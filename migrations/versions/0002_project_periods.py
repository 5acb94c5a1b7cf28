"""Budget columns: 实施期资金总额 and 实施期/长期 指标值 of project sheets, 政府预算经济科目 names.

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
    op.execute("ALTER TABLE staging.economic_amount ADD COLUMN IF NOT EXISTS government_economic_name text")


def downgrade() -> None:
    op.execute("ALTER TABLE staging.economic_amount DROP COLUMN IF EXISTS government_economic_name")
    op.execute("ALTER TABLE staging.project_indicator DROP COLUMN IF EXISTS long_term_target_value")
    op.execute("ALTER TABLE staging.project DROP COLUMN IF EXISTS implementation_period_total_yuan")
