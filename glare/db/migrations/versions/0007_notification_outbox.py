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

"""Notification outbox, and leases for one-at-a-time background jobs.

Notifications are written in the transaction of the change they report
and sent later by one process at a time (the one holding the
``notification-sender`` lease). New tables only: API processes of the
previous release keep working beside them.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import mysql

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

MYSQL_OPTIONS = {'mysql_engine': 'InnoDB', 'mysql_charset': 'utf8mb4',
                 'mysql_collate': 'utf8mb4_bin'}
DateTime = sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mysql')


def upgrade():
    op.create_table(
        'notification_outbox',
        sa.Column('id', sa.BigInteger().with_variant(sa.Integer, 'sqlite'),
                  primary_key=True, autoincrement=True),
        sa.Column('message_id', sa.String(36), nullable=False),
        sa.Column('event_type', sa.String(255), nullable=False),
        sa.Column('payload', sa.Text, nullable=False),
        sa.Column('context', sa.Text, nullable=False),
        sa.Column('created_at', DateTime, nullable=False),
        sa.UniqueConstraint('message_id',
                            name='uq_notification_outbox_message_id'),
        **MYSQL_OPTIONS)
    op.create_table(
        'leases',
        sa.Column('name', sa.String(64), primary_key=True),
        sa.Column('holder', sa.String(255), nullable=False),
        sa.Column('expires_at', DateTime, nullable=False),
        **MYSQL_OPTIONS)
