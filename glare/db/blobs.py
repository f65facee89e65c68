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
*claims* the row (``upload_id``, its owner process and a heartbeat of its
progress); only the claimant may finish it. A claim whose owner process
is gone, or whose data has not moved for the stall timeout, is abandoned
and may be taken over; the partial data it wrote is queued for deletion
then, so it is never orphaned. Claims and results also hold the artifact: its
status must still allow the blob to change, checked in the same
transaction that writes (a row version bump), so an activation racing an
upload either sees the blob ``saving`` or makes the upload fail; an
active artifact's immutable blob never changes. Store data that must go
(a replaced blob, a deleted artifact) is recorded in
``blob_data_deletions`` in the same transaction that stops referencing
it, so a failing store never loses track of it.
"""

import collections
import datetime

from oslo_db import exception as db_exc
from oslo_utils import timeutils
import sqlalchemy as sa

from glare.db import api as db_api
from glare.db import deletions
from glare.db import models
from glare.db import quotas as db_quotas
from glare.db import records
from glare.db import stored_data
from glare import exception

A = models.Artifact
B = models.ArtifactBlob
D = models.BlobDataDeletion

_DATA_COLUMNS = ('size', 'md5', 'sha1', 'sha256', 'content_type',
                 'external', 'url', 'location', 'backend')


def blob_name(field_name, key_name):
    """``field`` or ``field/key``: how messages and events name a blob."""
    return field_name + ('/' + key_name if key_name else '')


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


class Claim(collections.namedtuple('Claim', 'upload_id owner backend')):
    """Who uploads into a blob: the upload, its process and its backend."""


@db_api.CONTEXT.writer
def claim(context, artifact_id, field_name, key_name, claim, statuses,
          stall_timeout, owner_alive, data_quota=None):
    """Mark a blob as being uploaded by ``claim`` (a ``Claim``).

    The artifact must be in one of ``statuses``. A compare-and-swap on
    the blob row, so concurrent claimants in any number of processes see
    exactly one winner; Conflict (409) while another upload runs. A claim
    found whose owner is not ``owner_alive(owner)``, or whose heartbeat
    is older than ``stall_timeout`` seconds, is taken over and its
    partial data queued for deletion. With ``data_quota`` (see
    ``glare.db.quotas.data_room``) the room the project has left for
    this blob is read in the same transaction.

    Returns ``(queued, room)``: the queue entry of the taken-over
    upload's data (a ``Deletion``) or None, and the room or None.
    """
    session = context.session
    _hold(session, artifact_id, statuses, blob_name(field_name, key_name))
    now = timeutils.utcnow()
    key = _key(artifact_id, field_name, key_name)
    row = session.execute(sa.select(
        B.upload_id, B.upload_started_at, B.upload_heartbeat_at,
        B.upload_owner, B.upload_backend).where(*key)).first()
    taken_over = None
    values = dict(status='saving', upload_id=claim.upload_id,
                  upload_owner=claim.owner, upload_backend=claim.backend,
                  upload_started_at=now, upload_heartbeat_at=now)
    if row is None:
        try:
            with session.begin_nested():
                session.add(B(artifact_id=artifact_id, field_name=field_name,
                              key_name=key_name or '', created_at=now,
                              updated_at=now, external=False, **values))
        except db_exc.DBDuplicateEntry:
            raise _busy(field_name, key_name)
    else:
        if row.upload_id is not None and not _abandoned(
                row, now, stall_timeout, owner_alive):
            raise _busy(field_name, key_name)
        previous = (B.upload_id.is_(None) if row.upload_id is None
                    else B.upload_id == row.upload_id)
        result = session.execute(sa.update(B).where(*key, previous).values(
            **values))
        if result.rowcount != 1:
            raise _busy(field_name, key_name)
        if row.upload_id is not None:
            taken_over = deletions.queue_partial(
                session, row.upload_id, row.upload_backend)
    room = None
    if data_quota is not None:
        room = db_quotas.data_room(session, *data_quota, exclude=(
            artifact_id, field_name, key_name))
    return taken_over, room


def _abandoned(row, now, stall_timeout, owner_alive):
    """Whether the claim of ``row`` belongs to no running upload."""
    last = row.upload_heartbeat_at or row.upload_started_at
    if last is None or last < now - datetime.timedelta(
            seconds=stall_timeout):
        return True
    return row.upload_owner is not None and not owner_alive(
        row.upload_owner)


@db_api.CONTEXT.writer
def heartbeat(context, artifact_id, field_name, key_name, upload_id):
    """Record that an upload's data moves; False when its claim is lost."""
    result = context.session.execute(sa.update(B).where(
        *_key(artifact_id, field_name, key_name),
        B.upload_id == upload_id).values(
            upload_heartbeat_at=timeutils.utcnow()))
    return result.rowcount == 1


