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

"""The upload reader and folder key rules every blob write shares."""

import io
from unittest import mock

from glare.engine import blob_access
from glare import exception
from glare.tests import base


class TestLimitedReader(base.TestCase):
    def test_reads_everything_and_hashes_sha1(self):
        reader = blob_access.LimitedReader(io.BytesIO(b'abcdef'), limit=10)
        self.assertEqual(b'abc', reader.read(3))
        self.assertEqual(b'def', reader.read(10))
        self.assertEqual(b'', reader.read(10))
        self.assertEqual(6, reader.size)
        self.assertEqual('1f8ac10f23c5b5bc1167bda84b833e5c057a77d2',
                         reader.sha1.hexdigest())

    def test_more_than_the_limit_is_413(self):
        reader = blob_access.LimitedReader(io.BytesIO(b'x' * 11), limit=10)
        exc = self.assertRaises(exception.RequestEntityTooLarge,
                                reader.read, 100)
        self.assertEqual(413, exc.code)
        self.assertIn('10 bytes', exc.msg)

    def test_stops_at_content_length(self):
        # A keep-alive stream may hold the next request's bytes.
        reader = blob_access.LimitedReader(io.BytesIO(b'abcNEXT'),
                                           limit=10, length=3)
        self.assertEqual(b'abc', reader.read(100))
        self.assertEqual(b'', reader.read(100))

    def test_body_shorter_than_content_length_is_400(self):
        reader = blob_access.LimitedReader(io.BytesIO(b'ab'), limit=10,
                                           length=5)
        self.assertEqual(b'ab', reader.read(100))
        exc = self.assertRaises(exception.BadRequest, reader.read, 100)
        self.assertIn('2 of the 5 bytes', exc.msg)

    def test_a_stream_the_server_cannot_read_is_400(self):
        stream = mock.Mock(read=mock.Mock(
            side_effect=IOError('Invalid chunk size')))
        reader = blob_access.LimitedReader(stream, limit=100)
        exc = self.assertRaises(exception.UnreadableBody, reader.read, 10)
        self.assertEqual(400, exc.code)
        self.assertIn('Invalid chunk size', exc.msg)


class TestFolderKeys(base.TestCase):
    def test_nested_relative_keys_are_fine(self):
        for key in ('a', 'a/b.yaml', 'x-1/y_2/z.3', 'dots..inside'):
            self.assertEqual(key, blob_access.check_folder_key(key))

    def test_keys_that_could_escape_are_refused(self):
        for key in ('', '/abs', 'a//b', 'a/', '..', 'a/../b', './a', 'a\\b',
                    'a\x00b', 'a\nb', 'x' * 256):
            exc = self.assertRaises(exception.BadRequest,
                                    blob_access.check_folder_key, key)
            self.assertEqual(400, exc.code)
