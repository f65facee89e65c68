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

"""Blob use cases: upload, download, locations, and removing data.

An upload streams the request body into the store in bounded memory:
glance_store computes md5 and sha256 while writing, and the reader of
glare.engine.blob_access adds sha1 and enforces the size limit on the
way. The database keeps the blob ``saving`` under a claim while the bytes
flow (see glare.db.blobs), so nothing is left half-done whichever way the
upload ends.

A blob may instead point at data glare does not hold (an external http(s)
URL, never fetched: downloads redirect to it) or, for administrators, at
data already in one of the configured stores (an internal location,
served and deleted like uploaded data).
"""

import string
import urllib.parse
import uuid

from oslo_config import cfg
from oslo_log import log

from glare.db import api as db_api
from glare.db import blobs as db_blobs
from glare.engine import blob_access
from glare.engine import hooks
from glare.engine import notifications
from glare.engine import quotas
from glare import exception
from glare.objects import fields as f
from glare.store import api as store

LOG = log.getLogger(__name__)
CONF = cfg.CONF

LOCATION_CONTENT_TYPE = \
    'application/vnd+openstack.glare-custom-location+json'
_LOCATION_KEYS = ('url', 'md5', 'sha1', 'sha256', 'location_type',
                  'backend')
_DIGEST_LENGTHS = {'md5': 32, 'sha1': 40, 'sha256': 64}
_URL_MAX = 2048


def _limit(artifact, field, field_name, key):
    """How many bytes this upload may store."""
    limit = field.max_blob_size
    if isinstance(field, f.Folder):
        folder = getattr(artifact, field_name) or {}
        others = sum(blob.get('size') or 0 for k, blob in folder.items()
                     if k != key)
        if len(folder) >= field.max_keys and key not in folder:
            raise exception.BadRequest(
                'Folder %s already has the maximum of %d keys.' % (
                    field_name, field.max_keys))
        limit = min(limit, field.max_folder_size - others)
    return max(limit, 0)


def upload(context, artifact, field_name, key, stream, length,
           content_type, expected_md5=None, expected_sha256=None):
    """Store the request body as a blob; returns the updated artifact."""
    field = blob_access.blob_field(artifact, field_name, key)
    blob_access.check_changeable(artifact, field, field_name)
    if type(artifact).has_upload_hook():
        return hooks.upload(context, artifact, field_name, key, stream,
                            length, content_type, expected_md5,
                            expected_sha256)
    limit = _limit(artifact, field, field_name, key)
    if length is not None and length > limit:
        raise exception.RequestEntityTooLarge(
            'The data (%d bytes) is larger than the %d bytes allowed for '
            '%s.' % (length, limit, field_name))
    # Checked before streaming when the size is known, enforced while
    # streaming otherwise, and settled when the upload finishes.
    room, data_limits, quota_name = quotas.remaining_data(
        context, artifact, field_name, key)
    quota = None
    if room is not None:
        if length is not None and length > room:
            raise exception.DataQuotaExceeded(
                'The data (%d bytes) is more than the %d bytes project %s '
                'may still store (quota %s).' % (length, room,
                                                 artifact.owner,
                                                 quota_name))
        limit = min(limit, room)
        quota = (artifact.owner, artifact.get_type_name(), data_limits)
    backend = store.backend_for(CONF, artifact.get_type_name())
    upload_id = str(uuid.uuid4())
    abandoned = db_blobs.claim(context, artifact.id, field_name, key,
                               upload_id, CONF.blob_upload_timeout)
    if abandoned:
        LOG.warning('Taking over the abandoned upload %s of %s/%s',
                    abandoned[0], artifact.id, field_name)
        discard_abandoned(*abandoned)
    try:
        db_blobs.note_backend(context, artifact.id, field_name, key,
                              upload_id, backend)
        reader = blob_access.LimitedReader(stream, limit, length)
        location, size, md5, sha256 = store.add(
            CONF, upload_id, reader, length or 0, backend)
    except BaseException:
        # A failed upload leaves the blob as it was; glance_store has
        # removed its partial data.
        db_blobs.release(context, artifact.id, field_name, key, upload_id)
        raise
    try:
        blob_access.verify_digest(expected_md5, md5, 'Content-MD5')
        blob_access.verify_digest(expected_sha256, sha256,
                                  'X-Openstack-Glare-Content-SHA256')
        replaced = db_blobs.finish(context, artifact.id, field_name, key,
                                   upload_id, {
                                       'size': size, 'md5': md5,
                                       'sha1': reader.sha1.hexdigest(),
                                       'sha256': sha256,
                                       'content_type': content_type,
                                       'external': False,
                                       'location': location,
                                       'backend': backend},
                                   quota=quota)
    except BaseException:
        store.delete(location, backend)
        db_blobs.release(context, artifact.id, field_name, key, upload_id)
        raise
    if replaced:
        blob_access.remove_data(context, [replaced])
    LOG.info('Uploaded %d bytes to %s/%s%s', size, artifact.id,
             field_name, '/' + key if key else '')
    updated = type(artifact).from_record(db_api.get(context, artifact.id))
    notifications.artifact_event(context, 'upload', updated,
                                 blob=_blob_name(field_name, key),
                                 size=size)
    return updated


