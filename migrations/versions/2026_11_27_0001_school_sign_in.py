"""school sign-in: OpenID Connect connections, policy, links and unmatched sign-ins

sso_connections: a school's registration with Microsoft (tenant id), Google (domain) or
another OpenID provider (issuer URL); the client secret is Fernet-encrypted. sso_policies:
whether staff and/or pupils must use it. sso_links: (issuer, subject) of a provider's account
linked to a person, unique. sso_unmatched: sign-ins nobody was found for, to link by hand.
New tables only.

Revision ID: 20261127_0001
Revises: 20261126_0004
Create Date: 2026-11-27 09:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "20261127_0001"
down_revision = "20261126_0004"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "sso_connections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("label", sa.String(length=80), nullable=True),
        sa.Column("tenant_id", sa.String(length=64), nullable=True),
        sa.Column("domain", sa.String(length=253), nullable=True),
        sa.Column("issuer_url", sa.String(length=500), nullable=True),
        sa.Column("client_id", sa.String(length=255), nullable=False),
        sa.Column("client_secret_encrypted", sa.LargeBinary(), nullable=False),
        sa.Column("is_enabled", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_tested_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_test_result", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(
            ["school_id"],
            ["schools.id"],
            name=op.f("fk_sso_connections_school_id_schools"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sso_connections")),
        sa.UniqueConstraint("school_id", "kind", name=op.f("uq_sso_connections_school_id_kind")),
    )
    op.create_table(
        "sso_policies",
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("require_for_staff", sa.Boolean(), nullable=False),
        sa.Column("require_for_pupils", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["school_id"],
            ["schools.id"],
            name=op.f("fk_sso_policies_school_id_schools"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("school_id", name=op.f("pk_sso_policies")),
    )
    op.create_table(
        "sso_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("connection_id", sa.Integer(), nullable=False),
        sa.Column("issuer", sa.String(length=500), nullable=False),
        sa.Column("subject", sa.String(length=255), nullable=False),
        sa.Column("tenant_id", sa.String(length=64), nullable=True),
        sa.Column("email_at_link", sa.String(length=254), nullable=True),
        sa.Column("linked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("linked_by_id", sa.Integer(), nullable=True),
        sa.Column("last_signed_in_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["connection_id"],
            ["sso_connections.id"],
            name=op.f("fk_sso_links_connection_id_sso_connections"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["linked_by_id"],
            ["users.id"],
            name=op.f("fk_sso_links_linked_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_sso_links_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sso_links")),
        sa.UniqueConstraint("issuer", "subject", name=op.f("uq_sso_links_issuer_subject")),
    )
    op.create_index(op.f("ix_sso_links_user_id"), "sso_links", ["user_id"])
    op.create_index(op.f("ix_sso_links_connection_id"), "sso_links", ["connection_id"])
    op.create_table(
        "sso_unmatched",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("connection_id", sa.Integer(), nullable=False),
        sa.Column("issuer", sa.String(length=500), nullable=False),
        sa.Column("subject", sa.String(length=255), nullable=False),
        sa.Column("tenant_id", sa.String(length=64), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.Column("tried_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["connection_id"],
            ["sso_connections.id"],
            name=op.f("fk_sso_unmatched_connection_id_sso_connections"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sso_unmatched")),
        sa.UniqueConstraint("issuer", "subject", name=op.f("uq_sso_unmatched_issuer_subject")),
    )
    op.create_index(op.f("ix_sso_unmatched_connection_id"), "sso_unmatched", ["connection_id"])


def downgrade():
    op.drop_table("sso_unmatched")
    op.drop_table("sso_links")
    op.drop_table("sso_policies")
    op.drop_table("sso_connections")
