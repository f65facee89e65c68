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

"""Blob data through a real ``glare-api`` (gunicorn, gthread workers).

What only a real server shows: chunked request bodies, clients that go
away mid-upload, uploads racing each other over real sockets, ``curl``
as a user runs it, and ``sendfile`` downloads (``wsgi.file_wrapper``).
"""

import concurrent.futures
import hashlib
import os
import shutil
import socket
import subprocess
import threading
import time
import uuid

import fixtures
import requests

from glare.tests.functional import server

ADMIN = {'X-Auth-Token': 'admin:admin:admin'}
MiB = 1024 * 1024
POLL_TIMEOUT = 15


class TestBlobsOnRealServer(server.ServerTestCase):
    server_options = {'threads': 8}

    def setUp(self):
        super().setUp()
        self.store_dir = os.path.join(self.server.state_dir, 'blobs', 'fs')

    def stored_files(self):
        if not os.path.isdir(self.store_dir):
            return []
        return sorted(os.listdir(self.store_dir))

    def create(self):
        resp = requests.post(self.url + '/artifacts/images',
                             json={'name': 'blob-%s' % uuid.uuid4().hex},
                             headers=ADMIN, timeout=30)
        self.assertEqual(201, resp.status_code, resp.text)
        art = resp.json()
        # Tests share the server: remove the data they leave.
        self.addCleanup(requests.delete,
                        self.url + '/artifacts/images/' + art['id'],
                        headers=ADMIN, timeout=30)
        return art

    def blob_url(self, art):
        return '%s/artifacts/images/%s/image' % (self.url, art['id'])

    def image(self, art):
        resp = requests.get(
            '%s/artifacts/images/%s' % (self.url, art['id']),
            headers=ADMIN, timeout=30)
        self.assertEqual(200, resp.status_code, resp.text)
        return resp.json()['image']

    def test_chunked_upload_stores_the_exact_bytes(self):
        data = os.urandom(3 * MiB + 12345)
        art = self.create()

        def chunks():
            # Uneven pieces, so chunk and read boundaries never line up.
            start, size = 0, 1
            while start < len(data):
                yield data[start:start + size]
                start += size
                size = size * 7 % 100003 + 1

        resp = requests.put(self.blob_url(art), data=chunks(),
                            headers=dict(ADMIN, **{
                                'Content-Type': 'application/x-test'}),
                            timeout=60)
        self.assertEqual('chunked',
                         resp.request.headers.get('Transfer-Encoding'))
        self.assertEqual(200, resp.status_code, resp.text)
        blob = resp.json()['image']
        self.assertEqual((len(data), hashlib.sha256(data).hexdigest(),
                          'application/x-test'),
                         (blob['size'], blob['sha256'],
                          blob['content_type']))
        got = requests.get(self.blob_url(art), headers=ADMIN, timeout=60)
        self.assertEqual(data, got.content)
        part = requests.get(self.blob_url(art), timeout=60, headers=dict(
            ADMIN, Range='bytes=%d-%d' % (MiB - 3, 2 * MiB + 4)))
        self.assertEqual(206, part.status_code)
        self.assertEqual(data[MiB - 3:2 * MiB + 5], part.content)

    def test_one_connection_uploads_then_downloads_ranges(self):
        # Bodies of known length are read past gunicorn's buffers, and
        # ranges go out with sendfile: the connection stays usable.
        data = os.urandom(3 * MiB + 12345)
        art = self.create()
        with requests.Session() as session:
            resp = session.put(self.blob_url(art), data=data,
                               headers=ADMIN, timeout=60)
            self.assertEqual(200, resp.status_code, resp.text)
            self.assertEqual(hashlib.sha256(data).hexdigest(),
                             resp.json()['image']['sha256'])
            for header, expected in (
                    ('bytes=0-0', data[:1]),
                    ('bytes=%d-%d' % (MiB - 3, 2 * MiB + 4),
                     data[MiB - 3:2 * MiB + 5]),
                    ('bytes=-7', data[-7:]),
                    ('bytes=%d-' % (3 * MiB), data[3 * MiB:])):
                part = session.get(self.blob_url(art), timeout=60,
                                   headers=dict(ADMIN, Range=header))
                self.assertEqual(206, part.status_code, header)
                self.assertEqual(expected, part.content, header)
            whole = session.get(self.blob_url(art), headers=ADMIN,
                                timeout=60)
            self.assertEqual(data, whole.content)

    def test_a_request_sent_with_an_upload_s_body_is_served(self):
        art = self.create()
        path = '/artifacts/images/%s/image' % art['id']
        host, port = self.url[len('http://'):].rsplit(':', 1)
        head = ('%%s %s HTTP/1.1\r\nHost: %s:%s\r\n'
                'X-Auth-Token: admin:admin:admin\r\n' % (path, host, port))
        with socket.create_connection((host, int(port)), timeout=30) as sock:
            # The body and the next request arrive in one piece.
            sock.sendall((head % 'PUT').encode() +
                         b'Content-Type: application/octet-stream\r\n'
                         b'Content-Length: 5\r\n\r\nhello' +
                         (head % 'GET').encode() +
                         b'Range: bytes=1-3\r\nConnection: close\r\n\r\n')
            received = b''
            while True:
                piece = sock.recv(65536)
                if not piece:
                    break
                received += piece
        self.assertEqual(2, received.count(b'HTTP/1.1 '), received)
        self.assertIn(b'HTTP/1.1 206', received)
        self.assertTrue(received.endswith(b'\r\n\r\nell'), received)

    def test_client_gone_mid_upload_leaves_nothing(self):
        art = self.create()
        path = '/artifacts/images/%s/image' % art['id']
        host, port = self.url[len('http://'):].rsplit(':', 1)
        sock = socket.create_connection((host, int(port)), timeout=30)
        try:
            sock.sendall((
                'PUT %s HTTP/1.1\r\nHost: %s:%s\r\n'
                'X-Auth-Token: admin:admin:admin\r\n'
                'Content-Type: application/octet-stream\r\n'
                'Content-Length: %d\r\n\r\n' % (
                    path, host, port, 10 * MiB)).encode())
            sock.sendall(os.urandom(MiB))
            # The upload is under way: the blob is saving, data is written.
            server.wait_until(
                lambda: (self.image(art) or {}).get('status') == 'saving'
                and self.stored_files(), 'the upload', POLL_TIMEOUT)
        finally:
            sock.close()
        server.wait_until(
            lambda: self.image(art) is None and not self.stored_files(),
            'the clean-up', POLL_TIMEOUT)
        # Nothing is stuck: the blob takes data at once.
        resp = requests.put(self.blob_url(art), data=b'again',
                            headers=ADMIN, timeout=30)
        self.assertEqual(200, resp.status_code, resp.text)

    def test_concurrent_uploads_have_one_winner(self):
        art = self.create()
        racers = 6
        started = threading.Barrier(racers, timeout=30)
        bodies = [os.urandom(256 * 1024) + bytes([n]) for n in
                  range(racers)]

        def body(data):
            yield data[:1024]
            # Every request has reached the server before any finishes.
            started.wait()
            time.sleep(0.5)
            yield data[1024:]

        def upload(n):
            resp = requests.put(self.blob_url(art), data=body(bodies[n]),
                                headers=ADMIN, timeout=60)
            return resp.status_code, resp.text

        with concurrent.futures.ThreadPoolExecutor(racers) as pool:
            results = list(pool.map(upload, range(racers)))
        statuses = [status for status, _ in results]
        self.assertEqual([200] + [409] * (racers - 1), sorted(statuses),
                         results)
        winner = bodies[statuses.index(200)]
        got = requests.get(self.blob_url(art), headers=ADMIN, timeout=30)
        self.assertEqual(hashlib.sha256(winner).hexdigest(),
                         hashlib.sha256(got.content).hexdigest())
        self.assertEqual(1, len(self.stored_files()))

    def test_curl_round_trips(self):
        curl = shutil.which('curl')
        if curl is None:
            self.skipTest('needs curl')
        work = self.useFixture(fixtures.TempDir()).path
        for size in (0, 5 * MiB + 7):
            data = os.urandom(size)
            source = os.path.join(work, 'in-%d' % size)
            target = os.path.join(work, 'out-%d' % size)
            with open(source, 'wb') as stream:
                stream.write(data)
            art = self.create()
            auth = ['-H', 'X-Auth-Token: admin:admin:admin']
            put = subprocess.run(
                [curl, '-sS', '-f', '-T', source, '-H',
                 'Content-Type: application/octet-stream'] + auth +
                [self.blob_url(art)], capture_output=True, timeout=60)
            self.assertEqual(0, put.returncode, put.stderr)
            self.assertEqual(size, self.image(art)['size'])
            get = subprocess.run(
                [curl, '-sS', '-f', '-o', target] + auth +
                [self.blob_url(art)], capture_output=True, timeout=60)
            self.assertEqual(0, get.returncode, get.stderr)
            with open(target, 'rb') as stream:
                self.assertEqual(hashlib.sha256(data).hexdigest(),
                                 hashlib.sha256(stream.read()).hexdigest())

    def test_an_activation_racing_an_upload_never_changes_active_data(self):
        resp = requests.post(self.url + '/artifacts/images', json={
            'name': 'race-%s' % uuid.uuid4().hex, 'disk_format': 'raw',
            'container_format': 'bare'}, headers=ADMIN, timeout=30)
        self.assertEqual(201, resp.status_code, resp.text)
        art = resp.json()
        art_url = '%s/artifacts/images/%s' % (self.url, art['id'])
        self.addCleanup(requests.delete, art_url, headers=ADMIN,
                        timeout=30)
        first, second = os.urandom(MiB), os.urandom(MiB)
        halfway = threading.Event()
        go_on = threading.Event()

        def body():
            yield first
            halfway.set()
            go_on.wait(30)
            yield second

        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            upload = pool.submit(requests.put, self.blob_url(art),
                                 data=body(), headers=ADMIN, timeout=60)
            self.assertTrue(halfway.wait(30))
            server.wait_until(
                lambda: (self.image(art) or {}).get('status') == 'saving',
                'the upload', POLL_TIMEOUT)
            activate = requests.patch(art_url, json=[
                {'op': 'replace', 'path': '/status', 'value': 'active'}],
                headers=dict(ADMIN, **{
                    'Content-Type': 'application/json-patch+json'}),
                timeout=30)
            go_on.set()
            uploaded = upload.result()
        # The activation waits for the data, or the upload fails: never
        # both succeed in the wrong order.
        self.assertEqual(409, activate.status_code, activate.text)
        self.assertIn('still being uploaded', activate.json()['error'][
            'message'])
        self.assertEqual(200, uploaded.status_code, uploaded.text)
        shown = requests.get(art_url, headers=ADMIN, timeout=30).json()
        self.assertEqual('drafted', shown['status'])
        self.assertEqual(hashlib.sha256(first + second).hexdigest(),
                         shown['image']['sha256'])
