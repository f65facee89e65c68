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
from glare_client.osc.v1 import quotas


class Glare:
    def __init__(self):
        self.set = None

    def quotas(self):
        return {'p2': {'max_artifact_number': 3},
                'p1': {'max_uploaded_data': 10, 'max_artifact_number': 1}}

    def project_quotas(self, project_id=None):
        return {'max_uploaded_data': -1, 'max_artifact_number': 5}

    def set_quotas(self, project_id, values):
        self.set = (project_id, values)


class TestQuotaCommands(testtools.TestCase):
    def test_every_option_is_documented(self):
        for command in (quotas.ShowQuota, quotas.SetQuota):
            self.assertEqual([], helpers.undocumented_options(command))

    def test_show(self):
        cmd, args = helpers.parse(quotas.ShowQuota, ['-f', 'json'], Glare())
        self.assertEqual((('Quota', 'Value'), [
            ('max_artifact_number', 5), ('max_uploaded_data', -1)]),
            cmd.take_action(args))
        cmd, args = helpers.parse(quotas.ShowQuota, ['--all', '-f', 'json'],
                                  Glare())
        self.assertEqual((('Project', 'Quota', 'Value'), [
            ('p1', 'max_artifact_number', 1),
            ('p1', 'max_uploaded_data', 10),
            ('p2', 'max_artifact_number', 3)]), cmd.take_action(args))

    def test_tables_show_data_quotas_as_sizes(self):
        cmd, args = helpers.parse(quotas.ShowQuota, ['--all'], Glare())
        _names, rows = cmd.take_action(args)
        self.assertEqual(1, rows[0][2])
        self.assertEqual('10 B', rows[1][2].human_readable())
        cmd, args = helpers.parse(quotas.ShowQuota, [], Glare())
        _names, rows = cmd.take_action(args)
        self.assertEqual('unlimited', rows[1][1].human_readable())

    def test_set_takes_sizes_for_data(self):
        glare = Glare()
        cmd, args = helpers.parse(quotas.SetQuota, [
            'p1', '--max-uploaded-data', '1G', '--quota',
            'max_uploaded_data:images=500MiB', '--quota',
            'max_artifact_number:images=unlimited'], glare)
        cmd.take_action(args)
        self.assertEqual(('p1', {'max_uploaded_data': 1024 ** 3,
                                 'max_uploaded_data:images': 500 * 1024 ** 2,
                                 'max_artifact_number:images': -1}),
                         glare.set)
        self.useFixture(fixtures.MonkeyPatch('sys.stderr', io.StringIO()))
        self.assertRaises(SystemExit, helpers.parse, quotas.SetQuota,
                          ['p1', '--max-uploaded-data', 'lots'])
        cmd, args = helpers.parse(quotas.SetQuota, [
            'p1', '--quota', 'max_artifact_number=1G'], glare)
        error = self.assertRaises(exceptions.ClientError, cmd.take_action,
                                  args)
        self.assertIn('max_artifact_number takes a whole number', str(error))

    def test_set_names_quotas_as_the_api_does(self):
        glare = Glare()
        cmd, args = helpers.parse(quotas.SetQuota, [
            'p1', '--max-artifact-number', '4', '--max-uploaded-data', '9',
            '--type', 'image', '--quota', 'max_artifact_number=20'], glare)
        cmd.take_action(args)
        self.assertEqual(('p1', {'max_artifact_number:images': 4,
                                 'max_uploaded_data:images': 9,
                                 'max_artifact_number': 20}), glare.set)

    def test_set_needs_a_value(self):
        for argv in (['p1'], ['p1', '--quota', 'x=many']):
            cmd, args = helpers.parse(quotas.SetQuota, argv, Glare())
            self.assertRaises(exceptions.ClientError, cmd.take_action, args)
