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

import io

import fixtures
import testtools

from glare.tests.unit.glare_client.osc import v1 as helpers
from glare_client import exceptions
from glare_client.osc.v1 import artifacts

COMMANDS = (artifacts.ListArtifacts, artifacts.ShowArtifact,
            artifacts.CreateArtifact, artifacts.UpdateArtifact,
            artifacts.DeleteArtifact, artifacts.ActivateArtifact,
            artifacts.DeactivateArtifact, artifacts.ReactivateArtifact,
            artifacts.PublishArtifact, artifacts.AddTag, artifacts.RemoveTag)
ART = {'id': 'a1', 'name': 'cirros', 'version': '1.0.0', 'owner': 'p',
       'visibility': 'private', 'status': 'drafted', 'tags': []}
SCHEMA = {'properties': {'min_ram': {'type': ['integer', 'null']}}}


class TestArtifactCommands(testtools.TestCase):
    def test_every_option_is_documented(self):
        for command in COMMANDS:
            self.assertEqual([], helpers.undocumented_options(command),
                             command.__name__)
            self.assertTrue(command.__doc__)

    def test_list_passes_paging_and_filters(self):
        calls = []

        class Glare:
            def list(self, type_name, **kwargs):
                calls.append((type_name, kwargs))
                return [dict(ART, type_name='images')]

        cmd, args = helpers.parse(artifacts.ListArtifacts, [
            'all', '--filter', 'name=cirros', '--filter', 'version=gte:1',
            '--sort', 'name:asc', '--limit', '5', '--page-size', '2'],
            Glare())
        headers, rows = cmd.take_action(args)
        self.assertEqual([('all', {
            'filters': [('name', 'cirros'), ('version', 'gte:1')],
            'sort': 'name:asc', 'limit': 5, 'page_size': 2,
            'marker': None})], calls)
        self.assertEqual(['Id', 'Name', 'Version', 'Owner', 'Visibility',
                          'Status', 'Type name'], headers)
        self.assertEqual([('a1', 'cirros', '1.0.0', 'p', 'private',
                           'drafted', 'images')], rows)
        self.useFixture(fixtures.MonkeyPatch('sys.stderr', io.StringIO()))
        self.assertRaises(SystemExit, helpers.parse, artifacts.ListArtifacts,
                          ['images', '--limit', '0'])

    def test_create_types_values_from_the_schema(self):
        glare = helpers.FakeGlare(schema=SCHEMA)
        cmd, args = helpers.parse(artifacts.CreateArtifact, [
            'image', 'cirros', '-V', '1.0', '--property', 'min_ram=64',
            '--property', 'metadata/os=linux', '--list', 'tags=a,b',
            '--dict', 'labels=x:1'], glare)
        cmd.take_action(args)
        self.assertEqual(('create', 'images', {
            'name': 'cirros', 'version': '1.0', 'min_ram': 64,
            'metadata': {'os': 'linux'}, 'tags': ['a', 'b'],
            'labels': {'x': '1'}}, {}), glare.calls[-1])

    def test_update_builds_changes_and_removals(self):
        glare = helpers.FakeGlare([ART], schema=SCHEMA)
        cmd, args = helpers.parse(artifacts.UpdateArtifact, [
            'images', 'cirros', '--property', 'min_ram=8',
            '--remove-property', 'metadata/os'], glare)
        cmd.take_action(args)
        self.assertEqual(('update', 'images', 'a1', {'min_ram': 8},
                          ['metadata/os'], {}), glare.calls[-1])

    def test_lifecycle_and_tags_act_on_the_found_artifact(self):
        for command, argv, call in (
                (artifacts.ActivateArtifact, [], 'activate'),
                (artifacts.DeactivateArtifact, [], 'deactivate'),
                (artifacts.ReactivateArtifact, [], 'reactivate'),
                (artifacts.PublishArtifact, [], 'publish'),
                (artifacts.AddTag, ['t'], 'add_tag'),
                (artifacts.RemoveTag, ['t'], 'remove_tag')):
            glare = helpers.FakeGlare([ART])
            cmd, args = helpers.parse(command, ['images', 'cirros'] + argv,
                                      glare)
            names, values = cmd.take_action(args)
            self.assertEqual(call, glare.calls[-1][0])
            self.assertEqual(('images', 'a1'), glare.calls[-1][1:3])
            self.assertIn('status', names)


IMAGE_SCHEMA = {'properties': {
    'name': {'glareType': 'String'},
    'disk_format': {'glareType': 'String'},
    'container_format': {'glareType': 'String'},
    'image': {'glareType': 'Blob'},
    'updated_at': {'glareType': 'DateTime'}}}
QCOW2 = b'QFI\xfb' + b'\0' * 100


