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

"""Imports: glare fetches a blob's data from a URL itself (API 1.2).

The request checks the URL (``glare.engine.url_fetch``), claims the blob
(it is ``saving`` from then on, as for any upload) and records the import
in the database; a background thread of the same API process fetches the
data and streams it through the one upload pipeline
(``glare.engine.uploads.Upload``): size limits, the data quota, digests,
shared data. The request returns at once. A thread rather than another
process: the work is waiting on the network, the claim's owner and
heartbeat are the process's own (so a process that dies mid-import
loses its claim at once, like any upload, and glare-scrubber frees the
blob), and no extra daemon is needed. ``[blob_import] workers`` caps the
imports of one process; beyond it the request is 503 (try again).

Whatever fails leaves the blob as it was (empty, for a new one) and
the import ``failed`` with the reason.
"""

import threading
import uuid

from oslo_config import cfg
from oslo_log import log

from glare import context as glare_context
from glare.db import blobs as db_blobs
from glare.db import url_imports as db_imports
from glare.engine import blob_access
from glare.engine import notifications
from glare.engine import uploads
from glare.engine import url_fetch
from glare import exception

LOG = log.getLogger(__name__)
CONF = cfg.CONF

# Imports this process runs now, under _LOCK.
_LOCK = threading.Lock()
_ACTIVE = [0]
_threads = []


def _take_slot():
    with _LOCK:
        if _ACTIVE[0] >= CONF.blob_import.workers:
            return False
        _ACTIVE[0] += 1
        return True


def _give_slot():
    with _LOCK:
        _ACTIVE[0] -= 1


def get(context, import_id):
    return db_imports.get(context, import_id)


def start(context, artifact, field_name, key, url, sha256=None):
    """Start importing ``url`` into a blob; returns the import record."""
    field = blob_access.blob_field(artifact, field_name, key)
    blob_access.check_changeable(artifact, field, field_name)
    if type(artifact).has_upload_hook():
        raise exception.BadRequest(
            'Artifact type %s checks the data uploaded to it; upload it '
            'instead of importing it.' % artifact.get_type_name())
    url_fetch.check(url)
    if not _take_slot():
        raise exception.ServiceUnavailable(
            'This server runs as many imports as it may (%d); try again '
            'later.' % CONF.blob_import.workers)
    # The request's context belongs to the request: the import gets its
    # own, with the same identity, for everything it does.
    own = glare_context.RequestContext.from_dict(context.to_dict())
    writer = uploads.Upload(own, artifact)
    try:
        claimed = writer.claim(field_name, key)
        record = db_imports.create(own, {
            'id': str(uuid.uuid4()), 'artifact_id': artifact.id,
            'type_name': artifact.get_type_name(),
            'field_name': field_name, 'key_name': key or '', 'url': url,
            'sha256': sha256, 'upload_id': claimed[2]})
    except BaseException:
        writer.abort()
        _give_slot()
        raise
    thread = threading.Thread(
        target=_run, args=(own, writer, claimed, record),
        name='import-%s' % record.id, daemon=True)
    _threads.append(thread)
    thread.start()
    return record


def _run(context, writer, claimed, record):
    field_name, key = claimed[0], claimed[1]
    reason = None
    try:
        response = url_fetch.fetch(record.url)
        try:
            limit = CONF.blob_import.max_size or None
            stream = response if limit is None else \
                blob_access.LimitedReader(response, limit, sha1=False)
            digests = writer.store(claimed, stream,
                                   'application/octet-stream',
                                   size=response.length)
        finally:
            response.close()
        if record.sha256:
            blob_access.verify_digest(record.sha256, digests['sha256'],
                                      'sha256')
        writer.commit(notify=lambda art: notifications.artifact_event(
            context, 'upload', art,
            blob=db_blobs.blob_name(field_name, key),
            size=digests['size']))
        LOG.info('Imported %d bytes from %s into %s/%s', digests['size'],
                 record.url, record.artifact_id,
                 db_blobs.blob_name(field_name, key))
    except exception.GlareException as exc:
        reason = str(exc)
    except Exception as exc:  # recorded for the user, logged in full
        LOG.exception('Import %s failed', record.id)
        reason = 'Internal error: %s' % type(exc).__name__
    finally:
        if reason is not None:
            try:
                writer.abort()
            except Exception:
                LOG.exception('Could not undo the failed import %s',
                              record.id)
        try:
            db_imports.finish(context, record.id, reason)
        except Exception:
            LOG.exception('Could not record how import %s ended', record.id)
        _give_slot()


def fail_stopped(context):
    """Record the imports whose process died as failed (glare-scrubber)."""
    count = db_imports.fail_stopped(context)
    if count:
        LOG.warning('%d imports stopped with their API process', count)
    return count


def wait(timeout=None):
    """Wait for this process's imports (tests, orderly shutdown)."""
    while _threads:
        _threads.pop().join(timeout)
