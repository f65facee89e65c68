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

"""The one error body every failure of the API is rendered as.

It keeps the keys Glare clients read (``error.message``) and adds the
API-WG ``errors`` list.
"""

import http.client

from oslo_serialization import jsonutils
import webob


def title(code):
    return http.client.responses.get(code, 'Error')


def body(code, message, error_type, request_id=None, error_code=None):
    """The error body.

    ``error_type`` is Glare's name for the error (``error.type``);
    ``error_code`` a more precise one for ``errors[].code``.
    """
    return {
        'code': code,
        'title': title(code),
        'explanation': message,
        'error': {'message': message, 'type': error_type},
        'errors': [{'status': code, 'code': error_code or error_type,
                    'title': title(code), 'detail': message,
                    'request_id': request_id}],
    }


def response(code, message, error_type, request_id=None, headers=None,
             error_code=None):
    resp = webob.Response(status=code, content_type='application/json',
                          charset='utf-8')
    resp.body = jsonutils.dump_as_bytes(
        body(code, message, error_type, request_id, error_code))
    for name, value in (headers or {}).items():
        resp.headers[name] = value
    return resp
