"""credentials: the Open Badges 3.0 credentials pupils chose to have issued

One row a credential: its school, pupil and what it stands on (a sign-off, or a Skills Builder
step staff recorded), its state (requested until staff agree for an under-13 pupil, then
issued), its bit in the school's Bitstring Status List (unique per school), the name the pupil
chose, the signed VC-JWT, and when it was revoked. New table only.

Revision ID: 20261128_0001
Revises: 20261127_0001
Create Date: 2026-11-28 09:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "20261128_0001"
down_revision = "20261127_0001"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "credentials",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("pupil_id", sa.Integer(), nullable=False),
        sa.Column("basis", sa.String(length=20), nullable=False),
        sa.Column("sign_off_id", sa.Integer(), nullable=True),
        sa.Column("skill_rating_id", sa.Integer(), nullable=True),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("status_index", sa.Integer(), nullable=False),
        sa.Column("subject_name", sa.String(length=200), nullable=False),
        sa.Column("own_words", sa.Boolean(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("token", sa.Text(), nullable=True),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("valid_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("agreed_by_id", sa.Integer(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_reason", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["school_id"], ["schools.id"]),
        sa.ForeignKeyConstraint(["pupil_id"], ["pupils.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["sign_off_id"], ["sign_offs.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["skill_rating_id"], ["skill_ratings.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["agreed_by_id"], ["users.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("uuid"),
        sa.UniqueConstraint("school_id", "status_index"),
    )
    op.create_index("ix_credentials_school_id", "credentials", ["school_id"])
    op.create_index("ix_credentials_pupil_id", "credentials", ["pupil_id"])
    op.create_index("ix_credentials_sign_off_id", "credentials", ["sign_off_id"])


def downgrade():
    op.drop_index("ix_credentials_sign_off_id", table_name="credentials")
    op.drop_index("ix_credentials_pupil_id", table_name="credentials")
    op.drop_index("ix_credentials_school_id", table_name="credentials")
    op.drop_table("credentials")
