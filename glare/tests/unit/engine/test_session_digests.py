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

"""Digests kept running between chunks (glare.engine.session_digests)."""

import hashlib

import fixtures

from glare.engine import session_digests
from glare.tests import base

DATA = bytes(range(256)) * 4096


def expected(data):
    return {name: hashlib.new(name, data).hexdigest()
            for name in session_digests.NAMES}


class TestSessionDigests(base.TestCase):
    def setUp(self):
        super().setUp()
        self.reads = []
        self.addCleanup(session_digests.forget, 's1')

    def read(self, start, end):
        self.reads.append((start, end))
        for offset in range(start, end, 1000):
            yield DATA[offset:min(offset + 1000, end)]

    def chunk(self, start, end):
        feed = session_digests.resume('s1', start, self.read)
        feed.update(DATA[start:end])
        session_digests.remember('s1', feed)
        return feed

    def test_a_process_that_took_every_chunk_reads_nothing_back(self):
        for start in range(0, len(DATA), 300000):
            self.chunk(start, min(start + 300000, len(DATA)))
        feed = session_digests.resume('s1', len(DATA), self.read)
        self.assertEqual(expected(DATA), feed.hexdigests())
        self.assertEqual([], [r for r in self.reads if r[0] < r[1]])

    def test_chunks_taken_elsewhere_are_read_back_once(self):
        self.chunk(0, 1000)
        # Bytes 1000-5000 went to another process.
        self.chunk(5000, 9000)
        self.assertEqual([(1000, 5000)], [r for r in self.reads
                                          if r[0] < r[1]])
        feed = session_digests.resume('s1', 9000, self.read)
        self.assertEqual(expected(DATA[:9000]), feed.hexdigests())

    def test_a_new_process_hashes_from_the_start(self):
        self.chunk(0, 5000)
        session_digests.forget('s1')
        feed = session_digests.resume('s1', 5000, self.read)
        self.assertEqual(expected(DATA[:5000]), feed.hexdigests())
        self.assertEqual((0, 5000), self.reads[-1])

    def test_a_failed_chunk_leaves_the_state_as_it_was(self):
        self.chunk(0, 1000)
        feed = session_digests.resume('s1', 1000, self.read)
        feed.update(b'a chunk that will not land')
        feed.close()
        feed = session_digests.resume('s1', 1000, self.read)
        self.assertEqual(expected(DATA[:1000]), feed.hexdigests())

    def test_only_the_most_recent_sessions_are_kept(self):
        self.useFixture(fixtures.MonkeyPatch(
            'glare.engine.session_digests.CAPACITY', 2))
        for name in ('s1', 'a', 'b'):
            feed = session_digests.Feed()
            feed.update(b'x')
            session_digests.remember(name, feed)
        self.addCleanup(session_digests.forget, 'a')
        self.addCleanup(session_digests.forget, 'b')
        feed = session_digests.resume('s1', 1, lambda s, e: iter([b'y']))
        self.assertEqual(expected(b'y'), feed.hexdigests())

    def test_a_gap_larger_than_allowed_is_left_to_the_finish(self):
        self.chunk(0, 1000)
        self.assertIsNone(session_digests.resume('s1', 9000, self.read,
                                                 max_gap=4000))
        self.assertEqual([], [r for r in self.reads if r[0] < r[1]])
        feed = session_digests.resume('s1', 9000, self.read, max_gap=8000)
        self.assertEqual(expected(DATA[:9000]), feed.hexdigests())
