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
"""Upload claims name their owner and show progress; partial data queued.

A claim records which process holds it (host, pid, start time) and when
its data last moved, so a claim of a dead or stalled upload is released
in seconds instead of after an hour. Data an upload left behind when its
process died is queued for deletion by its upload id: only the store
knows where it is.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04
"""

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import mysql

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

DateTime = sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mysql')


def upgrade():
    # Nullable columns only: online-safe with processes of the previous
    # release still running (their claims have no owner and count as
    # stalled once their start is older than the stall timeout).
    with op.batch_alter_table('artifact_blobs') as batch:
        batch.add_column(sa.Column('upload_owner', sa.String(255)))
        batch.add_column(sa.Column('upload_heartbeat_at', DateTime))
    with op.batch_alter_table('blob_data_deletions') as batch:
        batch.add_column(sa.Column('upload_id', sa.String(36)))
