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

"""What glare-api's gunicorn worker answers and raises on its own.

The slow-client behaviour needs real sockets and a real server:
glare/tests/functional/test_http_server.py.
"""

import io
import json
import socket

import fixtures
from gunicorn.http import errors as http_errors

from glare.api import ranges
from glare import exception
from glare.tests import base
from glare.wsgi import worker


class TestHeadComplete(base.TestCase):
    def test_a_blank_line_ends_the_head(self):
        self.assertTrue(worker.head_complete(
            bytearray(b'GET / HTTP/1.1\r\nHost: x\r\n\r\n')))
        self.assertTrue(worker.head_complete(
            bytearray(b'GET / HTTP/1.1\nHost: x\n\n')))

    def test_half_a_request_line_is_not_a_head(self):
        self.assertFalse(worker.head_complete(bytearray(b'GET /artif')))
        self.assertFalse(worker.head_complete(
            bytearray(b'GET / HTTP/1.1\r\nHost: x\r\n')))

    def test_a_blank_line_split_across_reads_is_found(self):
        head = bytearray(b'GET / HTTP/1.1\r\nHost: x\r\n\r')
        searched = len(head)
        head += b'\n'
        self.assertTrue(worker.head_complete(head, searched))


class TestErrorResponse(base.TestCase):
    def parse(self, raw):
        head, _, body = raw.partition(b'\r\n\r\n')
        lines = head.decode('latin-1').split('\r\n')
        headers = dict(line.split(': ', 1) for line in lines[1:])
        self.assertEqual(len(body), int(headers['Content-Length']))
        return lines[0], headers, json.loads(body)

    def test_glare_error_body_and_request_id(self):
        status, headers, body = self.parse(worker.error_response(
            431, 'The request headers are too large: x.'))
        self.assertEqual('HTTP/1.1 431 Request Header Fields Too Large',
                         status)
        self.assertEqual('application/json', headers['Content-Type'])
        self.assertEqual('close', headers['Connection'])
        self.assertEqual(431, body['code'])
        self.assertEqual('The request headers are too large: x.',
                         body['error']['message'])
        self.assertEqual('RequestHeaderFieldsTooLarge',
                         body['error']['type'])
        self.assertEqual(headers['X-OpenStack-Request-ID'],
                         body['errors'][0]['request_id'])
        self.assertTrue(body['errors'][0]['request_id'].startswith('req-'))

    def test_status_of_what_gunicorn_refuses(self):
        cases = [
            (http_errors.LimitRequestLine(9000, 8190), 414),
            (http_errors.LimitRequestHeaders('too many headers'), 431),
            (http_errors.InvalidRequestLine('GET\x01'), 400),
            (http_errors.InvalidChunkSize(b'zz'), 400),
            (http_errors.InvalidHTTPVersion('HTTP/9.9'), 400),
            (http_errors.UnsupportedTransferCoding('gzip'), 501),
            (ValueError('a bug'), 500),
        ]
        self.assertEqual([status for _, status in cases],
                         [worker.error_status(exc) for exc, _ in cases])

    def test_messages_name_the_problem_and_hide_internal_errors(self):
        self.assertIn('8190 bytes', worker.error_message(
            414, http_errors.LimitRequestLine(9000, 8190)))
        self.assertIn('too many headers', worker.error_message(
            431, http_errors.LimitRequestHeaders('too many headers')))
        self.assertNotIn('secret', worker.error_message(
            500, ValueError('secret')))


class _Failing:
    def __init__(self, error):
        self.error = error

    def read(self, size=None):
        raise self.error

    readline = read


class TestClientInput(base.TestCase):
    def test_reads_pass_through(self):
        stream = worker.ClientInput(io.BytesIO(b'line 1\nline 2\n'), 60)
        self.assertEqual(b'line 1\n', stream.readline())
        self.assertEqual([b'line 2\n'], list(stream))
        self.assertEqual(b'', stream.read(10))

    def test_malformed_chunked_body_is_a_bad_request(self):
        stream = worker.ClientInput(
            _Failing(http_errors.InvalidChunkSize(b'zz')), 60)
        exc = self.assertRaises(exception.BadRequest, stream.read, 10)
        self.assertEqual(400, exc.code)

    def test_body_cut_short_is_a_bad_request(self):
        stream = worker.ClientInput(_Failing(http_errors.NoMoreData()), 60)
        exc = self.assertRaises(exception.BadRequest, stream.readline)
        self.assertIn('declared length', exc.msg)

    def test_stalled_body_is_a_request_timeout(self):
        stream = worker.ClientInput(_Failing(socket.timeout('timed out')),
                                    7)
        exc = self.assertRaises(exception.RequestTimeout, stream.read, 10)
        self.assertEqual(408, exc.code)
        self.assertIn('7 seconds', exc.msg)


class TestGuardApplication(base.TestCase):
    def test_socket_timeout_and_input_are_set_before_the_application(self):
        seen = {}

        class Socket:
            def settimeout(self, value):
                seen['timeout'] = value

        def application(environ, start_response):
            seen['input'] = environ['wsgi.input']
            seen['seeks'] = environ.get(ranges.FILE_WRAPPER_SEEKS)
            return [b'ok']

        guarded = worker.guard_application(application, 42)
        body = guarded({'gunicorn.socket': Socket(),
                        'wsgi.input': io.BytesIO(b'data')}, None)
        self.assertEqual([b'ok'], body)
        self.assertEqual(42, seen['timeout'])
        self.assertIsInstance(seen['input'], worker.ClientInput)
        self.assertEqual(b'data', seen['input'].read())
        # gunicorn sends files from their position: ranges use sendfile.
        self.assertIs(True, seen['seeks'])


class TestConfiguration(base.TestCase):
    def test_timeouts_come_from_glare_config_files(self):
        path = self.useFixture(fixtures.TempDir()).join('glare.conf')
        with open(path, 'w') as stream:
            stream.write('[DEFAULT]\nclient_header_timeout = 3.5\n'
                         'client_idle_timeout = 9\n'
                         '[database]\nconnection = sqlite://\n')
        self.useFixture(fixtures.EnvironmentVariable('GLARE_CONFIG_FILES',
                                                     path))
        conf = worker.configuration()
        self.assertEqual((3.5, 9, 60.0), (
            conf.client_header_timeout, conf.client_idle_timeout,
            conf.client_data_timeout))
