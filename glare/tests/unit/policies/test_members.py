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

"""Default decisions of the sharing rules."""

from glare import context
from glare.policies import members
from glare.tests import base


def ctx(project, roles):
    return context.RequestContext(user_id='u', project_id=project,
                                  roles=list(roles))


def target(member_id=None, owner='owner', visibility='shared'):
    return {'owner': owner, 'project_id': owner, 'visibility': visibility,
            'status': 'active', 'type_name': 'images',
            'member_id': member_id}


MEMBER = ['member', 'reader']
READER = ['reader']


class TestMemberRules(base.TestCase):
    def allowed(self, project, roles, rule, member_id=None):
        return ctx(project, roles).can(rule, target(member_id), fatal=False)

    def test_the_owners_members_share_and_manage_members(self):
        for rule in (members.SHARE, members.COMMUNITIZE, members.ADD,
                     members.REMOVE):
            self.assertTrue(self.allowed('owner', MEMBER, rule, 'p3'))
            self.assertTrue(self.allowed('x', ['admin'], rule, 'p3'))
            self.assertFalse(self.allowed('owner', READER, rule, 'p3'))
            # The member project changes nothing of the artifact.
            self.assertFalse(self.allowed('p3', MEMBER, rule, 'p3'))

    def test_only_the_member_project_answers(self):
        rule = members.SET_STATUS
        self.assertTrue(self.allowed('p3', MEMBER, rule, 'p3'))
        self.assertFalse(self.allowed('p3', READER, rule, 'p3'))
        self.assertFalse(self.allowed('p4', MEMBER, rule, 'p3'))
        self.assertFalse(self.allowed('owner', MEMBER, rule, 'p3'))
        self.assertTrue(self.allowed('x', ['admin'], rule, 'p3'))

    def test_readers_list_and_show(self):
        for rule in (members.LIST, members.GET):
            for project in ('owner', 'p3'):
                self.assertTrue(self.allowed(project, READER, rule, 'p3'))
            self.assertTrue(self.allowed('svc', ['service'], rule, 'p3'))
            self.assertFalse(self.allowed('p3', [], rule, 'p3'))

    def test_rules_are_documented_and_project_scoped(self):
        for rule in members.list_rules():
            self.assertTrue(rule.description)
            self.assertTrue(rule.operations)
            self.assertEqual(['project'], rule.scope_types)
