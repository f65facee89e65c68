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

"""Uploads: the one pipeline every byte written to a blob goes through.

An upload of a request body to blob ``field[/key]``:

1. **read** the body through a ``RequestBody``: limited to what the blob
   may hold (413 as soon as it is exceeded), checked against its
   Content-Length, digested only when the client sent a digest to check;
2. **transform**, optionally: a type's ``pre_upload_hook`` reads the body
   and returns what to store (a checked or converted stream), or stores
   several blobs itself through the ``Upload`` it is handed (an archive
   unpacked into a folder), or changes fields;
3. **write** each blob with ``Upload.write``: a claim on the blob in the
   database (one transaction that also checks the artifact's status and
   reads the project's quota room), then the data streamed into the
   store, which computes md5 and sha256 while the reader adds sha1;
4. **commit** everything in one transaction (``Upload.commit``): the
   artifact's status checked again, every blob and changed field
   written, the project's data quota settled under its lock, replaced
   data queued for deletion; the artifact as it is then is returned.

Whatever fails, ``Upload.abort`` removes what was written and the blobs
return to what they were: nothing is left ``saving`` or orphaned.
"""

import hashlib
import os
import socket
import time
import uuid

from oslo_config import cfg
from oslo_log import log
from oslo_utils import timeutils

from glare.db import api as db_api
from glare.db import blobs as db_blobs
from glare.db import mapping
from glare.db import stored_data
from glare.engine import artifacts
from glare.engine import blob_access
from glare.engine import hooks
from glare.engine import notifications
from glare.engine import quotas
from glare import exception
from glare import metrics
from glare.store import api as store

LOG = log.getLogger(__name__)
CONF = cfg.CONF

# Read size when draining what a hook left of the request body.
_CHUNK = 1024 * 1024


class RequestBody:
    """The request body of an upload, read at most once.

    Fails with 413 as soon as more than ``limit`` bytes arrive and with
    400 when the body ends before its Content-Length. Digests the bytes
    with the algorithms in ``digests`` (only those a client asked to
    check: the store digests what it stores).
    """

    def __init__(self, stream, limit, length=None, digests=()):
        self._reader = blob_access.LimitedReader(stream, limit, length,
                                                 sha1=False)
        self._digests = {name: hashlib.new(name) for name in digests}

    @property
    def size(self):
        return self._reader.size

    def read(self, size=-1):
        chunk = self._reader.read(size)
        for digest in self._digests.values():
            digest.update(chunk)
        return chunk

    def drain(self):
        """Read what is left: the whole body counts, whoever read it."""
        while self.read(_CHUNK):
            pass

    def hexdigest(self, name):
        return self._digests[name].hexdigest()


