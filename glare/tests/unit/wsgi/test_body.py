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

"""Request bodies of known length read from a real socket pair.

What a client sees of it (uploads, keep-alive after an upload, bodies
cut short) runs through glare-api in glare/tests/functional/
test_framing.py and test_blobs.py.
"""

import io
import socket
import threading

from gunicorn.http import body as gunicorn_body
from gunicorn.http import unreader as gunicorn_unreader

from glare.tests import base
from glare.wsgi import body


class TestLengthBody(base.TestCase):
    def setUp(self):
        super().setUp()
        self.client, self.server = socket.socketpair()
        self.addCleanup(self.client.close)
        self.addCleanup(self.server.close)
        self.unreader = gunicorn_unreader.SocketUnreader(self.server)

    def _body(self, length, held=b''):
        """A gunicorn body of ``length`` bytes; ``held`` came with the head."""
        if held:
            self.unreader.unread(held)
        gunicorn = gunicorn_body.Body(gunicorn_body.LengthReader(
            self.unreader, length))
        stream = body.LengthBody.wrap(gunicorn)
        self.assertIsInstance(stream, body.LengthBody)
        return gunicorn, stream

    def _send(self, data):
        sender = threading.Thread(target=self.client.sendall, args=(data,))
        sender.start()
        self.addCleanup(sender.join)

    def test_reads_return_the_sizes_asked_until_the_end(self):
        data = bytes(range(256)) * 4096 * 3  # 3 MiB
        gunicorn, stream = self._body(len(data))
        self._send(data)
        pieces = [stream.read(1024 * 1024 + 1) for _ in range(3)]
        self.assertEqual([1024 * 1024 + 1] * 2 + [1024 * 1024 - 2],
                         [len(piece) for piece in pieces])
        self.assertTrue(all(isinstance(piece, bytes) for piece in pieces))
        self.assertEqual(data, b''.join(pieces))
        self.assertEqual(b'', stream.read(10))
        # gunicorn finds the body read: the connection may be kept.
        self.assertEqual(0, gunicorn.reader.length)
        self.assertFalse(gunicorn.failed)

    def test_bytes_that_came_with_the_head_come_first(self):
        gunicorn, stream = self._body(10, held=b'0123')
        self._send(b'456789')
        self.assertEqual(b'0123456', stream.read(7))
        self.assertEqual(b'789', stream.read(100))
        self.assertEqual(b'', stream.read())

    def test_the_next_request_held_with_the_body_stays_for_it(self):
        next_request = b'GET / HTTP/1.1\r\n\r\n'
        gunicorn, stream = self._body(5, held=b'hello' + next_request)
        self.assertEqual(b'hello', stream.read(1024))
        self.assertEqual(b'', stream.read(1024))
        self.assertEqual(next_request, self.unreader.read())

    def test_read_without_size_reads_the_whole_body(self):
        gunicorn, stream = self._body(6, held=b'ab')
        self._send(b'cdef')
        self.assertEqual(b'abcdef', stream.read())
        self.assertEqual(b'', stream.read(-1))

    def test_lines_are_read_by_gunicorn(self):
        gunicorn, stream = self._body(14, held=b'line 1\nline 2\n')
        self.assertEqual(b'line 1\n', stream.readline())
        self.assertEqual([b'line 2\n'], list(stream))

    def test_a_client_gone_mid_body_ends_it_and_the_connection(self):
        gunicorn, stream = self._body(100)
        self.client.sendall(b'only this')
        self.client.shutdown(socket.SHUT_WR)
        self.assertEqual(b'only this', stream.read(50))
        self.assertEqual(b'', stream.read(50))
        self.assertTrue(gunicorn.failed)

    def test_a_stalled_client_times_out_and_ends_the_connection(self):
        gunicorn, stream = self._body(100)
        self.server.settimeout(0.05)
        self.assertRaises(socket.timeout, stream.read, 50)
        self.assertTrue(gunicorn.failed)

    def test_other_bodies_are_left_alone(self):
        chunked = gunicorn_body.Body(gunicorn_body.ChunkedReader(
            None, self.unreader))
        plain = io.BytesIO(b'x')
        self.assertIs(chunked, body.LengthBody.wrap(chunked))
        self.assertIs(plain, body.LengthBody.wrap(plain))
