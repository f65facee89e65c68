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

"""Request and response helpers shared by the controllers."""

from oslo_serialization import jsonutils
import webob
import webob.exc
from webob import multidict

from glare.api import microversion
from glare.api.middleware import auth
from glare import exception


class Request(webob.Request):
    """A request as handlers see it.

    Request bodies are never parsed behind a handler's back: webob would
    read a form-encoded body into memory on first access to ``POST`` or
    ``params``, and blob data may carry any content type.
    """

    @property
    def context(self):
        """The caller: a ``glare.context.RequestContext``."""
        return self.environ[auth.CONTEXT_KEY]

    @property
    def api_version(self):
        """The request's microversion, ``(major, minor)``."""
        return self.environ[microversion.ENVIRON_KEY]

    @property
    def POST(self):
        return multidict.NoVars('glare reads request bodies itself')


def read_json(request, content_types):
    """The JSON body of ``request``.

    415 for another content type, 400 for malformed JSON.
    """
    if request.content_type not in content_types:
        raise exception.UnsupportedMediaType(
            content_type=request.content_type or '(none)',
            expected=' or '.join(content_types))
    return parse_json(read_body(request))


def read_body(request, size=None):
    """The request body, or its first ``size`` bytes.

    A body the client framed wrongly (invalid chunked encoding, fewer bytes
    than its Content-Length before it closed) is a 400, not a server
    error; the WSGI servers report it with exceptions of their own.
    """
    try:
        if size is None:
            return request.body
        return request.body_file_raw.read(size)
    except (exception.GlareException, webob.exc.HTTPException):
        raise
    except Exception as exc:
        raise exception.UnreadableBody(reason=exc)


def parse_json(data):
    """The JSON document in ``data`` (bytes); 400 naming what is wrong."""
    try:
        return jsonutils.loads(data.decode('utf-8'))
    except (ValueError, UnicodeDecodeError) as exc:
        raise exception.MalformedJson(reason=exc)
    except RecursionError:
        raise exception.MalformedJson(reason='it is nested too deeply')


def json_response(body, status=200, headers=None,
                  content_type='application/json'):
    resp = webob.Response(status=status, content_type=content_type,
                          charset='utf-8')
    resp.body = jsonutils.dump_as_bytes(body)
    resp.headers.update(headers or {})
    return resp


def empty_response(status=204):
    resp = webob.Response(status=status)
    del resp.content_type
    return resp


def method_not_allowed(request, allowed):
    return exception.MethodNotAllowed(
        'Method %s is not allowed for %s; allowed: %s.' % (
            request.method, request.path, ', '.join(allowed)),
        headers={'Allow': ', '.join(allowed)})
