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

"""``glare-api`` as an operator runs it: a real process, real sockets."""

import concurrent.futures
import json
import os
import time

import fixtures
import requests
import testtools
from testtools import content

from glare.tests.functional import server

ADMIN = {'X-Auth-Token': 'admin:admin:admin'}


def _children(pid):
    """Ids of the processes whose parent is ``pid`` (Linux /proc)."""
    found = []
    for entry in os.listdir('/proc'):
        if not entry.isdigit():
            continue
        try:
            with open('/proc/%s/stat' % entry) as stat:
                # "pid (comm) state ppid ...": comm may hold spaces.
                fields = stat.read().rsplit(')', 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry))
    return found


class TestTwoWorkers(server.ServerTestCase):
    server_options = {'workers': 2, 'threads': 4}

    def test_two_worker_processes_serve_one_database(self):
        if not os.path.isdir('/proc'):
            self.skipTest('needs /proc to count worker processes')
        # /healthcheck answers as soon as the first worker is up.
        deadline = time.monotonic() + 30
        while len(_children(self.server.process.pid)) < 2 and \
                time.monotonic() < deadline:
            time.sleep(0.1)
        self.assertEqual(2, len(_children(self.server.process.pid)))
        created = requests.post(self.url + '/artifacts/images',
                                json={'name': 'shared', 'version': '1'},
                                headers=ADMIN, timeout=30)
        self.assertEqual(201, created.status_code, created.text)

        def list_shared(_):
            # A new connection each time, so both workers answer some.
            resp = requests.get(self.url + '/artifacts/images?name=shared',
                                headers=dict(ADMIN, Connection='close'),
                                timeout=30)
            return resp.status_code, [a['id'] for a in
                                      resp.json()['artifacts']]

        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            results = list(pool.map(list_shared, range(40)))
        self.assertEqual([(200, [created.json()['id']])] * 40, results)

    def test_log_says_how_it_serves(self):
        self.assertIn('with 2 worker(s) x 4 thread(s)',
                      self.server.log_text())


class TestStreaming(server.ServerTestCase):
    def test_chunked_request_body_is_read(self):
        body = json.dumps({'name': 'chunked', 'version': '2.0',
                           'tags': ['a', 'b'],
                           'description': 'x' * 3000}).encode()

        def chunks():
            for start in range(0, len(body), 100):
                yield body[start:start + 100]

        resp = requests.post(
            self.url + '/artifacts/images', data=chunks(),
            headers=dict(ADMIN, **{'Content-Type': 'application/json'}),
            timeout=30)
        self.assertEqual('chunked',
                         resp.request.headers.get('Transfer-Encoding'))
        self.assertEqual(201, resp.status_code, resp.text)
        art = resp.json()
        self.assertEqual(('chunked', '2.0.0', ['a', 'b'], 3000),
                         (art['name'], art['version'], art['tags'],
                          len(art['description'])))
        shown = requests.get(self.url + '/artifacts/images/' + art['id'],
                             headers=ADMIN, timeout=30)
        self.assertEqual(art, shown.json())

    def test_health_and_versions_without_credentials(self):
        health = requests.get(self.url + '/healthcheck', timeout=30)
        self.assertEqual(200, health.status_code)
        versions = requests.get(self.url + '/', timeout=30)
        self.assertEqual(300, versions.status_code)
        self.assertIn('X-OpenStack-Request-ID', versions.headers)

    def test_missing_credentials_are_refused_with_json(self):
        resp = requests.get(self.url + '/artifacts/images', timeout=30)
        self.assertEqual(401, resp.status_code)
        self.assertIn('X-Auth-Token', resp.json()['error']['message'])


class TestStartupRefusals(testtools.TestCase):
    """Configurations that must stop ``glare-api`` before it serves."""

    def _run(self, **options):
        directory = self.useFixture(fixtures.TempDir()).path
        options.setdefault('state_dir', os.path.join(directory, 'state'))
        options.setdefault('bind_port', server.free_port())
        path = server.write_config(os.path.join(directory, 'glare.conf'),
                                   options)
        env = dict(os.environ,
                   XDG_STATE_HOME=os.path.join(directory, 'xdg'))
        result = server.run_glare_api(path, timeout=60, env=env)
        self.addDetail('glare-api output', content.text_content(
            result.stdout + result.stderr))
        return result

    def test_unknown_artifact_type_stops_start_up(self):
        result = self._run(enabled_artifact_types='images,nosuchtype')
        self.assertNotEqual(0, result.returncode)
        self.assertIn('nosuchtype', result.stderr)

    def test_trusted_auth_refused_on_public_address(self):
        result = self._run(auth_strategy='trusted', bind_host='0.0.0.0')
        self.assertNotEqual(0, result.returncode)
        self.assertIn('allow_insecure_dev_auth', result.stderr)
        self.assertIn('0.0.0.0', result.stderr)

    def test_trusted_auth_on_public_address_when_allowed(self):
        glare = self.useFixture(server.GlareServer(
            {'auth_strategy': 'trusted', 'bind_host': '0.0.0.0',
             'allow_insecure_dev_auth': True}))
        resp = requests.get(glare.url + '/artifacts/images', headers=ADMIN,
                            timeout=30)
        self.assertEqual(200, resp.status_code, resp.text)
        self.assertIn('anyone who reaches it can act as any user',
                      glare.log_text())