# Blob columns of a running upload's claim, cleared when it ends.
_NO_CLAIM = {'upload_id': None, 'upload_owner': None,
             'upload_backend': None, 'upload_started_at': None,
             'upload_heartbeat_at': None}


def _busy(field_name, key_name):
    return exception.Conflict('Blob %s is being uploaded by another request; '
                              'try again when it has finished.' %
                              blob_name(field_name, key_name))


@db_api.CONTEXT.writer
def finish(context, artifact_id, statuses, uploads, data_limits=None,
           changes=None, removals=(), before=None):
    """Make claimed uploads the blobs' data, and change fields, atomically.

    ``statuses`` are those the artifact must still be in. ``uploads`` are
    ``(field_name, key_name, upload_id, values)``; ``removals`` are
    ``(field_name, key_name)`` of blobs to forget; ``changes`` is
    ``(columns, properties, tags)`` for ``glare.db.api.update``. The data
    replaced or removed is queued for deletion. With ``data_limits``
    (``(project_id, type_name, limits)``) the project's stored data is
    checked against them under its lock once everything is written, and
    the whole transaction is undone when over (413). A lost claim is a
    Conflict (409). ``before()``, called once the artifact (and the
    project) are locked, does more in the transaction before the blobs
    change (an upload session drops its chunks) and returns the queue
    entries of data to remove after the commit.

    Returns ``(record, queued)``: the artifact as it is now (a record of
    ``glare.db.records``) and the queue entries ``(id, location,
    backend)``.
    """
    session = context.session
    names = ', '.join(blob_name(f, k) for f, k, _, _ in uploads) or \
        ', '.join(blob_name(f, k) for f, k in removals)
    # Locks in the order every transaction takes them: the artifact, the
    # project's quota, what ``before`` changes (an upload session, which
    # the session's appends lock after the quota and the artifact's
    # deletion after the artifact), then the stored data in id order.
    _hold(session, artifact_id, statuses, names)
    if data_limits is not None:
        db_quotas.lock_project(session, data_limits[0])
    queued = list(before()) if before is not None else []
    _lock_data(session, artifact_id, uploads, removals)
    for field_name, key_name in removals:
        entry = _forget(session, artifact_id, field_name, key_name)
        if entry:
            queued.append(entry)
    now = timeutils.utcnow()
    for field_name, key_name, upload_id, values in uploads:
        key = _key(artifact_id, field_name, key_name)
        old = session.execute(sa.select(
            B.location, B.backend, B.external, B.data_id).where(
                *key, B.upload_id == upload_id)).first()
        if old is None:
            raise _taken_over(field_name, key_name)
        data = {name: values.get(name) for name in _DATA_COLUMNS}
        data['data_id'], entry = _reference(session, values, data)
        if entry is not None:
            queued.append(entry)
        result = session.execute(sa.update(B).where(
            *key, B.upload_id == upload_id).values(
                status='active', updated_at=now, **_NO_CLAIM, **data))
        if result.rowcount != 1:
            raise _taken_over(field_name, key_name)
        if old.location and not old.external:
            entry = stored_data.release(session, old.data_id, old.location,
                                        old.backend)
            if entry is not None:
                queued.append(entry)
    if data_limits is not None:
        db_quotas.check_data(session, *data_limits)
    columns, properties, tags = changes or ({}, {}, None)
    if columns or properties or tags is not None:
        current = session.scalar(sa.select(A.row_version).where(
            A.id == artifact_id))
        db_api.update(context, artifact_id, current, columns, properties,
                      tags)
    return _load(session, artifact_id), queued


def _lock_data(session, artifact_id, uploads, removals):
    """Lock the stored data whose counts ``finish`` changes, in id order.

    That is the data the blobs drop and the data they take (linked by
    digest, or stored before with the sha256 just written): see
    ``glare.db.stored_data.lock``.
    """
    data_ids = [session.scalar(sa.select(B.data_id).where(
        *_key(artifact_id, field_name, key_name)))
        for field_name, key_name in removals]
    for field_name, key_name, upload_id, values in uploads:
        data_ids.append(session.scalar(sa.select(B.data_id).where(
            *_key(artifact_id, field_name, key_name),
            B.upload_id == upload_id)))
        if values.get('data_id') is not None:
            data_ids.append(values['data_id'])
        elif values.get('sha256'):
            data_ids.append(stored_data.id_of(session, values['backend'],
                                              values['sha256']))
    stored_data.lock(session, data_ids)


def _taken_over(field_name, key_name):
    return exception.Conflict(
        'The upload of blob %s stalled for longer than '
        'blob_upload_stall_timeout and another upload took the blob over.'
        % blob_name(field_name, key_name))


