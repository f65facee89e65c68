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

"""``/artifacts/{type}/{id}/{blob}[/{key}]``: blob data in and out.

Data streams both ways untouched: uploads read the request body as it
arrives (never parsed or buffered), downloads hand stored files to the
server's ``wsgi.file_wrapper`` so it may ``sendfile`` them.
"""

import base64
import binascii
import string

import webob

from glare.api import authorization
from glare.api import http
from glare.api import microversion
from glare.api import ranges
from glare.api import views
from glare.engine import blobs
from glare.engine import uploads
from glare.engine import url_imports as imports
from glare.engine import usage
from glare import exception
from glare.objects import registry
from glare.policies import blobs as blob_policy


# A location body is a few hundred bytes; anything this big is a mistake.
_LOCATION_BODY_MAX = 64 * 1024
# 1.2: a body naming data already stored, instead of the data.
DIGEST_CONTENT_TYPE = 'application/vnd+openstack.glare-blob-digest+json'
# 1.2: a body naming a URL glare fetches the data from.
IMPORT_CONTENT_TYPE = 'application/vnd+openstack.glare-blob-import+json'
# Read size for wsgi.file_wrapper when the server cannot sendfile.
_FILE_CHUNK = 64 * 1024


def split_blob_path(blob_path):
    """``(field_name, key)`` of ``{blob}[/{key}]``; a key may hold ``/``."""
    field_name, slash, key = blob_path.partition('/')
    return field_name, key if slash else None


def upload(request, type_name, artifact_id, blob_path):
    field_name, key = split_blob_path(blob_path)
    ctx = request.context
    artifact_type = registry.get(type_name)
    if request.content_type == blobs.LOCATION_CONTENT_TYPE:
        art = authorization.load(ctx, artifact_type, artifact_id)
        location = blobs.parse_location(_location_body(request))
        rule = blob_policy.SET_INTERNAL_LOCATION if location['internal'] \
            else blob_policy.SET_LOCATION
        if location['implied'] and not ctx.can(
                rule, authorization.target(art), fatal=False):
            # To whoever may not use store URIs, as to Glare's users, it
            # is an external location that is not http(s).
            raise blobs.invalid_external_url(location['url'])
        authorization.check(ctx, art, [rule])
        art = blobs.add_location(ctx, art, field_name, key, location)
        return http.json_response(views.artifact(request, art))
    art = authorization.load(ctx, artifact_type, artifact_id,
                             blob_policy.UPLOAD)
    if (request.content_type == DIGEST_CONTENT_TYPE and
            microversion.is_supported(request, '1.2')):
        sha256, content_type = _digest_body(_location_body(request))
        art = uploads.link(ctx, art, field_name, key, sha256, content_type)
        return http.json_response(views.artifact(request, art))
    if (request.content_type == IMPORT_CONTENT_TYPE and
            microversion.is_supported(request, '1.2')):
        url, sha256 = _import_body(_location_body(request))
        record = imports.start(ctx, art, field_name, key, url, sha256)
        return http.json_response(
            import_view(record), status=202,
            headers={'Location': '/blob-imports/%s' % record.id})
    art = uploads.upload(
        ctx, art, field_name, key, request.body_file_raw,
        request.content_length,
        request.content_type or 'application/octet-stream',
        expected_md5=_content_md5(request),
        expected_sha256=request.headers.get(
            'X-Openstack-Glare-Content-SHA256'))
    return http.json_response(views.artifact(request, art))


def _location_body(request):
    length = request.content_length
    if length is not None and length > _LOCATION_BODY_MAX:
        raise exception.RequestEntityTooLarge(
            'A location body is at most %d bytes.' % _LOCATION_BODY_MAX)
    # Without Content-Length (chunked) the server ends the stream.
    data = http.read_body(
        request, _LOCATION_BODY_MAX + 1 if length is None else length)
    if length is not None and len(data) < length:
        raise exception.UnreadableBody(
            reason='it ended after %d of the %d bytes its Content-Length '
                   'announced' % (len(data), length))
    if len(data) > _LOCATION_BODY_MAX:
        raise exception.RequestEntityTooLarge(
            'A location body is at most %d bytes.' % _LOCATION_BODY_MAX)
    return http.parse_json(data)


def _checked_object(body, name, optional, what, shape):
    """Check that ``body`` is a JSON object with the string ``name``.

    It may have the keys in ``optional`` besides, no others (400);
    ``what`` and ``shape`` name the body in the messages.
    """
    if not isinstance(body, dict) or not isinstance(body.get(name), str):
        raise exception.BadRequest('%s is a JSON object with %s.' % (
            what[0].upper() + what[1:], shape))
    unknown = sorted(set(body) - {name} - set(optional))
    if unknown:
        raise exception.BadRequest('Unknown keys in %s: %s.' % (
            what, ', '.join(unknown)))
    return body


def _is_sha256(value):
    return isinstance(value, str) and len(value) == 64 and all(
        c in string.hexdigits for c in value)


def _digest_body(body):
    """``(sha256, content_type)`` of an upload-by-digest body."""
    _checked_object(body, 'digest', ['content_type'], 'an upload by digest',
                    '"digest": "sha256:<hex>" and optionally '
                    '"content_type"')
    algorithm, _, value = body['digest'].partition(':')
    if algorithm != 'sha256' or not _is_sha256(value):
        raise exception.BadRequest(
            'Digest %r is not "sha256:" and 64 hex digits.' % body['digest'])
    content_type = body.get('content_type', 'application/octet-stream')
    if not isinstance(content_type, str) or not 0 < len(
            content_type) <= 255:
        raise exception.BadRequest('"content_type" must be a string of 1 '
                                   'to 255 characters.')
    return value.lower(), content_type


