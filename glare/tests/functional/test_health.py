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

"""/healthcheck tells a load balancer the truth (issue 16).

It answers 503 while the database or the default blob store is
unreachable, 200 again as soon as they are back, without a restart;
``?detail`` shows each check to loopback clients and admins only.
"""

import os
import time

import requests

from glare.tests.functional import base
from glare.tests.functional import proxy

REMOTE = {'REMOTE_ADDR': '192.0.2.10'}


class TestHealthcheck(base.ApiTestCase):
    def setUp(self):
        super().setUp()
        # Every request sees the state of the moment.
        self.flags(healthcheck_cache_time=0)
        self.app = self.build_app()

    def detail(self, token=None, environ=None):
        return self.app.get('/healthcheck?detail', status='*',
                            headers={'X-Auth-Token': token} if token
                            else {}, extra_environ=environ)

    def test_detail_shows_each_check(self):
        resp = self.detail()
        self.assertEqual(200, resp.status_int, resp.text)
        body = resp.json
        self.assertEqual('ok', body['status'])
        self.assertEqual({'database', 'store'}, set(body['checks']))
        for check in body['checks'].values():
            self.assertTrue(check['ok'])
            self.assertGreaterEqual(check['seconds'], 0)
        self.assertEqual('%s: data directories writable' %
                         base.base.CONF.glance_store.default_backend,
                         body['checks']['store']['detail'])

    def test_detail_from_the_network_is_for_admins(self):
        # Development auth answers only loopback clients unless told.
        self.flags(allow_insecure_dev_auth=True)
        self.app = self.build_app()
        self.assertEqual(401, self.detail(environ=REMOTE).status_int)
        self.assertEqual(403, self.detail(base.MEMBER, REMOTE).status_int)
        resp = self.detail(base.ADMIN, REMOTE)
        self.assertEqual(200, resp.status_int)
        self.assertEqual('ok', resp.json['status'])
        # The plain answer stays public everywhere.
        plain = self.app.get('/healthcheck', extra_environ=REMOTE)
        self.assertEqual((200, 'OK'), (plain.status_int, plain.text))

    def test_a_missing_store_directory_is_503_until_it_is_back(self):
        conf = base.base.CONF
        datadir = conf[conf.glance_store.default_backend]\
            .filesystem_store_datadir
        os.rename(datadir, datadir + '.away')
        resp = self.get('/healthcheck', token=None)
        self.assertEqual(503, resp.status_int)
        self.assertEqual('UNAVAILABLE: store', resp.text)
        self.assertEqual('5', resp.headers['Retry-After'])
        detail = self.detail().json
        self.assertEqual('unavailable', detail['status'])
        self.assertIn('is not a directory', detail['checks']['store'][
            'detail'])
        self.assertTrue(detail['checks']['database']['ok'])
        os.rename(datadir + '.away', datadir)
        self.assertEqual(200, self.get('/healthcheck',
                                       token=None).status_int)


class TestHealthcheckOfPostgreSQL(proxy.PostgreSQLServerTestCase):
    """glare-api on PostgreSQL reached through a TCP proxy."""

    server_options = {'workers': 1, 'threads': 4,
                      'healthcheck_cache_time': 0.5}

    def timed_health(self):
        start = time.monotonic()
        resp = requests.get(self.url + '/healthcheck', timeout=30)
        return resp, time.monotonic() - start

    def assertStatusWithin(self, status, seconds):
        """Polled health reaches ``status`` within ``seconds``.

        Each answer comes within one second.
        """
        deadline = time.monotonic() + seconds
        while True:
            resp, took = self.timed_health()
            self.assertLess(took, 1.0, resp.text)
            if resp.status_code == status:
                return resp
            self.assertLess(time.monotonic(), deadline, resp.text)
            time.sleep(0.05)

    def test_database_down_is_503_then_200_without_a_restart(self):
        self.assertEqual(200, self.timed_health()[0].status_code)
        pid = self.server.process.pid
        self.proxy.refuse()
        resp = self.assertStatusWithin(503, 1.0)
        self.assertEqual('UNAVAILABLE: database', resp.text)
        self.proxy.forward()
        self.assertStatusWithin(200, 5)
        self.assertEqual(pid, self.server.process.pid)

    def test_a_hung_database_is_503_within_a_second(self):
        self.proxy.stall()
        self.assertStatusWithin(503, 1.5)
        detail = requests.get(self.url + '/healthcheck?detail',
                              timeout=30).json()
        self.assertFalse(detail['checks']['database']['ok'])
        self.assertIn('healthcheck_timeout',
                      detail['checks']['database']['detail'])
        self.proxy.forward()
        self.assertStatusWithin(200, 5)