class Upload:
    """Blobs of one artifact written by one request, all or nothing.

    Upload hooks get it as their ``writer`` (see
    ``glare.objects.base.BaseArtifact.pre_upload_hook``).
    """

    def __init__(self, context, artifact):
        self._context = context
        self._artifact = artifact
        self._claims = []   # (field_name, key, upload_id)
        self._written = []  # (field_name, key, upload_id, values)
        self._removed = []  # (field_name, key)
        # Statuses the artifact must keep until the commit.
        self._statuses = blob_access.MUTABLE_BLOB_STATUSES
        self._data_limits = None

    def write(self, field_name, key, stream,
              content_type='application/octet-stream', size=None):
        """Store ``stream`` as blob ``field_name`` (folder ``key``).

        ``size`` is the size announced, when known. Returns the blob's
        ``size``, ``md5``, ``sha1`` and ``sha256``. Size limits and
        quotas apply (413).
        """
        return self.store(self.claim(field_name, key, size), stream,
                          content_type, size)

    def store(self, claimed, stream, content_type='application/octet-stream',
              size=None):
        """Store ``stream`` in a blob this upload claimed (``claim``).

        Returns what ``write`` returns.
        """
        field_name, key, upload_id, backend, limit = claimed
        reader = blob_access.LimitedReader(
            stream, limit, size, sha1=True, on_progress=_Heartbeat(
                self._context, self._artifact.id, field_name, key,
                upload_id))
        try:
            location, written, md5, sha256 = store.add(
                CONF, upload_id, reader, size or 0, backend)
        finally:
            reader.close()
        values = {'size': written, 'md5': md5,
                  'sha1': reader.sha1.hexdigest(), 'sha256': sha256,
                  'content_type': content_type, 'external': False,
                  'location': location, 'backend': backend}
        self._written.append((field_name, key, upload_id, values))
        return {name: values[name] for name in ('size', 'md5', 'sha1',
                                                'sha256')}

    def link(self, field_name, key, data,
             content_type='application/octet-stream'):
        """Make stored ``data`` blob ``field_name`` (folder ``key``).

        ``data`` is a row of ``glare.db.stored_data`` the caller may
        read: nothing is written, the blob references it. Size limits
        and quotas apply as to an upload of the same bytes (413).
        """
        _, _, upload_id, _, _ = self.claim(field_name, key, data.size)
        values = {'size': data.size, 'md5': data.md5, 'sha1': data.sha1,
                  'sha256': data.sha256, 'content_type': content_type,
                  'external': False, 'location': data.location,
                  'backend': data.backend, 'data_id': data.id}
        self._written.append((field_name, key, upload_id, values))

    def adopt(self, field_name, key, location, backend, digests,
              content_type='application/octet-stream'):
        """Make data already in the store blob ``field_name``'s (``key``).

        The caller wrote ``location`` in ``backend`` and knows its
        ``digests`` (``size``, ``md5``, ``sha1``, ``sha256``): nothing is
        read or copied. Size limits and quotas apply as to an upload of
        the same bytes (413). The data stays the caller's until the
        commit: ``abort`` leaves it where it is.
        """
        _, _, upload_id, _, _ = self.claim(field_name, key,
                                           digests['size'])
        values = {name: digests[name] for name in ('size', 'md5', 'sha1',
                                                   'sha256')}
        values.update(content_type=content_type, external=False,
                      location=location, backend=backend, adopted=True)
        self._written.append((field_name, key, upload_id, values))

    def claim(self, field_name, key, size=None):
        """Claim a blob for this upload; the blob is ``saving`` from now.

        Returns ``(field_name, key, upload_id, backend, limit)`` for
        ``store``; ``limit`` is how many bytes the blob may take: its
        field's room and the project's data quota (413 at once when
        ``size`` is more).
        """
        art = self._artifact
        field = self._changeable(field_name, key)
        if any((name, k) == (field_name, key)
               for name, k, _ in self._claims):
            raise exception.BadRequest(
                'Blob %s is written twice in one upload.' %
                db_blobs.blob_name(field_name, key))
        if (field_name, key) in self._removed:
            self._removed.remove((field_name, key))  # replaced instead
        limit = self._field_limit(field, field_name, key)
        self._check_size(size, limit, field_name, key)
        type_name = art.get_type_name()
        claim = db_blobs.Claim(str(uuid.uuid4()), process_owner(),
                               store.backend_for(CONF, type_name))
        taken_over, room = db_blobs.claim(
            self._context, art.id, field_name, key, claim, self._statuses,
            CONF.blob_upload_stall_timeout, owner_alive,
            data_quota=(art.owner, type_name,
                        quotas.configured(quotas.DATA, type_name)))
        self._claims.append((field_name, key, claim.upload_id))
        if taken_over:
            LOG.warning('Took over the abandoned upload %s of %s/%s',
                        taken_over.upload_id, art.id,
                        db_blobs.blob_name(field_name, key))
            blob_access.remove_data(self._context, [taken_over])
        if room is not None:
            left, self._data_limits, quota_name = room
            left += self._removed_bytes() - self._written_bytes()
            if left < limit:
                limit = max(left, 0)
                if size is not None and size > limit:
                    raise exception.DataQuotaExceeded(
                        'The data (%d bytes) is more than the %d bytes '
                        'project %s may still store (quota %s).' % (
                            size, limit, art.owner, quota_name))
        return field_name, key, claim.upload_id, claim.backend, limit

    def remove(self, field_name, key=None):
        """Drop blob ``field_name`` (folder ``key``) with the upload.

        The blob goes, and its stored data is queued for deletion, in the
        transaction that keeps what was written: an archive replacing
        another leaves none of the old one's keys behind. Nothing happens
        if the upload fails. A blob written in this upload cannot be
        removed.
        """
        self._changeable(field_name, key)
        if any((name, k) == (field_name, key)
               for name, k, _ in self._claims):
            raise exception.BadRequest(
                'Blob %s is written and removed in one upload.' %
                db_blobs.blob_name(field_name, key))
        if (field_name, key) not in self._removed:
            self._removed.append((field_name, key))

    @property
    def written(self):
        """``[(field_name, key, size)]`` in the order written."""
        return [(name, key, values['size'])
                for name, key, _, values in self._written]

    def commit(self, changed=(), notify=None, release=None, prepare=None):
        """Make what was written, and fields in ``changed``, the artifact's.

        ``notify(artifact)`` records the notification of the change in the
        same transaction. ``prepare()``, called before anything else in
        it, claims and writes what needs no transfer (``link``): one
        transaction instead of a claim's and a commit's.
        ``release()``, called in it once the artifact is locked
        (``glare.db.blobs.finish``), drops what the data was assembled
        from (an upload session) and returns the queue entries of its
        data, removed after the commit. Returns the artifact as it is
        after the commit.
        """
        art = self._artifact
        columns, properties = {}, {}
        if changed:
            art.updated_at = timeutils.utcnow()
            columns, properties = mapping.to_rows(
                art, list(changed) + ['updated_at'])
        with db_api.transaction(self._context):
            if prepare is not None:
                prepare()
            data_limits = None if self._data_limits is None else (
                art.owner, art.get_type_name(), self._data_limits)
            record, queued = db_blobs.finish(
                self._context, art.id, self._statuses, list(self._written),
                data_limits=data_limits,
                changes=(columns, properties, columns.pop('tags', None)),
                removals=list(self._removed), before=release)
            updated = mapping.to_artifact(type(art), record)
            if notify is not None:
                notify(updated)
        self._claims = []
        blob_access.remove_data(self._context, queued)
        return updated

    def abort(self):
        """Remove what was written; blobs go back to what they were."""
        for _, _, _, values in self._written:
            if values.get('data_id') is not None or values.get('adopted'):
                continue  # shared with others, or still its writer's
            try:
                store.delete(values['location'], values['backend'])
            except exception.GlareException as exc:
                LOG.warning('Could not remove data %s of a failed upload: '
                            '%s', values['location'], exc)
        if self._claims:
            db_blobs.release(self._context, self._artifact.id, self._claims)
        self._written, self._claims, self._removed = [], [], []

    # -- limits ---------------------------------------------------------------

    def _changeable(self, field_name, key):
        art = self._artifact
        field = blob_access.blob_field(art, field_name, key)
        blob_access.check_changeable(art, field, field_name)
        if not field.mutable:
            # Every blob of the upload is committed together: the
            # strictest field decides.
            self._statuses = blob_access.IMMUTABLE_BLOB_STATUSES
        return field

    def _field_limit(self, field, field_name, key):
        written = {k: values['size'] for name, k, _, values in self._written
                   if name == field_name}
        removed = [k for name, k in self._removed if name == field_name]
        return blob_access.field_limit(self._artifact, field, field_name,
                                       key, written, removed)

    @staticmethod
    def _check_size(size, limit, field_name, key):
        if size is not None and size > limit:
            raise exception.RequestEntityTooLarge(
                'The data (%d bytes) is larger than the %d bytes allowed '
                'for %s.' % (size, limit,
                             db_blobs.blob_name(field_name, key)))

    def _written_bytes(self):
        return sum(values['size'] for _, _, _, values in self._written)

    def _removed_bytes(self):
        """Bytes of stored data of the blobs this upload removes."""
        total = 0
        for name, key in self._removed:
            blob = getattr(self._artifact, name) or {}
            if key is not None:
                blob = blob.get(key) or {}
            if not blob.get('external'):
                total += blob.get('size') or 0
        return total


