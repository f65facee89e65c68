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

"""Location bodies."""

from glare.engine import blobs
from glare import exception
from glare.tests import base


class TestParseLocation(base.TestCase):
    MD5 = 'd41d8cd98f00b204e9800998ecf8427e'

    def test_http_urls_are_external(self):
        location = blobs.parse_location({
            'url': 'https://example.com/a?b=c', 'md5': self.MD5.upper(),
            'sha1': None})
        self.assertEqual({'url': 'https://example.com/a?b=c',
                          'internal': False, 'implied': False,
                          'backend': None, 'md5': self.MD5, 'sha1': None,
                          'sha256': None},
                         location)

    def test_store_uris_are_internal(self):
        location = blobs.parse_location({'url': 'file:///var/lib/glare/x',
                                         'md5': self.MD5})
        self.assertTrue(location['internal'])
        # Only its scheme says so: to whoever may not set internal
        # locations it is a bad external one (400), as in Glare.
        self.assertTrue(location['implied'])
        location = blobs.parse_location({
            'url': 'http://store/x', 'md5': self.MD5,
            'location_type': 'internal', 'backend': 'web'})
        self.assertTrue(location['internal'])
        self.assertFalse(location['implied'])

    def test_md5_may_be_null_not_missing(self):
        # python-glareclient sends "md5": null when not given one.
        location = blobs.parse_location({'url': 'https://h/x', 'md5': None})
        self.assertIsNone(location['md5'])
        exc = self.assertRaises(exception.BadRequest, blobs.parse_location,
                                {'url': 'https://h/x'})
        self.assertIn('needs "md5"', exc.msg)

    def test_bad_bodies_name_the_problem(self):
        for body, fragment in (
                ({'url': 'https://h/x'}, 'md5'),
                ({'md5': self.MD5}, 'url'),
                ({'url': 'https://h/x', 'md5': self.MD5, 'extra': 1},
                 'extra'),
                ({'url': 'https:///x', 'md5': self.MD5}, 'host'),
                ({'url': 'https://h/x', 'md5': self.MD5,
                  'location_type': 'external', 'backend': 'fs'},
                 'backend'),
                ({'url': 'https://h/\r\nX: y', 'md5': self.MD5},
                 'control'),
                ({'url': 'https://h/x', 'md5': self.MD5, 'sha1': 'g' * 40},
                 'sha1'),
                (['https://h/x'], 'JSON object')):
            exc = self.assertRaises(exception.BadRequest,
                                    blobs.parse_location, body)
            self.assertIn(fragment, exc.msg)
