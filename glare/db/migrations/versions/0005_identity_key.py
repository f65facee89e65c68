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

"""Type-declared identity: identity_key joins the unique identity.

A type may declare fields that, with type, name and version, identify an
artifact (``images``: the disk format, so one version of an image exists
once per format). Their values are kept in ``identity_key`` ('' for types
that declare none, so existing rows keep their identity).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28
"""

from alembic import op
import sqlalchemy as sa

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    # Online-safe: the column keeps its server default, so API processes
    # still running the previous release insert rows without it; the new
    # constraint exists before the old one goes, so uniqueness is never
    # unenforced (both hold for a moment: the old one is the stricter).
    # SQLite rebuilds the table (render_as_batch); the others alter it.
    with op.batch_alter_table('artifacts') as batch:
        batch.add_column(sa.Column('identity_key', sa.String(128),
                                   nullable=False, server_default=''))
    with op.batch_alter_table('artifacts') as batch:
        batch.create_unique_constraint(
            'uq_artifacts_identity_key',
            ['type_name', 'name', 'version', 'identity_key',
             'unique_scope'])
    with op.batch_alter_table('artifacts') as batch:
        batch.drop_constraint('uq_artifacts_identity', type_='unique')
