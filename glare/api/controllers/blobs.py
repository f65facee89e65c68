"""``/artifacts/{type}/{id}/{blob}[/{key}]``: blob data in and out.

A plain WSGI application rather than a Pecan controller: Pecan reads form
bodies into memory and peeks into (or reads) response bodies to turn
empty ones into 204s, and blob data must stream both ways untouched.
"""

import base64
import binascii

import webob
import webob.dec

from glare.api import http
from glare.engine import artifacts as engine
from glare.engine import blobs
from glare import exception
from glare.objects import registry


def upload(request, type_name, artifact_id, field_name, key=None):
    ctx = http.context(request)
    art = engine.get(ctx, registry.get(type_name), artifact_id)
    ctx.can('artifact:upload', art.target())
    art = blobs.upload(
        ctx, art, field_name, key, request.body_file_raw,
        request.content_length,
        request.content_type or 'application/octet-stream',
        expected_md5=_content_md5(request),
        expected_sha256=request.headers.get(
            'X-Openstack-Glare-Content-SHA256'))
    return http.json_response(art.to_dict())


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


def download(request, type_name, artifact_id, field_name, key=None):
    ctx = http.context(request)
    art = engine.get(ctx, registry.get(type_name), artifact_id)
    ctx.can('artifact:download', art.target())
    if art.status == 'deactivated':
        ctx.can('artifact:download_deactivated', art.target())
    blob = blobs.active_blob(ctx, art, field_name, key)
    if blob['external']:
        return webob.Response(status=301, location=blob['url'])
    resp = webob.Response(headers={
        'Content-MD5': blob['md5'],
        'X-Openstack-Glare-Content-SHA1': blob['sha1'],
        'X-Openstack-Glare-Content-SHA256': blob['sha256'],
        'Accept-Ranges': 'bytes',
    })
    resp.content_type = blob['content_type']
    resp.etag = blob['sha256']
    if blob['sha256'] in request.if_none_match:
        resp.status = 304
        del resp.content_type
        return resp
    size = blob['size']
    offset, length = 0, None
    if request.range is not None:
        content_range = request.range.content_range(size)
        if content_range is None:
            raise exception.RangeNotSatisfiable(
                'Range %s is outside the %d bytes of the blob.' % (
                    request.headers.get('Range'), size),
                headers={'Content-Range': 'bytes */%d' % size})
        offset, length = content_range.start, \
            content_range.stop - content_range.start
        resp.status = 206
        resp.content_range = content_range
    resp.app_iter = blobs.read(blob, offset, length)
    resp.content_length = size if length is None else length
    return resp


_HANDLERS = {'PUT': upload, 'GET': download, 'HEAD': download}


def matches(path):
    """True for paths this application serves (a blob or a folder key)."""
    parts = path.split('/')
    return len(parts) >= 5 and parts[1] == 'artifacts'


@webob.dec.wsgify
def application(request):
    parts = request.path_info.split('/')
    type_name, artifact_id, field_name = parts[2:5]
    key = '/'.join(parts[5:]) if len(parts) > 5 else None
    if not (type_name and artifact_id and field_name):
        raise exception.NotFound()
    handler = _HANDLERS.get(request.method)
    if handler is None:
        raise http.method_not_allowed(request, ['GET', 'HEAD', 'PUT'])
    return handler(request, type_name, artifact_id, field_name, key)
