"""careers programme activities and attendance

programme_activities: an activity recorded once for a group (title, kind, date, place,
organisations, benchmarks, who it was for); client_id is the form's idempotency key.
programme_attendance: a pupil who was there and the passport entry (and signed revision) it
gave them. New tables only.

Revision ID: 20261126_0003
Revises: 20261126_0002
Create Date: 2026-11-23 17:45:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "20261126_0003"
down_revision = "20261126_0002"
branch_labels = None
depends_on = None


def _user_fk(table: str, column: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], ["users.id"], name=op.f(f"fk_{table}_{column}_users"), ondelete="SET NULL"
    )


def upgrade():
    op.create_table(
        "programme_activities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("entry_kind", sa.String(length=20), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("starts_at", sa.String(length=5), nullable=True),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("organisations", sa.JSON(), nullable=False),
        sa.Column("benchmarks", sa.JSON(), nullable=False),
        sa.Column("provider_access", sa.Boolean(), nullable=False),
        sa.Column("audience_kind", sa.String(length=20), nullable=False),
        sa.Column("audience", sa.JSON(), nullable=False),
        sa.Column("audience_label", sa.String(length=300), nullable=False),
        sa.Column("year_groups", sa.JSON(), nullable=False),
        sa.Column("audience_count", sa.Integer(), nullable=False),
        sa.Column("custom_group_id", sa.Integer(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attendance_taken_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attendance_taken_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["school_id"], ["schools.id"], name=op.f("fk_programme_activities_school_id_schools")
        ),
        sa.ForeignKeyConstraint(
            ["custom_group_id"],
            ["custom_groups.id"],
            name=op.f("fk_programme_activities_custom_group_id_custom_groups"),
            ondelete="SET NULL",
        ),
        _user_fk("programme_activities", "created_by_id"),
        _user_fk("programme_activities", "attendance_taken_by_id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programme_activities")),
        sa.UniqueConstraint(
            "school_id", "client_id", name=op.f("uq_programme_activities_school_id_client_id")
        ),
    )
    with op.batch_alter_table("programme_activities", schema=None) as batch_op:
        batch_op.create_index(
            "ix_programme_activities_school_occurred", ["school_id", "occurred_on"], unique=False
        )

    op.create_table(
        "programme_attendance",
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("pupil_id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=True),
        sa.Column("revision_id", sa.Integer(), nullable=True),
        sa.Column("marked_by_id", sa.Integer(), nullable=True),
        sa.Column("marked_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["programme_activities.id"],
            name=op.f("fk_programme_attendance_activity_id_programme_activities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["pupil_id"],
            ["pupils.id"],
            name=op.f("fk_programme_attendance_pupil_id_pupils"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["entries.id"],
            name=op.f("fk_programme_attendance_entry_id_entries"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["revision_id"],
            ["entry_revisions.id"],
            name=op.f("fk_programme_attendance_revision_id_entry_revisions"),
            ondelete="SET NULL",
        ),
        _user_fk("programme_attendance", "marked_by_id"),
        sa.PrimaryKeyConstraint("activity_id", "pupil_id", name=op.f("pk_programme_attendance")),
    )
    with op.batch_alter_table("programme_attendance", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_programme_attendance_pupil_id"), ["pupil_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_programme_attendance_entry_id"), ["entry_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("programme_attendance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_programme_attendance_entry_id"))
        batch_op.drop_index(batch_op.f("ix_programme_attendance_pupil_id"))
    op.drop_table("programme_attendance")
    with op.batch_alter_table("programme_activities", schema=None) as batch_op:
        batch_op.drop_index("ix_programme_activities_school_occurred")
    op.drop_table("programme_activities")
