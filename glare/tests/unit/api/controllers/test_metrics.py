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

"""``/metrics`` handler (glare.api.controllers.metrics)."""

import fixtures

from glare.api.controllers import metrics as controller
from glare.engine import health
from glare import exception
from glare.tests.unit.api.controllers import fakes


class TestMetrics(fakes.ControllerTestCase):
    def setUp(self):
        super().setUp()
        # The scrubber's queue is read from the database when scraped.
        self.backlog = self.useFixture(fixtures.MockPatchObject(
            health, 'record_scrubber_backlog')).mock

    def request(self, address, **kwargs):
        req = fakes.request('/metrics', **kwargs)
        req.environ['REMOTE_ADDR'] = address
        return req

    def test_loopback_clients_read_the_exposition(self):
        resp = controller.show(self.request('127.0.0.1'))
        self.assertEqual(200, resp.status_int)
        self.assertTrue(resp.content_type.startswith('text/plain'))
        self.assertIn(b'# TYPE glare_http_requests_total counter',
                      resp.body)
        self.backlog.assert_called_once_with()

    def test_others_need_the_rule(self):
        self.assertRaises(exception.PolicyNotAuthorized, controller.show,
                          self.request('192.0.2.1'))
        resp = controller.show(self.request(
            '192.0.2.1', ctx=fakes.context(roles=('admin',))))
        self.assertEqual(200, resp.status_int)
