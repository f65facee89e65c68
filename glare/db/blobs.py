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
and may be taken over. Store data that must go (a replaced blob, a
deleted artifact) is recorded in ``blob_data_deletions`` in the same
transaction that stops referencing it, so a failing store never loses
track of it.
"""

import datetime

from oslo_db import exception as db_exc
from oslo_utils import timeutils
import sqlalchemy as sa

from glare.db import api as db_api
from glare.db import models
from glare.db import quotas as db_quotas
from glare import exception

B = models.ArtifactBlob
D = models.BlobDataDeletion

_DATA_COLUMNS = ('size', 'md5', 'sha1', 'sha256', 'content_type',
                 'external', 'url', 'location', 'backend')


def record(row):
    return {c.name: getattr(row, c.name) for c in B.__table__.columns}


def _key(artifact_id, field_name, key_name):
    return (B.artifact_id == artifact_id, B.field_name == field_name,
            B.key_name == (key_name or ''))


@db_api.CONTEXT.writer
def claim(context, artifact_id, field_name, key_name, upload_id, timeout):
    """Mark a blob as being uploaded by ``upload_id``.

    A compare-and-swap on the row, so concurrent claimants in any number
    of processes see exactly one winner. Returns the abandoned claim it
    took over as ``(upload_id, backend)``, or None. Raises Conflict (409)
    while another upload is running.
    """
    session = context.session
    now = timeutils.utcnow()
    stale = now - datetime.timedelta(seconds=timeout)
    key = _key(artifact_id, field_name, key_name)
    _write_first(session, key)
    row = session.execute(sa.select(
        B.upload_id, B.upload_started_at, B.upload_backend).where(
            *key)).first()
    if row is None:
        try:
            with session.begin_nested():
                session.add(B(artifact_id=artifact_id, field_name=field_name,
                              key_name=key_name or '', status='saving',
                              upload_id=upload_id, upload_started_at=now,
                              created_at=now, updated_at=now,
                              external=False))
        except db_exc.DBDuplicateEntry:
            raise _busy(field_name, key_name)
        return None
    if row.upload_id is not None and row.upload_started_at > stale:
        raise _busy(field_name, key_name)
    previous = (B.upload_id.is_(None) if row.upload_id is None
                else B.upload_id == row.upload_id)
    result = session.execute(sa.update(B).where(*key, previous).values(
        status='saving', upload_id=upload_id, upload_started_at=now,
        upload_backend=None))
    if result.rowcount != 1:
        raise _busy(field_name, key_name)
    if row.upload_id is not None:
        return row.upload_id, row.upload_backend
    return None


def _write_first(session, key):
    """Start SQLite's transaction with a write.

    SQLite cannot upgrade a transaction that has read to a writing one
    while another connection writes: it fails at once with "database is
    locked" rather than waiting. Writing first takes the write lock up
    front, so concurrent claimants queue for it (busy timeout) instead.
    Other databases lock rows, and need nothing of the sort.
    """
    if session.get_bind().dialect.name == 'sqlite':
        session.execute(sa.update(B).where(*key).values(
            upload_id=B.upload_id))


def _busy(field_name, key_name):
    name = field_name + ('/' + key_name if key_name else '')
    return exception.Conflict('Blob %s is being uploaded by another request; '
                              'try again when it has finished.' % name)


@db_api.CONTEXT.writer
def note_backend(context, artifact_id, field_name, key_name, upload_id,
                 backend):
    """Record where a claimed upload writes its data.

    Lets a later claimant remove the partial data of a crashed upload.
    """
    context.session.execute(sa.update(B).where(
        *_key(artifact_id, field_name, key_name),
        B.upload_id == upload_id).values(upload_backend=backend))


@db_api.CONTEXT.writer
def finish(context, artifact_id, field_name, key_name, upload_id, values,
           quota=None):
    """Store the result of a claimed upload.

    The data it replaces, if any, is queued for deletion in the same
    transaction; returns that queue entry ``(id, location, backend)`` or
    None. Raises Conflict if the claim was lost. ``quota`` is
    ``(project_id, type_name, limits)``: the data quota is checked under
    the project's lock, so parallel uploads never overshoot it (413).
    """
    session = context.session
    key = _key(artifact_id, field_name, key_name)
    if quota is not None:
        project_id, type_name, limits = quota
        db_quotas.check_data(session, project_id, type_name,
                             values.get('size') or 0, limits,
                             (artifact_id, field_name, key_name))
    _write_first(session, key)
    old = session.execute(sa.select(B.location, B.backend, B.external).where(
        *key, B.upload_id == upload_id)).first()
    data = {name: values.get(name) for name in _DATA_COLUMNS}
    result = session.execute(sa.update(B).where(
        *key, B.upload_id == upload_id).values(
            status='active', upload_id=None, upload_started_at=None,
            upload_backend=None, updated_at=timeutils.utcnow(), **data))
    if old is None or result.rowcount != 1:
        raise exception.Conflict(
            'The upload of blob %s took longer than blob_upload_timeout '
            'and was abandoned.' % field_name)
    if old.location and not old.external:
        return _queue_deletion(session, old.location, old.backend)
    return None


@db_api.CONTEXT.writer
def finish_all(context, artifact_id, uploads, quota=None, changes=None,
               removals=()):
    """Finish several claimed uploads, and change fields, atomically.

    ``uploads`` are ``(field_name, key_name, upload_id, values)`` as for
    ``finish``; ``changes`` is ``(columns, properties, tags)`` for
    ``glare.db.api.update``, applied to the artifact as it is now;
    ``removals`` are ``(field_name, key_name)`` of blobs to forget, their
    stored data queued for deletion (first, so the data quota sees the
    space they free). All of it is one transaction: an error leaves every
    blob and field as it was. Returns the queue entries of the data
    replaced or removed.
    """
    replaced = []
    for field_name, key_name in removals:
        if get(context, artifact_id, field_name, key_name) is not None:
            replaced.append(remove(context, artifact_id, field_name,
                                   key_name, internal_data=True))
    replaced += [finish(context, artifact_id, field_name, key_name,
                        upload_id, values, quota=quota)
                 for field_name, key_name, upload_id, values in uploads]
    columns, properties, tags = changes or ({}, {}, None)
    if columns or properties or tags is not None:
        current = context.session.scalar(sa.select(
            models.Artifact.row_version).where(
                models.Artifact.id == artifact_id))
        db_api.update(context, artifact_id, current, columns, properties,
                      tags)
    return [entry for entry in replaced if entry]


@db_api.CONTEXT.writer
def release(context, artifact_id, field_name, key_name, upload_id):
    """Give up a claim: the blob returns to what it was before."""
    session = context.session
    key = _key(artifact_id, field_name, key_name)
    # A blob that never had data disappears with its claim.
    session.execute(sa.delete(B).where(
        *key, B.upload_id == upload_id, B.location.is_(None),
        B.url.is_(None)))
    session.execute(sa.update(B).where(*key, B.upload_id == upload_id)
                    .values(status='active', upload_id=None,
                            upload_started_at=None, upload_backend=None))


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


@db_api.CONTEXT.writer
def add_location(context, artifact_id, field_name, key_name, values):
    """Record data that lives elsewhere (an external URL or store URI).

    Only a blob without data takes a location: Conflict (409) when the
    blob has data or an upload is running, whichever process wrote it.
    """
    now = timeutils.utcnow()
    data = {name: values.get(name) for name in _DATA_COLUMNS}
    try:
        with context.session.begin_nested():
            context.session.add(B(
                artifact_id=artifact_id, field_name=field_name,
                key_name=key_name or '', status='active', created_at=now,
                updated_at=now, **data))
    except db_exc.DBDuplicateEntry:
        name = field_name + ('/' + key_name if key_name else '')
        raise exception.Conflict(
            'Blob %s already has data or is being uploaded; a location '
            'can only be set on a blob without data.' % name)


@db_api.CONTEXT.writer
def remove(context, artifact_id, field_name, key_name, internal_data):
    """Forget a blob's value.

    ``internal_data`` says whether data glare stored itself may go; it is
    queued for deletion in the same transaction, and the queue entry
    ``(id, location, backend)`` returned (None for an external URL).
    NotFound without a value, Forbidden for internal data when not
    allowed, Conflict while an upload runs.
    """
    session = context.session
    key = _key(artifact_id, field_name, key_name)
    name = field_name + ('/' + key_name if key_name else '')
    _write_first(session, key)
    row = session.execute(sa.select(
        B.upload_id, B.external, B.location, B.backend).where(*key)).first()
    if row is None:
        raise exception.NotFound('Blob %s of artifact %s has no data.' % (
            name, artifact_id))
    if row.upload_id is not None:
        raise _busy(field_name, key_name)
    if not row.external and not internal_data:
        raise exception.Forbidden(
            'Blob %s holds data stored by glare, not an external location; '
            'only external locations can be removed.' % name)
    result = session.execute(sa.delete(B).where(*key,
                                                B.upload_id.is_(None)))
    if result.rowcount != 1:
        raise _busy(field_name, key_name)
    if row.location and not row.external:
        return _queue_deletion(session, row.location, row.backend)
    return None


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
