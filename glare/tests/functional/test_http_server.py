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

"""The HTTP server of ``glare-api`` against misbehaving clients.

Real sockets on a real ``glare-api``: many half-sent requests must not
stop the server answering others, and what the server refuses before the
application sees a request still gets glare's JSON error body.
"""

import json
import re
import signal
import socket
import threading
import time

import requests
import testtools

from glare.tests.functional import server

ADMIN = {'X-Auth-Token': 'admin:admin:admin'}
TOKEN = b'X-Auth-Token: admin:admin:admin\r\n'
HALF_SENT = 200
HEADER_TIMEOUT = 4


def raw_request(url, data, timeout=30):
    """Send ``data`` on a new connection; the status, headers and body."""
    host, port = url[len('http://'):].rsplit(':', 1)
    with socket.create_connection((host, int(port)), timeout) as sock:
        sock.sendall(data)
        received = b''
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            received += chunk
    head, _, body = received.partition(b'\r\n\r\n')
    lines = head.decode('latin-1').split('\r\n')
    headers = {name.lower(): value for name, value in
               (line.split(': ', 1) for line in lines[1:])}
    return int(lines[0].split()[1]), headers, body


class TestSlowClients(server.ServerTestCase):
    server_options = {'client_header_timeout': HEADER_TIMEOUT,
                      'client_data_timeout': 3, 'threads': 4}

    def half_sent(self, count):
        host, port = self.url[len('http://'):].rsplit(':', 1)
        sockets = []
        self.addCleanup(lambda: [sock.close() for sock in sockets])
        for _ in range(count):
            sock = socket.create_connection((host, int(port)), 10)
            sock.sendall(b'GET /artifacts/ima')
            sockets.append(sock)
        return sockets

    def test_half_sent_requests_do_not_stop_the_server(self):
        sockets = self.half_sent(HALF_SENT)
        opened = time.monotonic()
        # Far more half-sent requests than threads (4): the server still
        # answers at once. (The benchmark holds the tight figure.)
        start = time.monotonic()
        resp = requests.get(self.url + '/artifacts/images', headers=ADMIN,
                            timeout=30)
        answered = time.monotonic() - start
        self.assertEqual(200, resp.status_code, resp.text)
        self.assertLess(answered, HEADER_TIMEOUT / 2.0)
        # ...and closes every half-sent connection after the header
        # timeout (its event loop wakes at least once a second).
        deadline = opened + HEADER_TIMEOUT + 3
        still_open = [sock for sock in sockets
                      if not server.closed_by(sock, deadline)]
        self.assertEqual([], still_open)

    def test_stalled_upload_is_answered_408_and_stores_nothing(self):
        created = requests.post(self.url + '/artifacts/images',
                                json={'name': 'stalled', 'version': '1'},
                                headers=ADMIN, timeout=30).json()
        path = '/artifacts/images/%s/image' % created['id']
        host, port = self.url[len('http://'):].rsplit(':', 1)
        with socket.create_connection((host, int(port)), 30) as sock:
            sock.sendall(b'PUT %s HTTP/1.1\r\nHost: x\r\n%s'
                         b'Content-Type: application/octet-stream\r\n'
                         b'Content-Length: 1000000\r\n\r\n' % (
                             path.encode(), TOKEN) + b'x' * 1000)
            received = b''
            while b'\r\n\r\n' not in received:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                received += chunk
        self.assertTrue(received.startswith(b'HTTP/1.1 408'), received)
        shown = requests.get(self.url + path.rsplit('/', 1)[0],
                             headers=ADMIN, timeout=30).json()
        self.assertIsNone(shown['image'])


class TestKeptAliveConnections(server.ServerTestCase):
    """Requests after the first on one connection, however they arrive."""

    def request(self, path):
        return (b'GET %s HTTP/1.1\r\nHost: x\r\n%s\r\n' % (
            path.encode(), TOKEN))

    def read_responses(self, sock, count):
        received, statuses = b'', []
        while len(statuses) < count:
            head_end = received.find(b'\r\n\r\n')
            if head_end >= 0:
                head = received[:head_end].decode('latin-1')
                length = int(re.search(r'(?i)content-length: *(\d+)',
                                       head).group(1))
                if len(received) >= head_end + 4 + length:
                    statuses.append(int(head.split()[1]))
                    received = received[head_end + 4 + length:]
                    continue
            chunk = sock.recv(65536)
            if not chunk:
                break
            received += chunk
        return statuses

    def connect(self):
        host, port = self.url[len('http://'):].rsplit(':', 1)
        sock = socket.create_connection((host, int(port)), 30)
        self.addCleanup(sock.close)
        return sock

    def test_back_to_back_requests_on_one_connection(self):
        session = requests.Session()
        self.addCleanup(session.close)
        statuses = [session.get(self.url + '/artifacts/images',
                                headers=ADMIN, timeout=30).status_code
                    for _ in range(30)]
        self.assertEqual([200] * 30, statuses)

    def test_pipelined_requests_are_answered_in_order(self):
        sock = self.connect()
        sock.sendall(self.request('/artifacts/images') +
                     self.request('/artifacts/nosuchtype') +
                     self.request('/artifacts/images'))
        self.assertEqual([200, 404, 200], self.read_responses(sock, 3))

    def test_next_request_sent_in_pieces_after_a_pause(self):
        sock = self.connect()
        second = self.request('/artifacts/nosuchtype')
        # Half of the next head comes with the first request, the rest
        # after the thread stopped waiting for it.
        sock.sendall(self.request('/artifacts/images') + second[:10])
        time.sleep(0.5)
        sock.sendall(second[10:])
        self.assertEqual([200, 404], self.read_responses(sock, 2))
        # And one more after the connection went idle.
        time.sleep(0.5)
        sock.sendall(self.request('/artifacts/images'))
        self.assertEqual([200], self.read_responses(sock, 1))


