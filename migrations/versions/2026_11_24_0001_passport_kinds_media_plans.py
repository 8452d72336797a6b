"""workplace diary, attachments, skills, aspirations, destinations, profile

entries gains category and benchmark, copied from the current revision on every save; the
encounters already stored are filled in here (a frozen copy of the category-to-benchmark rule,
so this migration means the same thing whatever kinds.py says later). Diary days link to their
workplace experience through entry_parents, a new table rather than a foreign key column on
entries (which SQLite could only add by rebuilding the table).

Revision ID: 20261124_0001
Revises: 20261123_0003
Create Date: 2026-11-23 11:55:32.761343

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "20261124_0001"
down_revision = "20261123_0003"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "aspirations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pupil_id", sa.Integer(), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("why", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=30), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["users.id"],
            name=op.f("fk_aspirations_author_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["pupil_id"], ["pupils.id"], name=op.f("fk_aspirations_pupil_id_pupils")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_aspirations")),
    )
    with op.batch_alter_table("aspirations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_aspirations_pupil_id"), ["pupil_id"], unique=False)

    op.create_table(
        "intended_destinations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pupil_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=3), nullable=False),
        sa.Column("category", sa.String(length=30), nullable=False),
        sa.Column("detail", sa.String(length=300), nullable=False),
        sa.Column("source", sa.String(length=30), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["users.id"],
            name=op.f("fk_intended_destinations_author_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["pupil_id"], ["pupils.id"], name=op.f("fk_intended_destinations_pupil_id_pupils")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intended_destinations")),
    )
    with op.batch_alter_table("intended_destinations", schema=None) as batch_op:
        batch_op.create_index(
            "ix_intended_destinations_pupil_stage", ["pupil_id", "stage", "id"], unique=False
        )

    op.create_table(
        "profile_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pupil_id", sa.Integer(), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.Column("source", sa.String(length=30), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["users.id"],
            name=op.f("fk_profile_versions_author_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["pupil_id"], ["pupils.id"], name=op.f("fk_profile_versions_pupil_id_pupils")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_profile_versions")),
    )
    with op.batch_alter_table("profile_versions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_profile_versions_pupil_id"), ["pupil_id"], unique=False
        )

    op.create_table(
        "skill_ratings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pupil_id", sa.Integer(), nullable=False),
        sa.Column("skill", sa.String(length=30), nullable=False),
        sa.Column("step", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=30), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["users.id"],
            name=op.f("fk_skill_ratings_author_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["pupil_id"], ["pupils.id"], name=op.f("fk_skill_ratings_pupil_id_pupils")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_skill_ratings")),
    )
    with op.batch_alter_table("skill_ratings", schema=None) as batch_op:
        batch_op.create_index(
            "ix_skill_ratings_pupil_skill", ["pupil_id", "skill", "id"], unique=False
        )

    op.create_table(
        "attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pupil_id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=True),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("media_type", sa.String(length=40), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=True),
        sa.Column("height", sa.Integer(), nullable=True),
        sa.Column("thumbnail_key", sa.String(length=100), nullable=True),
        sa.Column("original_name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.String(length=300), nullable=False),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["entries.id"],
            name=op.f("fk_attachments_entry_id_entries"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["pupil_id"], ["pupils.id"], name=op.f("fk_attachments_pupil_id_pupils")
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by_id"],
            ["users.id"],
            name=op.f("fk_attachments_uploaded_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachments")),
    )
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attachments_entry_id"), ["entry_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_attachments_pupil_id"), ["pupil_id"], unique=False)

    op.create_table(
        "entry_parents",
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["entries.id"],
            name=op.f("fk_entry_parents_entry_id_entries"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["entries.id"],
            name=op.f("fk_entry_parents_parent_id_entries"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("entry_id", name=op.f("pk_entry_parents")),
    )
    with op.batch_alter_table("entry_parents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_entry_parents_parent_id"), ["parent_id"], unique=False)

    op.create_table(
        "skill_rating_evidence",
        sa.Column("rating_id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["entries.id"],
            name=op.f("fk_skill_rating_evidence_entry_id_entries"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["rating_id"],
            ["skill_ratings.id"],
            name=op.f("fk_skill_rating_evidence_rating_id_skill_ratings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("rating_id", "entry_id", name=op.f("pk_skill_rating_evidence")),
    )
    # Plain ALTER TABLE on both databases: a batch rebuild of entries on SQLite would cascade.
    op.add_column("entries", sa.Column("category", sa.String(length=40), nullable=True))
    op.add_column("entries", sa.Column("benchmark", sa.Integer(), nullable=True))
    _fill_encounter_summaries()


ENCOUNTER_BENCHMARKS = {
    "employer_talk": 5,
    "careers_fair": 5,
    "enterprise": 5,
    "mentoring": 5,
    "workplace_visit": 5,
    "sixth_form": 7,
    "fe_college": 7,
    "apprenticeship_provider": 7,
    "university": 7,
    "supported_internship": 7,
}


def _fill_encounter_summaries():
    entries = sa.table(
        "entries",
        sa.column("id", sa.Integer),
        sa.column("kind", sa.String),
        sa.column("current_revision_id", sa.Integer),
        sa.column("category", sa.String),
        sa.column("benchmark", sa.Integer),
    )
    revisions = sa.table(
        "entry_revisions", sa.column("id", sa.Integer), sa.column("content", sa.JSON)
    )
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(entries.c.id, revisions.c.content)
        .join(revisions, revisions.c.id == entries.c.current_revision_id)
        .where(entries.c.kind == "encounter")
    ).all()
    for entry_id, content in rows:
        category = (content or {}).get("category") or None
        bind.execute(
            entries.update()
            .where(entries.c.id == entry_id)
            .values(category=category, benchmark=ENCOUNTER_BENCHMARKS.get(category or ""))
        )


def downgrade():
    op.drop_column("entries", "benchmark")
    op.drop_column("entries", "category")

    op.drop_table("skill_rating_evidence")
    with op.batch_alter_table("entry_parents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entry_parents_parent_id"))

    op.drop_table("entry_parents")
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attachments_pupil_id"))
        batch_op.drop_index(batch_op.f("ix_attachments_entry_id"))

    op.drop_table("attachments")
    with op.batch_alter_table("skill_ratings", schema=None) as batch_op:
        batch_op.drop_index("ix_skill_ratings_pupil_skill")

    op.drop_table("skill_ratings")
    with op.batch_alter_table("profile_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_profile_versions_pupil_id"))

    op.drop_table("profile_versions")
    with op.batch_alter_table("intended_destinations", schema=None) as batch_op:
        batch_op.drop_index("ix_intended_destinations_pupil_stage")

    op.drop_table("intended_destinations")
    with op.batch_alter_table("aspirations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_aspirations_pupil_id"))

    op.drop_table("aspirations")
