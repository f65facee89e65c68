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

"""Digests hashed in their own threads (glare.engine.digests)."""

import hashlib
import threading

from glare.engine import digests
from glare.tests import base


class TestDigest(base.TestCase):
    def test_the_same_digest_as_hashlib_over_the_same_chunks(self):
        chunks = [b'', b'a' * 3000, bytearray(b'b' * 70000), b'c',
                  memoryview(b'd' * 1024 * 1024)]
        for name in ('sha1', 'md5', 'sha256'):
            digest = digests.Digest(name, depth=2)
            expected = hashlib.new(name)
            for chunk in chunks:
                digest.update(chunk)
                expected.update(chunk)
            self.assertEqual(expected.hexdigest(), digest.hexdigest())

    def test_a_reused_buffer_is_hashed_as_it_was_given(self):
        # A reader that refills one buffer must not change what was given.
        buffer = bytearray(b'x' * 4096)
        digest = digests.Digest('sha256')
        digest.update(buffer)
        buffer[:] = b'y' * 4096
        self.assertEqual(hashlib.sha256(b'x' * 4096).hexdigest(),
                         digest.hexdigest())

    def test_close_ends_the_work_of_a_failed_upload(self):
        digest = digests.Digest('sha1')
        digest.update(b'partial data')
        digest.close()
        digest.close()
        self.assertRaises(ValueError, digest.update, b'more')

    def test_a_digest_continues_from_a_state_it_leaves_unchanged(self):
        first = digests.Digest('sha256')
        first.update(b'a' * 5000)
        state = first.state()
        second = digests.Digest('sha256', start=state)
        second.update(b'b' * 5000)
        self.assertEqual(hashlib.sha256(b'a' * 5000 + b'b' * 5000)
                         .hexdigest(), second.hexdigest())
        self.assertEqual(hashlib.sha256(b'a' * 5000).hexdigest(),
                         state.hexdigest())

    def test_uploads_one_after_another_share_one_thread(self):
        digests.Digest('sha1').hexdigest()  # a thread is idle now
        before = threading.active_count()
        for n in range(20):
            digest = digests.Digest('md5')
            digest.update(b'%d' % n)
            self.assertEqual(hashlib.md5(b'%d' % n).hexdigest(),
                             digest.hexdigest())
        self.assertEqual(before, threading.active_count())

    def test_digests_at_once_get_threads_of_their_own(self):
        first, second = digests.Digest('sha1', 1), digests.Digest('sha1', 1)
        # Each queue takes one chunk; hashing in one thread after the
        # other would leave the second digest's producer blocked here.
        for _ in range(3):
            first.update(b'a' * 4096)
            second.update(b'b' * 4096)
        self.assertEqual(hashlib.sha1(b'a' * 3 * 4096).hexdigest(),
                         first.hexdigest())
        self.assertEqual(hashlib.sha1(b'b' * 3 * 4096).hexdigest(),
                         second.hexdigest())
