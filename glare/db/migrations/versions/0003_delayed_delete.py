"""Delayed delete: when an artifact was deleted and what it was before.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import mysql

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

DateTime = sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mysql')


def upgrade():
    # Nullable columns and a new index: online-safe on every backend.
    op.add_column('artifacts', sa.Column('deleted_at', DateTime))
    op.add_column('artifacts', sa.Column('deleted_status', sa.String(32)))
    op.create_index('ix_artifacts_status_deleted', 'artifacts',
                    ['status', 'deleted_at'])
