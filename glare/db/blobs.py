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

"""Database side of blobs: upload claims, results, and data to delete.

A blob row exists per (artifact, field, folder key). An upload first
*claims* the row (``upload_id``); only the claimant may finish it, and a
claim older than ``blob_upload_timeout`` is abandoned (its process died)
and may be taken over. Claims and results also hold the artifact: its
status must still allow the blob to change, checked in the same
transaction that writes (a row version bump), so an activation racing an
upload either sees the blob ``saving`` or makes the upload fail; an
active artifact's immutable blob never changes. Store data that must go
(a replaced blob, a deleted artifact) is recorded in
``blob_data_deletions`` in the same transaction that stops referencing
it, so a failing store never loses track of it.
"""

import datetime

from oslo_db import exception as db_exc
from oslo_utils import timeutils
import sqlalchemy as sa

from glare.db import api as db_api
from glare.db import models
from glare.db import quotas as db_quotas
from glare.db import records
from glare import exception

A = models.Artifact
B = models.ArtifactBlob
D = models.BlobDataDeletion

_DATA_COLUMNS = ('size', 'md5', 'sha1', 'sha256', 'content_type',
                 'external', 'url', 'location', 'backend')


def blob_name(field_name, key_name):
    """``field`` or ``field/key``: how messages and events name a blob."""
    return field_name + ('/' + key_name if key_name else '')


def record(row):
    return {c.name: getattr(row, c.name) for c in B.__table__.columns}


def _key(artifact_id, field_name, key_name):
    return (B.artifact_id == artifact_id, B.field_name == field_name,
            B.key_name == (key_name or ''))


def _hold(session, artifact_id, statuses, name):
    """The artifact is in one of ``statuses``; its row version moves.

    Runs first in a writing transaction: on SQLite it takes the write
    lock up front (a transaction that read first cannot upgrade while
    another connection writes), elsewhere the artifact's row lock, so
    that what is checked stays true until the transaction ends.
    """
    result = session.execute(sa.update(A).where(
        A.id == artifact_id, A.status.in_(statuses)).values(
            row_version=A.row_version + 1)
        .execution_options(synchronize_session=False))
    if result.rowcount == 1:
        return
    status = session.scalar(sa.select(A.status).where(A.id == artifact_id))
    if status in (None, 'deleted'):
        raise exception.ArtifactNotFound(id=artifact_id)
    raise exception.Forbidden('Blob %s cannot be changed once the artifact '
                              'is %s.' % (name, status))


@db_api.CONTEXT.writer
def claim(context, artifact_id, field_name, key_name, upload_id, backend,
          statuses, timeout, data_quota=None):
    """Mark a blob as being uploaded by ``upload_id`` into ``backend``.

    The artifact must be in one of ``statuses``. A compare-and-swap on
    the blob row, so concurrent claimants in any number of processes see
    exactly one winner; Conflict (409) while another upload runs. With
    ``data_quota`` (see ``glare.db.quotas.data_room``) the room the
    project has left for this blob is read in the same transaction.

    Returns ``(abandoned, room)``: the abandoned claim it took over as
    ``(upload_id, backend)`` or None, and the room or None.
    """
    session = context.session
    _hold(session, artifact_id, statuses, blob_name(field_name, key_name))
    now = timeutils.utcnow()
    stale = now - datetime.timedelta(seconds=timeout)
    key = _key(artifact_id, field_name, key_name)
    row = session.execute(sa.select(
        B.upload_id, B.upload_started_at, B.upload_backend).where(
            *key)).first()
    abandoned = None
    if row is None:
        try:
            with session.begin_nested():
                session.add(B(artifact_id=artifact_id, field_name=field_name,
                              key_name=key_name or '', status='saving',
                              upload_id=upload_id, upload_started_at=now,
                              upload_backend=backend, created_at=now,
                              updated_at=now, external=False))
        except db_exc.DBDuplicateEntry:
            raise _busy(field_name, key_name)
    else:
        if row.upload_id is not None and row.upload_started_at > stale:
            raise _busy(field_name, key_name)
        previous = (B.upload_id.is_(None) if row.upload_id is None
                    else B.upload_id == row.upload_id)
        result = session.execute(sa.update(B).where(*key, previous).values(
            status='saving', upload_id=upload_id, upload_started_at=now,
            upload_backend=backend))
        if result.rowcount != 1:
            raise _busy(field_name, key_name)
        if row.upload_id is not None:
            abandoned = row.upload_id, row.upload_backend
    room = None
    if data_quota is not None:
        room = db_quotas.data_room(session, *data_quota, exclude=(
            artifact_id, field_name, key_name))
    return abandoned, room


