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

"""Calling the hooks artifact types define, and the writer upload hooks get.

Types define ``pre_*_hook`` class methods (see glare.objects.base and
doc/source/types.rst). The engine calls them here, before it writes
anything, so that a hook's failure is the client's 400 and nothing is
half-done: fields a hook changed are checked like user input and saved
with the operation; blobs an upload hook wrote through a ``BlobWriter``
are kept only when the whole upload succeeds.
"""

import hashlib
import uuid

from oslo_config import cfg
from oslo_log import log
from oslo_utils import timeutils

from glare.db import api as db_api
from glare.db import blobs as db_blobs
from glare.engine import blob_access
from glare.engine import notifications
from glare.engine import quotas
from glare import exception
from glare.objects import fields as f
from glare.store import api as store

LOG = log.getLogger(__name__)
CONF = cfg.CONF

# Read size when draining what an upload hook left of the request body.
_CHUNK = 64 * 1024


def run(hook, context, artifact, *args):
    """Call one hook; any failure becomes a 400 with its message.

    Errors of glare's own kinds keep their status (a hook may answer
    409 or 413 on purpose).
    """
    try:
        return hook(context, artifact, *args)
    except exception.GlareException:
        raise
    except Exception as exc:
        LOG.info('%s of artifact type %s refused artifact %s: %s',
                 hook.__name__, artifact.get_type_name(), artifact.id, exc)
        raise exception.BadRequest(
            str(exc) or 'The %s of artifact type %s refused the request.'
            % (hook.__name__, artifact.get_type_name()))


def _snapshot(artifact):
    return artifact.to_dict()


def _changed_since(artifact, before):
    """Fields a hook changed, checked again like user input.

    Blobs are not fields a hook can set: they change by uploading.
    """
    names = []
    after = artifact.to_dict()
    for name, field in artifact.attributes.items():
        if isinstance(field, f.Blob) or after[name] == before[name]:
            continue
        setattr(artifact, name,
                artifact.coerce_field(name, getattr(artifact, name)))
        names.append(name)
    return names


def before_create(context, artifact):
    """Run ``pre_create_hook``; the artifact is then stored as it left it."""
    before = _snapshot(artifact)
    run(type(artifact).pre_create_hook, context, artifact)
    _changed_since(artifact, before)


def before_update(context, artifact, changed, actions):
    """Run the update and lifecycle hooks of one PATCH.

    ``changed`` names the fields the patch set; ``actions`` the
    lifecycle actions it makes (``activate``, ``publish``...). Returns
    the names of further fields the hooks changed.
    """
    cls = type(artifact)
    before = _snapshot(artifact)
    fields = [name for name in changed if name not in (
        'status', 'visibility', 'activated_at')]
    if fields:
        run(cls.pre_update_hook, context, artifact, list(fields))
    for action in actions:
        if action:
            run(getattr(cls, 'pre_%s_hook' % action), context, artifact)
    return [name for name in _changed_since(artifact, before)
            if name not in changed]


def before_add_location(context, artifact, field_name, key, url):
    run(type(artifact).pre_add_location_hook, context, artifact,
        field_name, key, url)


def before_download(context, artifact, field_name, key):
    run(type(artifact).pre_download_hook, context, artifact, field_name,
        key)


def before_delete(context, artifact):
    run(type(artifact).pre_delete_hook, context, artifact)


class _BodyReader:
    """The request body as an upload hook reads it.

    Limited like any upload body (see blob_access.LimitedReader), and digested
    with md5 and sha256 to check the client's Content-MD5 and
    X-Openstack-Glare-Content-SHA256.
    """

    def __init__(self, stream, limit, length=None):
        self._reader = blob_access.LimitedReader(stream, limit, length)
        self.md5 = hashlib.md5(usedforsecurity=False)
        self.sha256 = hashlib.sha256()

    @property
    def size(self):
        return self._reader.size

    def read(self, size=-1):
        chunk = self._reader.read(size)
        self.md5.update(chunk)
        self.sha256.update(chunk)
        return chunk