class TestServerErrors(server.ServerTestCase):
    """What the server refuses itself, answered in glare's shape."""

    def assertGlareError(self, status, response, fragment):
        code, headers, body = response
        self.assertEqual(status, code, body)
        self.assertEqual('application/json', headers['content-type'])
        error = json.loads(body)
        self.assertEqual(status, error['code'])
        self.assertIn(fragment, error['error']['message'])
        self.assertEqual(status, error['errors'][0]['status'])
        self.assertEqual(headers['x-openstack-request-id'],
                         error['errors'][0]['request_id'])

    def test_over_long_uri(self):
        query = 'name=' + 'a' * 9000
        self.assertGlareError(414, raw_request(
            self.url, b'GET /artifacts/images?%s HTTP/1.1\r\nHost: x\r\n'
            b'%s\r\n' % (query.encode(), TOKEN)), '8190 bytes')
        # requests, as a client would send it.
        resp = requests.get(self.url + '/artifacts/images?' + query,
                            headers=ADMIN, timeout=30)
        self.assertEqual((414, 414), (resp.status_code,
                                      resp.json()['code']))

    def test_a_long_uri_glare_5_accepted_is_served(self):
        resp = requests.get(
            self.url + '/artifacts/images?name=' + 'a' * 7000,
            headers=ADMIN, timeout=30)
        self.assertEqual(200, resp.status_code, resp.text)

    def test_over_large_header(self):
        self.assertGlareError(431, raw_request(
            self.url, b'GET /artifacts/images HTTP/1.1\r\nHost: x\r\n'
            b'%sX-Large: %s\r\n\r\n' % (TOKEN, b'b' * 10000)),
            'too large')

    def test_too_many_headers(self):
        headers = b''.join(b'X-Header-%d: v\r\n' % i for i in range(150))
        self.assertGlareError(431, raw_request(
            self.url, b'GET /artifacts/images HTTP/1.1\r\nHost: x\r\n'
            b'%s%s\r\n' % (TOKEN, headers)), 'too large')

    def test_bad_framing(self):
        self.assertGlareError(400, raw_request(
            self.url, b'GET\x01 /artifacts HTTP/1.1\r\nHost: x\r\n\r\n'),
            'not valid HTTP')
        self.assertGlareError(400, raw_request(
            self.url, b'POST /artifacts/images HTTP/1.1\r\nHost: x\r\n'
            b'%sContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n'
            b'0\r\n\r\n' % TOKEN), 'not valid HTTP')

    def test_malformed_chunked_body(self):
        code, headers, body = raw_request(
            self.url, b'POST /artifacts/images HTTP/1.1\r\nHost: x\r\n'
            b'%sContent-Type: application/json\r\nConnection: close\r\n'
            b'Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n' %
            TOKEN)
        self.assertEqual(400, code, body)
        self.assertEqual(400, json.loads(body)['code'])
        self.assertTrue(re.match('req-', headers['x-openstack-request-id']))


class TestGracefulStop(testtools.TestCase):
    def test_running_upload_finishes_and_late_heads_do_not_hold_the_stop(self):
        glare = self.useFixture(server.GlareServer(
            {'client_header_timeout': 60, 'client_idle_timeout': 60}))
        created = requests.post(glare.url + '/artifacts/images',
                                json={'name': 'stop', 'version': '1'},
                                headers=ADMIN, timeout=30).json()
        started = threading.Event()

        def body():
            started.set()
            for _ in range(20):
                yield b'x' * 100000
                time.sleep(0.1)

        answer = {}

        def upload():
            answer['resp'] = requests.put(
                '%s/artifacts/images/%s/image' % (glare.url, created['id']),
                data=body(), timeout=60, headers=dict(
                    ADMIN, **{'Content-Type': 'application/octet-stream'}))

        uploading = threading.Thread(target=upload)
        uploading.start()
        self.addCleanup(uploading.join, 60)
        started.wait(30)
        time.sleep(0.5)
        host, port = glare.url[len('http://'):].rsplit(':', 1)
        half_sent = socket.create_connection((host, int(port)), 10)
        self.addCleanup(half_sent.close)
        half_sent.sendall(b'GET /artif')
        stopping = time.monotonic()
        glare.process.send_signal(signal.SIGTERM)
        uploading.join(60)
        resp = answer['resp']
        self.assertEqual(200, resp.status_code, resp.text)
        self.assertEqual(2000000, resp.json()['image']['size'])
        # Not the 60 s a head may take while the worker runs.
        glare.process.wait(30)
        self.assertLess(time.monotonic() - stopping, 30)
        self.assertEqual(0, glare.process.returncode)