def discard_abandoned(upload_id, backend):
    """Remove the partial data of an upload whose process died.

    ``backend`` is None when it died before writing anything. A store
    failure is logged, never fatal: it must not block the blob.
    """
    if backend is None:
        return
    try:
        store.discard_partial(CONF, upload_id, backend)
    except exception.GlareException as exc:
        LOG.warning('Could not remove the partial data of abandoned upload '
                    '%s: %s', upload_id, exc)


def release_abandoned(context):
    """Free blobs whose upload's process died; returns how many.

    Their partial data is removed where the store allows (see
    ``discard_abandoned``), and they return to what they were, so no
    artifact stays ``saving`` when nobody uploads again.
    """
    released = db_blobs.release_abandoned(context, CONF.blob_upload_timeout)
    for upload_id, backend in released:
        LOG.warning('Released the abandoned upload %s', upload_id)
        discard_abandoned(upload_id, backend)
    return len(released)


def _blob_name(field_name, key):
    return field_name + ('/' + key if key else '')


def active_blob(context, artifact, field_name, key):
    """The record of a blob that has data (uploaded or external)."""
    blob_access.blob_field(artifact, field_name, key)
    blob = db_blobs.get(context, artifact.id, field_name, key)
    name = field_name + ('/' + key if key else '')
    if blob is None:
        raise exception.NotFound('Blob %s of artifact %s has no data.' % (
            name, artifact.id))
    if blob['status'] != 'active':
        raise exception.Conflict('Blob %s is still being uploaded.' % name)
    return blob


def downloadable_blob(context, artifact, field_name, key):
    """``active_blob`` once the type's download hook agreed."""
    blob_access.blob_field(artifact, field_name, key)
    hooks.before_download(context, artifact, field_name, key)
    return active_blob(context, artifact, field_name, key)


def read(blob, offset=0, length=None):
    """An iterator over a stored blob's bytes, or a range of them."""
    chunks, _ = store.get(CONF, blob['location'], blob['backend'],
                          offset=offset, length=length)
    return chunks


def open_file(blob):
    """A stored blob as an open file when its store keeps files, or None.

    Lets the WSGI server send it with ``sendfile``.
    """
    return store.open_file(CONF, blob['location'], blob['backend'])


