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

"""Blob use cases besides uploads: downloads, locations, removing data.

Uploads are glare.engine.uploads.

A blob may point at data glare does not hold (an external http(s)
URL, never fetched: downloads redirect to it) or, for administrators, at
data already in one of the configured stores (an internal location,
served and deleted like uploaded data).
"""

import string
import urllib.parse

from oslo_config import cfg
from oslo_log import log

from glare.db import api as db_api
from glare.db import blobs as db_blobs
from glare.db import mapping
from glare.engine import blob_access
from glare.engine import hooks
from glare.engine import notifications
from glare import exception
from glare.store import api as store

LOG = log.getLogger(__name__)
CONF = cfg.CONF

LOCATION_CONTENT_TYPE = \
    'application/vnd+openstack.glare-custom-location+json'
_LOCATION_KEYS = ('url', 'md5', 'sha1', 'sha256', 'location_type',
                  'backend')
_DIGEST_LENGTHS = {'md5': 32, 'sha1': 40, 'sha256': 64}
_URL_MAX = 2048


def active_blob(context, artifact, field_name, key):
    """The record of a blob that has data (uploaded or external).

    A blob being uploaded again keeps its earlier data until the new
    upload ends.
    """
    blob_access.blob_field(artifact, field_name, key)
    blob = db_blobs.get(context, artifact.id, field_name, key)
    name = db_blobs.blob_name(field_name, key)
    if blob is None:
        raise exception.NotFound('Blob %s of artifact %s has no data.' % (
            name, artifact.id))
    if blob['status'] != 'active' and not (blob['location'] or
                                           blob['url']):
        # While new data is on its way, the earlier data is still served.
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


def open_file(blob, offset=0, length=None):
    """A stored blob (or the range of it) as an open file, or None.

    None when its store does not keep files. Lets the WSGI server send it
    with ``sendfile``.
    """
    return store.open_file(CONF, blob['location'], blob['backend'],
                           offset=offset, length=length)


def parse_location(body):
    """Check a location body; returns the location as a dict.

    ``{"url", "md5", "sha1"?, "sha256"?, "location_type"?, "backend"?}``:
    an http(s) URL is external unless ``location_type`` says
    ``internal``; any other URL is a glance_store URI (internal). The
    result has ``internal`` (bool) for the caller's policy decision, and
    ``implied`` when only the scheme made it internal.
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
        raise invalid_external_url(url)
    location = {'url': url, 'internal': internal,
                # Internal by its scheme alone, not by location_type.
                'implied': internal and location_type is None,
                'backend': body.get('backend')}
    if location['backend'] is not None and (
            not internal or not isinstance(location['backend'], str)):
        raise exception.BadRequest(
            '"backend" names the store backend of an internal location.')
    for name, length in _DIGEST_LENGTHS.items():
        value = body.get(name)
        if value is None:
            # The md5 must be given, if only as null (which
            # python-glareclient sends without --md5), as Glare said.
            if name == 'md5' and name not in body:
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


def invalid_external_url(url):
    return exception.BadRequest(
        'An external location url must be an http or https URL with a '
        'host, not %r.' % url)


def add_location(context, artifact, field_name, key, location):
    """Point a blob without data at ``location`` (see parse_location)."""
    field = blob_access.blob_field(artifact, field_name, key)
    blob_access.check_changeable(artifact, field, field_name)
    hooks.before_add_location(context, artifact, field_name, key,
                              location['url'])
    limit = blob_access.field_limit(artifact, field, field_name, key)
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
        same_data = store.spellings(CONF, location['url'], backend)
    else:
        values.update(external=True, url=location['url'])
        same_data = ()
    name = db_blobs.blob_name(field_name, key)
    with db_api.transaction(context):
        updated = mapping.to_artifact(type(artifact), db_blobs.add_location(
            context, artifact.id, field_name, key,
            blob_access.changeable_statuses(field), values,
            same_data=same_data))
        notifications.artifact_event(context, 'set_location', updated,
                                     blob=name)
    LOG.info('Blob %s/%s now points at %s', artifact.id, name,
             location['url'])
    return updated


def remove(context, artifact, field_name, key, folder_data=False):
    """Remove a blob's external location, or the data of a folder key.

    A plain blob's stored data is never removed on its own (upload new
    data instead); with ``folder_data``, a folder key's is, so a folder
    can shrink while it may change.
    """
    field = blob_access.blob_field(artifact, field_name, key)
    blob_access.check_changeable(artifact, field, field_name)
    with db_api.transaction(context):
        record, entry = db_blobs.remove(
            context, artifact.id, field_name, key,
            blob_access.changeable_statuses(field),
            internal_data=folder_data and key is not None)
        updated = mapping.to_artifact(type(artifact), record)
        notifications.artifact_event(context, 'delete_blob', updated,
                                     blob=db_blobs.blob_name(field_name, key))
    if entry:
        blob_access.remove_data(context, [entry])
    return updated
