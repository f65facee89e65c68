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
