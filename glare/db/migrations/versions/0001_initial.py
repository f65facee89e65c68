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

"""Artifacts, their properties and tags.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import mysql

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None

DateTime = sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mysql')
# Binary collation: strings compare case-sensitively, as on PostgreSQL.
MYSQL_OPTIONS = {'mysql_engine': 'InnoDB', 'mysql_charset': 'utf8mb4',
                 'mysql_collate': 'utf8mb4_bin'}


def upgrade():
    op.create_table(
        'artifacts',
        sa.Column('id', sa.String(36), primary_key=True),
        sa.Column('type_name', sa.String(64), nullable=False),
        sa.Column('name', sa.String(255), nullable=False),
        sa.Column('version', sa.String(128), nullable=False),
        sa.Column('version_key', sa.String(255), nullable=False),
        sa.Column('description', sa.Text),
        sa.Column('visibility', sa.String(32), nullable=False),
        sa.Column('status', sa.String(32), nullable=False),
        sa.Column('owner', sa.String(128), nullable=False),
        sa.Column('unique_scope', sa.String(128), nullable=False),
        sa.Column('created_at', DateTime, nullable=False),
        sa.Column('updated_at', DateTime, nullable=False),
        sa.Column('activated_at', DateTime),
        sa.Column('row_version', sa.Integer, nullable=False),
        sa.UniqueConstraint('type_name', 'name', 'version', 'unique_scope',
                            name='uq_artifacts_identity'),
        **MYSQL_OPTIONS)
    op.create_index('ix_artifacts_type_created', 'artifacts',
                    ['type_name', 'created_at', 'id'])
    op.create_index('ix_artifacts_type_name_version', 'artifacts',
                    ['type_name', 'name', 'version_key'])
    op.create_index('ix_artifacts_owner', 'artifacts', ['owner'])
    op.create_index('ix_artifacts_visibility_status', 'artifacts',
                    ['visibility', 'status'])
    op.create_index('ix_artifacts_name_version', 'artifacts',
                    ['name', 'version_key'])
    op.create_index('ix_artifacts_created', 'artifacts', ['created_at', 'id'])

    op.create_table(
        'artifact_properties',
        sa.Column('id', sa.BigInteger().with_variant(sa.Integer, 'sqlite'),
                  primary_key=True, autoincrement=True),
        sa.Column('artifact_id', sa.String(36),
                  sa.ForeignKey('artifacts.id', ondelete='CASCADE'),
                  nullable=False),
        sa.Column('name', sa.String(64), nullable=False),
        sa.Column('key_name', sa.String(255)),
        sa.Column('position', sa.Integer),
        sa.Column('string_value', sa.String(255)),
        sa.Column('text_value', sa.Text),
        sa.Column('int_value', sa.BigInteger),
        sa.Column('numeric_value', sa.Double),
        sa.Column('bool_value', sa.Boolean),
        **MYSQL_OPTIONS)
    op.create_index('ix_artifact_properties_artifact_name',
                    'artifact_properties', ['artifact_id', 'name'])
    op.create_index('ix_artifact_properties_string', 'artifact_properties',
                    ['name', 'string_value'])
    op.create_index('ix_artifact_properties_int', 'artifact_properties',
                    ['name', 'int_value'])
    op.create_index('ix_artifact_properties_numeric', 'artifact_properties',
                    ['name', 'numeric_value'])
    op.create_index('ix_artifact_properties_bool', 'artifact_properties',
                    ['name', 'bool_value'])
    op.create_index('ix_artifact_properties_key', 'artifact_properties',
                    ['name', 'key_name'])

    op.create_table(
        'artifact_tags',
        sa.Column('artifact_id', sa.String(36),
                  sa.ForeignKey('artifacts.id', ondelete='CASCADE'),
                  primary_key=True),
        sa.Column('value', sa.String(255), primary_key=True),
        **MYSQL_OPTIONS)
    op.create_index('ix_artifact_tags_value', 'artifact_tags',
                    ['value', 'artifact_id'])
