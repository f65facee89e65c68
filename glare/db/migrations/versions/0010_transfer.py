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
"""Shared stored data with reference counts; upload sessions.

Blobs with the same content in one backend reference one ``stored_data``
row, which counts them. Data stored before this revision keeps no row
(``data_id`` NULL): only its own blob references it, and it is deleted
with that blob as before. A new table and a nullable column: processes
of the previous release keep working beside them (their uploads are not
shared). Upload sessions (API 1.2) and their chunks, and imports of
blob data from URLs, are new tables too.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04
"""

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import mysql

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

MYSQL_OPTIONS = {'mysql_engine': 'InnoDB', 'mysql_charset': 'utf8mb4',
                 'mysql_collate': 'utf8mb4_bin'}
DateTime = sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mysql')


def upgrade():
    op.create_table(
        'stored_data',
        sa.Column('id', sa.BigInteger().with_variant(sa.Integer, 'sqlite'),
                  primary_key=True, autoincrement=True),
        sa.Column('backend', sa.String(255), nullable=False),
        sa.Column('sha256', sa.String(64), nullable=False),
        sa.Column('location', sa.Text, nullable=False),
        sa.Column('size', sa.BigInteger, nullable=False),
        sa.Column('md5', sa.String(32), nullable=False),
        sa.Column('sha1', sa.String(40), nullable=False),
        sa.Column('refs', sa.Integer, nullable=False),
        sa.Column('created_at', DateTime, nullable=False),
        sa.UniqueConstraint('backend', 'sha256',
                            name='uq_stored_data_backend_sha256'),
        **MYSQL_OPTIONS)
    with op.batch_alter_table('artifact_blobs') as batch:
        batch.add_column(sa.Column('data_id', sa.BigInteger))
    op.create_table(
        'upload_sessions',
        sa.Column('id', sa.String(36), primary_key=True),
        sa.Column('artifact_id', sa.String(36), nullable=False),
        sa.Column('field_name', sa.String(64), nullable=False),
        sa.Column('key_name', sa.String(255), nullable=False),
        sa.Column('project_id', sa.String(128), nullable=False),
        sa.Column('type_name', sa.String(64), nullable=False),
        sa.Column('backend', sa.String(255), nullable=False),
        sa.Column('content_type', sa.String(255), nullable=False),
        sa.Column('received', sa.BigInteger, nullable=False),
        sa.Column('created_at', DateTime, nullable=False),
        sa.Column('expires_at', DateTime, nullable=False),
        sa.Index('ix_upload_sessions_expires_at', 'expires_at'),
        sa.Index('ix_upload_sessions_artifact', 'artifact_id'),
        **MYSQL_OPTIONS)
    op.create_table(
        'upload_session_chunks',
        sa.Column('id', sa.String(36), primary_key=True),
        sa.Column('session_id', sa.String(36),
                  sa.ForeignKey('upload_sessions.id', ondelete='CASCADE'),
                  nullable=False),
        sa.Column('start', sa.BigInteger),
        sa.Column('size', sa.BigInteger),
        sa.Column('location', sa.Text),
        sa.Index('ix_upload_session_chunks_session', 'session_id', 'start'),
        **MYSQL_OPTIONS)
    op.create_table(
        'blob_imports',
        sa.Column('id', sa.String(36), primary_key=True),
        sa.Column('artifact_id', sa.String(36), nullable=False),
        sa.Column('type_name', sa.String(64), nullable=False),
        sa.Column('field_name', sa.String(64), nullable=False),
        sa.Column('key_name', sa.String(255), nullable=False),
        sa.Column('url', sa.Text, nullable=False),
        sa.Column('sha256', sa.String(64)),
        sa.Column('upload_id', sa.String(36), nullable=False),
        sa.Column('status', sa.String(32), nullable=False),
        sa.Column('reason', sa.Text),
        sa.Column('created_at', DateTime, nullable=False),
        sa.Column('updated_at', DateTime, nullable=False),
        sa.Index('ix_blob_imports_artifact', 'artifact_id'),
        **MYSQL_OPTIONS)
