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

"""``openstack artifact member …`` and ``openstack artifact set``."""

import io

import fixtures
import testtools

from glare.tests.unit.glare_client.osc import v1 as helpers
from glare_client.osc.v1 import members

ART = {'id': 'a1', 'name': 'golden', 'version': '1.0.0'}
MEMBER = {'member_id': 'p3', 'status': 'pending', 'artifact_id': 'a1',
          'created_at': 'then', 'updated_at': 'now'}


class Glare(helpers.FakeGlare):
    def members(self, type_name, artifact_id):
        self.calls.append(('members', artifact_id))
        return [MEMBER]

    def add_member(self, type_name, artifact_id, member):
        self.calls.append(('add_member', artifact_id, member))
        return MEMBER

    def set_member_status(self, type_name, artifact_id, member, status):
        self.calls.append(('set_member_status', artifact_id, member,
                           status))
        return dict(MEMBER, status=status)


class TestMemberCommands(testtools.TestCase):
    COMMANDS = (members.SetArtifact, members.ListMembers, members.AddMember,
                members.RemoveMember, members.SetMember)

    def test_every_option_is_documented(self):
        for command in self.COMMANDS:
            self.assertEqual([], helpers.undocumented_options(command))

    def test_help_explains_accepting_and_rejecting(self):
        text = members.SetMember.__doc__
        for words in ('accepted: the artifact appears in your project\'s',
                      'rejected: it stays out of them', 'by id (--id)'):
            self.assertIn(words, text)

    def test_list_add_set_remove(self):
        glare = Glare([ART])
        cmd, args = helpers.parse(members.ListMembers, ['images', 'golden'],
                                  glare)
        self.assertEqual((('Member id', 'Status', 'Created at',
                           'Updated at'),
                          [('p3', 'pending', 'then', 'now')]),
                         cmd.take_action(args))
        cmd, args = helpers.parse(members.AddMember,
                                  ['images', 'golden', 'p3'], glare)
        self.assertEqual('pending', cmd.take_action(args)[1][1])
        cmd, args = helpers.parse(members.SetMember, [
            'images', 'a1', '--id', 'p3', '--status', 'accepted'], glare)
        self.assertEqual('accepted', cmd.take_action(args)[1][1])
        cmd, args = helpers.parse(members.RemoveMember,
                                  ['images', 'golden', 'p3'], glare)
        cmd.take_action(args)
        self.assertIn(('set_member_status', 'a1', 'p3', 'accepted'),
                      glare.calls)
        self.assertEqual('remove_member', glare.calls[-1][0])
        self.assertEqual(('images', 'a1', 'p3'), glare.calls[-1][1:4])

    def test_set_visibility_takes_the_owners_choices_only(self):
        glare = Glare([ART])
        cmd, args = helpers.parse(members.SetArtifact, [
            'images', 'golden', '--visibility', 'community'], glare)
        cmd.take_action(args)
        self.assertEqual('set_visibility', glare.calls[-1][0])
        self.assertEqual(('images', 'a1', 'community'),
                         glare.calls[-1][1:4])
        self.useFixture(fixtures.MonkeyPatch('sys.stderr', io.StringIO()))
        for argv in (['images', 'golden', '--visibility', 'public'],
                     ['images', 'golden'],
                     ['images', 'a1', 'p3', '--status', 'yes']):
            command = members.SetMember if '--status' in argv \
                else members.SetArtifact
            self.assertRaises(SystemExit, helpers.parse, command, argv)
