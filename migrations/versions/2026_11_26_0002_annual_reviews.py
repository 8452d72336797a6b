"""annual reviews: the review, the three voices, decisions

annual_reviews: a pupil's annual review on a date; completed reviews are read-only.
review_contributions: the pupil's, each family member's and staff's own words for a review.
review_area_notes: staff notes on the four Preparing for Adulthood areas.
review_decisions, review_actions: which guidance decisions and actions came from a review
(the guidance tables are not changed). New tables only.

Revision ID: 20261126_0002
Revises: 20261126_0001
Create Date: 2026-11-23 17:45:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "20261126_0002"
down_revision = "20261126_0001"
branch_labels = None
depends_on = None


def _user_fk(table: str, column: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], ["users.id"], name=op.f(f"fk_{table}_{column}_users"), ondelete="SET NULL"
    )


def _review_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["review_id"],
        ["annual_reviews.id"],
        name=op.f(f"fk_{table}_review_id_annual_reviews"),
        ondelete="CASCADE",
    )


def upgrade():
    op.create_table(
        "annual_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pupil_id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("opened_by_id", sa.Integer(), nullable=True),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("completed_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["pupil_id"],
            ["pupils.id"],
            name=op.f("fk_annual_reviews_pupil_id_pupils"),
            ondelete="CASCADE",
        ),
        _user_fk("annual_reviews", "opened_by_id"),
        _user_fk("annual_reviews", "completed_by_id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_annual_reviews")),
    )
    with op.batch_alter_table("annual_reviews", schema=None) as batch_op:
        batch_op.create_index("ix_annual_reviews_pupil_held", ["pupil_id", "held_on"], unique=False)

    op.create_table(
        "review_contributions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("voice", sa.String(length=10), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("author_name", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        _review_fk("review_contributions"),
        _user_fk("review_contributions", "author_id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_contributions")),
        sa.UniqueConstraint(
            "review_id",
            "voice",
            "author_id",
            name=op.f("uq_review_contributions_review_id_voice_author_id"),
        ),
    )
    with op.batch_alter_table("review_contributions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_review_contributions_review_id"), ["review_id"], unique=False
        )

    op.create_table(
        "review_area_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("area", sa.String(length=30), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        _review_fk("review_area_notes"),
        _user_fk("review_area_notes", "author_id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_area_notes")),
        sa.UniqueConstraint("review_id", "area", name=op.f("uq_review_area_notes_review_id_area")),
    )
    with op.batch_alter_table("review_area_notes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_review_area_notes_review_id"), ["review_id"], unique=False
        )

    op.create_table(
        "review_decisions",
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("note_id", sa.Integer(), nullable=False),
        _review_fk("review_decisions"),
        sa.ForeignKeyConstraint(
            ["note_id"],
            ["guidance_notes.id"],
            name=op.f("fk_review_decisions_note_id_guidance_notes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("review_id", "note_id", name=op.f("pk_review_decisions")),
    )
    op.create_table(
        "review_actions",
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        _review_fk("review_actions"),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["actions.id"],
            name=op.f("fk_review_actions_action_id_actions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("review_id", "action_id", name=op.f("pk_review_actions")),
    )


def downgrade():
    op.drop_table("review_actions")
    op.drop_table("review_decisions")
    with op.batch_alter_table("review_area_notes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_area_notes_review_id"))
    op.drop_table("review_area_notes")
    with op.batch_alter_table("review_contributions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_contributions_review_id"))
    op.drop_table("review_contributions")
    with op.batch_alter_table("annual_reviews", schema=None) as batch_op:
        batch_op.drop_index("ix_annual_reviews_pupil_held")
    op.drop_table("annual_reviews")
