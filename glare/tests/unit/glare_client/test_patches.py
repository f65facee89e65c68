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

from glare_client import patches


class TestPatches(testtools.TestCase):
    def test_fields_are_replaced_and_keys_added(self):
        self.assertEqual(
            [{'op': 'replace', 'path': '/min_ram', 'value': 64},
             {'op': 'add', 'path': '/metadata/os', 'value': 'linux'}],
            patches.build({'min_ram': 64, 'metadata/os': 'linux'}))

    def test_removals(self):
        self.assertEqual(
            [{'op': 'replace', 'path': '/os_distro', 'value': None},
             {'op': 'remove', 'path': '/metadata/size'}],
            patches.build(removals=['os_distro', 'metadata/size']))

    def test_keys_are_escaped(self):
        self.assertEqual('/nested/a~1b~0c', patches.pointer('nested/a/b~c'))
        self.assertRaises(ValueError, patches.pointer, '/x')
