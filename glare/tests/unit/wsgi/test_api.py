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

"""The WSGI entry point for uwsgi, gunicorn, mod_wsgi (glare.wsgi.api).

Building the real application is for the functional tests
(test_wsgi_servers runs it in those servers); here it is mocked.
"""

import io
import sys
import types
from unittest import mock

import fixtures

from glare import exception
from glare.tests import base
from glare.wsgi import api as wsgi_api


class TestConfigFiles(base.TestCase):
    def test_oslo_config_defaults_unless_the_environment_names_files(self):
        self.useFixture(fixtures.EnvironmentVariable('GLARE_CONFIG_FILES'))
        self.assertIsNone(wsgi_api.config_files())
        self.useFixture(fixtures.EnvironmentVariable(
            'GLARE_CONFIG_FILES', '/etc/glare/a.conf,/etc/glare/b.conf'))
        self.assertEqual(['/etc/glare/a.conf', '/etc/glare/b.conf'],
                         wsgi_api.config_files())


class TestApplication(base.TestCase):
    def setUp(self):
        super().setUp()
        # What a fresh process starts with.
        for name in ('_APPLICATION', '_FAILURE'):
            self.addCleanup(setattr, wsgi_api, name,
                            getattr(wsgi_api, name))
            setattr(wsgi_api, name, None)
        self.seen = []
        self.init = self.useFixture(fixtures.MockPatchObject(
            wsgi_api, 'init_application',
            return_value=lambda environ, start: self.seen.append(environ)
            or [b'ok'])).mock

    def test_the_application_is_built_once_per_process(self):
        for _ in range(2):
            self.assertEqual([b'ok'], wsgi_api.application({}, None))
        self.init.assert_called_once_with()
        self.assertEqual(2, len(self.seen))

    def test_a_failed_start_answers_every_request_with_its_reason(self):
        self.init.side_effect = RuntimeError('no such file glare.conf')
        self.assertRaises(RuntimeError, wsgi_api.application, {}, None)
        error = self.assertRaises(exception.GlareException,
                                  wsgi_api.application, {}, None)
        self.assertIn('no such file glare.conf', str(error))
        # Configuration is not parsed again.
        self.init.assert_called_once_with()

    def uwsgi(self, chunks):
        fake = types.ModuleType('uwsgi')
        fake.chunked_read = iter(chunks + [b'']).__next__
        patcher = mock.patch.dict(sys.modules, {'uwsgi': fake})
        patcher.start()
        self.addCleanup(patcher.stop)

    def test_a_chunked_body_is_read_under_uwsgi(self):
        self.uwsgi([b'ab', b'c'])
        environ = {'uwsgi.version': b'2.0', 'wsgi.input': io.BytesIO(),
                   'HTTP_TRANSFER_ENCODING': 'chunked'}
        wsgi_api.application(environ, None)
        self.assertEqual(b'abc', self.seen[0]['wsgi.input'].read())
        self.assertTrue(self.seen[0]['wsgi.input_terminated'])

    def test_bodies_with_a_length_are_left_to_uwsgi(self):
        self.uwsgi([b'not read'])
        body = io.BytesIO(b'abc')
        environ = {'uwsgi.version': b'2.0', 'wsgi.input': body,
                   'CONTENT_LENGTH': '3',
                   'HTTP_TRANSFER_ENCODING': 'chunked'}
        wsgi_api.application(environ, None)
        self.assertIs(body, self.seen[0]['wsgi.input'])

    def test_other_servers_read_their_own_bodies(self):
        body = io.BytesIO(b'abc')
        wsgi_api.application({'wsgi.input': body,
                              'HTTP_TRANSFER_ENCODING': 'chunked'}, None)
        self.assertIs(body, self.seen[0]['wsgi.input'])


class TestChunkedInput(base.TestCase):
    def input(self, *chunks):
        return wsgi_api.ChunkedInput(iter(list(chunks) + [b'']).__next__)

    def test_read_all_or_some(self):
        body = self.input(b'hello ', b'wor', b'ld')
        self.assertEqual(b'hel', body.read(3))
        self.assertEqual(b'lo wo', body.read(5))
        self.assertEqual(b'rld', body.read())
        self.assertEqual(b'', body.read())
        self.assertEqual(b'', self.input().read(None))

    def test_lines(self):
        body = self.input(b'one\ntw', b'o\nthree')
        self.assertEqual(b'one\n', body.readline())
        self.assertEqual(b'tw', body.readline(2))
        self.assertEqual([b'o\n', b'three'], list(body))

    def test_a_broken_stream_is_400(self):
        read = mock.Mock(side_effect=[b'ab', OSError('connection reset')])
        body = wsgi_api.ChunkedInput(read)
        error = self.assertRaises(exception.BadRequest, body.read)
        self.assertIn('connection reset', str(error))
