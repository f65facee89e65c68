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

"""Nobody gets admin from a deployment that forgot to configure auth.

``glare.wsgi.api:application`` is what uwsgi, gunicorn and mod_wsgi
serve, on whatever address their operator chose. It is loaded here in a
process of its own, exactly as a WSGI server loads it (configuration from
``GLARE_CONFIG_FILES``), and called with requests from a loopback client
and from a client elsewhere on the network (``REMOTE_ADDR``), each
claiming to be admin with a development token.
"""

import json
import os
import subprocess
import sys

import fixtures

from glare.tests import base
from glare.tests.functional import server

# Calls the entry point once per client address given; prints an
# ``ANSWER {json}`` line for each (logs go to the same output).
_CALLER = '''
import io, json, sys
try:
    from glare.wsgi import api
except Exception as exc:
    # The application is built on import: a configuration that cannot
    # work stops the server there.
    print('NOT LOADED', json.dumps({'type': type(exc).__name__,
                                    'error': str(exc)}))
    sys.exit(0)

for address in sys.argv[1:]:
    seen = {}
    def start_response(status, headers, exc_info=None):
        seen['status'] = int(status.split()[0])
    environ = {
        'REQUEST_METHOD': 'GET', 'PATH_INFO': '/artifacts/images',
        'QUERY_STRING': '', 'SERVER_NAME': 'glare', 'SERVER_PORT': '9494',
        'SERVER_PROTOCOL': 'HTTP/1.1', 'wsgi.url_scheme': 'http',
        'wsgi.input': io.BytesIO(), 'wsgi.errors': sys.stderr,
        'REMOTE_ADDR': address,
        'HTTP_X_AUTH_TOKEN': 'mallory:admin:admin'}
    try:
        body = b''.join(api.application(environ, start_response))
    except Exception as exc:
        print('ANSWER', json.dumps({'address': address, 'error': str(exc)}))
        continue
    print('ANSWER', json.dumps({'address': address,
                                'status': seen['status'],
                                'body': json.loads(body)}))
'''

REMOTE = '192.0.2.77'
LOOPBACK = '127.0.0.1'


class TestWsgiEntryPointAuth(base.TestCase):
    def call(self, options, *addresses):
        work = self.useFixture(fixtures.TempDir()).path
        options = dict(options, state_dir=work)
        config = server.write_config(os.path.join(work, 'glare.conf'),
                                     options)
        result = subprocess.run(
            [sys.executable, '-c', _CALLER] + list(addresses),
            capture_output=True, text=True, timeout=120,
            env=dict(os.environ, GLARE_CONFIG_FILES=config))
        self.assertEqual(0, result.returncode, result.stderr)
        for line in result.stdout.splitlines():
            if line.startswith('NOT LOADED '):
                return json.loads(line.split(' ', 2)[2])
        answers = [json.loads(line.split(' ', 1)[1]) for line in
                   result.stdout.splitlines() if line.startswith('ANSWER ')]
        return {answer['address']: answer for answer in answers}

    def test_no_configuration_does_not_load_and_says_why(self):
        failure = self.call({}, REMOTE, LOOPBACK)
        self.assertEqual('GlareException', failure['type'])
        self.assertEqual(
            'glare cannot start: auth_strategy = keystone (the default) '
            'needs a [keystone_authtoken] section', failure['error'][:95])

    def test_development_auth_serves_loopback_clients_only(self):
        answers = self.call({'auth_strategy': 'trusted'}, REMOTE, LOOPBACK)
        self.assertEqual(403, answers[REMOTE]['status'])
        self.assertIn('only serves clients on a loopback address',
                      answers[REMOTE]['body']['error']['message'])
        self.assertEqual(200, answers[LOOPBACK]['status'])
        self.assertEqual([], answers[LOOPBACK]['body']['artifacts'])

    def test_noauth_headers_are_refused_from_the_network_too(self):
        answers = self.call({'auth_strategy': 'noauth'}, REMOTE)
        self.assertEqual(403, answers[REMOTE]['status'])

    def test_an_operator_may_accept_the_risk(self):
        answers = self.call({'auth_strategy': 'trusted',
                             'allow_insecure_dev_auth': True}, REMOTE)
        self.assertEqual(200, answers[REMOTE]['status'])