class BlobWriter:
    """Stores blobs of one artifact for an upload hook, all or nothing.

    ``write`` streams data into the store at once (bounded memory) under
    an upload claim, so the blob shows ``saving`` meanwhile; the blobs
    become the artifact's only when the engine commits the whole upload,
    in one database transaction with the fields the hook changed. When
    anything fails, every byte written is removed again and the blobs
    are as they were.
    """

    def __init__(self, context, artifact):
        self._context = context
        self._artifact = artifact
        self._claims = []   # (field_name, key, upload_id)
        self._written = []  # (field_name, key, upload_id, values)
        self._removed = []  # (field_name, key)
        self._quota = None

    def write(self, field_name, key, stream,
              content_type='application/octet-stream', size=None):
        """Store ``stream`` as blob ``field_name`` (folder ``key``).

        ``size`` is the size announced, when known. Returns the blob's
        ``size``, ``md5``, ``sha1`` and ``sha256``. Size limits and
        quotas apply as for a direct upload (413).
        """
        art = self._artifact
        field = blob_access.blob_field(art, field_name, key)
        blob_access.check_changeable(art, field, field_name)
        if any((name, k) == (field_name, key)
               for name, k, _ in self._claims):
            raise exception.BadRequest(
                'Blob %s is written twice in one upload.' %
                _blob_name(field_name, key))
        if (field_name, key) in self._removed:
            self._removed.remove((field_name, key))  # replaced instead
        limit = self._limit(field, field_name, key)
        if size is not None and size > limit:
            raise exception.RequestEntityTooLarge(
                'Blob %s (%d bytes) is larger than the %d bytes allowed '
                'for it.' % (_blob_name(field_name, key), size, limit))
        upload_id = str(uuid.uuid4())
        db_blobs.claim(self._context, art.id, field_name, key, upload_id,
                       CONF.blob_upload_timeout)
        self._claims.append((field_name, key, upload_id))
        backend = store.backend_for(CONF, art.get_type_name())
        db_blobs.note_backend(self._context, art.id, field_name, key,
                              upload_id, backend)
        reader = blob_access.LimitedReader(stream, limit, size)
        location, written, md5, sha256 = store.add(
            CONF, upload_id, reader, size or 0, backend)
        values = {'size': written, 'md5': md5,
                  'sha1': reader.sha1.hexdigest(), 'sha256': sha256,
                  'content_type': content_type, 'external': False,
                  'location': location, 'backend': backend}
        self._written.append((field_name, key, upload_id, values))
        return {name: values[name] for name in ('size', 'md5', 'sha1',
                                                'sha256')}

    def remove(self, field_name, key=None):
        """Drop blob ``field_name`` (folder ``key``) with the upload.

        The blob goes, and its stored data is queued for deletion, in
        the transaction that keeps what was written: an archive
        replacing another leaves none of the old one's keys behind.
        Nothing happens if the upload fails. A blob written in this
        upload cannot be removed.
        """
        art = self._artifact
        field = blob_access.blob_field(art, field_name, key)
        blob_access.check_changeable(art, field, field_name)
        if any((name, k) == (field_name, key)
               for name, k, _ in self._claims):
            raise exception.BadRequest(
                'Blob %s is written and removed in one upload.' %
                _blob_name(field_name, key))
        if (field_name, key) not in self._removed:
            self._removed.append((field_name, key))

    def _limit(self, field, field_name, key):
        art = self._artifact
        limit = field.max_blob_size
        if isinstance(field, f.Folder):
            folder = {k: blob for k, blob in
                      (getattr(art, field_name) or {}).items()
                      if (field_name, k) not in self._removed}
            mine = {k: v['size'] for name, k, _, v in self._written
                    if name == field_name}
            keys = set(folder) | set(mine) | {key}
            if len(keys) > field.max_keys:
                raise exception.BadRequest(
                    'Folder %s would have more than its maximum of %d '
                    'keys.' % (field_name, field.max_keys))
            others = sum(blob.get('size') or 0 for k, blob in folder.items()
                         if k != key and k not in mine)
            limit = min(limit, field.max_folder_size - others -
                        sum(mine.values()))
        room, data_limits, name = quotas.remaining_data(
            self._context, art, field_name, key)
        if room is not None:
            self._quota = (art.owner, art.get_type_name(), data_limits)
            room -= sum(v['size'] for _, _, _, v in self._written)
            room += sum(self._removed_sizes())
            if room < limit:
                limit = max(room, 0)
        return max(limit, 0)

    def _removed_sizes(self):
        """Sizes of the stored data of the blobs this upload removes."""
        for name, key in self._removed:
            blob = getattr(self._artifact, name) or {}
            if key is not None:
                blob = blob.get(key) or {}
            if not blob.get('external'):
                yield blob.get('size') or 0

    def commit(self, columns, properties, tags=None):
        """Make the written blobs and changed fields the artifact's.

        Returns the store data they replaced, queued for deletion.
        """
        return db_blobs.finish_all(
            self._context, self._artifact.id, list(self._written),
            quota=self._quota, changes=(columns, properties, tags),
            removals=list(self._removed))

    def abort(self):
        """Remove what was written; blobs go back to what they were."""
        for _, _, _, values in self._written:
            try:
                store.delete(values['location'], values['backend'])
            except exception.GlareException as exc:
                LOG.warning('Could not remove data %s of an abandoned '
                            'upload: %s', values['location'], exc)
        for name, key, upload_id in self._claims:
            db_blobs.release(self._context, self._artifact.id, name, key,
                             upload_id)
        self._written, self._claims, self._removed = [], [], []

    @property
    def written(self):
        """``[(field_name, key, size)]`` in the order written."""
        return [(name, key, values['size'])
                for name, key, _, values in self._written]