def upload(context, artifact, field_name, key, stream, length,
           content_type, expected_md5=None, expected_sha256=None):
    """Store a request body in a blob; returns the updated artifact."""
    with metrics.families().uploads.track_inprogress():
        return _upload(context, artifact, field_name, key, stream, length,
                       content_type, expected_md5, expected_sha256)


def _upload(context, artifact, field_name, key, stream, length,
            content_type, expected_md5, expected_sha256):
    cls = type(artifact)
    field = blob_access.blob_field(artifact, field_name, key)
    blob_access.check_changeable(artifact, field, field_name)
    Upload._check_size(length, field.max_blob_size, field_name, key)
    hooked = cls.has_upload_hook()
    # The store digests what it stores; a hook may store something else
    # than the body, whose digests the client's are then checked against.
    checks = [(name, expected, header) for name, expected, header in (
        ('md5', expected_md5, 'Content-MD5'),
        ('sha256', expected_sha256, 'X-Openstack-Glare-Content-SHA256'))
        if expected]
    writer = Upload(context, artifact)
    try:
        if hooked:
            body = RequestBody(stream, field.max_blob_size, length,
                               digests=[name for name, _, _ in checks])
            before = hooks.snapshot(artifact)
            result = hooks.run(cls.pre_upload_hook, context, artifact,
                               field_name, key, body, writer)
            if result is not None:
                writer.write(field_name, key, result, content_type,
                             size=length if result is body else None)
            body.drain()
            for name, expected, header in checks:
                blob_access.verify_digest(expected, body.hexdigest(name),
                                          header)
            changed = hooks.changed_since(artifact, before)
            size = body.size
        else:
            digests = writer.write(field_name, key, stream, content_type,
                                   size=length)
            for name, expected, header in checks:
                blob_access.verify_digest(expected, digests[name], header)
            changed = []
            size = digests['size']
        updated = writer.commit(changed, lambda art: (
            notifications.artifact_event(
                context, 'upload', art,
                blob=db_blobs.blob_name(field_name, key), size=size)))
    except BaseException:
        writer.abort()
        raise
    for name, written_key, written in writer.written:
        LOG.info('Uploaded %d bytes to %s/%s', written, artifact.id,
                 db_blobs.blob_name(name, written_key))
    return updated


