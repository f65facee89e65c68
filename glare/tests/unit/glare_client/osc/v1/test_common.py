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
import io
import json

import fixtures
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

    def find(self, *argv, target=common.RELEASE):
        parser = argparse.ArgumentParser()
        common.add_artifact_arguments(parser, target)
        return common.find_artifact(self.glare,
                                    parser.parse_args(list(argv)), target)

    def test_by_name_is_the_newest_release_by_default(self):
        self.assertEqual(ID, self.find('images', 'cirros')['id'])
        self.assertEqual(('get_by_name', 'cirros', None, {
            'statuses': ('active',), 'include_drafts': False,
            'include_prereleases': False}), self.glare.calls[0])
        self.find('image', 'cirros', '--artifact-version', '1.0')
        self.assertEqual('1.0', self.glare.calls[-1][2])

    def test_options_widen_the_choice(self):
        self.find('images', 'cirros', '--include-drafts',
                  '--include-prereleases')
        self.assertEqual({'statuses': ('active',), 'include_drafts': True,
                          'include_prereleases': True},
                         self.glare.calls[-1][3])

    def test_draft_commands_use_the_newest_draft(self):
        self.find('images', 'cirros', target=common.DRAFT)
        self.assertEqual({'statuses': ('drafted',), 'include_drafts': False,
                          'include_prereleases': True},
                         self.glare.calls[-1][3])
        # Nothing to widen: the options are not offered.
        self.useFixture(fixtures.MonkeyPatch('sys.stderr', io.StringIO()))
        self.assertRaises(SystemExit, self.find, 'images', 'cirros',
                          '--include-drafts', target=common.DRAFT)

    def test_help_says_what_a_name_stands_for(self):
        parser = argparse.ArgumentParser()
        common.add_artifact_arguments(parser)
        text = parser.format_help()
        self.assertIn('newest active release', ' '.join(text.split()))
        self.assertIn('--include-drafts', text)

    def test_not_found_says_how_to_widen(self):
        others = [{'id': 'x', 'version': '0.6.3-rc.1', 'status': 'drafted'}]

        class Glare(helpers.FakeGlare):
            def get_by_name(self, *args, **kwargs):
                raise exceptions.NameNotFound('No active release of c.',
                                              others)

        self.glare = Glare()
        error = self.assertRaises(exceptions.NameNotFound, self.find,
                                  'images', 'c')
        self.assertIn('--include-drafts', str(error))
        self.assertIn('--artifact-version', str(error))
        self.assertEqual(others, error.others)
        error = self.assertRaises(exceptions.NameNotFound, self.find,
                                  'images', 'c', target=common.DRAFT)
        self.assertNotIn('--include-drafts', str(error))

    def test_by_id(self):
        self.assertEqual(ID, self.find('images', ID, '--id')['id'])
        self.assertEqual([('get', ID)], self.glare.calls)
        # An id given without --id is found once no name matches.
        self.assertEqual(ID, self.find('images', ID)['id'])
        self.assertRaises(exceptions.NotFound, self.find, 'images', 'nope')


BLOB = {'url': '/artifacts/images/x/image', 'status': 'active',
        'size': 3 * 1024 ** 2, 'sha256': 'ab12', 'md5': 'cd',
        'external': False, 'content_type': 'application/octet-stream'}


class TestOutput(testtools.TestCase):
    ART = {'name': 'x', 'tags': ['a', 'b'], 'metadata': {'k': 'v', 'n': '1'},
           'image': BLOB, 'min_ram': 64}

    def output(self, formatter):
        return dict(zip(*common.artifact_output(self.ART, formatter)))

    def test_tables_show_readable_text(self):
        out = self.output('table')
        self.assertEqual(['image', 'metadata', 'min_ram', 'name', 'tags'],
                         sorted(out))
        self.assertEqual('k=v\nn=1', out['metadata'].human_readable())
        self.assertEqual('a, b', out['tags'].human_readable())
        self.assertEqual('3.0 MiB, active, sha256 ab12, '
                         'application/octet-stream',
                         out['image'].human_readable())
        self.assertEqual(64, out['min_ram'])

    def test_json_and_yaml_keep_the_structure(self):
        for formatter in ('json', 'yaml'):
            self.assertEqual(self.ART, self.output(formatter))

    def test_value_shell_and_csv_print_json_not_reprs(self):
        for formatter in ('value', 'shell', 'csv'):
            out = self.output(formatter)
            self.assertEqual({'k': 'v', 'n': '1'},
                             json.loads(out['metadata']))
            self.assertEqual(['a', 'b'], json.loads(out['tags']))
            self.assertEqual(BLOB, json.loads(out['image']))
            self.assertEqual(64, out['min_ram'])

    def test_sizes(self):
        self.assertEqual('1.0 GiB', common.cell(
            1024 ** 3, 'table', size=True).human_readable())
        self.assertEqual('unlimited', common.cell(
            -1, 'table', size=True).human_readable())
        self.assertEqual('', common.cell(None, 'table',
                                         size=True).human_readable())
        self.assertEqual(1024 ** 3, common.cell(1024 ** 3, 'value',
                                                size=True))
        # A table sorts sizes by their number, not their text.
        self.assertLess(common.cell(2 * 1024, 'table', size=True),
                        common.cell(1024 ** 2, 'table', size=True))

    def test_folder_of_blobs_lists_each(self):
        text = common.cell({'a.yaml': BLOB, 'b.yaml': None},
                           'table').human_readable()
        self.assertEqual('a.yaml=3.0 MiB, active, sha256 ab12, '
                         'application/octet-stream\nb.yaml=None', text)
