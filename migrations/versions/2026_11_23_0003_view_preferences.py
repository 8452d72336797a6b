"""view preferences: each person's own view settings and the defaults staff set for a pupil

One row per (person, set_by): set_by 'own' holds the person's choices, 'staff' the defaults
careers staff or a tutor set for a pupil. Every setting is nullable ("not set here"), so the
app can resolve own choice, then staff default, then the usual setting.

Revision ID: 20261123_0003
Revises: 20261123_0002
Create Date: 2026-11-23 09:39:23.158150

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '20261123_0003'
down_revision = '20261123_0002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('view_preferences',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('set_by', sa.String(length=5), nullable=False),
    sa.Column('text_size', sa.Integer(), nullable=True),
    sa.Column('spacing', sa.String(length=10), nullable=True),
    sa.Column('contrast', sa.String(length=10), nullable=True),
    sa.Column('font', sa.String(length=10), nullable=True),
    sa.Column('reduced_motion', sa.Boolean(), nullable=True),
    sa.Column('symbols', sa.Boolean(), nullable=True),
    sa.Column('simple_mode', sa.Boolean(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("contrast IS NULL OR contrast IN ('normal', 'high')", name=op.f('ck_view_preferences_contrast')),
    sa.CheckConstraint("font IS NULL OR font IN ('default', 'dyslexic')", name=op.f('ck_view_preferences_font')),
    sa.CheckConstraint("set_by IN ('own', 'staff')", name=op.f('ck_view_preferences_set_by')),
    sa.CheckConstraint("spacing IS NULL OR spacing IN ('normal', 'wide')", name=op.f('ck_view_preferences_spacing')),
    sa.CheckConstraint('text_size IS NULL OR text_size IN (100, 125, 150, 200)', name=op.f('ck_view_preferences_text_size')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_view_preferences_updated_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_view_preferences_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'set_by', name=op.f('pk_view_preferences'))
    )


def downgrade():
    op.drop_table('view_preferences')
