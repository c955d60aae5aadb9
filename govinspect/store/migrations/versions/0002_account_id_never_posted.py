"""accounts: 账号ID and 无更新 (never posted)

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("accounts") as batch:
        batch.add_column(sa.Column("account_id", sa.String(200), nullable=False, server_default=""))
        batch.add_column(sa.Column("never_posted", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("accounts") as batch:
        batch.drop_column("never_posted")
        batch.drop_column("account_id")
