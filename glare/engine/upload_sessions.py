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

Modelled on the OCI distribution spec's upload sessions. The session
lives in the database, its data in the store, so any API process takes
the next chunk and a restart loses nothing.

In a filesystem backend the chunks are appended to one file
(``glare.store.session_files``), their md5, sha1 and sha256 computed as
they arrive (``glare.engine.session_digests``); finishing checks the
digest and makes that file the blob's data through the upload pipeline
(``glare.engine.uploads.Upload.adopt``: size limits, quota, shared data
and the artifact's status as for a one-request upload), so every byte is
written once and hashed once. glance_store's other drivers can only
write whole objects: there each chunk is a store object of its own and
finishing streams them, in order, through the upload pipeline, which
writes the blob's data again. doc/source/blob-storage.rst says what
either costs.
"""

import uuid

from oslo_config import cfg
from oslo_log import log

from glare.db import blobs as db_blobs
from glare.db import upload_sessions as db_sessions
from glare.engine import blob_access
from glare.engine import notifications
from glare.engine import quotas
from glare.engine import session_digests
from glare.engine import uploads
from glare import exception
from glare.store import api as store
from glare.store import session_files

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
    backend = store.backend_for(CONF, type_name)
    data_file = None
    if session_files.supported(CONF, backend):
        file_id = str(uuid.uuid4())
        data_file = (file_id, session_files.location(CONF, backend,
                                                     file_id))
    session = db_sessions.create(context, {
        'id': str(uuid.uuid4()), 'artifact_id': artifact.id,
        'field_name': field_name, 'key_name': key or '',
        'project_id': artifact.owner, 'type_name': type_name,
        'backend': backend, 'content_type': content_type},
        CONF.upload_session_expiry, data_file)
    if data_file is not None:
        try:
            session_files.create(CONF, backend, session.data_location)
        except BaseException:
            cancel(context, session)
            raise
    return session


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
    if session.data_location is not None:
        return _append_in_place(context, session, reader, start)
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
            context, session, start, size, CONF.upload_session_expiry,
            quotas.configured(quotas.DATA, session.type_name),
            chunk=(chunk_id, location))
    except BaseException:
        store.delete(location, session.backend)
        db_sessions.forget_chunk(context, chunk_id)
        raise
    if not appended:
        store.delete(location, session.backend)
        db_sessions.forget_chunk(context, chunk_id)
        raise not_at(db_sessions.get(context, session.id))
    return db_sessions.get(context, session.id)


# Bytes per read of a chunk's request body.
_READ_SIZE = 1024 * 1024
# Seconds a chunk waits for another request writing to its session: the
# request of a client that broke off fails as soon as its socket does.
_LOCK_WAIT = 5


def _append_in_place(context, session, reader, start):
    """Append a chunk to the session's file, hashing it on the way.

    Under the file's lock the session is read again: what the database
    says it holds is what counts, and anything after it in the file is
    the rest of a chunk whose request failed or whose process died.
    """
    try:
        data = session_files.lock(session.data_location, wait=_LOCK_WAIT)
    except exception.UploadSessionBusy:
        # A request still writes the previous chunk, or the same one
        # from a client that gave up on it: where to go on, as for a
        # chunk that lost the race.
        raise not_at(_current(context, session))
    with data:
        session = _current(context, session)
        if start != session.received:
            raise not_at(session)
        feed = session_digests.resume(session.id, start, data.read,
                                      max_gap=reader.length or 0)
        data.truncate(start)
        offset = start
        try:
            while True:
                chunk = reader.read(_READ_SIZE)
                if not chunk:
                    break
                data.write_at(offset, chunk)
                if feed is not None:
                    feed.update(chunk)
                offset += len(chunk)
            if offset == start:
                raise exception.BadRequest('A chunk must not be empty.')
            appended = db_sessions.append(
                context, session, start, offset - start,
                CONF.upload_session_expiry,
                quotas.configured(quotas.DATA, session.type_name))
            if not appended:
                raise not_at(db_sessions.get(context, session.id))
        except BaseException:
            if feed is not None:
                feed.close()
            data.truncate(start)
            raise
        if feed is not None:
            session_digests.remember(session.id, feed)
    return db_sessions.get(context, session.id)


def _current(context, session):
    """The session as the database has it now; 404 when it went."""
    try:
        return db_sessions.get(context, session.id)
    except exception.NotFound:
        session_digests.forget(session.id)
        raise


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
    if session.data_location is not None:
        return _finish_in_place(context, artifact, session, sha256)
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
            raise _mismatch(session, sha256, digests['sha256'])
        updated = writer.commit(
            notify=_notify(context, session, digests['size']),
            release=lambda: db_sessions.delete(context, session.id))
    except BaseException:
        writer.abort()
        if mismatch is not None:
            cancel(context, session)
        raise
    _stored(session, artifact, digests['size'])
    return updated


def _finish_in_place(context, artifact, session, sha256):
    """The session's file becomes the blob's data: nothing is copied."""
    key = session.key_name or None
    with session_files.lock(session.data_location) as data:
        session = _current(context, session)
        # Whatever follows is the rest of a chunk that did not land.
        data.truncate(session.received)
        digests = session_digests.resume(
            session.id, session.received, data.read).hexdigests()
        digests['size'] = session.received
        if digests['sha256'] != sha256:
            cancel(context, session)
            raise _mismatch(session, sha256, digests['sha256'])
        writer = uploads.Upload(context, artifact)
        try:
            writer.adopt(session.field_name, key, session.data_location,
                         session.backend, digests, session.content_type)
            updated = writer.commit(
                notify=_notify(context, session, digests['size']),
                release=lambda: db_sessions.adopt(context, session.id,
                                                  session.received))
        except BaseException:
            writer.abort()
            raise
    session_digests.forget(session.id)
    _stored(session, artifact, digests['size'])
    return updated


def _mismatch(session, expected, actual):
    return exception.BadRequest(
        'The data of upload session %s does not match its digest: '
        'expected sha256:%s, got sha256:%s. Nothing was kept.' % (
            session.id, expected, actual))


def _notify(context, session, size):
    return lambda art: notifications.artifact_event(
        context, 'upload', art,
        blob=db_blobs.blob_name(session.field_name, session.key_name or None),
        size=size)


def _stored(session, artifact, size):
    LOG.info('Upload session %s stored %d bytes in %s/%s', session.id,
             size, artifact.id,
             db_blobs.blob_name(session.field_name, session.key_name or None))


def cancel(context, session):
    """End a session and remove its chunks."""
    session_digests.forget(session.id)
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
