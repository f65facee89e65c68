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

"""Resumable uploads: a blob's data sent in chunks over many requests.

Modelled on the OCI distribution spec's upload sessions. glance_store
can only write whole objects (no append, no multipart API common to its
drivers), so each chunk is a store object of its own, written by
whichever API process receives it; the session (in the database) lists
them in order. Finishing streams the chunks, in order, through the one
upload pipeline (``glare.engine.uploads.Upload``): size limits, quota,
digests, shared data and the artifact's status are settled exactly as
for a one-request upload, and the session goes in the same transaction
that makes the blob active. Finishing thus reads the data once more;
doc/source/blob-storage.rst says what that costs.
"""

import uuid

from oslo_config import cfg
from oslo_log import log

from glare.db import blobs as db_blobs
from glare.db import upload_sessions as db_sessions
from glare.engine import blob_access
from glare.engine import notifications
from glare.engine import quotas
from glare.engine import uploads
from glare import exception
from glare.store import api as store

LOG = log.getLogger(__name__)
CONF = cfg.CONF


def get(context, session_id):
    return db_sessions.get(context, session_id)


def start(context, artifact, field_name, key, content_type):
    """A new session for blob ``field_name`` (folder ``key``).

    Types that check or transform uploaded data (an upload hook) take
    one-request uploads only: 400.
    """
    field = blob_access.blob_field(artifact, field_name, key)
    blob_access.check_changeable(artifact, field, field_name)
    if type(artifact).has_upload_hook():
        raise exception.BadRequest(
            'Artifact type %s checks the data uploaded to it as a whole; '
            'upload it in one request.' % artifact.get_type_name())
    type_name = artifact.get_type_name()
    return db_sessions.create(context, {
        'id': str(uuid.uuid4()), 'artifact_id': artifact.id,
        'field_name': field_name, 'key_name': key or '',
        'project_id': artifact.owner, 'type_name': type_name,
        'backend': store.backend_for(CONF, type_name),
        'content_type': content_type}, CONF.upload_session_expiry)


def _blob(artifact, session):
    key = session.key_name or None
    field = blob_access.blob_field(artifact, session.field_name, key)
    blob_access.check_changeable(artifact, field, session.field_name)
    return field, key


def not_at(session):
    """416 for a chunk that does not start where the session ends."""
    return exception.RangeNotSatisfiable(
        'The upload session holds bytes 0 to %d; the next chunk starts at '
        '%d.' % (session.received - 1, session.received),
        headers=range_headers(session))


def range_headers(session):
    """What a client resumes from: the bytes the session holds."""
    return {'Range': '0-%d' % max(session.received - 1, 0),
            'OpenStack-Glare-Upload-Offset': str(session.received)}


def append(context, artifact, session, stream, length, start):
    """Store a chunk of ``length`` bytes (None: unknown) at ``start``."""
    field, key = _blob(artifact, session)
    if length == 0:
        raise exception.BadRequest('A chunk must not be empty.')
    if start != session.received:
        raise not_at(session)
    limit = blob_access.field_limit(artifact, field, session.field_name,
                                    key) - session.received
    if length is not None and length > limit:
        raise exception.RequestEntityTooLarge(
            'The chunk would take blob %s to %d bytes; it may hold %d.' % (
                db_blobs.blob_name(session.field_name, key),
                session.received + length, session.received + limit))
    reader = blob_access.LimitedReader(stream, max(limit, 0), length,
                                       sha1=False)
    chunk_id = str(uuid.uuid4())
    db_sessions.begin_chunk(context, session.id, chunk_id)
    try:
        location, size, _, _ = store.add(CONF, chunk_id, reader,
                                         length or 0, session.backend)
    except BaseException:
        db_sessions.forget_chunk(context, chunk_id)
        raise
    try:
        appended = db_sessions.append(
            context, session, chunk_id, start, size, location,
            CONF.upload_session_expiry,
            quotas.configured(quotas.DATA, session.type_name))
    except BaseException:
        store.delete(location, session.backend)
        db_sessions.forget_chunk(context, chunk_id)
        raise
    if not appended:
        store.delete(location, session.backend)
        db_sessions.forget_chunk(context, chunk_id)
        raise not_at(db_sessions.get(context, session.id))
    return db_sessions.get(context, session.id)


class _Chunks:
    """The chunks of a session, in order, as one file-like stream."""

    def __init__(self, chunks, backend):
        self._chunks = list(chunks)
        self._backend = backend
        self._current = None
        self._buffer = b''

    def _next_piece(self):
        while True:
            if self._current is None:
                if not self._chunks:
                    return b''
                chunk = self._chunks.pop(0)
                chunks, _ = store.get(CONF, chunk.location, self._backend)
                self._current = iter(chunks)
            try:
                return next(self._current)
            except StopIteration:
                self._current = None

    def read(self, size=-1):
        while size is None or size < 0 or len(self._buffer) < size:
            piece = self._next_piece()
            if not piece:
                break
            self._buffer += piece
        if size is None or size < 0:
            data, self._buffer = self._buffer, b''
        else:
            data, self._buffer = self._buffer[:size], self._buffer[size:]
        return data


def finish(context, artifact, session, sha256):
    """Make the session's data the blob's; returns the updated artifact.

    The data must have ``sha256`` (400 otherwise, and the session and
    its data go: nothing is kept).
    """
    _blob(artifact, session)
    key = session.key_name or None
    writer = uploads.Upload(context, artifact)
    mismatch = None
    try:
        digests = writer.write(
            session.field_name, key,
            _Chunks(db_sessions.chunks(context, session.id),
                    session.backend),
            session.content_type, size=session.received)
        if digests['sha256'] != sha256:
            mismatch = digests['sha256']
            raise exception.BadRequest(
                'The data of upload session %s does not match its digest: '
                'expected sha256:%s, got sha256:%s. Nothing was kept.' % (
                    session.id, sha256, digests['sha256']))
        updated = writer.commit(
            notify=lambda art: notifications.artifact_event(
                context, 'upload', art,
                blob=db_blobs.blob_name(session.field_name, key),
                size=digests['size']),
            release=lambda: db_sessions.delete(context, session.id))
    except BaseException:
        writer.abort()
        if mismatch is not None:
            cancel(context, session)
        raise
    LOG.info('Upload session %s stored %d bytes in %s/%s', session.id,
             digests['size'], artifact.id,
             db_blobs.blob_name(session.field_name, key))
    return updated


def cancel(context, session):
    """End a session and remove its chunks."""
    blob_access.remove_data(context, db_sessions.delete(context,
                                                        session.id))


def expire(context):
    """Remove expired sessions and their chunks; how many chunks went."""
    queued = db_sessions.expire(context)
    if queued:
        LOG.info('Removing %d chunks of expired upload sessions',
                 len(queued))
    blob_access.remove_data(context, queued)
    return len(queued)
