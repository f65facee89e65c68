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

"""Which part of a blob a Range header asks for (RFC 7233)."""

from glare.api import ranges
from glare import exception
from glare.tests import base


class TestByteRange(base.TestCase):
    def assertUnsatisfiable(self, header, size, fragment):
        exc = self.assertRaises(exception.RangeNotSatisfiable,
                                ranges.byte_range, header, size)
        self.assertEqual(416, exc.code)
        self.assertEqual('bytes */%d' % size, exc.headers['Content-Range'])
        self.assertIn(repr(header), exc.msg)
        self.assertIn(fragment, exc.msg)

    def test_whole_blob_without_a_usable_header(self):
        for header in (None, '', '   ', 'items=0-1', 'bytes', 'junk',
                       'bytes=0-1,5-6', 'bytes=-1, 3-'):
            self.assertIsNone(ranges.byte_range(header, 10), header)

    def test_first_and_last(self):
        self.assertEqual((10, 20), ranges.byte_range('bytes=10-19', 1024))
        self.assertEqual((0, 1), ranges.byte_range('bytes=0-0', 1))
        self.assertEqual((3, 10), ranges.byte_range('bytes=3-', 10))
        self.assertEqual((0, 10), ranges.byte_range(' Bytes = 0- ', 10))
        self.assertEqual((2, 4), ranges.byte_range('bytes=,2-3,', 10))

    def test_an_end_past_the_blob_is_cut(self):
        self.assertEqual((5, 10), ranges.byte_range('bytes=5-99999', 10))
        self.assertEqual((0, 10), ranges.byte_range(
            'bytes=0-%d' % 2 ** 80, 10))

    def test_suffix(self):
        self.assertEqual((6, 10), ranges.byte_range('bytes=-4', 10))
        self.assertEqual((0, 10), ranges.byte_range('bytes=-10', 10))

    def test_a_suffix_longer_than_the_blob_is_the_whole_blob(self):
        self.assertEqual((0, 1), ranges.byte_range('bytes=-6', 1))
        self.assertEqual((0, 1), ranges.byte_range('bytes=-%d' % 2 ** 70,
                                                   1))

    def test_malformed_ranges_are_416(self):
        for header in ('bytes=--1', 'bytes=-', 'bytes=1-x', 'bytes=x-1',
                       'bytes=', 'bytes=,', 'bytes=1--2', 'bytes=+1-2',
                       'bytes=1 - 2', 'bytes=\u0661-\u0662', 'bytes=0-1,x'):
            self.assertUnsatisfiable(header, 10, 'not a valid byte range')

    def test_backwards_range_is_416(self):
        self.assertUnsatisfiable('bytes=5-2', 10, 'before its first')

    def test_ranges_outside_the_blob_are_416(self):
        self.assertUnsatisfiable('bytes=10-', 10, 'starts after the 10')
        self.assertUnsatisfiable('bytes=5000-6000', 1024, 'starts after')
        self.assertUnsatisfiable('bytes=-0', 10, 'selects no byte')
        self.assertUnsatisfiable('bytes=0-', 0, 'starts after the 0')
        self.assertUnsatisfiable('bytes=-5', 0, 'selects no byte')

    def test_content_range(self):
        self.assertEqual('bytes 10-19/1024',
                         ranges.content_range(10, 20, 1024))
