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

"""Leases: one process of the deployment at a time does a job.

A lease is a row naming its holder and when it expires. Taking or
renewing it is one conditional UPDATE (held by me, or expired), so any
number of processes on any number of hosts agree on one holder; a holder
that dies loses it when it expires. Times are the hosts' clocks: keep them
in sync (NTP), as for upload claims.
"""

import datetime

from oslo_db import exception as db_exc
from oslo_utils import timeutils
import sqlalchemy as sa

from glare.db import models
from glare.db import transaction

CONTEXT = transaction.CONTEXT
L = models.Lease


@CONTEXT.writer
def acquire(context, name, holder, duration):
    """Take or renew lease ``name`` for ``duration`` seconds.

    True when ``holder`` holds it now.
    """
    session = context.session
    now = timeutils.utcnow()
    until = now + datetime.timedelta(seconds=duration)
    result = session.execute(sa.update(L).where(
        L.name == name, sa.or_(L.holder == holder, L.expires_at < now))
        .values(holder=holder, expires_at=until))
    if result.rowcount == 1:
        return True
    try:
        with session.begin_nested():
            session.add(L(name=name, holder=holder, expires_at=until))
    except db_exc.DBDuplicateEntry:
        return False  # held by another process
    return True


@CONTEXT.writer
def release(context, name, holder):
    """Give the lease up now, so another process need not wait."""
    context.session.execute(sa.delete(L).where(L.name == name,
                                               L.holder == holder))


@CONTEXT.reader
def holder(context, name):
    """``(holder, expires_at)`` of lease ``name``, or None."""
    row = context.session.execute(sa.select(L.holder, L.expires_at).where(
        L.name == name)).first()
    return tuple(row) if row is not None else None
