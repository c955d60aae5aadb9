"""distributed runs: per-unit job state and each site's crawl journal in the shared store

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "run_jobs",
        sa.Column("run_id", sa.String(40), primary_key=True),
        sa.Column("unit", sa.String(500), primary_key=True),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("starts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("failures", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("worker", sa.String(200), nullable=False, server_default=""),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("pages", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("reason", sa.Text(), nullable=False, server_default=""),
        sa.Column("entry", sa.Text(), nullable=True),
        sa.Column("counts", sa.Text(), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_run_jobs_run_state", "run_jobs", ["run_id", "state"])
    op.create_table(
        "journal_pages",
        sa.Column("run_id", sa.String(40), primary_key=True),
        sa.Column("site_code", sa.String(16), primary_key=True),
        sa.Column("url", sa.String(2000), primary_key=True),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("digest", sa.LargeBinary(), nullable=True),
    )
    op.create_table(
        "journal_facts",
        sa.Column("run_id", sa.String(40), primary_key=True),
        sa.Column("site_code", sa.String(16), primary_key=True),
        sa.Column("kind", sa.String(60), primary_key=True),
        sa.Column("data", sa.LargeBinary(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("journal_facts")
    op.drop_table("journal_pages")
    op.drop_index("ix_run_jobs_run_state", table_name="run_jobs")
    op.drop_table("run_jobs")
