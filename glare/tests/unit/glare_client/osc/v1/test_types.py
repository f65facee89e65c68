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

from glare.tests.unit.glare_client.osc import v1 as helpers
from glare_client.osc.v1 import types


class Glare:
    def schemas(self):
        return {'images': {'version': '1.0', 'display_name': 'Images'},
                'all': {'version': '1.0', 'display_name': 'All'}}

    def schema(self, type_name):
        return {'properties': {'disk_format': {
            'glareType': 'String', 'mutable': False,
            'required_on_activate': True, 'sortable': True,
            'filter_ops': ['eq', 'in'], 'enum': ['raw', 'qcow2', None],
            'description': 'Format.'}}}


class TestTypeCommands(testtools.TestCase):
    def test_every_option_is_documented(self):
        for command in (types.TypeList, types.TypeSchema):
            self.assertEqual([], helpers.undocumented_options(command))

    def test_type_list(self):
        cmd, args = helpers.parse(types.TypeList, [], Glare())
        headers, rows = cmd.take_action(args)
        self.assertEqual(('Name', 'Version', 'Display name'), headers)
        self.assertEqual([('all', '1.0', 'All'),
                          ('images', '1.0', 'Images')], rows)

    def test_schema_rows(self):
        cmd, args = helpers.parse(types.TypeSchema, ['image'], Glare())
        headers, rows = cmd.take_action(args)
        row = dict(zip(headers, rows[0]))
        self.assertEqual(('disk_format', 'String', False, True, True),
                         (row['Name'], row['Glare type'], row['Mutable'],
                          row['Required on activate'], row['Sortable']))
        self.assertEqual(['raw', 'qcow2'],
                         row['Available values'].machine_readable())
        self.assertEqual('eq, in', row['Filters'].human_readable())
