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

"""Every response of the functional tests checked against /openapi.json.

``ValidatingApp`` is the webtest application ``ApiTestCase`` talks to:
each JSON answer is validated against the schema the OpenAPI document
(``glare.api.openapi``, built for the types the test enabled) gives for
its route, method and status; a status the document does not list for a
route fails the test, unless it is an error, whose body must be the
documented error body.
"""

import jsonschema
import webtest

from glare.api import microversion as mv
from glare.api import openapi
from glare.api import router
from glare.api import routes
from glare.objects import registry

_TABLE = router.Router(routes.ROUTES)
_DOCUMENTS = {}
_JSON_TYPES = ('application/json', 'application/schema+json')


def current_document():
    types = registry.all_types()
    key = tuple(sorted((name, id(cls)) for name, cls in types.items()))
    if key not in _DOCUMENTS:
        _DOCUMENTS.clear()
        _DOCUMENTS[key] = openapi.document()
    return _DOCUMENTS[key]


def response_schema(document, method, path, status):
    """The documented schema of the answer; None when not JSON.

    Raises AssertionError for an answer the document does not allow.
    """
    match = _TABLE.match(path, mv.parse(mv.MAX_VERSION))
    if match.route is None:
        responses = {'default': openapi._DEFAULT_ERROR}
    else:
        operation = document['paths'][openapi._path(
            match.route.template)].get(method.lower())
        responses = operation['responses'] if operation else {
            'default': openapi._DEFAULT_ERROR}
    documented = responses.get(str(status))
    if documented is None:
        if status < 400:
            raise AssertionError(
                '%s %s answered %s, which the OpenAPI document does not '
                'list (%s)' % (method, path, status, sorted(responses)))
        documented = responses['default']
    content = documented.get('content') or {}
    for media_type in _JSON_TYPES:
        if media_type in content:
            return content[media_type]['schema']
    return None


def check(document, method, path, resp):
    # HEAD has no body; OPTIONS is answered by the CORS layer around the
    # API (preflight), which the document does not describe.
    if method in ('HEAD', 'OPTIONS'):
        return
    schema = response_schema(document, method, path, resp.status_int)
    if schema is None or resp.content_type not in _JSON_TYPES or \
            not resp.body:
        return
    rooted = dict(schema, components=document['components'])
    errors = sorted(jsonschema.Draft202012Validator(rooted).iter_errors(
        resp.json), key=lambda e: list(e.absolute_path))
    if errors:
        raise AssertionError(
            '%s %s answered %s with a body the OpenAPI document does not '
            'allow: %s at %s' % (method, path, resp.status_int,
                                 errors[0].message[:500],
                                 list(errors[0].absolute_path)))


class ValidatingApp(webtest.TestApp):
    def do_request(self, req, *args, **kwargs):
        resp = super().do_request(req, *args, **kwargs)
        check(current_document(), req.method, req.path_info, resp)
        return resp
