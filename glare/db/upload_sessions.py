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

"""Database side of upload sessions (resumable uploads, API 1.2).

A session lives in the database and its chunks in the store, so that any
API process takes the next chunk and a restart loses nothing. A chunk is
appended by a compare-and-swap on the session's ``received`` byte count:
of two chunks for the same offset exactly one lands. Chunks that stop
being referenced (a session cancelled, finished, expired, or its
artifact deleted) are queued for deletion in the same transaction
(``glare.db.deletions``).

In a filesystem backend the chunks go into one file instead
(``glare.store.session_files``), recorded as the session's one chunk row
without a ``start`` but with its ``location`` from the session's start:
it goes with the session like any chunk, unless the session finishes,
when the blob adopts it (``adopt``).
"""

import collections
import datetime

from oslo_utils import timeutils
import sqlalchemy as sa

from glare.db import deletions
from glare.db import models
from glare.db import quotas as db_quotas
from glare.db import transaction
from glare import exception

U = models.UploadSession
C = models.UploadSessionChunk

Session = collections.namedtuple(
    'Session', 'id artifact_id field_name key_name project_id type_name '
               'backend content_type received expires_at data_location')
Chunk = collections.namedtuple('Chunk', 'start size location')

# The session's file (a filesystem backend's sessions have one): a chunk
# row with a location but no start.
_IN_FILE = sa.and_(C.start.is_(None), C.location.is_not(None))

_COLUMNS = [getattr(U, name) for name in Session._fields[:-1]] + [
    sa.select(C.location).where(C.session_id == U.id, _IN_FILE)
    .limit(1).scalar_subquery().label('data_location')]


def _expiry(lifetime):
    return timeutils.utcnow() + datetime.timedelta(seconds=lifetime)


@transaction.CONTEXT.writer
def create(context, values, lifetime, data_file=None):
    """A new session (``values``: the columns but the counters).

    ``data_file`` is ``(id, location)`` of the file its chunks go into,
    when they go into one.
    """
    now = timeutils.utcnow()
    context.session.add(U(received=0, created_at=now,
                          expires_at=_expiry(lifetime), **values))
    if data_file is not None:
        context.session.flush()
        file_id, location = data_file
        context.session.add(C(id=file_id, session_id=values['id'],
                              location=location))
    return get(context, values['id'])


@transaction.CONTEXT.reader
def get(context, session_id):
    """The live session ``session_id``; NotFound when gone or expired."""
    row = context.session.execute(sa.select(*_COLUMNS).where(
        U.id == session_id)).first()
    if row is None or row.expires_at < timeutils.utcnow():
        raise exception.NotFound('Upload session %s does not exist or has '
                                 'expired.' % session_id)
    return Session(*row)


@transaction.CONTEXT.reader
def chunks(context, session_id):
    """The chunks that landed, in order."""
    return [Chunk(*row) for row in context.session.execute(sa.select(
        C.start, C.size, C.location).where(
            C.session_id == session_id, C.start.is_not(None))
        .order_by(C.start))]


@transaction.CONTEXT.writer
def begin_chunk(context, session_id, chunk_id):
    """Record a chunk about to be written; 404 when the session went."""
    db = context.session
    if db.scalar(sa.select(U.id).where(U.id == session_id)) is None:
        raise exception.NotFound('Upload session %s does not exist or has '
                                 'expired.' % session_id)
    db.add(C(id=chunk_id, session_id=session_id))


@transaction.CONTEXT.writer
def forget_chunk(context, chunk_id):
    """A chunk whose writing failed (the store removed what it wrote)."""
    context.session.execute(sa.delete(C).where(C.id == chunk_id))


@transaction.CONTEXT.writer
def append(context, session, start, size, lifetime, quota_defaults,
           chunk=None):
    """Make ``size`` bytes stored at ``start`` the end of ``session``.

    ``chunk`` is ``(chunk_id, location)`` of a chunk stored as an object
    of its own; None for bytes written into the session's file.

    False when the session no longer ends at ``start`` (another chunk
    landed first, or the session went): the caller removes its chunk.
    When the project has a data quota (``quota_defaults`` as for
    ``glare.db.quotas.data_limits``) its data, sessions included, is
    checked under its lock (413, nothing appended).
    """
    db = context.session
    data_limits = db_quotas.locked_limits(db, session.project_id,
                                          db_quotas.DATA, session.type_name,
                                          quota_defaults)
    if max(data_limits) < 0:
        data_limits = None
    result = db.execute(sa.update(U).where(
        U.id == session.id, U.received == start,
        U.expires_at >= timeutils.utcnow()).values(
            received=U.received + size, expires_at=_expiry(lifetime)))
    if result.rowcount != 1:
        return False
    if chunk is not None:
        chunk_id, location = chunk
        landed = db.execute(sa.update(C).where(
            C.id == chunk_id, C.session_id == session.id).values(
                start=start, size=size, location=location))
        if landed.rowcount != 1:
            raise exception.Conflict('Chunk %s of upload session %s is '
                                     'gone.' % (chunk_id, session.id))
    if data_limits is not None:
        db_quotas.check_data(db, session.project_id, session.type_name,
                             data_limits)
    return True


def _drop(db, condition):
    """Delete sessions matching ``condition``; queue their chunks."""
    rows = db.execute(sa.select(U.id, U.backend).where(condition)).all()
    queued = []
    for row in rows:
        for chunk in db.execute(sa.select(C.id, C.location).where(
                C.session_id == row.id)):
            if chunk.location:
                queued.append(deletions.queue(db, chunk.location,
                                              row.backend))
            else:
                # Being written, or its process died: only the store
                # knows where its data went.
                queued.append(deletions.queue_partial(db, chunk.id,
                                                      row.backend))
        db.execute(sa.delete(C).where(C.session_id == row.id))
        db.execute(sa.delete(U).where(U.id == row.id))
    return queued


@transaction.CONTEXT.writer
def adopt(context, session_id, received):
    """End a session whose file becomes a blob's data.

    For the transaction that makes the blob active: the file is not
    queued for deletion. Conflict (409) when the session went, or grew
    past ``received``, meanwhile. Returns the queue entries of anything
    else the session held.
    """
    db = context.session
    gone = db.execute(sa.delete(C).where(C.session_id == session_id,
                                         _IN_FILE))
    if gone.rowcount != 1 or db.scalar(sa.select(U.received).where(
            U.id == session_id)) != received:
        raise exception.Conflict('Upload session %s changed while it was '
                                 'being finished.' % session_id)
    return _drop(db, U.id == session_id)


@transaction.CONTEXT.writer
def delete(context, session_id):
    """End a session; the queue entries of its chunks."""
    return _drop(context.session, U.id == session_id)


def drop_for_artifact(db, artifact_id):
    """For deletions of an artifact: its sessions go with it."""
    return _drop(db, U.artifact_id == artifact_id)


@transaction.CONTEXT.writer
def expire(context, limit=100):
    """Remove sessions past their expiry; the queue entries of chunks."""
    ids = context.session.scalars(sa.select(U.id).where(
        U.expires_at < timeutils.utcnow()).order_by(U.expires_at)
        .limit(limit)).all()
    return _drop(context.session, U.id.in_(ids)) if ids else []
