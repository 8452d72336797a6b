"""passport entries: entries and their revisions

Revision ID: 20261123_0002
Revises: 20261123_0001
Create Date: 2026-11-23 09:30:41.951424

entries.current_revision_id and entry_revisions.entry_id point at each other, so the first
foreign key is added after both tables exist (PostgreSQL checks the target at CREATE TABLE;
on SQLite the batch operation rebuilds the new, empty table).
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '20261123_0002'
down_revision = '20261123_0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pupil_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('current_revision_id', sa.Integer(), nullable=True),
    sa.Column('shared_with_family', sa.Boolean(), nullable=False),
    sa.Column('source', sa.String(length=30), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('occurred_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_entries_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['pupil_id'], ['pupils.id'], name=op.f('fk_entries_pupil_id_pupils')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_entries')),
    sa.UniqueConstraint('pupil_id', 'client_id', name=op.f('uq_entries_pupil_id_client_id'))
    )
    op.create_table('entry_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_entry_revisions_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['entry_id'], ['entries.id'], name=op.f('fk_entry_revisions_entry_id_entries'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_entry_revisions')),
    sa.UniqueConstraint('entry_id', 'number', name=op.f('uq_entry_revisions_entry_id_number'))
    )
    with op.batch_alter_table('entries', schema=None) as batch_op:
        batch_op.create_foreign_key(
            op.f('fk_entries_current_revision_id_entry_revisions'),
            'entry_revisions', ['current_revision_id'], ['id'],
        )
        batch_op.create_index('ix_entries_pupil_occurred', ['pupil_id', 'occurred_on', 'id'], unique=False)


def downgrade():
    with op.batch_alter_table('entries', schema=None) as batch_op:
        batch_op.drop_index('ix_entries_pupil_occurred')
        batch_op.drop_constraint(op.f('fk_entries_current_revision_id_entry_revisions'), type_='foreignkey')
    op.drop_table('entry_revisions')
    op.drop_table('entries')
