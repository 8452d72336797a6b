"""passport imports: files received from other schools

passport_imports: one passport file imported for one pupil, named by its SHA-256.
passport_imported_records: each row an import wrote (entry, sign-off, skill rating…) and where
it came from. New tables only: ``entries`` is not altered (SQLite would rebuild it).

Revision ID: 20261125_0003
Revises: 20261125_0002
Create Date: 2026-11-23 15:00:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "20261125_0003"
down_revision = "20261125_0002"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "passport_imports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pupil_id", sa.Integer(), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("format_version", sa.Integer(), nullable=False),
        sa.Column("issuer_urn", sa.String(length=10), nullable=False),
        sa.Column("issuer_name", sa.String(length=200), nullable=False),
        sa.Column("issuer_public_key", sa.String(length=64), nullable=False),
        sa.Column("key_check", sa.String(length=20), nullable=False),
        sa.Column("exported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("imported_by_id", sa.Integer(), nullable=True),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["imported_by_id"],
            ["users.id"],
            name=op.f("fk_passport_imports_imported_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["pupil_id"],
            ["pupils.id"],
            name=op.f("fk_passport_imports_pupil_id_pupils"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_passport_imports")),
        sa.UniqueConstraint(
            "pupil_id", "file_sha256", name=op.f("uq_passport_imports_pupil_id_file_sha256")
        ),
    )
    with op.batch_alter_table("passport_imports", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_passport_imports_pupil_id"), ["pupil_id"], unique=False
        )

    op.create_table(
        "passport_imported_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("pupil_id", sa.Integer(), nullable=False),
        sa.Column("record_type", sa.String(length=20), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("origin_id", sa.String(length=120), nullable=False),
        sa.Column("school_name", sa.String(length=200), nullable=False),
        sa.Column("school_urn", sa.String(length=10), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["passport_imports.id"],
            name=op.f("fk_passport_imported_records_import_id_passport_imports"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["pupil_id"],
            ["pupils.id"],
            name=op.f("fk_passport_imported_records_pupil_id_pupils"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_passport_imported_records")),
        sa.UniqueConstraint(
            "pupil_id",
            "record_type",
            "origin_id",
            name=op.f("uq_passport_imported_records_pupil_id_record_type_origin_id"),
        ),
    )
    with op.batch_alter_table("passport_imported_records", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_passport_imported_records_import_id"), ["import_id"], unique=False
        )
        batch_op.create_index(
            "ix_passport_imported_records_record", ["record_type", "record_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("passport_imported_records", schema=None) as batch_op:
        batch_op.drop_index("ix_passport_imported_records_record")
        batch_op.drop_index(batch_op.f("ix_passport_imported_records_import_id"))
    op.drop_table("passport_imported_records")
    with op.batch_alter_table("passport_imports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_passport_imports_pupil_id"))
    op.drop_table("passport_imports")
