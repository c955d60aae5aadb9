"""monitor: test-window flag on probes, per-site homepage fingerprints, hijack/tampering alerts

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("probes") as batch:
        batch.add_column(sa.Column("test", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_table(
        "monitor_state",
        sa.Column("site_code", sa.String(16), primary_key=True),
        sa.Column("baseline", sa.Text(), nullable=False),          # JSON fingerprint of the first healthy view
        sa.Column("last", sa.Text(), nullable=False),              # JSON fingerprint of the latest round
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "monitor_alerts",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("site_code", sa.String(16), nullable=False),
        sa.Column("cause", sa.String(40), nullable=False),         # spam_title_meta | new_script_host | cloaking | hidden_links
        sa.Column("cause_key", sa.String(300), nullable=False),    # cause plus what it concerns (a script host)
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("before", sa.Text(), nullable=False, server_default=""),
        sa.Column("after", sa.Text(), nullable=False, server_default=""),
        sa.Column("url", sa.String(1000), nullable=False, server_default=""),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("cleared_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("delivery_error", sa.Text(), nullable=False, server_default=""),
    )
    op.create_index("ix_monitor_alerts_site_key", "monitor_alerts", ["site_code", "cause_key"])


def downgrade() -> None:
    op.drop_index("ix_monitor_alerts_site_key", table_name="monitor_alerts")
    op.drop_table("monitor_alerts")
    op.drop_table("monitor_state")
    with op.batch_alter_table("probes") as batch:
        batch.drop_column("test")
