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

"""The notification outbox: notifications waiting to be sent.

``add`` joins the caller's transaction (``glare.db.api.transaction``), so
a notification exists exactly when the change it reports was committed.
"""

from oslo_serialization import jsonutils
from oslo_utils import timeutils
import sqlalchemy as sa

from glare.db import models
from glare.db import transaction

CONTEXT = transaction.CONTEXT
N = models.OutboxNotification


@CONTEXT.writer
def add(context, message_id, event_type, payload, request_context,
        after_commit=None):
    """Record a notification; ``after_commit()`` runs once it is."""
    session = context.session
    session.add(N(
        message_id=message_id, event_type=event_type,
        payload=jsonutils.dumps(payload),
        context=jsonutils.dumps(request_context),
        created_at=timeutils.utcnow()))
    if after_commit is not None:
        sa.event.listen(session, 'after_commit',
                        lambda _session: after_commit(), once=True)


@CONTEXT.reader
def pending(context, limit):
    """The oldest ``limit`` notifications, as dicts, oldest first."""
    return [{'id': row.id, 'message_id': row.message_id,
             'event_type': row.event_type,
             'payload': jsonutils.loads(row.payload),
             'context': jsonutils.loads(row.context),
             'created_at': row.created_at}
            for row in context.session.scalars(
                sa.select(N).order_by(N.id).limit(limit))]


@CONTEXT.writer
def remove(context, ids):
    """Forget sent notifications."""
    if ids:
        context.session.execute(sa.delete(N).where(N.id.in_(list(ids))))


@CONTEXT.writer
def trim(context, keep):
    """Drop the oldest notifications beyond the newest ``keep``.

    Returns how many were dropped.
    """
    newest_dropped = context.session.scalar(
        sa.select(N.id).order_by(N.id.desc()).offset(keep).limit(1))
    if newest_dropped is None:
        return 0
    return context.session.execute(
        sa.delete(N).where(N.id <= newest_dropped)).rowcount


def backlog(engine):
    """``(count, created_at of the oldest or None)``.

    Takes an engine rather than a context: glare-status asks it with a
    plain engine that reports an unreachable database at once.
    """
    with engine.connect() as connection:
        count, oldest = connection.execute(
            sa.select(sa.func.count(), sa.func.min(N.created_at))).one()
    return count, oldest
