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

"""What operators watch of the database: is it reachable, how busy.

``ping`` is the database check of ``/healthcheck``; the pool events
keep the connection metrics of ``/metrics``.
"""

import sqlalchemy as sa

from glare.db import models
from glare.db import transaction
from glare import metrics


@sa.event.listens_for(sa.pool.Pool, 'connect')
def _opened(dbapi_connection, connection_record):
    metrics.families().db_connects.inc()


@sa.event.listens_for(sa.pool.Pool, 'checkout')
def _checked_out(dbapi_connection, connection_record, connection_proxy):
    metrics.families().db_connections.inc()


@sa.event.listens_for(sa.pool.Pool, 'checkin')
def _checked_in(dbapi_connection, connection_record):
    metrics.families().db_connections.dec()


@transaction.CONTEXT.reader
def ping(context):
    """One round trip to the database; raises what the driver raises."""
    context.session.execute(sa.text('SELECT 1')).scalar()


@transaction.CONTEXT.reader
def deletion_queue(context):
    """``(pending, failing)``: stored data waiting for glare-scrubber."""
    D = models.BlobDataDeletion
    pending, failing = context.session.execute(sa.select(
        sa.func.count(), sa.func.coalesce(sa.func.sum(sa.case(
            (D.attempts > 0, 1), else_=0)), 0))).one()
    return pending, int(failing)
