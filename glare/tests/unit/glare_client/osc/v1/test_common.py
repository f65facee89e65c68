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

import argparse

import testtools

from glare.tests.unit.glare_client.osc import v1 as helpers
from glare_client import exceptions
from glare_client.osc.v1 import common

SCHEMA = {'properties': {
    'min_ram': {'type': ['integer', 'null']},
    'ratio': {'type': ['number', 'null']},
    'secure': {'type': ['boolean', 'null']},
    'description': {'type': ['string', 'null']},
    'tags': {'type': ['array', 'null'], 'items': {'type': 'string'}},
    'metadata': {'type': ['object', 'null'],
                 'additionalProperties': {'type': 'string'}},
    'sizes': {'type': ['object', 'null'],
              'additionalProperties': {'type': 'integer'}},
}}
ID = '0c5e3b16-8a4c-4f4e-9b85-2d9bb5d1b6a1'


class TestTypeNames(testtools.TestCase):
    def test_aliases(self):
        self.assertEqual('images', common.type_name('image'))
        self.assertEqual('heat_templates', common.type_name('heat-template'))
        self.assertEqual('heat_templates', common.type_name('heat_templates'))
        self.assertEqual('my_type', common.type_name('my-type'))


class TestConvert(testtools.TestCase):
    def test_values_follow_the_schema(self):
        self.assertEqual(64, common.convert(SCHEMA, 'min_ram', '64'))
        self.assertEqual(0.5, common.convert(SCHEMA, 'ratio', '0.5'))
        self.assertIs(True, common.convert(SCHEMA, 'secure', 'yes'))
        self.assertIs(False, common.convert(SCHEMA, 'secure', 'False'))
        self.assertEqual('64', common.convert(SCHEMA, 'description', '64'))
        self.assertEqual(['a', 'b'], common.convert(SCHEMA, 'tags', 'a, b'))
        self.assertEqual({'a': '1'}, common.convert(SCHEMA, 'metadata',
                                                    'a:1'))
        self.assertEqual(3, common.convert(SCHEMA, 'sizes/disk', '3'))
        self.assertEqual('x', common.convert(SCHEMA, 'metadata/k', 'x'))
        self.assertIsNone(common.convert(SCHEMA, 'min_ram', ''))
        # Unknown fields go as strings; the server names what it refuses.
        self.assertEqual('1', common.convert(SCHEMA, 'colour', '1'))

    def test_bad_values_name_the_field(self):
        error = self.assertRaises(exceptions.ClientError, common.convert,
                                  SCHEMA, 'min_ram', 'lots')
        self.assertIn('min_ram', str(error))
        self.assertRaises(exceptions.ClientError, common.convert, SCHEMA,
                          'secure', 'maybe')
        self.assertRaises(exceptions.ClientError, common.split_dict, 'a')

    def test_key_value(self):
        self.assertEqual(('a', 'b=c'), common.key_value('a=b=c'))
        self.assertEqual(('a', ''), common.key_value('a='))
        self.assertRaises(argparse.ArgumentTypeError, common.key_value, 'a')

    def test_nest(self):
        self.assertEqual({'metadata': {'a': '1', 'b': '2'}, 'min_ram': 1},
                         common.nest({'metadata/a': '1', 'metadata/b': '2',
                                      'min_ram': 1}))


class TestFindArtifact(testtools.TestCase):
    def setUp(self):
        super().setUp()
        self.glare = helpers.FakeGlare([{'id': ID, 'name': 'cirros'}])

    def find(self, *argv):
        parser = argparse.ArgumentParser()
        common.add_artifact_arguments(parser)
        return common.find_artifact(self.glare,
                                    parser.parse_args(list(argv)))

    def test_by_name_is_latest_by_default(self):
        self.assertEqual(ID, self.find('images', 'cirros')['id'])
        self.assertEqual(('get_by_name', 'cirros', 'latest'),
                         self.glare.calls[0])
        self.find('image', 'cirros', '--artifact-version', '1.0')
        self.assertEqual(('get_by_name', 'cirros', '1.0'),
                         self.glare.calls[-1])

    def test_by_id(self):
        self.assertEqual(ID, self.find('images', ID, '--id')['id'])
        self.assertEqual([('get', ID)], self.glare.calls)
        # An id given without --id is found once no name matches.
        self.assertEqual(ID, self.find('images', ID)['id'])
        self.assertRaises(exceptions.NotFound, self.find, 'images', 'nope')


class TestOutput(testtools.TestCase):
    def test_artifact_output_is_sorted_with_formattable_columns(self):
        names, values = common.artifact_output(
            {'name': 'x', 'tags': ['a', 'b'], 'metadata': {'k': 'v'}})
        self.assertEqual(('metadata', 'name', 'tags'), names)
        self.assertEqual("k='v'", values[0].human_readable())
        self.assertEqual({'k': 'v'}, values[0].machine_readable())
        self.assertEqual('a, b', values[2].human_readable())
        self.assertEqual(['a', 'b'], values[2].machine_readable())
