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

"""What every way of reading and writing blob data shares.

Uploads (glare.engine.uploads), locations and downloads
(glare.engine.blobs) address blobs, read request bodies within limits,
check digests and remove stored data the same way.
"""

from oslo_config import cfg
from oslo_log import log

from glare.db import deletions
from glare.engine import digests
from glare import exception
from glare.objects import fields as f
from glare.store import api as store

LOG = log.getLogger(__name__)
CONF = cfg.CONF

_FOLDER_KEY_MAX = 255


# Statuses in which an artifact's blobs may change: all of them while
# drafted, the blobs of mutable fields while active too. A deactivated
# artifact changes in nothing (as in Glare).
IMMUTABLE_BLOB_STATUSES = ('drafted',)
MUTABLE_BLOB_STATUSES = ('drafted', 'active')


class LimitedReader:
    """A file-like view of the request body for glance_store.

    Counts bytes, fails with 413 as soon as more than ``limit`` bytes
    arrive (and 400 when the body ends before ``length``), computes sha1
    when asked (glance_store computes md5 and sha256 itself) in a thread
    of its own (``glare.engine.digests``), and calls ``on_progress()``
    after every chunk. ``close()`` ends the digest thread.
    """

    def __init__(self, stream, limit, length=None, sha1=True,
                 on_progress=None):
        self.stream = stream
        self.limit = limit
        self.length = length
        self.size = 0
        self.sha1 = digests.Digest('sha1') if sha1 else None
        self.on_progress = on_progress

    def read(self, size=-1):
        if self.length is not None:
            remaining = self.length - self.size
            if remaining <= 0:
                return b''
            size = remaining if size is None or size < 0 else min(
                size, remaining)
        try:
            chunk = self.stream.read(size)
        except exception.GlareException:
            raise
        except Exception as exc:
            # Broken framing (invalid chunked encoding, a client gone):
            # the WSGI server's own exception, a client error all the same.
            raise exception.UnreadableBody(reason=exc)
        if not chunk:
            if self.length is not None and self.size < self.length:
                raise exception.BadRequest(
                    'The request body ended after %d of the %d bytes its '
                    'Content-Length announced.' % (self.size, self.length))
            return b''
        self.size += len(chunk)
        if self.size > self.limit:
            raise exception.RequestEntityTooLarge(
                'The data is larger than the %d bytes allowed here.' %
                self.limit)
        if self.sha1 is not None:
            self.sha1.update(chunk)
        if self.on_progress is not None:
            self.on_progress()
        return chunk

    def close(self):
        if self.sha1 is not None:
            self.sha1.close()


def check_folder_key(key):
    """A folder key is a relative path that cannot escape its folder."""
    if not key:
        raise exception.BadRequest('A folder key must not be empty.')
    if len(key) > _FOLDER_KEY_MAX:
        raise exception.BadRequest('Folder key %r is longer than %d '
                                   'characters.' % (key, _FOLDER_KEY_MAX))
    if any(ord(c) < 32 or ord(c) == 127 for c in key) or '\\' in key:
        raise exception.BadRequest(
            'Folder key %r contains control characters or backslashes.' %
            key)
    segments = key.split('/')
    if key.startswith('/') or any(s in ('', '.', '..') for s in segments):
        raise exception.BadRequest(
            'Folder key %r must be a relative path without empty, "." or '
            '".." segments.' % key)
    return key


def blob_field(artifact, field_name, key):
    """The Blob or Folder field an upload or download addresses."""
    field = artifact.attributes.get(field_name)
    if not isinstance(field, f.Blob):
        raise exception.BadRequest(
            'Artifact type %s has no blob field %s.' % (
                artifact.get_type_name(), field_name))
    is_folder = isinstance(field, f.Folder)
    if is_folder and key is None:
        raise exception.BadRequest(
            'Field %s is a folder: address one of its keys, '
            '%s/<key>.' % (field_name, field_name))
    if not is_folder and key is not None:
        raise exception.BadRequest(
            'Field %s is a single blob and has no keys.' % field_name)
    if is_folder:
        check_folder_key(key)
    return field


def field_limit(artifact, field, field_name, key, written=None,
                removed=()):
    """How many bytes blob ``field_name`` (folder ``key``) may hold.

    Its field's ``max_blob_size`` and, for a folder, what is left of
    ``max_folder_size`` and ``max_keys``. ``written`` (``{key: size}``)
    and ``removed`` (keys) are what the same upload already wrote to and
    removes from the folder.
    """
    limit = field.max_blob_size
    if isinstance(field, f.Folder):
        written = written or {}
        folder = {k: blob for k, blob in
                  (getattr(artifact, field_name) or {}).items()
                  if k not in removed}
        if len(set(folder) | set(written) | {key}) > field.max_keys:
            raise exception.BadRequest(
                'Folder %s would have more than its maximum of %d keys.' % (
                    field_name, field.max_keys))
        others = sum(blob.get('size') or 0 for k, blob in folder.items()
                     if k != key and k not in written)
        limit = min(limit, field.max_folder_size - others -
                    sum(written.values()))
    return max(limit, 0)


def changeable_statuses(field):
    """Statuses in which the artifact's blobs of ``field`` may change."""
    return MUTABLE_BLOB_STATUSES if field.mutable \
        else IMMUTABLE_BLOB_STATUSES


def check_changeable(artifact, field, field_name):
    """Blobs follow their field: immutable ones are set while drafted.

    Checked on what the caller read, to refuse early; the database checks
    again where it writes (``glare.db.blobs``).
    """
    if artifact.status not in changeable_statuses(field):
        raise exception.Forbidden(
            'Blob %s cannot be changed once the artifact is %s.' % (
                field_name, artifact.status))


def verify_digest(expected, actual, header):
    """The digest a client sent (in ``header``) matches the data."""
    if expected and expected.lower() != actual:
        raise exception.BadRequest(
            'The data does not match its %s: expected %s, got %s. Nothing '
            'was stored.' % (header, expected, actual))


def remove_data(context, entries):
    """Delete queued store data; failures stay queued for a retry.

    Returns how many were deleted.
    """
    done = 0
    for entry in entries:
        what = entry.location or 'the partial data of upload %s' % (
            entry.upload_id)
        try:
            if entry.upload_id:
                # Where an interrupted upload wrote, only the store knows.
                store.discard_partial(CONF, entry.upload_id, entry.backend)
            else:
                store.delete(entry.location, entry.backend)
        except exception.GlareException as exc:
            LOG.warning('Could not delete %s in backend %s (%s); it stays '
                        'queued for a later attempt.', what, entry.backend,
                        exc)
            deletions.failed(context, entry.id, exc)
            continue
        deletions.done(context, entry.id)
        done += 1
    return done
