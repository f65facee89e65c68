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

"""Blobs and the queue of stored data to delete.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import mysql

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

DateTime = sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mysql')
MYSQL_OPTIONS = {'mysql_engine': 'InnoDB', 'mysql_charset': 'utf8mb4',
                 'mysql_collate': 'utf8mb4_bin'}


def upgrade():
    op.create_table(
        'artifact_blobs',
        sa.Column('artifact_id', sa.String(36),
                  sa.ForeignKey('artifacts.id', ondelete='CASCADE'),
                  primary_key=True),
        sa.Column('field_name', sa.String(64), primary_key=True),
        sa.Column('key_name', sa.String(255), primary_key=True),
        sa.Column('status', sa.String(32), nullable=False),
        sa.Column('size', sa.BigInteger),
        sa.Column('md5', sa.String(32)),
        sa.Column('sha1', sa.String(40)),
        sa.Column('sha256', sa.String(64)),
        sa.Column('content_type', sa.String(255)),
        sa.Column('external', sa.Boolean, nullable=False),
        sa.Column('url', sa.Text),
        sa.Column('location', sa.Text),
        sa.Column('backend', sa.String(255)),
        sa.Column('upload_id', sa.String(36)),
        sa.Column('upload_started_at', DateTime),
        sa.Column('upload_backend', sa.String(255)),
        sa.Column('created_at', DateTime, nullable=False),
        sa.Column('updated_at', DateTime, nullable=False),
        **MYSQL_OPTIONS)
    op.create_table(
        'blob_data_deletions',
        sa.Column('id', sa.BigInteger().with_variant(sa.Integer, 'sqlite'),
                  primary_key=True, autoincrement=True),
        sa.Column('location', sa.Text, nullable=False),
        sa.Column('backend', sa.String(255)),
        sa.Column('created_at', DateTime, nullable=False),
        sa.Column('attempts', sa.Integer, nullable=False),
        sa.Column('last_error', sa.Text),
        **MYSQL_OPTIONS)