def _import_body(body):
    """``(url, sha256 or None)`` of an import body."""
    _checked_object(body, 'import_url', ['sha256'], 'an import',
                    '"import_url" and optionally "sha256" (hex) of the '
                    'data')
    if len(body['import_url']) > 2048:
        raise exception.BadRequest('"import_url" is longer than 2048 '
                                   'characters.')
    sha256 = body.get('sha256')
    if sha256 is not None and not _is_sha256(sha256):
        raise exception.BadRequest('"sha256" must be 64 hex digits.')
    return body['import_url'], sha256.lower() if sha256 else None


def import_view(record):
    """An import as clients see it."""
    blob = record.field_name + ('/' + record.key_name
                                if record.key_name else '')
    return {'id': record.id, 'status': record.status,
            'reason': record.reason, 'url': record.url,
            'sha256': record.sha256,
            'blob': '/artifacts/%s/%s/%s' % (record.type_name,
                                             record.artifact_id, blob),
            'created_at': record.created_at.isoformat() + 'Z',
            'updated_at': record.updated_at.isoformat() + 'Z'}


def show_import(request, import_id):
    """``GET /blob-imports/{id}`` (1.2): how an import goes."""
    ctx = request.context
    record = imports.get(ctx, import_id)
    try:
        authorization.load(ctx, registry.get(record.type_name),
                           record.artifact_id)
    except exception.NotFound:
        raise exception.NotFound('Import %s does not exist.' % import_id)
    return http.json_response(import_view(record))


def _content_md5(request):
    """Content-MD5 is base64 of the digest (RFC 1864); hex is accepted."""
    value = request.headers.get('Content-MD5')
    if not value:
        return None
    value = value.strip()
    if len(value) == 32:
        return value.lower()
    try:
        return binascii.hexlify(base64.b64decode(value,
                                                 validate=True)).decode()
    except (binascii.Error, ValueError):
        raise exception.BadRequest('Content-MD5 %r is neither base64 nor '
                                   'hex.' % value)


def download(request, type_name, artifact_id, blob_path):
    field_name, key = split_blob_path(blob_path)
    ctx = request.context
    art = authorization.load(ctx, registry.get(type_name), artifact_id,
                             blob_policy.DOWNLOAD)
    if art.status == 'deactivated':
        authorization.check(ctx, art, [blob_policy.DOWNLOAD_DEACTIVATED])
    blob = blobs.downloadable_blob(ctx, art, field_name, key)
    if request.method == 'GET' and not (
            blob['sha256'] and blob['sha256'] in request.if_none_match):
        usage.downloaded(ctx, art.id)
    # A location registered without sha1/sha256 lacks them.
    digests = {name: value for name, value in (
        ('Content-MD5', blob['md5']),
        ('X-Openstack-Glare-Content-SHA1', blob['sha1']),
        ('X-Openstack-Glare-Content-SHA256', blob['sha256'])) if value}
    if blob['external']:
        # The digests the owner gave, to check what the URL serves.
        resp = webob.Response(status=301, headers=digests)
        resp.location = blob['url']
        del resp.content_type
        return resp
    resp = webob.Response(headers=dict(digests, **{'Accept-Ranges':
                                                   'bytes'}))
    resp.content_type = blob['content_type'] or 'application/octet-stream'
    if blob['sha256']:
        resp.etag = blob['sha256']
    if blob['sha256'] and blob['sha256'] in request.if_none_match:
        resp.status = 304
        del resp.content_type
        return resp
    size = blob['size']
    offset, length = 0, None
    part = ranges.byte_range(request.headers.get('Range'), size)
    if part is not None:
        offset, length = part[0], part[1] - part[0]
        resp.status = 206
        resp.headers['Content-Range'] = ranges.content_range(*part, size)
    resp.app_iter = _body(request, blob, offset, length)
    resp.content_length = size if length is None else length
    return resp


def _body(request, blob, offset, length):
    if request.method == 'HEAD':
        return []
    file_wrapper = request.environ.get('wsgi.file_wrapper')
    whole = offset == 0 and length is None
    if file_wrapper is not None and (
            whole or request.environ.get(ranges.FILE_WRAPPER_SEEKS)):
        # A stored file, or a range of it: the server may sendfile it.
        stream = blobs.open_file(blob, offset, length)
        if stream is not None:
            return file_wrapper(stream, _FILE_CHUNK)
    return blobs.read(blob, offset, length)


def remove(request, type_name, artifact_id, blob_path):
    field_name, key = split_blob_path(blob_path)
    ctx = request.context
    art = authorization.load(ctx, registry.get(type_name), artifact_id)
    authorization.check(ctx, art, [blob_policy.DELETE_BLOB])
    # At every version an external location, as Glare; from 1.2 a
    # folder key with its data too.
    art = blobs.remove(ctx, art, field_name, key,
                       folder_data=microversion.is_supported(request, '1.2'))
    return http.json_response(views.artifact(request, art))


def not_allowed(request):
    """405 for a blob; DELETE of an external location is always served."""
    return http.method_not_allowed(request, ['DELETE', 'GET', 'HEAD',
                                             'PUT'])
