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

"""Resumable uploads (API 1.2), modelled on the OCI distribution spec.

``POST /artifacts/{type}/{id}/{blob}[/{key}]/uploads`` starts a session
(202, ``Location: /upload-sessions/{id}``); ``PATCH`` appends a chunk
at its ``Content-Range``; ``GET`` tells where to resume (204, ``Range``);
``PUT ?digest=sha256:<hex>`` finishes; ``DELETE`` cancels.
"""

import re
import string

from glare.api import authorization
from glare.api.controllers import blobs as blob_controller
from glare.api import http
from glare.api import microversion
from glare.api import views
from glare.engine import upload_sessions
from glare import exception
from glare.objects import registry
from glare.policies import upload_sessions as policy

_SUFFIX = '/uploads'
# "bytes a-b/total", "bytes a-b/*", or OCI's bare "a-b".
_CONTENT_RANGE = re.compile(r'^(?:bytes )?(\d+)-(\d+)(?:/(?:\d+|\*))?$')


def _location(session):
    return '/upload-sessions/%s' % session.id


def _headers(session):
    return dict(upload_sessions.range_headers(session),
                Location=_location(session))


def _view(session):
    return {'id': session.id, 'offset': session.received,
            'location': _location(session),
            'expires_at': session.expires_at.isoformat() + 'Z'}


def start(request, type_name, artifact_id, blob_path):
    """POST on a blob path: a session when it ends in ``/uploads``."""
    if not (microversion.is_supported(request, '1.2') and
            blob_path.endswith(_SUFFIX) and len(blob_path) > len(_SUFFIX)):
        raise blob_controller.not_allowed(request)
    field_name, key = blob_controller.split_blob_path(
        blob_path[:-len(_SUFFIX)])
    ctx = request.context
    art = authorization.load(ctx, registry.get(type_name), artifact_id,
                             policy.UPLOAD_SESSION)
    session = upload_sessions.start(
        ctx, art, field_name, key,
        request.content_type or 'application/octet-stream')
    return http.json_response(_view(session), status=202,
                              headers=_headers(session))


def _load(request, session_id):
    """The session and its artifact, once the caller may use them."""
    ctx = request.context
    session = upload_sessions.get(ctx, session_id)
    try:
        art = authorization.load(ctx, registry.get(session.type_name),
                                 session.artifact_id,
                                 policy.UPLOAD_SESSION)
    except exception.NotFound:
        # Whose sessions exist is nobody else's business.
        raise exception.NotFound('Upload session %s does not exist or has '
                                 'expired.' % session_id)
    return session, art


def _chunk_start(request, session):
    """Where the request's chunk starts, checked against its length."""
    header = request.headers.get('Content-Range')
    if header is None:
        return session.received  # streamed: appended where it ends
    match = _CONTENT_RANGE.match(header.strip())
    if match is None:
        raise exception.BadRequest(
            'Content-Range %r is not "<start>-<end>" (bytes, inclusive).' %
            header)
    first, last = int(match.group(1)), int(match.group(2))
    if last < first:
        raise exception.BadRequest('Content-Range %r ends before it '
                                   'starts.' % header)
    length = request.content_length
    if length is not None and length != last - first + 1:
        raise exception.BadRequest(
            'Content-Range %r announces %d bytes; Content-Length is %d.' % (
                header, last - first + 1, length))
    if first != session.received:
        raise upload_sessions.not_at(session)
    return first


def show(request, session_id):
    session, _ = _load(request, session_id)
    resp = http.empty_response(204)
    resp.headers.update(_headers(session))
    return resp


def append(request, session_id):
    session, art = _load(request, session_id)
    start = _chunk_start(request, session)
    session = upload_sessions.append(request.context, art, session,
                                     request.body_file_raw,
                                     request.content_length, start)
    resp = http.empty_response(202)
    resp.headers.update(_headers(session))
    return resp


def _digest(request):
    value = request.GET.get('digest')
    if value is None:
        raise exception.BadRequest('Finishing an upload session needs '
                                   '?digest=sha256:<hex> of its data.')
    algorithm, _, hexdigest = value.partition(':')
    if algorithm != 'sha256' or len(hexdigest) != 64 or any(
            c not in string.hexdigits for c in hexdigest):
        raise exception.BadRequest(
            'Digest %r is not "sha256:" and 64 hex digits.' % value)
    return hexdigest.lower()


def finish(request, session_id):
    session, art = _load(request, session_id)
    sha256 = _digest(request)
    ctx = request.context
    if request.content_length or request.headers.get('Content-Range'):
        # The last chunk may come with the PUT, as in OCI.
        session = upload_sessions.append(
            ctx, art, session, request.body_file_raw,
            request.content_length, _chunk_start(request, session))
    art = upload_sessions.finish(ctx, art, session, sha256)
    key = session.key_name
    return http.json_response(
        views.artifact(request, art), status=201,
        headers={'Location': '/artifacts/%s/%s/%s' % (
            session.type_name, art.id,
            session.field_name + ('/' + key if key else ''))})


def cancel(request, session_id):
    session, _ = _load(request, session_id)
    upload_sessions.cancel(request.context, session)
    return http.empty_response(204)
