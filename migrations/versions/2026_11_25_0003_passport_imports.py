"""passport imports: files received from other schools (filled by the portable-passport work)

Revision ID: 20261125_0003
Revises: 20261125_0002
Create Date: 2026-11-23 15:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '20261125_0003'
down_revision = '20261125_0002'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
