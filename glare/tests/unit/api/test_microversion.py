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

"""The microversion list and helpers."""

import webob

from glare.api import microversion as mv
from glare.tests import base


class TestMicroversions(base.TestCase):
    def test_versions_are_sequential_from_1_0(self):
        parsed = [mv.parse(version) for version in mv.VERSIONS]
        self.assertEqual((1, 0), parsed[0])
        for previous, current in zip(parsed, parsed[1:]):
            self.assertEqual((previous[0], previous[1] + 1), current)
        self.assertEqual(mv.VERSIONS[-1], mv.MAX_VERSION)

    def test_parse_and_format(self):
        self.assertEqual((1, 10), mv.parse(' 1.10 '))
        self.assertEqual('1.10', mv.format_version((1, 10)))
        # Glare's grammar: no leading zeros, no version 0.
        for text in ('1', '1.', '.1', 'a.b', '1.1.1', '-1.0', 'latest',
                     '0.9', '01.1', '1.01'):
            self.assertRaises(ValueError, mv.parse, text)

    def test_is_supported_compares_numerically(self):
        req = webob.Request.blank('/')
        req.environ[mv.ENVIRON_KEY] = (1, 10)
        self.assertTrue(mv.is_supported(req, '1.1'))
        self.assertTrue(mv.is_supported(req, '1.10'))
        self.assertFalse(mv.is_supported(req, '1.11'))
