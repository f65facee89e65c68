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

"""The error body Glare clients and API-WG clients both read."""

from glare.api import errors
from glare.tests import base


class TestErrorBody(base.TestCase):
    def test_body_has_glare_and_api_wg_keys(self):
        self.assertEqual({
            'code': 404, 'title': 'Not Found', 'explanation': 'Gone.',
            'error': {'message': 'Gone.', 'type': 'ArtifactNotFound'},
            'errors': [{'status': 404, 'code': 'ArtifactNotFound',
                        'title': 'Not Found', 'detail': 'Gone.',
                        'request_id': 'req-1'}],
        }, errors.body(404, 'Gone.', 'ArtifactNotFound', 'req-1'))

    def test_unknown_status_has_a_title(self):
        self.assertEqual('Error', errors.title(599))

    def test_response(self):
        resp = errors.response(405, 'No.', 'MethodNotAllowed',
                               headers={'Allow': 'GET'})
        self.assertEqual(405, resp.status_int)
        self.assertEqual('application/json', resp.content_type)
        self.assertEqual('GET', resp.headers['Allow'])
        self.assertEqual('No.', resp.json_body['error']['message'])
        self.assertIsNone(resp.json_body['errors'][0]['request_id'])
