"""Blob use cases: upload, download, and removing stored data.

An upload streams the request body into the store in bounded memory:
glance_store computes md5 and sha256 while writing, and the reader below
adds sha1 and enforces the size limit on the way. The database keeps the
blob ``saving`` under a claim while the bytes flow (see glare.db.blobs),
so nothing is left half-done whichever way the upload ends.
"""

import hashlib
import uuid

from oslo_config import cfg
from oslo_log import log

from glare.db import api as db_api
from glare.db import blobs as db_blobs
from glare import exception
from glare.objects import fields as f
from glare.store import api as store

LOG = log.getLogger(__name__)
CONF = cfg.CONF

_FOLDER_KEY_MAX = 255


class LimitedReader:
    """A file-like view of the request body for glance_store.

    Computes sha1, counts bytes and fails with 413 as soon as more than
    ``limit`` bytes arrive.
    """

    def __init__(self, stream, limit, length=None):
        self.stream = stream
        self.limit = limit
        self.length = length
        self.size = 0
        self.sha1 = hashlib.sha1()

    def read(self, size=-1):
        if self.length is not None:
            remaining = self.length - self.size
            if remaining <= 0:
                return b''
            size = remaining if size is None or size < 0 else min(
                size, remaining)
        chunk = self.stream.read(size)
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
        self.sha1.update(chunk)
        return chunk


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


def _limit(artifact, field, field_name, key):
    """How many bytes this upload may store."""
    limit = field.max_blob_size
    if isinstance(field, f.Folder):
        others = sum(blob.get('size') or 0 for k, blob in
                     (getattr(artifact, field_name) or {}).items()
                     if k != key)
        if len(getattr(artifact, field_name) or {}) >= field.max_keys and \
                key not in (getattr(artifact, field_name) or {}):
            raise exception.BadRequest(
                'Folder %s already has the maximum of %d keys.' % (
                    field_name, field.max_keys))
        limit = min(limit, field.max_folder_size - others)
    return max(limit, 0)


def upload(context, artifact, field_name, key, stream, length,
           content_type, expected_md5=None, expected_sha256=None):
    """Store the request body as a blob; returns the updated artifact."""
    field = blob_field(artifact, field_name, key)
    if artifact.status != 'drafted' and not field.mutable:
        raise exception.Forbidden(
            'Blob %s cannot be uploaded once the artifact is %s.' % (
                field_name, artifact.status))
    limit = _limit(artifact, field, field_name, key)
    if length is not None and length > limit:
        raise exception.RequestEntityTooLarge(
            'The data (%d bytes) is larger than the %d bytes allowed for '
            '%s.' % (length, limit, field_name))
    backend = store.backend_for(CONF, artifact.get_type_name())
    upload_id = str(uuid.uuid4())
    abandoned = db_blobs.claim(context, artifact.id, field_name, key,
                               upload_id, CONF.blob_upload_timeout)
    if abandoned and abandoned[1]:
        LOG.warning('Taking over the abandoned upload %s of %s/%s',
                    abandoned[0], artifact.id, field_name)
    try:
        db_blobs.note_backend(context, artifact.id, field_name, key,
                              upload_id, backend)
        reader = LimitedReader(stream, limit, length)
        location, size, md5, sha256 = store.add(
            CONF, upload_id, reader, length or 0, backend)
    except BaseException:
        # A failed upload leaves the blob as it was; glance_store has
        # removed its partial data.
        db_blobs.release(context, artifact.id, field_name, key, upload_id)
        raise
    try:
        _verify(expected_md5, md5, 'Content-MD5')
        _verify(expected_sha256, sha256, 'X-Openstack-Glare-Content-SHA256')
        replaced = db_blobs.finish(context, artifact.id, field_name, key,
                                   upload_id, {
                                       'size': size, 'md5': md5,
                                       'sha1': reader.sha1.hexdigest(),
                                       'sha256': sha256,
                                       'content_type': content_type,
                                       'external': False,
                                       'location': location,
                                       'backend': backend})
    except BaseException:
        store.delete(location, backend)
        db_blobs.release(context, artifact.id, field_name, key, upload_id)
        raise
    if replaced:
        remove_data(context, [replaced])
    LOG.info('Uploaded %d bytes to %s/%s%s', size, artifact.id,
             field_name, '/' + key if key else '')
    return type(artifact).from_record(db_api.get(context, artifact.id))


def _verify(expected, actual, header):
    if expected and expected.lower() != actual:
        raise exception.BadRequest(
            'The data does not match its %s: expected %s, got %s. Nothing '
            'was stored.' % (header, expected, actual))


def active_blob(context, artifact, field_name, key):
    """The record of a blob that has data (uploaded or external)."""
    blob_field(artifact, field_name, key)
    blob = db_blobs.get(context, artifact.id, field_name, key)
    name = field_name + ('/' + key if key else '')
    if blob is None:
        raise exception.NotFound('Blob %s of artifact %s has no data.' % (
            name, artifact.id))
    if blob['status'] != 'active':
        raise exception.Conflict('Blob %s is still being uploaded.' % name)
    return blob


def read(blob, offset=0, length=None):
    """An iterator over a stored blob's bytes, or a range of them."""
    chunks, _ = store.get(blob['location'], blob['backend'], offset=offset,
                          length=length)
    return chunks


def remove_data(context, entries):
    """Delete queued store data; failures stay queued for a retry."""
    for entry_id, location, backend in entries:
        try:
            store.delete(location, backend)
        except exception.GlareException as exc:
            LOG.warning('Could not delete blob data at %s (%s); it stays '
                        'queued for a later attempt.', location, exc)
            db_blobs.deletion_failed(context, entry_id, exc)
            continue
        db_blobs.deletion_done(context, entry_id)
