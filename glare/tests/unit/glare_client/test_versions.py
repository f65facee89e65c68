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

import testtools

from glare_client import versions


class TestVersions(testtools.TestCase):
    def test_parse(self):
        self.assertEqual((1, 1), versions.parse('1.1'))
        self.assertEqual((1, 0), versions.parse('1'))
        self.assertIsNone(versions.parse('latest'))
        self.assertIsNone(versions.parse(None))
        self.assertRaises(ValueError, versions.parse, '1.x')
        self.assertRaises(ValueError, versions.parse, 'v1')

    def test_header(self):
        self.assertEqual({'OpenStack-API-Version': 'artifact 1.1'},
                         versions.header((1, 1)))

    def test_server_range_from_versions_document(self):
        document = {'versions': [
            {'id': 'v1.0', 'version': '1.0', 'min_version': '1.0'},
            {'id': 'v1.3', 'version': '1.3', 'min_version': '1.0'}]}
        self.assertEqual(((1, 0), (1, 3)), versions.server_range(document))
        self.assertIsNone(versions.server_range({}))
        self.assertIsNone(versions.server_range(None))

    def test_negotiate_takes_newest_both_speak(self):
        self.assertEqual(versions.CLIENT_MAX,
                         versions.negotiate(None, ((1, 0), (1, 9))))
        self.assertEqual((1, 0), versions.negotiate(None, ((1, 0), (1, 0))))
        self.assertEqual((1, 0), versions.negotiate(None, None))

    def test_negotiate_requested_must_be_offered(self):
        self.assertEqual((1, 1), versions.negotiate((1, 1), ((1, 0), (1, 1))))
        self.assertEqual((1, 1), versions.negotiate((1, 1), None))
        error = self.assertRaises(ValueError, versions.negotiate, (1, 5),
                                  ((1, 0), (1, 1)))
        self.assertIn('1.5 is not offered', str(error))
        self.assertRaises(ValueError, versions.negotiate, None,
                          ((2, 0), (2, 1)))