def _blob_name(field_name, key):
    return field_name + ('/' + key if key else '')


def upload(context, artifact, field_name, key, stream, length,
           content_type, expected_md5=None, expected_sha256=None):
    """An upload to a type with a ``pre_upload_hook``.

    The hook reads the request body (limited to the blob's size) and
    returns what to store in the blob, or None once it has stored what
    it wanted through the writer. Returns the updated artifact.
    """
    cls = type(artifact)
    field = blob_access.blob_field(artifact, field_name, key)
    blob_access.check_changeable(artifact, field, field_name)
    limit = field.max_blob_size
    if length is not None and length > limit:
        raise exception.RequestEntityTooLarge(
            'The data (%d bytes) is larger than the %d bytes allowed for '
            '%s.' % (length, limit, field_name))
    body = _BodyReader(stream, limit, length)
    writer = BlobWriter(context, artifact)
    before = _snapshot(artifact)
    try:
        result = run(cls.pre_upload_hook, context, artifact, field_name,
                     key, body, writer)
        if result is not None:
            writer.write(field_name, key, result, content_type,
                         size=length if result is body else None)
        # The whole body counts, whatever the hook read of it.
        while body.read(_CHUNK):
            pass
        blob_access.verify_digest(expected_md5, body.md5.hexdigest(),
                                  'Content-MD5')
        blob_access.verify_digest(expected_sha256, body.sha256.hexdigest(),
                                  'X-Openstack-Glare-Content-SHA256')
        changed = _changed_since(artifact, before)
        if changed:
            artifact.updated_at = timeutils.utcnow()
            changed.append('updated_at')
        columns, properties = artifact.to_record(changed)
        replaced = writer.commit(columns, properties,
                                 columns.pop('tags', None))
    except BaseException:
        writer.abort()
        raise
    blob_access.remove_data(context, replaced)
    for name, written_key, size in writer.written:
        LOG.info('Uploaded %d bytes to %s/%s', size, artifact.id,
                 _blob_name(name, written_key))
    updated = cls.from_record(db_api.get(context, artifact.id))
    notifications.artifact_event(context, 'upload', updated,
                                 blob=_blob_name(field_name, key),
                                 size=body.size)
    return updated
