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

"""Quotas: per-project overrides and the lock rows that serialize checks.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from alembic import op
import sqlalchemy as sa

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

MYSQL_OPTIONS = {'mysql_engine': 'InnoDB', 'mysql_charset': 'utf8mb4',
                 'mysql_collate': 'utf8mb4_bin'}


def upgrade():
    op.create_table(
        'quotas',
        sa.Column('project_id', sa.String(128), primary_key=True),
        sa.Column('name', sa.String(128), primary_key=True),
        sa.Column('value', sa.BigInteger, nullable=False),
        **MYSQL_OPTIONS)
    op.create_table(
        'project_locks',
        sa.Column('project_id', sa.String(128), primary_key=True),
        sa.Column('counter', sa.BigInteger, nullable=False),
        **MYSQL_OPTIONS)