class TestCreateWithData(testtools.TestCase):
    def setUp(self):
        super().setUp()
        self.path = self.useFixture(fixtures.TempDir()).join('disk.img')
        with open(self.path, 'wb') as stream:
            stream.write(QCOW2)
        self.glare = helpers.FakeGlare(schema=IMAGE_SCHEMA)

    def create(self, *argv):
        cmd, args = helpers.parse(artifacts.CreateArtifact, list(argv),
                                  self.glare)
        return cmd.take_action(args)

    def test_file_goes_to_the_main_blob_with_image_defaults(self):
        self.create('images', 'cirros', '--file', self.path, '--activate')
        name, type_name, values, source, options = self.glare.calls[-1]
        self.assertEqual(('create_with_data', 'images'), (name, type_name))
        self.assertEqual({'name': 'cirros', 'disk_format': 'qcow2',
                          'container_format': 'bare'}, values)
        self.assertEqual('image', options['blob'])
        self.assertTrue(options['activate'])
        self.assertTrue(source.closed, 'the file is closed afterwards')

    def test_given_formats_and_blob_win(self):
        self.create('images', 'cirros', '--file', self.path,
                    '--disk-format', 'raw', '--container-format', 'ova',
                    '--blob-property', 'other')
        _name, _type, values, _source, options = self.glare.calls[-1]
        self.assertEqual(('raw', 'ova', 'other'),
                         (values['disk_format'], values['container_format'],
                          options['blob']))

    def test_without_file_no_formats_are_invented(self):
        self.create('images', 'cirros')
        self.assertEqual(('create', 'images', {'name': 'cirros'}, {}),
                         self.glare.calls[-1])

    def test_mistakes_are_refused_before_anything_is_made(self):
        error = self.assertRaises(exceptions.ClientError, self.create,
                                  'images', 'cirros', '--activate')
        self.assertIn('--file', str(error))
        self.glare = helpers.FakeGlare(schema={'properties': {
            'template': {'glareType': 'Blob'}}})
        error = self.assertRaises(exceptions.ClientError, self.create,
                                  'heat_templates', 't', '--file', self.path,
                                  '--disk-format', 'qcow2')
        self.assertIn('no disk_format', str(error))
        self.assertEqual([], [c for c in self.glare.calls
                              if c[0].startswith('create')])

    def test_a_half_made_artifact_is_explained(self):
        art = {'id': 'a1'}
        glare = self.glare

        def fail(stage, deleted):
            def create_with_data(*args, **kwargs):
                raise exceptions.IncompleteArtifact(
                    'The %s failed (boom);' % stage, stage, art, deleted,
                    exceptions.Forbidden('boom'))
            glare.create_with_data = create_with_data

        fail('activate', False)
        error = self.assertRaises(exceptions.ClientError, self.create,
                                  'images', 'c', '--file', self.path,
                                  '--activate')
        self.assertIn('openstack artifact activate images a1 --id',
                      str(error))
        self.assertIn('openstack artifact delete images a1 --id', str(error))
        fail('upload', True)
        error = self.assertRaises(exceptions.ClientError, self.create,
                                  'images', 'c', '--file', self.path)
        self.assertNotIn('openstack artifact', str(error))
        fail('upload', False)
        error = self.assertRaises(exceptions.ClientError, self.create,
                                  'images', 'c', '--file', self.path)
        self.assertIn('openstack artifact delete images a1 --id', str(error))


class TestListLong(testtools.TestCase):
    def test_long_adds_size_format_and_update_time(self):
        calls = []
        row = dict(ART, image={'size': 1024 ** 3, 'status': 'active',
                               'url': '/x'},
                   disk_format='qcow2', updated_at='2026-01-01T00:00:00Z')

        class Glare(helpers.FakeGlare):
            def list(self, type_name, **kwargs):
                calls.append(type_name)
                return [row, dict(ART, image=None)]

        glare = Glare(schema=IMAGE_SCHEMA)
        cmd, args = helpers.parse(artifacts.ListArtifacts,
                                  ['images', '--long'], glare)
        headers, rows = cmd.take_action(args)
        self.assertEqual(['Id', 'Name', 'Version', 'Owner', 'Visibility',
                          'Status', 'Size', 'Disk format', 'Updated at'],
                         headers)
        self.assertEqual('1.0 GiB', rows[0][6].human_readable())
        self.assertEqual(('qcow2', '2026-01-01T00:00:00Z'), rows[0][7:])
        self.assertEqual('', rows[1][6].human_readable())
        cmd, args = helpers.parse(artifacts.ListArtifacts,
                                  ['images', '--long', '-f', 'json'], glare)
        headers, rows = cmd.take_action(args)
        self.assertEqual(1024 ** 3, rows[0][6])

    def test_types_without_blob_or_format_get_fewer_columns(self):
        class Glare(helpers.FakeGlare):
            def list(self, type_name, **kwargs):
                return [dict(ART, type_name='images')]

        cmd, args = helpers.parse(artifacts.ListArtifacts,
                                  ['all', '--long'], Glare())
        headers, rows = cmd.take_action(args)
        self.assertEqual(['Type name', 'Updated at'], headers[-2:])
