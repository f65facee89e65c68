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

"""Pattern indexes for ``like`` filters on PostgreSQL.

A btree on a text column serves ``like 'prefix%'`` only when its
comparisons are byte-wise: in a database whose collation is not ``C``
PostgreSQL needs the ``varchar_pattern_ops`` operator class for that, and
``name=like:app-0004%`` scanned the whole table twice (page and count) at
100k artifacts. MySQL/MariaDB columns are ``utf8mb4_bin`` and SQLite's
``case_sensitive_like`` is on: their existing indexes serve it already.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04
"""

from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.create_index('ix_artifacts_type_name_pattern', 'artifacts',
                    ['type_name', 'name'],
                    postgresql_ops={'name': 'varchar_pattern_ops'})
    op.create_index('ix_artifact_properties_string_pattern',
                    'artifact_properties', ['name', 'string_value'],
                    postgresql_ops={'string_value': 'varchar_pattern_ops'})