def _reference(session, values, data):
    """Point a blob's ``data`` at shared stored data.

    ``values`` with ``data_id`` link to stored data (an upload by
    digest): NotFound when it went meanwhile. Otherwise the data just
    written is shared, or replaced by identical data stored before.
    Returns ``(data_id, queue entry or None)``; ``data`` gets the
    location and digests of what the blob references.
    """
    if values.get('data_id') is not None:
        row = stored_data.link(session, values['data_id'])
        entry = None
        if row is None:
            raise exception.NotFound(
                'The data with sha256 %s is no longer stored.' %
                values.get('sha256'))
    elif not values.get('sha256'):
        return None, None  # nothing to share it by: the blob's own data
    else:
        row, entry = stored_data.share(session, values['backend'], values)
    data.update(location=row.location, backend=row.backend, size=row.size,
                md5=row.md5, sha1=row.sha1, sha256=row.sha256)
    return row.id, entry


def _forget(session, artifact_id, field_name, key_name):
    """Delete a blob row; its stored data's queue entry, if any."""
    key = _key(artifact_id, field_name, key_name)
    row = session.execute(sa.select(
        B.upload_id, B.external, B.location, B.backend, B.data_id).where(
            *key)).first()
    if row is None:
        return None
    if row.upload_id is not None:
        raise _busy(field_name, key_name)
    session.execute(sa.delete(B).where(*key))
    if row.location and not row.external:
        return stored_data.release(session, row.data_id, row.location,
                                   row.backend)
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
                        .values(status='active', **_NO_CLAIM))


@db_api.CONTEXT.writer
def release_abandoned(context, stall_timeout, owner_alive, limit=100):
    """Give up claims of uploads that died or stalled (see ``claim``).

    Each blob returns to what it was before its upload, as ``release``
    does, and the partial data is queued for deletion. Returns the queue
    entries.
    """
    session = context.session
    now = timeutils.utcnow()
    rows = session.execute(sa.select(
        B.artifact_id, B.field_name, B.key_name, B.upload_id,
        B.upload_started_at, B.upload_heartbeat_at, B.upload_owner,
        B.upload_backend).where(B.upload_id.is_not(None))
        .order_by(B.upload_started_at).limit(limit)).all()
    queued = []
    for row in rows:
        if not _abandoned(row, now, stall_timeout, owner_alive):
            continue
        key = _key(row.artifact_id, row.field_name, row.key_name)
        claimed = B.upload_id == row.upload_id
        gone = session.execute(sa.delete(B).where(
            *key, claimed, B.location.is_(None), B.url.is_(None)))
        restored = session.execute(sa.update(B).where(*key, claimed).values(
            status='active', **_NO_CLAIM))
        if gone.rowcount or restored.rowcount:
            queued.append(deletions.queue_partial(
                session, row.upload_id, row.upload_backend))
    return queued


def _load(session, artifact_id):
    return records.load_one(session.connection(), artifact_id)


@db_api.CONTEXT.writer
def add_location(context, artifact_id, field_name, key_name, statuses,
                 values, same_data=()):
    """Record data that lives elsewhere (an external URL or store URI).

    The artifact must be in one of ``statuses``. Only a blob without data
    takes a location: Conflict (409) when the blob has data or an upload
    is running, whichever process wrote it. Stored data has one owner:
    Conflict too when another blob holds the data named by any of
    ``same_data`` (the URIs of an internal location) or it is queued for
    deletion. Returns the artifact's record.
    """
    session = context.session
    name = blob_name(field_name, key_name)
    _hold(session, artifact_id, statuses, name)
    if same_data:
        _check_unowned(session, name, same_data)
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


def _check_unowned(session, name, same_data):
    holder = session.execute(sa.select(B.artifact_id, B.field_name,
                                       B.key_name).where(
        B.location.in_(same_data)).limit(1)).first()
    if holder is not None:
        raise exception.Conflict(
            'The data at %s is held by blob %s of artifact %s; stored data '
            'has one owner, so it cannot become blob %s too.' % (
                same_data[0], blob_name(holder.field_name,
                                        holder.key_name),
                holder.artifact_id, name))
    queued = session.execute(sa.select(D.id).where(
        D.location.in_(same_data)).limit(1)).first()
    if queued is not None:
        raise exception.Conflict(
            'The data at %s is queued for deletion; it cannot become blob '
            '%s.' % (same_data[0], name))


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


# Every download reads its blob's row: a statement built once, read
# without the ORM (as glare.db.records reads artifacts).
_GET = sa.select(B.__table__).where(
    B.__table__.c.artifact_id == sa.bindparam('artifact_id'),
    B.__table__.c.field_name == sa.bindparam('field_name'),
    B.__table__.c.key_name == sa.bindparam('key_name'))


@db_api.CONTEXT.reader
def get(context, artifact_id, field_name, key_name):
    row = context.session.connection().execute(_GET, {
        'artifact_id': artifact_id, 'field_name': field_name,
        'key_name': key_name or ''}).first()
    return dict(row._mapping) if row is not None else None
