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

"""Version lifecycle: consumers, aliases, usage facts and retention.

Artifacts count their consumers (so that "in use" is read, and changed,
with the artifact's row) and record their downloads; consumers, aliases
with their history, and retention policies are new tables. The new
columns have server defaults or are nullable, so API processes of the
previous release keep inserting artifacts while this runs.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04
"""

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import mysql

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

MYSQL_OPTIONS = {'mysql_engine': 'InnoDB', 'mysql_charset': 'utf8mb4',
                 'mysql_collate': 'utf8mb4_bin'}
DateTime = sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mysql')
BigId = sa.BigInteger().with_variant(sa.Integer, 'sqlite')


def upgrade():
    op.add_column('artifacts', sa.Column(
        'consumer_count', sa.Integer, nullable=False, server_default='0'))
    op.add_column('artifacts', sa.Column(
        'download_count', sa.BigInteger, nullable=False, server_default='0'))
    op.add_column('artifacts', sa.Column('last_downloaded_at', DateTime))
    op.create_table(
        'artifact_consumers',
        sa.Column('artifact_id', sa.String(36),
                  sa.ForeignKey('artifacts.id', ondelete='CASCADE'),
                  primary_key=True),
        sa.Column('consumer_id', sa.String(255), primary_key=True),
        sa.Column('service', sa.String(64), nullable=False),
        sa.Column('resource_type', sa.String(64), nullable=False),
        sa.Column('project_id', sa.String(128), nullable=False),
        sa.Column('created_at', DateTime, nullable=False),
        sa.Index('ix_artifact_consumers_consumer', 'consumer_id'),
        sa.Index('ix_artifact_consumers_project', 'project_id'),
        **MYSQL_OPTIONS)
    op.create_table(
        'artifact_aliases',
        sa.Column('type_name', sa.String(64), primary_key=True),
        sa.Column('name', sa.String(255), primary_key=True),
        sa.Column('identity_key', sa.String(128), primary_key=True),
        sa.Column('owner', sa.String(128), primary_key=True),
        sa.Column('alias', sa.String(64), primary_key=True),
        sa.Column('artifact_id', sa.String(36),
                  sa.ForeignKey('artifacts.id', ondelete='CASCADE'),
                  nullable=False),
        sa.Column('updated_at', DateTime, nullable=False),
        sa.Index('ix_artifact_aliases_artifact', 'artifact_id'),
        **MYSQL_OPTIONS)
    op.create_table(
        'artifact_alias_moves',
        sa.Column('id', BigId, primary_key=True, autoincrement=True),
        sa.Column('type_name', sa.String(64), nullable=False),
        sa.Column('name', sa.String(255), nullable=False),
        sa.Column('identity_key', sa.String(128), nullable=False),
        sa.Column('owner', sa.String(128), nullable=False),
        sa.Column('alias', sa.String(64), nullable=False),
        sa.Column('from_artifact_id', sa.String(36)),
        sa.Column('to_artifact_id', sa.String(36)),
        sa.Column('user_id', sa.String(255)),
        sa.Column('moved_at', DateTime, nullable=False),
        sa.Index('ix_artifact_alias_moves_group', 'type_name', 'name',
                 'identity_key', 'owner', 'id'),
        **MYSQL_OPTIONS)
    op.create_table(
        'retention_policies',
        sa.Column('project_id', sa.String(128), primary_key=True),
        sa.Column('type_name', sa.String(64), primary_key=True),
        sa.Column('keep_last', sa.Integer, nullable=False),
        sa.Column('keep_days', sa.Integer),
        sa.Column('updated_at', DateTime, nullable=False),
        **MYSQL_OPTIONS)