class _Heartbeat:
    """Records, a few times per stall timeout, that an upload's data moves.

    Raises Conflict (the upload then fails and cleans up) when the claim
    was taken over meanwhile: the upload had stalled.
    """

    def __init__(self, context, artifact_id, field_name, key, upload_id):
        self._args = (context, artifact_id, field_name, key, upload_id)
        self._interval = CONF.blob_upload_stall_timeout / 4.0
        self._last = time.monotonic()

    def __call__(self):
        now = time.monotonic()
        if now - self._last < self._interval:
            return
        self._last = now
        if not db_blobs.heartbeat(*self._args):
            raise exception.Conflict(
                'The upload of blob %s stalled for longer than '
                'blob_upload_stall_timeout and another upload took the blob '
                'over.' % db_blobs.blob_name(*self._args[2:4]))


def _process_start(pid):
    """When process ``pid`` started (clock ticks since boot), or None.

    Tells a process from a later one that got the same pid. None when
    there is no such process, or it has exited and waits to be reaped (a
    zombie: where no init reaps orphans, the workers of a killed server
    stay so). Linux only; elsewhere None, and the pid alone decides.
    """
    try:
        with open('/proc/%d/stat' % pid, 'rb') as stat:
            data = stat.read()
    except OSError:
        return None
    # Fields after the command name, which may hold spaces and ")":
    # state is the first, starttime the 20th.
    fields = data[data.rindex(b')') + 2:].split()
    if fields[0] in (b'Z', b'X'):
        return None
    return fields[19].decode()


_OWNER = {}


def process_owner():
    """``host:pid:start`` of this process, as its claims name it."""
    pid = os.getpid()
    if pid not in _OWNER:  # worker processes fork after import
        _OWNER.clear()
        _OWNER[pid] = '%s:%d:%s' % (socket.gethostname(), pid,
                                    _process_start(pid) or '')
    return _OWNER[pid]


def owner_alive(owner):
    """Whether the process named ``owner`` may still be uploading.

    Processes of other hosts are presumed alive (their heartbeat tells);
    on this host a process that is gone, or whose pid now belongs to a
    later process, is not.
    """
    host, pid, start = owner.rsplit(':', 2)
    if host != socket.gethostname() or not pid.isdigit():
        return True
    if not os.path.isdir('/proc/self'):
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return False
        except OSError:
            pass
        return True
    current = _process_start(int(pid))
    return current is not None and (not start or start == current)


def release_abandoned(context):
    """Free blobs whose upload died or stalled; returns how many.

    They return to what they were, so no artifact stays ``saving`` when
    nobody uploads again, and their partial data is removed where the
    store allows (else it stays queued).
    """
    queued = db_blobs.release_abandoned(
        context, CONF.blob_upload_stall_timeout, owner_alive)
    for entry in queued:
        LOG.warning('Released the abandoned upload %s', entry.upload_id)
    blob_access.remove_data(context, queued)
    return len(queued)


def link(context, artifact, field_name, key, sha256, content_type):
    """Make data already stored with ``sha256`` a blob's data.

    404 unless the caller can read an artifact holding that data (no
    existence oracle across projects). Types that check or transform
    uploaded data (an upload hook) need the bytes: 400. Returns the
    updated artifact.
    """
    cls = type(artifact)
    field = blob_access.blob_field(artifact, field_name, key)
    blob_access.check_changeable(artifact, field, field_name)
    if cls.has_upload_hook():
        raise exception.BadRequest(
            'Artifact type %s checks the data uploaded to it: upload the '
            'bytes instead of a digest.' % cls.get_type_name())
    data = stored_data.find_readable(
        context, sha256, artifacts.read_scope(context),
        store.backend_for(CONF, cls.get_type_name()))
    if data is None:
        raise exception.NotFound(
            'There is no data with digest sha256:%s that you can read.' %
            sha256)
    writer = Upload(context, artifact)
    try:
        # Nothing to transfer: the claim and the result commit together.
        updated = writer.commit(
            prepare=lambda: writer.link(field_name, key, data,
                                        content_type),
            notify=lambda art: notifications.artifact_event(
                context, 'upload', art,
                blob=db_blobs.blob_name(field_name, key), size=data.size))
    except BaseException:
        writer.abort()
        raise
    LOG.info('Linked %d bytes of stored data to %s/%s', data.size,
             artifact.id, db_blobs.blob_name(field_name, key))
    return updated
