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

"""The enginefacade transaction context every glare.db module uses."""

from oslo_db.sqlalchemy import enginefacade
from sqlalchemy import pool

# Idle SQLite connections kept per process: one per busy thread of a
# worker is enough; more are opened when needed and closed on return.
SQLITE_POOL_SIZE = 8


def _pool_sqlite_connections(engine):
    """Keep SQLite file connections open between transactions.

    oslo.db gives SQLite files a NullPool, for old SQLAlchemy versions'
    sake: every transaction then opens the file, reads the schema and runs
    the connect-time pragmas again, a third of a small request's CPU.
    SQLAlchemy 2 pools file connections itself (``check_same_thread`` is
    off for them); a QueuePool that never makes a caller wait restores
    that. The pool's event dispatch (the pragmas' listeners, oslo.db's
    fork guard) carries over, as ``Pool.recreate`` does it.
    """
    old = engine.pool
    if engine.dialect.name != 'sqlite' or not isinstance(old,
                                                         pool.NullPool):
        return
    engine.pool = pool.QueuePool(
        old._creator, pool_size=SQLITE_POOL_SIZE, max_overflow=-1,
        recycle=old._recycle, pre_ping=old._pre_ping,
        reset_on_return=old._reset_on_return,
        logging_name=old._orig_logging_name,
        _dispatch=old.dispatch, dialect=old._dialect)


CONTEXT = enginefacade.transaction_context()
# thread_checkin=False: oslo.db's default sleeps (yields) on every
# connection check-in so that eventlet can switch green threads; glare
# runs real threads, and the sleep only gives the CPU away mid-request.
CONTEXT.configure(sqlite_fk=True, thread_checkin=False,
                  on_engine_create=[_pool_sqlite_connections])