def _busy(field_name, key_name):
    return exception.Conflict('Blob %s is being uploaded by another request; '
                              'try again when it has finished.' %
                              blob_name(field_name, key_name))


@db_api.CONTEXT.writer
def finish(context, artifact_id, statuses, uploads, data_limits=None,
           changes=None, removals=()):
    """Make claimed uploads the blobs' data, and change fields, atomically.

    ``statuses`` are those the artifact must still be in. ``uploads`` are
    ``(field_name, key_name, upload_id, values)``; ``removals`` are
    ``(field_name, key_name)`` of blobs to forget; ``changes`` is
    ``(columns, properties, tags)`` for ``glare.db.api.update``. The data
    replaced or removed is queued for deletion. With ``data_limits``
    (``(project_id, type_name, limits)``) the project's stored data is
    checked against them under its lock once everything is written, and
    the whole transaction is undone when over (413). A lost claim is a
    Conflict (409).

    Returns ``(record, queued)``: the artifact as it is now (a record of
    ``glare.db.records``) and the queue entries ``(id, location,
    backend)``.
    """
    session = context.session
    names = ', '.join(blob_name(f, k) for f, k, _, _ in uploads) or \
        ', '.join(blob_name(f, k) for f, k in removals)
    _hold(session, artifact_id, statuses, names)
    if data_limits is not None:
        db_quotas.lock_project(session, data_limits[0])
    queued = []
    for field_name, key_name in removals:
        entry = _forget(session, artifact_id, field_name, key_name)
        if entry:
            queued.append(entry)
    now = timeutils.utcnow()
    for field_name, key_name, upload_id, values in uploads:
        key = _key(artifact_id, field_name, key_name)
        old = session.execute(sa.select(
            B.location, B.backend, B.external).where(
                *key, B.upload_id == upload_id)).first()
        data = {name: values.get(name) for name in _DATA_COLUMNS}
        result = session.execute(sa.update(B).where(
            *key, B.upload_id == upload_id).values(
                status='active', upload_id=None, upload_started_at=None,
                upload_backend=None, updated_at=now, **data))
        if old is None or result.rowcount != 1:
            raise exception.Conflict(
                'The upload of blob %s took longer than blob_upload_timeout '
                'and was abandoned.' % blob_name(field_name, key_name))
        if old.location and not old.external:
            queued.append(_queue_deletion(session, old.location,
                                          old.backend))
    if data_limits is not None:
        db_quotas.check_data(session, *data_limits)
    columns, properties, tags = changes or ({}, {}, None)
    if columns or properties or tags is not None:
        current = session.scalar(sa.select(A.row_version).where(
            A.id == artifact_id))
        db_api.update(context, artifact_id, current, columns, properties,
                      tags)
    return _load(session, artifact_id), queued


def _forget(session, artifact_id, field_name, key_name):
    """Delete a blob row; its stored data's queue entry, if any."""
    key = _key(artifact_id, field_name, key_name)
    row = session.execute(sa.select(
        B.upload_id, B.external, B.location, B.backend).where(*key)).first()
    if row is None:
        return None
    if row.upload_id is not None:
        raise _busy(field_name, key_name)
    session.execute(sa.delete(B).where(*key))
    if row.location and not row.external:
        return _queue_deletion(session, row.location, row.backend)
    return None


@db_api.CONTEXT.writer
def release(context, artifact_id, claims):
    """Give up claims ``(field_name, key_name, upload_id)``.

    Each blob returns to what it was before its upload: one that never
    had data disappears with its claim.
    """
    session = context.session
    for field_name, key_name, upload_id in claims:
        key = _key(artifact_id, field_name, key_name)
        session.execute(sa.delete(B).where(
            *key, B.upload_id == upload_id, B.location.is_(None),
            B.url.is_(None)))
        session.execute(sa.update(B).where(*key, B.upload_id == upload_id)
                        .values(status='active', upload_id=None,
                                upload_started_at=None,
                                upload_backend=None))