def parse_location(body):
    """Check a location body; returns the location as a dict.

    ``{"url", "md5", "sha1"?, "sha256"?, "location_type"?, "backend"?}``:
    an http(s) URL is external unless ``location_type`` says
    ``internal``; any other URL is a glance_store URI (internal). The
    result has ``internal`` (bool) for the caller's policy decision.
    """
    if not isinstance(body, dict):
        raise exception.BadRequest(
            'A location is a JSON object with "url" and "md5".')
    unknown = sorted(set(body) - set(_LOCATION_KEYS))
    if unknown:
        raise exception.BadRequest(
            'Unknown location keys: %s; a location has %s.' % (
                ', '.join(unknown), ', '.join(_LOCATION_KEYS)))
    url = body.get('url')
    if not isinstance(url, str) or not url:
        raise exception.BadRequest(
            'A location needs "url": the URL of the data.')
    if len(url) > _URL_MAX or any(ord(c) <= 32 or ord(c) == 127
                                  for c in url):
        raise exception.BadRequest(
            'Location url must be at most %d characters without spaces or '
            'control characters.' % _URL_MAX)
    location_type = body.get('location_type')
    if location_type not in (None, 'external', 'internal'):
        raise exception.BadRequest(
            'location_type must be "external" or "internal", not %r.' %
            (location_type,))
    parsed = urllib.parse.urlparse(url)
    internal = location_type == 'internal' or (
        location_type is None and parsed.scheme not in ('http', 'https'))
    if not internal and (parsed.scheme not in ('http', 'https') or
                         not parsed.hostname):
        raise exception.BadRequest(
            'An external location url must be an http or https URL with a '
            'host, not %r.' % url)
    location = {'url': url, 'internal': internal,
                'backend': body.get('backend')}
    if location['backend'] is not None and (
            not internal or not isinstance(location['backend'], str)):
        raise exception.BadRequest(
            '"backend" names the store backend of an internal location.')
    for name, length in _DIGEST_LENGTHS.items():
        value = body.get(name)
        if value is None:
            if name == 'md5':
                raise exception.BadRequest(
                    'A location needs "md5": the md5 of its data, %d hex '
                    'digits.' % length)
            location[name] = None
            continue
        if not isinstance(value, str) or len(value) != length or \
                not set(value) <= set(string.hexdigits):
            raise exception.BadRequest(
                'Location %s must be %d hex digits, not %r.' % (
                    name, length, value))
        location[name] = value.lower()
    return location


def add_location(context, artifact, field_name, key, location):
    """Point a blob without data at ``location`` (see parse_location)."""
    field = blob_access.blob_field(artifact, field_name, key)
    blob_access.check_changeable(artifact, field, field_name)
    hooks.before_add_location(context, artifact, field_name, key,
                              location['url'])
    limit = _limit(artifact, field, field_name, key)
    values = {'md5': location['md5'], 'sha1': location['sha1'],
              'sha256': location['sha256']}
    if location['internal']:
        backend = store.find_backend(CONF, location['url'],
                                     location['backend'])
        size = store.size_of(location['url'], backend)
        if size > limit:
            raise exception.RequestEntityTooLarge(
                'The data at %s (%d bytes) is larger than the %d bytes '
                'allowed for %s.' % (location['url'], size, limit,
                                     field_name))
        values.update(external=False, location=location['url'],
                      backend=backend, size=size,
                      content_type='application/octet-stream')
    else:
        values.update(external=True, url=location['url'])
    db_blobs.add_location(context, artifact.id, field_name, key, values)
    LOG.info('Blob %s/%s%s now points at %s', artifact.id, field_name,
             '/' + key if key else '', location['url'])
    updated = type(artifact).from_record(db_api.get(context, artifact.id))
    notifications.artifact_event(context, 'set_location', updated,
                                 blob=_blob_name(field_name, key))
    return updated


def remove(context, artifact, field_name, key):
    """Remove a blob's external location, or the data of a folder key.

    A plain blob's stored data is never removed on its own (upload new
    data instead); a folder key's data is, so a folder can shrink while
    it may change.
    """
    field = blob_access.blob_field(artifact, field_name, key)
    blob_access.check_changeable(artifact, field, field_name)
    entry = db_blobs.remove(context, artifact.id, field_name, key,
                            internal_data=key is not None)
    if entry:
        blob_access.remove_data(context, [entry])
    updated = type(artifact).from_record(db_api.get(context, artifact.id))
    notifications.artifact_event(context, 'delete_blob', updated,
                                 blob=_blob_name(field_name, key))
    return updated
