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

"""``/healthcheck`` handler (glare.api.controllers.health)."""

import fixtures

from glare.api.controllers import health as controller
from glare.api.middleware import fault
from glare.engine import health
from glare import exception
from glare.tests.unit.api.controllers import fakes


def probe(error=None):
    def run():
        if error:
            raise RuntimeError(error)
        return 'fine'
    return run


class TestHealth(fakes.ControllerTestCase):
    def use(self, database_error=None):
        monitor = health.Monitor(
            [health.Check('database', probe(database_error)),
             health.Check('store', probe())], cache_time=0, timeout=5)
        self.useFixture(fixtures.MockPatchObject(health, '_MONITOR',
                                                 monitor))

    def request(self, path='/healthcheck', address='127.0.0.1', **kwargs):
        req = fakes.request(path, **kwargs)
        req.environ['REMOTE_ADDR'] = address
        return req

    def test_ok_for_load_balancers(self):
        self.use()
        resp = controller.show(self.request())
        self.assertEqual((200, 'text/plain', b'OK'), (
            resp.status_int, resp.content_type, resp.body))
        self.assertEqual('no-store', resp.headers['Cache-Control'])

    def test_unavailable_names_the_failing_check(self):
        self.use('connection refused')
        req = self.request()
        resp = controller.show(req)
        self.assertEqual((503, b'UNAVAILABLE: database'),
                         (resp.status_int, resp.body))
        self.assertEqual('5', resp.headers['Retry-After'])
        # The fault layer leaves this body as it is.
        self.assertTrue(req.environ[fault.OWN_ERROR_BODY])

    def test_detail_shows_each_check(self):
        self.use('connection refused')
        body = self.json(controller.show(self.request('/healthcheck?detail')))
        self.assertEqual('unavailable', body['status'])
        self.assertEqual((False, 'connection refused'), (
            body['checks']['database']['ok'],
            body['checks']['database']['detail']))
        self.assertTrue(body['checks']['store']['ok'])

    def test_detail_from_the_network_needs_the_rule(self):
        self.use()
        self.assertRaises(exception.PolicyNotAuthorized, controller.show,
                          self.request('/healthcheck?detail', '192.0.2.1'))
        admin = self.request('/healthcheck?detail', '192.0.2.1',
                             ctx=fakes.context(roles=('admin',)))
        self.assertEqual('ok', self.json(controller.show(admin))['status'])
