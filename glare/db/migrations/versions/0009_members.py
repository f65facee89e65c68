# Copyright 2026 The glare Authors.
#
#    Licensed under the Apache License, Version 2.0 (the "License"); you may
#    not use this file except in compliance with the License. You may obtain
#    a copy of the License at
#
#         http://www.apache.org/licenses/LICENSE-2.0
#
#    Unless required by applicable law or agreed to in writing, software
#    distributed under the License is distributed on an "AS IS" BASIS, WITHOUT
#    WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied. See the
#    License for the specific language governing permissions and limitations
#    under the License.

"""Artifact members: the projects a shared artifact is shared with.

A new table only; the visibility column already holds any string, so
``shared`` and ``community`` need no change to it. API processes of the
previous release keep working beside it (they never write those
visibilities).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04
"""

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import mysql

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

MYSQL_OPTIONS = {'mysql_engine': 'InnoDB', 'mysql_charset': 'utf8mb4',
                 'mysql_collate': 'utf8mb4_bin'}
DateTime = sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mysql')


def upgrade():
    op.create_table(
        'artifact_members',
        sa.Column('artifact_id', sa.String(36),
                  sa.ForeignKey('artifacts.id', ondelete='CASCADE'),
                  primary_key=True),
        sa.Column('member', sa.String(128), primary_key=True),
        sa.Column('status', sa.String(32), nullable=False),
        sa.Column('created_at', DateTime, nullable=False),
        sa.Column('updated_at', DateTime, nullable=False),
        **MYSQL_OPTIONS)
    op.create_index('ix_artifact_members_member_status', 'artifact_members',
                    ['member', 'status', 'artifact_id'])
