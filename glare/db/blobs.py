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
def finish(context, artifact_id, field_name, key_name, upload_id, values):
    """Store the result of a claimed upload.

    The data it replaces, if any, is queued for deletion in the same
    transaction; returns that queue entry ``(id, location, backend)`` or
    None. Raises Conflict if the claim was lost.
    """
    session = context.session
    key = _key(artifact_id, field_name, key_name)
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
