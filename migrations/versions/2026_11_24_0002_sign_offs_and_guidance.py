"""sign-offs and guidance records

sign_offs: a member of staff confirming (or returning) one revision of an entry, with the
SHA-256 of that revision's canonical serialisation. guidance_interviews, guidance_notes
(advice and agreed decisions), actions and comments: what staff record for a pupil, each with
who can see it. New tables only.

Revision ID: 20261124_0002
Revises: 20261124_0001
Create Date: 2026-11-23 12:58:53.921971

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "20261124_0002"
down_revision = "20261124_0001"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pupil_id", sa.Integer(), nullable=False),
        sa.Column("subject_type", sa.String(length=20), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("visibility", sa.String(length=20), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["users.id"],
            name=op.f("fk_comments_author_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["pupil_id"], ["pupils.id"], name=op.f("fk_comments_pupil_id_pupils")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comments")),
    )
    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_comments_pupil_id"), ["pupil_id"], unique=False)
        batch_op.create_index(
            "ix_comments_subject", ["subject_type", "subject_id", "id"], unique=False
        )

    op.create_table(
        "guidance_interviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pupil_id", sa.Integer(), nullable=False),
        sa.Column("adviser_id", sa.Integer(), nullable=True),
        sa.Column("adviser_name", sa.String(length=200), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("advice", sa.Text(), nullable=False),
        sa.Column("visibility", sa.String(length=20), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["adviser_id"],
            ["users.id"],
            name=op.f("fk_guidance_interviews_adviser_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_guidance_interviews_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["pupil_id"], ["pupils.id"], name=op.f("fk_guidance_interviews_pupil_id_pupils")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_guidance_interviews")),
    )
    with op.batch_alter_table("guidance_interviews", schema=None) as batch_op:
        batch_op.create_index(
            "ix_guidance_interviews_pupil_held", ["pupil_id", "held_on"], unique=False
        )

    op.create_table(
        "actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pupil_id", sa.Integer(), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("owner_kind", sa.String(length=20), nullable=False),
        sa.Column("owner_user_id", sa.Integer(), nullable=True),
        sa.Column("owner_name", sa.String(length=200), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=True),
        sa.Column("visibility", sa.String(length=20), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status_changed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status_changed_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_actions_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["interview_id"],
            ["guidance_interviews.id"],
            name=op.f("fk_actions_interview_id_guidance_interviews"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["owner_user_id"],
            ["users.id"],
            name=op.f("fk_actions_owner_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["pupil_id"], ["pupils.id"], name=op.f("fk_actions_pupil_id_pupils")
        ),
        sa.ForeignKeyConstraint(
            ["status_changed_by_id"],
            ["users.id"],
            name=op.f("fk_actions_status_changed_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actions")),
    )
    with op.batch_alter_table("actions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_actions_interview_id"), ["interview_id"], unique=False)
        batch_op.create_index(
            "ix_actions_owner_status_due", ["owner_user_id", "status", "due_on"], unique=False
        )
        batch_op.create_index(
            "ix_actions_pupil_status_due", ["pupil_id", "status", "due_on"], unique=False
        )

    op.create_table(
        "guidance_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pupil_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=True),
        sa.Column("visibility", sa.String(length=20), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["users.id"],
            name=op.f("fk_guidance_notes_author_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["interview_id"],
            ["guidance_interviews.id"],
            name=op.f("fk_guidance_notes_interview_id_guidance_interviews"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["pupil_id"], ["pupils.id"], name=op.f("fk_guidance_notes_pupil_id_pupils")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_guidance_notes")),
    )
    with op.batch_alter_table("guidance_notes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_guidance_notes_interview_id"), ["interview_id"], unique=False
        )
        batch_op.create_index(
            "ix_guidance_notes_pupil_created", ["pupil_id", "created_at"], unique=False
        )

    op.create_table(
        "sign_offs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(length=10), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.Column("signer_id", sa.Integer(), nullable=True),
        sa.Column("signer_name", sa.String(length=200), nullable=False),
        sa.Column("signer_role", sa.String(length=30), nullable=False),
        sa.Column("signed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["entries.id"],
            name=op.f("fk_sign_offs_entry_id_entries"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["revision_id"],
            ["entry_revisions.id"],
            name=op.f("fk_sign_offs_revision_id_entry_revisions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["signer_id"],
            ["users.id"],
            name=op.f("fk_sign_offs_signer_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_offs")),
    )
    with op.batch_alter_table("sign_offs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sign_offs_entry_id"), ["entry_id"], unique=False)


def downgrade():
    with op.batch_alter_table("sign_offs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sign_offs_entry_id"))

    op.drop_table("sign_offs")
    with op.batch_alter_table("guidance_notes", schema=None) as batch_op:
        batch_op.drop_index("ix_guidance_notes_pupil_created")
        batch_op.drop_index(batch_op.f("ix_guidance_notes_interview_id"))

    op.drop_table("guidance_notes")
    with op.batch_alter_table("actions", schema=None) as batch_op:
        batch_op.drop_index("ix_actions_pupil_status_due")
        batch_op.drop_index("ix_actions_owner_status_due")
        batch_op.drop_index(batch_op.f("ix_actions_interview_id"))

    op.drop_table("actions")
    with op.batch_alter_table("guidance_interviews", schema=None) as batch_op:
        batch_op.drop_index("ix_guidance_interviews_pupil_held")

    op.drop_table("guidance_interviews")
    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.drop_index("ix_comments_subject")
        batch_op.drop_index(batch_op.f("ix_comments_pupil_id"))

    op.drop_table("comments")
