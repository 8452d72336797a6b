"""school symbols: pictures a school uploads for words (filled by the symbols work)

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
    pass


def downgrade():
    pass
