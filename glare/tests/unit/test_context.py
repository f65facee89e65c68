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

"""The request context: identity, admin status and policy checks."""

from glare import context
from glare import exception
from glare.tests import base


def ctx(project='owner-p', roles=('member',)):
    return context.RequestContext(user_id='u', project_id=project,
                                  roles=list(roles))


def target(owner='owner-p', visibility='private', status='drafted'):
    # The shape of BaseArtifact.target().
    return {'owner': owner, 'project_id': owner, 'visibility': visibility,
            'status': status, 'type_name': 'images'}


class TestRequestContext(base.TestCase):
    def test_only_internal_contexts_are_admin_contexts(self):
        # A caller's rights come from the policy rules alone; an admin
        # token sees every project through artifact:read_all_projects.
        self.assertFalse(ctx(roles=['admin']).is_admin)
        self.assertTrue(ctx(roles=['admin']).all_projects)
        self.assertFalse(ctx().is_admin)
        self.assertTrue(context.get_admin_context().is_admin)

    def test_denial_is_403_naming_the_rule(self):
        exc = self.assertRaises(exception.PolicyNotAuthorized,
                                ctx('other').can, 'artifact:update',
                                target())
        self.assertEqual(403, exc.code)
        self.assertEqual('Policy does not allow artifact:update.', exc.msg)

    def test_non_fatal_check_returns_the_decision(self):
        self.assertFalse(ctx('other').can('artifact:update', target(),
                                          fatal=False))
        self.assertTrue(ctx().can('artifact:update', target(), fatal=False))

    def test_admin_context_is_a_policy_admin(self):
        self.assertTrue(context.get_admin_context().can(
            'artifact:publish', target(status='active'), fatal=False))


class TestElevated(base.TestCase):
    def test_elevating_does_not_make_the_caller_admin(self):
        user = ctx(roles=('member',))
        admin = user.elevated()
        self.assertTrue(admin.is_admin)
        self.assertIn('admin', admin.roles)
        self.assertNotIn('admin', user.roles)
        self.assertFalse(user.can('artifact:publish',
                                  target(owner='p2', status='active'),
                                  fatal=False))
