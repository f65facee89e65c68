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

"""Default decisions of the version lifecycle rules."""

from glare import context
from glare.policies import consumers
from glare.tests import base


def ctx(project, roles):
    return context.RequestContext(user_id='u', project_id=project,
                                  roles=list(roles))


def target(owner='p', consumer_project='p'):
    return {'owner': owner, 'project_id': owner, 'visibility': 'private',
            'status': 'active', 'type_name': 'images',
            'consumer_project_id': consumer_project}


class TestConsumerRules(base.TestCase):
    def test_members_register_for_their_own_project_only(self):
        member = ctx('p', ['member'])
        for rule in (consumers.REGISTER, consumers.UNREGISTER):
            self.assertTrue(member.can(rule, target(), fatal=False))
            self.assertFalse(member.can(rule, target(consumer_project='q'),
                                        fatal=False))
            # Of a public artifact of another project, too.
            self.assertTrue(member.can(rule, target(owner='q'),
                                       fatal=False))

    def test_services_and_admins_register_for_any_project(self):
        for roles in (['service'], ['admin']):
            self.assertTrue(ctx('s', roles).can(
                consumers.REGISTER, target(consumer_project='q'),
                fatal=False))

    def test_readers_only_read(self):
        reader = ctx('p', ['reader'])
        self.assertFalse(reader.can(consumers.REGISTER, target(),
                                    fatal=False))
        self.assertTrue(reader.can(consumers.LIST, target(), fatal=False))
        self.assertFalse(reader.can(consumers.SEE_ALL_CONSUMERS,
                                    {'project_id': 'p'}, fatal=False))
        self.assertFalse(reader.can(consumers.RETENTION_SET,
                                    {'project_id': 'p', 'owner': 'p'},
                                    fatal=False))
        self.assertTrue(reader.can(consumers.RETENTION_GET,
                                   {'project_id': 'p', 'owner': 'p'},
                                   fatal=False))

    def test_only_admins_force(self):
        self.assertTrue(ctx('p', ['admin']).can(
            consumers.FORCE, {'project_id': 'p'}, fatal=False))
        self.assertFalse(ctx('p', ['member']).can(
            consumers.FORCE, {'project_id': 'p'}, fatal=False))

    def test_rules_are_documented_and_project_scoped(self):
        for rule in consumers.list_rules():
            self.assertTrue(rule.description)
            self.assertEqual(['project'], rule.scope_types)
