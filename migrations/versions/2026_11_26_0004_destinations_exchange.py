"""destinations: alumni role models

role_models: a former pupil who agrees to be listed for careers staff as a role model (what
they do now, what they are happy to do); withdrawn, never deleted by the pupil. New table only.
(Alumni keep their pupil account; local-authority imports are de-duplicated against
destination_records, so no further table is needed.)

Revision ID: 20261126_0004
Revises: 20261126_0003
Create Date: 2026-11-23 17:45:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "20261126_0004"
down_revision = "20261126_0003"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "role_models",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pupil_id", sa.Integer(), nullable=False),
        sa.Column("now_doing", sa.String(length=300), nullable=False),
        sa.Column("happy_to", sa.String(length=300), nullable=False),
        sa.Column("agreed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["pupil_id"],
            ["pupils.id"],
            name=op.f("fk_role_models_pupil_id_pupils"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_role_models")),
        sa.UniqueConstraint("pupil_id", name=op.f("uq_role_models_pupil_id")),
    )


def downgrade():
    op.drop_table("role_models")
