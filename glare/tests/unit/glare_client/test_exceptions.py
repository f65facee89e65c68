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

import json

import requests
import testtools

from glare_client import exceptions


def response(status, body=None, headers=None, reason=None):
    resp = requests.Response()
    resp.status_code = status
    resp.reason = reason
    if isinstance(body, (dict, list)):
        body = json.dumps(body)
    resp._content = (body or '').encode()
    resp.headers.update(headers or {})
    return resp


class TestFromResponse(testtools.TestCase):
    def test_glare_error_body_gives_message_type_and_request_id(self):
        error = exceptions.from_response(response(
            404, {'code': 404, 'title': 'Not Found',
                  'error': {'message': 'Artifact with id=x not found.',
                            'type': 'ArtifactNotFound'}},
            {'X-OpenStack-Request-ID': 'req-1'}))
        self.assertIsInstance(error, exceptions.NotFound)
        self.assertEqual(('Artifact with id=x not found.',
                          'ArtifactNotFound', 'req-1', 404),
                         (error.message, error.error_type, error.request_id,
                          error.status_code))
        self.assertEqual('HTTP 404: Artifact with id=x not found. '
                         '(Request-ID: req-1)', str(error))

    def test_api_wg_errors_body(self):
        error = exceptions.from_response(response(
            409, {'errors': [{'detail': 'Name taken.', 'code': 'Dup'}]}))
        self.assertIsInstance(error, exceptions.Conflict)
        self.assertEqual(('Name taken.', 'Dup'),
                         (error.message, error.error_type))

    def test_each_status_has_its_class(self):
        for status, cls in ((400, exceptions.BadRequest),
                            (401, exceptions.Unauthorized),
                            (403, exceptions.Forbidden),
                            (406, exceptions.NotAcceptable),
                            (413, exceptions.RequestEntityTooLarge),
                            (415, exceptions.UnsupportedMediaType),
                            (503, exceptions.ServerError),
                            (418, exceptions.HTTPError)):
            error = exceptions.from_response(response(status, 'oops'))
            self.assertIs(cls, type(error))
            self.assertEqual((status, 'oops'),
                             (error.status_code, error.message))

    def test_html_or_empty_body_falls_back_to_reason(self):
        error = exceptions.from_response(response(502, '<html>' + 'x' * 600,
                                                  reason='Bad Gateway'))
        self.assertEqual('Bad Gateway', error.message)
        error = exceptions.from_response(response(500))
        self.assertEqual('error 500', error.message)
