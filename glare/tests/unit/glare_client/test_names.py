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

from glare_client import exceptions
from glare_client import names


def art(version, status='active', **fields):
    return dict(id='id-' + version, version=version, status=status,
                owner='p1', **fields)


class TestNames(testtools.TestCase):
    def test_is_prerelease(self):
        self.assertTrue(names.is_prerelease('0.6.3-rc.1'))
        self.assertFalse(names.is_prerelease('0.6.2'))
        self.assertFalse(names.is_prerelease('1.0.0+build-7'))
        self.assertTrue(names.is_prerelease('1.0.0-beta+build'))

    def test_newest_skips_prereleases_unless_asked(self):
        rows = [art('0.6.3-rc.1'), art('0.6.2'), art('0.6.1')]
        self.assertEqual(['0.6.2'], [a['version'] for a in names.newest(
            iter(rows), False)])
        self.assertEqual(['0.6.3-rc.1'], [a['version'] for a in names.newest(
            iter(rows), True)])
        self.assertEqual([], names.newest(iter([art('1.0.0-a')]), False))

    def test_newest_stops_after_the_chosen_version(self):
        def rows():
            yield art('2.0.0', disk_format='qcow2')
            yield art('2.0.0', disk_format='raw')
            yield art('1.0.0')
            raise AssertionError('read past the chosen version')

        self.assertEqual(2, len(names.newest(rows(), False)))

    def test_describe(self):
        self.assertEqual('active releases', names.describe(('active',),
                                                           False))
        self.assertEqual('active versions', names.describe(('active',),
                                                           True))
        self.assertEqual('drafted or active versions',
                         names.describe(('drafted', 'active'), False))

    def test_not_found_lists_what_did_not_qualify(self):
        error = names.not_found('cirros', ('active',), False,
                                [art('0.6.3-rc.1', 'drafted')])
        self.assertIsInstance(error, exceptions.NotFound)
        self.assertEqual(
            'Artifact with name=cirros not found among active releases. '
            'Other versions of that name: 0.6.3-rc.1 (drafted, '
            'pre-release).', str(error))
        self.assertEqual('Artifact with name=x not found among active '
                         'releases.',
                         str(names.not_found('x', ('active',), False, [])))

    def test_ambiguous_names_what_tells_them_apart(self):
        error = names.ambiguous('u', '1.0.0', [
            art('1.0.0', disk_format='qcow2'),
            dict(art('1.0.0', disk_format='raw'), id='other')],
            ('disk_format',))
        self.assertIsInstance(error, exceptions.AmbiguousName)
        self.assertIn('id-1.0.0 (owner p1, disk_format qcow2); other '
                      '(owner p1, disk_format raw)', str(error))
