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

import hashlib
import io
import os

import fixtures
import testtools

from glare_client import exceptions
from glare_client import transfer

DATA = bytes(range(256)) * 1000


class FakeResponse:
    """What ``Download`` uses of a ``requests`` response."""

    def __init__(self, data, chunk=1000):
        self.data = data
        self.chunk = chunk
        self.closed = False

    def iter_content(self, size):
        for start in range(0, len(self.data), self.chunk):
            yield self.data[start:start + self.chunk]

    def close(self):
        self.closed = True


def digests(data):
    return {'md5': hashlib.md5(data).hexdigest(),
            'sha256': hashlib.sha256(data).hexdigest()}


class TestUploadBody(testtools.TestCase):
    def test_file_is_read_in_chunks_and_hashed(self):
        seen = []
        body = transfer.UploadBody(io.BytesIO(DATA), size=len(DATA),
                                   progress=lambda d, t: seen.append((d, t)))
        data = body.request_data()
        self.assertEqual(len(DATA), len(data))
        received = b''.join(iter(lambda: data.read(10000), b''))
        self.assertEqual(DATA, received)
        self.assertEqual(hashlib.sha256(DATA).hexdigest(),
                         body.digests.hexdigests()['sha256'])
        self.assertEqual((len(DATA), len(DATA)), seen[-1])
        self.assertTrue(all(d <= len(DATA) for d, _t in seen))

    def test_unknown_size_is_a_generator(self):
        body = transfer.UploadBody(iter([b'ab', b'', b'cd' * 40000]))
        chunks = list(body.request_data())
        self.assertEqual(b'ab' + b'cd' * 40000, b''.join(chunks))
        self.assertLessEqual(max(len(c) for c in chunks),
                             transfer.CHUNK_SIZE)

    def test_text_is_refused(self):
        body = transfer.UploadBody(io.StringIO('text'))
        self.assertRaises(exceptions.ClientError, list, body)

    def test_source_size(self):
        self.assertEqual(3, transfer.source_size(b'abc'))
        path = self.useFixture(fixtures.TempDir()).join('f')
        with open(path, 'wb') as stream:
            stream.write(DATA)
        with open(path, 'rb') as stream:
            stream.read(6)
            self.assertEqual(len(DATA) - 6, transfer.source_size(stream))
        read_end, write_end = os.pipe()
        with os.fdopen(read_end, 'rb') as pipe, os.fdopen(write_end, 'wb'):
            self.assertIsNone(transfer.source_size(pipe))
        self.assertIsNone(transfer.source_size(iter([b'x'])))


class TestDownload(testtools.TestCase):
    def test_matching_data_is_verified(self):
        seen = []
        resp = FakeResponse(DATA)
        download = transfer.Download(resp, digests(DATA), size=len(DATA),
                                     progress=lambda d, t: seen.append(d))
        self.assertEqual(DATA, b''.join(download))
        self.assertTrue(download.verified)
        self.assertTrue(resp.closed)
        self.assertEqual(len(DATA), seen[-1])

    def test_corrupt_data_raises_at_the_end(self):
        corrupt = b'X' + DATA[1:]
        for name in ('md5', 'sha256'):
            expected = {name: digests(DATA)[name]}
            download = transfer.Download(FakeResponse(corrupt), expected)
            error = self.assertRaises(exceptions.ChecksumMismatch, b''.join,
                                      download)
            self.assertIn(name, str(error))

    def test_short_data_raises(self):
        download = transfer.Download(FakeResponse(DATA[:-1]), {},
                                     size=len(DATA))
        self.assertRaises(exceptions.ChecksumMismatch, b''.join, download)

    def test_expected_digests_from_headers(self):
        self.assertEqual(
            {'sha256': 'ab', 'md5': 'a' * 32},
            transfer.expected_digests({
                'X-Openstack-Glare-Content-SHA256': 'AB',
                'Content-MD5': 'A' * 32}))
        # A base64 Content-MD5 (RFC 1864) is not compared.
        self.assertEqual({}, transfer.expected_digests(
            {'Content-MD5': 'rL0Y20zC+Fzt72VPzMSk2A=='}))


class TestWriteAtomically(testtools.TestCase):
    def setUp(self):
        super().setUp()
        self.dir = self.useFixture(fixtures.TempDir()).path
        self.path = os.path.join(self.dir, 'out.bin')

    def test_file_appears_complete(self):
        transfer.write_atomically(self.path, iter([b'ab', b'cd']))
        with open(self.path, 'rb') as stream:
            self.assertEqual(b'abcd', stream.read())
        self.assertEqual(['out.bin'], os.listdir(self.dir))

    def test_failure_leaves_nothing(self):
        def chunks():
            yield b'partial'
            raise exceptions.ChecksumMismatch('bad')

        self.assertRaises(exceptions.ChecksumMismatch,
                          transfer.write_atomically, self.path, chunks())
        self.assertEqual([], os.listdir(self.dir))

    def test_failure_keeps_an_existing_file(self):
        with open(self.path, 'wb') as stream:
            stream.write(b'old')

        def chunks():
            yield b'new'
            raise OSError('connection reset')

        self.assertRaises(OSError, transfer.write_atomically, self.path,
                          chunks())
        with open(self.path, 'rb') as stream:
            self.assertEqual(b'old', stream.read())
        self.assertEqual(['out.bin'], os.listdir(self.dir))
