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

"""Listing at scale: covering property probes, PostgreSQL statistics.

A filtered page walks the artifacts in its sort order and probes, for
each, whether it has the filtered property value (glare.db.listing).
``(artifact_id, name, string_value)`` answers that probe from the index
alone for string values, the common case; it replaces ``(artifact_id,
name)``, whose every use it serves (MySQL keeps an index led by
``artifact_id`` for the foreign key: the new one is made first).

PostgreSQL assumed a property's name and its value independent, and
estimated ``os_distro = 'ubuntu'`` at 3k rows of 100k when it had 20k:
it then hashed every match and sorted them (150 ms) instead of walking
the sort order (3 ms). Extended statistics (most common value pairs)
on ``(name, string_value)`` and ``(name, int_value)`` give it the real
figures; ``ANALYZE`` (autovacuum) fills them.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04
"""

from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

STATISTICS = (('st_artifact_properties_name_string', 'string_value'),
              ('st_artifact_properties_name_int', 'int_value'))


def upgrade():
    op.create_index('ix_artifact_properties_artifact_name_string',
                    'artifact_properties',
                    ['artifact_id', 'name', 'string_value'])
    op.drop_index('ix_artifact_properties_artifact_name',
                  table_name='artifact_properties')
    if op.get_bind().dialect.name == 'postgresql':
        for name, column in STATISTICS:
            op.execute('CREATE STATISTICS %s (mcv, dependencies) ON name, '
                       '%s FROM artifact_properties' % (name, column))
