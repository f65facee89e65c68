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

"""``openstack artifact consumer|outdated|alias|retention`` commands."""

import io

import fixtures
import testtools

from glare.tests.unit.glare_client.osc import v1 as helpers
from glare_client import exceptions
from glare_client.osc.v1 import artifacts
from glare_client.osc.v1 import lifecycle

COMMANDS = (lifecycle.AddConsumer, lifecycle.RemoveConsumer,
            lifecycle.ListConsumers, lifecycle.Outdated, lifecycle.SetAlias,
            lifecycle.UnsetAlias, lifecycle.ListAliases,
            lifecycle.SetRetention, lifecycle.ShowRetention,
            lifecycle.PreviewRetention)
ART = {'id': 'a1', 'name': 'ubuntu', 'version': '1.0.0', 'owner': 'p',
       'visibility': 'private', 'status': 'active', 'tags': []}


class Glare(helpers.FakeGlare):
    def __init__(self):
        super().__init__([ART])

    def add_consumer(self, type_name, artifact_id, consumer_id, service,
                     resource_type, project_id=None):
        self.calls.append(('add_consumer', artifact_id, consumer_id, service,
                           resource_type, project_id))
        return {'consumer_id': consumer_id, 'service': service,
                'resource_type': resource_type, 'project_id': 'p',
                'created_at': 'now'}

    def outdated(self, type_name=None, name=None, service=None):
        self.calls.append(('outdated', type_name, name, service))
        return [{'consumer_id': 'vm-1', 'service': 'compute',
                 'resource_type': 'instance', 'project_id': 'p',
                 'artifact': {'id': 'a1', 'type_name': 'images',
                              'name': 'ubuntu', 'version': '1.0.0'},
                 'newest': {'id': 'a2', 'version': '1.1.0'}}]

    def aliases(self, type_name, artifact_id):
        return {'aliases': ['stable'], 'history': [
            {'alias': 'stable', 'from': 'a0', 'to': 'a1',
             'moved_at': 't1', 'user_id': 'u'}]}

    def retention_preview(self, type_name):
        return {'policy': {}, 'delete': [
            {'id': 'a0', 'name': 'ubuntu', 'version': '0.9.0',
             'status': 'active'}], 'keep': [
            {'id': 'a1', 'name': 'ubuntu', 'version': '1.0.0',
             'status': 'active', 'reasons': ['in use', 'aliased']}]}

    def get_by_alias(self, type_name, name, alias, filters=None):
        self.calls.append(('get_by_alias', name, alias))
        return ART


class TestLifecycleCommands(testtools.TestCase):
    def test_every_option_is_documented(self):
        for command in COMMANDS:
            self.assertEqual([], helpers.undocumented_options(command))

    def test_consumer_add_names_the_artifact_like_show(self):
        glare = Glare()
        cmd, args = helpers.parse(lifecycle.AddConsumer, [
            'image', 'ubuntu', 'vm-1', '--service', 'compute',
            '--resource-type', 'instance'], glare)
        names, values = cmd.take_action(args)
        shown = dict(zip(names, values))
        self.assertEqual(('vm-1', 'a1'), (shown['consumer_id'],
                                          shown['artifact_id']))
        self.assertIn(('add_consumer', 'a1', 'vm-1', 'compute', 'instance',
                       None), glare.calls)
        self.useFixture(fixtures.MonkeyPatch('sys.stderr', io.StringIO()))
        self.assertRaises(SystemExit, helpers.parse, lifecycle.AddConsumer,
                          ['images', 'ubuntu', 'vm-1'])

    def test_outdated_is_the_rebuild_list(self):
        glare = Glare()
        cmd, args = helpers.parse(lifecycle.Outdated, [
            '--type', 'image', '--service', 'compute'], glare)
        columns, rows = cmd.take_action(args)
        self.assertEqual([('vm-1', '1.0.0', '1.1.0')], [
            (row[0], row[columns.index('version')],
             row[columns.index('newest_version')]) for row in rows])
        self.assertIn(('outdated', 'images', None, 'compute'), glare.calls)

    def test_alias_list_shows_aliases_then_moves(self):
        cmd, args = helpers.parse(lifecycle.ListAliases,
                                  ['images', 'ubuntu'], Glare())
        _columns, rows = cmd.take_action(args)
        self.assertEqual([('stable', None, 'a1', None),
                          ('stable', 'a0', 'a1', 't1')], rows)

    def test_retention_preview_gives_reasons(self):
        cmd, args = helpers.parse(lifecycle.PreviewRetention, ['images'],
                                  Glare())
        _columns, rows = cmd.take_action(args)
        self.assertEqual([('a0', 'delete', ''),
                          ('a1', 'keep', 'in use, aliased')],
                         [(r[0], r[4], r[5]) for r in rows])

    def test_retention_set_refuses_negative_counts(self):
        self.useFixture(fixtures.MonkeyPatch('sys.stderr', io.StringIO()))
        self.assertRaises(SystemExit, helpers.parse, lifecycle.SetRetention,
                          ['images', '--keep-last', '-1'])
        glare = Glare()
        cmd, args = helpers.parse(lifecycle.SetRetention, [
            'images', '--keep-last', '3', '--keep-days', '30'], glare)
        cmd.take_action(args)
        self.assertIn(('set_retention', 'images', 3, 30, {}), glare.calls)

    def test_show_by_alias(self):
        glare = Glare()
        cmd, args = helpers.parse(artifacts.ShowArtifact, [
            'images', 'ubuntu', '--alias', 'stable'], glare)
        names, _values = cmd.take_action(args)
        self.assertIn('id', names)
        self.assertIn(('get_by_alias', 'ubuntu', 'stable'), glare.calls)
        cmd, args = helpers.parse(artifacts.ShowArtifact, [
            'images', 'ubuntu', '--alias', 'stable', '-V', '1.0'], glare)
        self.assertRaises(exceptions.ClientError, cmd.take_action, args)
