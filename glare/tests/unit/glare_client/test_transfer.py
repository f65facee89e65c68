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
import requests
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

    def test_short_data_is_an_interruption(self):
        download = transfer.Download(FakeResponse(DATA[:-1]), {},
                                     size=len(DATA))
        error = self.assertRaises(exceptions.TransferInterrupted, b''.join,
                                  download)
        self.assertEqual((len(DATA) - 1, len(DATA)),
                         (error.received, error.total))

    def test_too_much_data_is_a_mismatch(self):
        download = transfer.Download(FakeResponse(DATA + b'x'), {},
                                     size=len(DATA))
        self.assertRaises(exceptions.ChecksumMismatch, b''.join, download)

    def test_broken_connection_is_an_interruption(self):
        class Broken(FakeResponse):
            def iter_content(self, size):
                yield self.data[:1000]
                raise requests.exceptions.ChunkedEncodingError('reset')

        download = transfer.Download(Broken(DATA), {}, size=len(DATA))
        error = self.assertRaises(exceptions.TransferInterrupted, b''.join,
                                  download)
        self.assertEqual(1000, error.received)
        self.assertIn('reset', str(error))
        self.assertTrue(download.response.closed)

    def test_a_ranged_body_continues_the_whole_blobs_digests(self):
        seen = []
        before = transfer.Digests()
        before.update(DATA[:5000])
        download = transfer.Download(
            FakeResponse(DATA[5000:]), digests(DATA), size=len(DATA),
            start=5000, progress=lambda d, t: seen.append(d))
        download.continue_from(before)
        self.assertEqual(DATA[5000:], b''.join(download))
        self.assertTrue(download.verified)
        self.assertEqual(6000, seen[0])
        self.assertRaises(ValueError, transfer.Download(
            FakeResponse(b''), start=10).continue_from, transfer.Digests())

    def test_body_start(self):
        self.assertEqual((0, None), transfer.body_start(200, {}))
        self.assertEqual((100, 1000), transfer.body_start(
            206, {'Content-Range': 'bytes 100-999/1000'}))
        self.assertRaises(exceptions.ClientError, transfer.body_start, 206,
                          {'Content-Range': 'bytes */1000'})
        self.assertEqual({}, transfer.range_header(0))
        self.assertEqual({'Range': 'bytes=7-'}, transfer.range_header(7))

    def test_expected_digests_from_headers(self):
        self.assertEqual(
            {'sha256': 'ab', 'md5': 'a' * 32},
            transfer.expected_digests({
                'X-Openstack-Glare-Content-SHA256': 'AB',
                'Content-MD5': 'A' * 32}))
        # A base64 Content-MD5 (RFC 1864) is not compared.
        self.assertEqual({}, transfer.expected_digests(
            {'Content-MD5': 'rL0Y20zC+Fzt72VPzMSk2A=='}))


class TestPartialFile(testtools.TestCase):
    def setUp(self):
        super().setUp()
        self.dir = self.useFixture(fixtures.TempDir()).path
        self.path = os.path.join(self.dir, 'out.bin')

    def read(self, name):
        with open(os.path.join(self.dir, name), 'rb') as stream:
            return stream.read()

    def test_file_appears_complete_on_commit(self):
        with transfer.PartialFile(self.path) as part:
            part.write(b'ab')
            self.assertEqual(['out.bin.part'], os.listdir(self.dir))
            part.write(b'cd')
            part.commit()
        self.assertEqual(b'abcd', self.read('out.bin'))
        self.assertEqual(['out.bin'], os.listdir(self.dir))

    def test_an_interruption_keeps_the_part_and_an_older_file(self):
        with open(self.path, 'wb') as stream:
            stream.write(b'old')
        with transfer.PartialFile(self.path) as part:
            part.write(b'new')
        self.assertEqual(b'old', self.read('out.bin'))
        self.assertEqual(b'new', self.read('out.bin.part'))

    def test_resume_hashes_and_continues_the_part(self):
        with transfer.PartialFile(self.path) as part:
            part.write(DATA[:3000])
        with transfer.PartialFile(self.path, resume=True) as part:
            self.assertEqual(3000, part.size)
            self.assertEqual(digests(DATA[:3000])['sha256'],
                             part.digests.hexdigests()['sha256'])
            part.write(DATA[3000:])
            part.commit()
        self.assertEqual(DATA, self.read('out.bin'))

    def test_without_resume_a_part_starts_empty(self):
        with transfer.PartialFile(self.path) as part:
            part.write(b'stale')
        with transfer.PartialFile(self.path) as part:
            self.assertEqual(0, part.size)
            part.write(b'fresh')
            part.commit()
        self.assertEqual(b'fresh', self.read('out.bin'))

    def test_reset_and_discard(self):
        with transfer.PartialFile(self.path) as part:
            part.write(b'wrong')
            part.reset()
            self.assertEqual((0, 0), (part.size, part.digests.size))
            part.write(b'right')
            part.discard()
        self.assertEqual([], os.listdir(self.dir))
        # An empty part is not kept.
        with transfer.PartialFile(self.path):
            pass
        self.assertEqual([], os.listdir(self.dir))

    def test_one_download_at_a_time(self):
        with transfer.PartialFile(self.path) as part:
            part.write(b'x')
            error = self.assertRaises(exceptions.ClientError,
                                      transfer.PartialFile(self.path).open)
            self.assertIn('out.bin.part', str(error))


class TestStreamSink(testtools.TestCase):
    def test_writes_and_restarts_only_before_the_first_byte(self):
        out = io.BytesIO()
        sink = transfer.StreamSink(out)
        sink.reset()
        sink.write(b'abc')
        self.assertEqual((b'abc', 3), (out.getvalue(), sink.size))
        self.assertRaises(exceptions.TransferInterrupted, sink.reset)


class TestSessionState(testtools.TestCase):
    def setUp(self):
        super().setUp()
        self.work = self.useFixture(fixtures.TempDir()).path
        self.path = os.path.join(self.work, 'disk.img')
        with open(self.path, 'wb') as stream:
            stream.write(b'data')

    def state(self, artifact_id='a1', blob='image'):
        return transfer.SessionState(artifact_id, blob, self.path,
                                     os.path.join(self.work, 'state'))

    def test_a_session_is_found_again_for_the_same_file_and_blob(self):
        self.state().save('/upload-sessions/s1', 'f' * 64)
        self.assertEqual(('/upload-sessions/s1', 'f' * 64),
                         self.state().load())
        self.assertEqual((None, None), self.state(blob='other').load())
        self.state().clear()
        self.assertEqual((None, None), self.state().load())

    def test_a_changed_file_starts_over(self):
        self.state().save('/upload-sessions/s1', 'f' * 64)
        with open(self.path, 'ab') as stream:
            stream.write(b'more')
        self.assertEqual((None, None), self.state().load())
        # The earlier session is still known, to be cancelled.
        self.assertEqual('/upload-sessions/s1',
                         self.state().recorded_session())
        self.assertIsNone(self.state(blob='other').recorded_session())

    def test_a_damaged_state_file_is_no_session(self):
        state = self.state()
        os.makedirs(state.directory)
        for text in ('{not json', '[1, 2]'):
            with open(state.file, 'w') as stream:
                stream.write(text)
            self.assertEqual((None, None), state.load())
            self.assertIsNone(state.recorded_session())
