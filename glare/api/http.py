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
import pecan
import webob
from webob import acceptparse

from glare.api.middleware import auth
from glare import exception


class Request(pecan.Request):
    """Pecan's request without its own parsing of JSON bodies.

    Pecan parses every JSON body to offer its keys as controller arguments,
    which glare's controllers never take; its parser turns bodies that are
    not UTF-8 into a bare 400 and deeply nested ones into a 500. Bodies are
    read by ``read_json`` alone, which names what is wrong.
    """

    @property
    def json(self):
        raise ValueError('JSON bodies are read by glare.api.http.read_json')

    json_body = json

    @property
    def accept(self):
        # Every route answers JSON whatever the client accepts; Pecan would
        # otherwise negotiate against its default of text/html and refuse
        # "Accept: application/json" with 406.
        return acceptparse.create_accept_header('*/*')


def context(request):
    return request.environ[auth.CONTEXT_KEY]


def read_json(request, content_types):
    """The JSON body of ``request``.

    415 for another content type, 400 for malformed JSON.
    """
    if request.content_type not in content_types:
        raise exception.UnsupportedMediaType(
            content_type=request.content_type or '(none)',
            expected=' or '.join(content_types))
    try:
        return jsonutils.loads(request.body.decode('utf-8'))
    except (ValueError, UnicodeDecodeError) as exc:
        raise exception.MalformedJson(reason=exc)
    except RecursionError:
        raise exception.MalformedJson(reason='it is nested too deeply')


def json_response(body, status=200, headers=None):
    resp = webob.Response(status=status, content_type='application/json',
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
