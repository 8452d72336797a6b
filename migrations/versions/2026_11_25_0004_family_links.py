"""family links and invites: family members linked to pupils

family_invites: a one-time code (kept as its SHA-256) that links a family member to a pupil.
family_links: a family member's account linked to a pupil; revoked, never deleted.
New tables only.

Revision ID: 20261125_0004
Revises: 20261125_0003
Create Date: 2026-11-23 15:05:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "20261125_0004"
down_revision = "20261125_0003"
branch_labels = None
depends_on = None


def _user_fk(table: str, column: str, ondelete: str = "SET NULL") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], ["users.id"], name=op.f(f"fk_{table}_{column}_users"), ondelete=ondelete
    )


def upgrade():
    op.create_table(
        "family_invites",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pupil_id", sa.Integer(), nullable=False),
        sa.Column("code_sha256", sa.String(length=64), nullable=False),
        sa.Column("relationship_label", sa.String(length=60), nullable=False),
        sa.Column("made_by_id", sa.Integer(), nullable=True),
        sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("used_by_id", sa.Integer(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["pupil_id"],
            ["pupils.id"],
            name=op.f("fk_family_invites_pupil_id_pupils"),
            ondelete="CASCADE",
        ),
        _user_fk("family_invites", "made_by_id"),
        _user_fk("family_invites", "used_by_id"),
        _user_fk("family_invites", "revoked_by_id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_family_invites")),
        sa.UniqueConstraint("code_sha256", name=op.f("uq_family_invites_code_sha256")),
    )
    with op.batch_alter_table("family_invites", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_family_invites_pupil_id"), ["pupil_id"], unique=False)

    op.create_table(
        "family_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("family_user_id", sa.Integer(), nullable=False),
        sa.Column("pupil_id", sa.Integer(), nullable=False),
        sa.Column("relationship_label", sa.String(length=60), nullable=False),
        sa.Column("invite_id", sa.Integer(), nullable=True),
        sa.Column("linked_by_id", sa.Integer(), nullable=True),
        sa.Column("linked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_by_id", sa.Integer(), nullable=True),
        _user_fk("family_links", "family_user_id", "CASCADE"),
        sa.ForeignKeyConstraint(
            ["pupil_id"],
            ["pupils.id"],
            name=op.f("fk_family_links_pupil_id_pupils"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["invite_id"],
            ["family_invites.id"],
            name=op.f("fk_family_links_invite_id_family_invites"),
            ondelete="SET NULL",
        ),
        _user_fk("family_links", "linked_by_id"),
        _user_fk("family_links", "revoked_by_id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_family_links")),
    )
    with op.batch_alter_table("family_links", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_family_links_family_user_id"), ["family_user_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_family_links_pupil_id"), ["pupil_id"], unique=False)


def downgrade():
    with op.batch_alter_table("family_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_family_links_pupil_id"))
        batch_op.drop_index(batch_op.f("ix_family_links_family_user_id"))
    op.drop_table("family_links")
    with op.batch_alter_table("family_invites", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_family_invites_pupil_id"))
    op.drop_table("family_invites")
