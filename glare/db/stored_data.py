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

"""Content-addressed stored data and the blobs that reference it.

Data is stored once per (backend, sha256): ``stored_data`` holds its
location and ``refs``, the number of blobs referencing it. Every change
of a count happens in the transaction that points a blob at the data or
away from it, by an UPDATE that takes the row's lock (PostgreSQL, MySQL;
SQLite's writer lock): a reference taken concurrently with the last one
dropped either lands before (the data stays) or finds the row gone (the
new upload keeps its own data; a link by digest fails). The transaction
that drops the last reference deletes the row and queues the data for
deletion (``glare.db.deletions``) so that it is removed after the
commit, by the request or by glare-scrubber: nothing else deletes
shared data.
"""

from oslo_db import exception as db_exc
from oslo_utils import timeutils
import sqlalchemy as sa

from glare.db import deletions
from glare.db import models
from glare.db import transaction
from glare.db import visibility
from glare import exception

A = models.Artifact
B = models.ArtifactBlob
S = models.StoredData


def _take(session, condition):
    """Add a reference to the row matching ``condition``; the row or None.

    The update comes first so that the read that follows sees the row as
    locked and committed (MySQL's repeatable reads included).
    """
    result = session.execute(sa.update(S).where(condition).values(
        refs=S.refs + 1).execution_options(synchronize_session=False))
    if result.rowcount != 1:
        return None
    return session.execute(sa.select(
        S.id, S.location, S.backend, S.size, S.md5, S.sha1, S.sha256)
        .where(condition).with_for_update()).first()


def share(session, backend, values):
    """Reference the data just written (``values`` of an upload).

    ``values`` has the ``location``, ``size``, ``md5``, ``sha1`` and
    ``sha256`` written to ``backend``. When the backend already holds
    data with that sha256, the blob references it and the data just
    written is queued for deletion. Returns ``(data, queued)``: the
    stored data's row (``id``, ``location``...) and the queue entry or
    None.
    """
    same = sa.and_(S.backend == backend, S.sha256 == values['sha256'])
    for _ in range(3):
        row = _take(session, same)
        if row is not None:
            return row, deletions.queue(session, values['location'],
                                        backend)
        try:
            with session.begin_nested():
                session.execute(sa.insert(S).values(
                    backend=backend, sha256=values['sha256'],
                    location=values['location'], size=values['size'],
                    md5=values['md5'], sha1=values['sha1'], refs=1,
                    created_at=timeutils.utcnow()))
        except db_exc.DBDuplicateEntry:
            continue  # another upload of the same content committed first
        return session.execute(sa.select(
            S.id, S.location, S.backend, S.size, S.md5, S.sha1, S.sha256)
            .where(same)).first(), None
    raise exception.Conflict('Data with sha256 %s is being stored and '
                             'deleted concurrently; try again.' %
                             values['sha256'])


def lock(session, data_ids):
    """Lock the rows of stored data ``data_ids`` in ascending id order.

    A transaction that changes the counts of several rows (a blob that
    trades its data for other data, an artifact whose blobs all go)
    takes their locks here first, all in one order, before it changes
    any: two transactions trading the same data in opposite directions
    then wait for each other instead of deadlocking. Ids of rows that
    are gone, and None, are skipped.
    """
    for data_id in sorted({i for i in data_ids if i is not None}):
        session.execute(sa.select(S.id).where(S.id == data_id)
                        .with_for_update())


def id_of(session, backend, sha256):
    """The id of the stored data in ``backend`` with ``sha256``, or None."""
    return session.scalar(sa.select(S.id).where(S.backend == backend,
                                                S.sha256 == sha256))


def link(session, data_id):
    """Add a reference to stored data ``data_id``; its row or None."""
    return _take(session, S.id == data_id)


def release(session, data_id, location, backend):
    """Drop a blob's reference to its data; the queue entry or None.

    ``data_id`` None is data that only that blob referenced (stored
    before references were counted, or placed by an administrator):
    queued at once.
    """
    if data_id is None:
        return deletions.queue(session, location, backend)
    session.execute(sa.update(S).where(S.id == data_id).values(
        refs=S.refs - 1).execution_options(synchronize_session=False))
    row = session.execute(sa.select(S.refs, S.location, S.backend).where(
        S.id == data_id).with_for_update()).first()
    if row is None or row.refs > 0:
        return None
    session.execute(sa.delete(S).where(S.id == data_id))
    return deletions.queue(session, row.location, row.backend)


@transaction.CONTEXT.reader
def find_readable(context, sha256, project_id, backend):
    """Stored data with ``sha256`` that a caller of ``project_id`` reads.

    Only data referenced by a blob of an artifact the caller can read
    (``glare.db.visibility.readable``) is found: that data exists is
    nobody else's business. Data in ``backend`` is preferred. Returns
    the row (``id``, ``location``, ``size``, digests...) or None.
    """
    return context.session.execute(sa.select(
        S.id, S.location, S.backend, S.size, S.md5, S.sha1, S.sha256)
        .select_from(S).join(B, B.data_id == S.id)
        .join(A, A.id == B.artifact_id)
        .where(S.sha256 == sha256, B.external.is_(False),
               visibility.readable(project_id))
        .order_by((S.backend == backend).desc(), S.id).limit(1)).first()