@db_api.CONTEXT.writer
def release_abandoned(context, timeout, limit=100):
    """Give up claims older than ``timeout`` seconds (their process died).

    Each blob returns to what it was before its upload, as ``release``
    does. Returns the released claims as ``(upload_id, backend)``.
    """
    session = context.session
    stale = timeutils.utcnow() - datetime.timedelta(seconds=timeout)
    rows = session.execute(sa.select(
        B.artifact_id, B.field_name, B.key_name, B.upload_id,
        B.upload_backend).where(B.upload_id.is_not(None),
                                B.upload_started_at < stale)
        .order_by(B.upload_started_at).limit(limit)).all()
    released = []
    for row in rows:
        key = _key(row.artifact_id, row.field_name, row.key_name)
        claimed = B.upload_id == row.upload_id
        gone = session.execute(sa.delete(B).where(
            *key, claimed, B.location.is_(None), B.url.is_(None)))
        restored = session.execute(sa.update(B).where(*key, claimed).values(
            status='active', upload_id=None, upload_started_at=None,
            upload_backend=None))
        if gone.rowcount or restored.rowcount:
            released.append((row.upload_id, row.upload_backend))
    return released


def _load(session, artifact_id):
    row = session.scalars(sa.select(A).where(A.id == artifact_id)
                          .execution_options(populate_existing=True)).one()
    return records.load(session, [row])[0]


@db_api.CONTEXT.writer
def add_location(context, artifact_id, field_name, key_name, statuses,
                 values):
    """Record data that lives elsewhere (an external URL or store URI).

    The artifact must be in one of ``statuses``. Only a blob without data
    takes a location: Conflict (409) when the blob has data or an upload
    is running, whichever process wrote it. Returns the artifact's
    record.
    """
    session = context.session
    name = blob_name(field_name, key_name)
    _hold(session, artifact_id, statuses, name)
    now = timeutils.utcnow()
    data = {name: values.get(name) for name in _DATA_COLUMNS}
    try:
        with session.begin_nested():
            session.add(B(
                artifact_id=artifact_id, field_name=field_name,
                key_name=key_name or '', status='active', created_at=now,
                updated_at=now, **data))
    except db_exc.DBDuplicateEntry:
        raise exception.Conflict(
            'Blob %s already has data or is being uploaded; a location '
            'can only be set on a blob without data.' % name)
    return _load(session, artifact_id)


@db_api.CONTEXT.writer
def remove(context, artifact_id, field_name, key_name, statuses,
           internal_data):
    """Forget a blob's value.

    The artifact must be in one of ``statuses``. ``internal_data`` says
    whether data glare stored itself may go; it is queued for deletion in
    the same transaction. NotFound without a value, Forbidden for
    internal data when not allowed, Conflict while an upload runs.
    Returns ``(record, queue entry or None)``.
    """
    session = context.session
    name = blob_name(field_name, key_name)
    _hold(session, artifact_id, statuses, name)
    row = session.execute(sa.select(B.external).where(
        *_key(artifact_id, field_name, key_name))).first()
    if row is None:
        raise exception.NotFound('Blob %s of artifact %s has no data.' % (
            name, artifact_id))
    if not row.external and not internal_data:
        raise exception.Forbidden(
            'Blob %s holds data stored by glare, not an external location; '
            'only external locations can be removed.' % name)
    entry = _forget(session, artifact_id, field_name, key_name)
    return _load(session, artifact_id), entry


def _queue_deletion(session, location, backend):
    entry = D(location=location, backend=backend,
              created_at=timeutils.utcnow(), attempts=0)
    session.add(entry)
    session.flush()
    return entry.id, location, backend


@db_api.CONTEXT.writer
def deletion_done(context, entry_id):
    context.session.execute(sa.delete(D).where(D.id == entry_id))


@db_api.CONTEXT.writer
def deletion_failed(context, entry_id, error):
    context.session.execute(sa.update(D).where(D.id == entry_id).values(
        attempts=D.attempts + 1, last_error=str(error)[:1000]))


@db_api.CONTEXT.reader
def pending_deletions(context, limit=100):
    return [(d.id, d.location, d.backend) for d in context.session.scalars(
        sa.select(D).order_by(D.id).limit(limit))]


@db_api.CONTEXT.reader
def get(context, artifact_id, field_name, key_name):
    row = context.session.scalars(sa.select(B).where(
        *_key(artifact_id, field_name, key_name))).first()
    return record(row) if row is not None else None
