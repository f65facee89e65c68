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

"""Reading and parsing the YAML documents types validate on upload."""

import io

from glare.artifact_types import documents
from glare.tests import base


class TestReadAll(base.TestCase):
    def test_reads_every_chunk(self):
        data = b'x' * (3 * 64 * 1024 + 5)
        self.assertEqual(data, documents.read_all(io.BytesIO(data),
                                                  len(data), 'thing'))

    def test_refuses_more_than_the_limit(self):
        exc = self.assertRaises(ValueError, documents.read_all,
                                io.BytesIO(b'x' * 11), 10, 'template')
        self.assertIn('template is larger than the 10 bytes', str(exc))


class TestYaml(base.TestCase):
    def test_mapping(self):
        self.assertEqual({'a': [1, 2]},
                         documents.load_yaml_mapping(b'a: [1, 2]\n', 'doc'))

    def test_not_a_mapping(self):
        for data, fragment in ((b'- 1\n', 'not list'),
                               (b'', 'not an empty document'),
                               (b'plain', 'not str')):
            exc = self.assertRaises(ValueError, documents.load_yaml_mapping,
                                    data, 'doc')
            self.assertIn('doc must be a YAML mapping, ' + fragment,
                          str(exc))

    def test_python_tags_are_not_constructed(self):
        exc = self.assertRaises(
            ValueError, documents.load_yaml_mapping,
            b'a: !!python/object/apply:os.getcwd []\n', 'doc')
        self.assertIn('doc is not valid YAML', str(exc))

    def test_bad_text(self):
        exc = self.assertRaises(ValueError, documents.load_yaml_mapping,
                                b'\xff', 'doc')
        self.assertIn('not UTF-8', str(exc))
        exc = self.assertRaises(ValueError, documents.load_yaml_mapping,
                                b'[' * 100000, 'doc')
        self.assertIn('doc', str(exc))

    def test_checked_yaml_returns_the_bytes_read(self):
        seen = []
        stream = documents.checked_yaml(
            io.BytesIO(b'k: v\n'), 100, 'doc',
            lambda document, what: seen.append((document, what)))
        self.assertEqual(b'k: v\n', stream.read())
        self.assertEqual([({'k': 'v'}, 'doc')], seen)
