"""school symbols: pictures a school uploads for words

school_symbols: one picture (SVG or PNG, kept in the file storage under ``key``) for one word
or phrase of one school; ``match_key`` is the normalised form the matcher looks up, unique per
school. A new table only.

Revision ID: 20261125_0002
Revises: 20261125_0001
Create Date: 2026-11-23 15:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '20261125_0002'
down_revision = '20261125_0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('school_symbols',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('school_id', sa.Integer(), nullable=False),
    sa.Column('term', sa.String(length=100), nullable=False),
    sa.Column('match_key', sa.String(length=100), nullable=False),
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('media_type', sa.String(length=40), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("media_type IN ('image/svg+xml', 'image/png')", name=op.f('ck_school_symbols_media_type')),
    sa.ForeignKeyConstraint(['school_id'], ['schools.id'], name=op.f('fk_school_symbols_school_id_schools'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_school_symbols_uploaded_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_school_symbols')),
    sa.UniqueConstraint('school_id', 'match_key', name=op.f('uq_school_symbols_school_id_match_key'))
    )


def downgrade():
    op.drop_table('school_symbols')
