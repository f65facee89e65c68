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

"""The policy enforcer with glare's rules in code."""

import os

import fixtures
from oslo_policy import _checks
from oslo_policy import policy as oslo_policy

from glare import context
from glare import exception
from glare import policy
from glare.tests import base


def ctx(project='owner-p', roles=('member',)):
    return context.RequestContext(user_id='u', project_id=project,
                                  roles=list(roles))


def target(owner='owner-p', visibility='private', status='drafted'):
    # The shape of BaseArtifact.target().
    return {'owner': owner, 'project_id': owner, 'visibility': visibility,
            'status': status, 'type_name': 'images'}


class TestEnforcer(base.TestCase):
    def test_unknown_rule_is_refused(self):
        self.assertRaises(oslo_policy.PolicyNotRegistered, ctx().can,
                          'artifact:fly', target())

    def test_system_scoped_token_is_403_on_project_rules(self):
        system_admin = context.RequestContext(user_id='u', roles=['admin'],
                                              system_scope='all')
        exc = self.assertRaises(exception.PolicyNotAuthorized,
                                system_admin.can, 'artifact:publish',
                                target(status='active'))
        self.assertEqual(403, exc.code)

    def test_checks_with_and_without_the_rule_name_both_decide(self):
        # glare inspects each check class once (glare.policy._check);
        # custom checks of either signature must still be asked.
        class Legacy(_checks.Check):
            def __call__(self, target, creds, enforcer):
                return target.get('kind') == 'legacy'

        class Current(_checks.Check):
            def __call__(self, target, creds, enforcer, current_rule=None):
                return current_rule == 'artifact:named'

        either = _checks.OrCheck([Legacy('k', 'v'), Current('k', 'v')])
        self.assertTrue(_checks._check(either, {'kind': 'legacy'}, {},
                                       None, 'artifact:other'))
        self.assertTrue(_checks._check(either, {}, {}, None,
                                       'artifact:named'))
        self.assertFalse(_checks._check(either, {}, {}, None,
                                        'artifact:other'))

    def test_an_edited_policy_file_applies_within_the_reload_interval(self):
        policy.get_enforcer()  # registers [oslo_policy]
        path = os.path.join(self.conf_fixture.state_dir, 'policy.yaml')
        with open(path, 'w') as f:
            f.write('"artifact:publish": "role:member"\n')
        self.flags(group='oslo_policy', policy_file=path)
        policy.reset()
        self.assertTrue(ctx().can('artifact:publish', target(), fatal=False))
        with open(path, 'w') as f:
            f.write('"artifact:publish": "!"\n')
        # oslo.policy reloads a file whose modification time grew; within
        # one tick of the file system's clock it may not have.
        later = os.path.getmtime(path) + 10
        os.utime(path, (later, later))
        self.useFixture(fixtures.MonkeyPatch(
            'glare.policy.RELOAD_INTERVAL', 0))
        policy.get_enforcer()._next_load = 0.0
        self.assertFalse(ctx().can('artifact:publish', target(),
                                   fatal=False))

    def test_the_enforcer_is_shared_until_reset(self):
        enforcer = policy.get_enforcer()
        self.assertIs(enforcer, policy.get_enforcer())
        policy.reset()
        self.assertIsNot(enforcer, policy.get_enforcer())

    def test_policy_file_overrides_a_default(self):
        self.assertFalse(ctx().can('artifact:publish', target(
            status='active'), fatal=False))
        path = os.path.join(self.conf_fixture.state_dir, 'policy.yaml')
        with open(path, 'w') as f:
            f.write('"artifact:publish": "rule:admin_or_owner"\n')
        self.flags(group='oslo_policy', policy_file=path)
        policy.reset()
        self.assertTrue(ctx().can('artifact:publish', target(
            status='active'), fatal=False))
        self.assertFalse(ctx('other').can('artifact:publish', target(
            status='active'), fatal=False))


class TestSecureDefaults(base.TestCase):
    """oslo.policy's switches between the new and Glare's old defaults."""

    def write_policy(self, text):
        path = os.path.join(self.conf_fixture.state_dir, 'policy.yaml')
        with open(path, 'w') as f:
            f.write(text)
        self.flags(group='oslo_policy', policy_file=path)
        policy.reset()

    def test_new_defaults_are_enforced_by_default(self):
        policy.get_enforcer()
        self.assertTrue(base.CONF.oslo_policy.enforce_new_defaults)
        reader = ctx(roles=['reader'])
        self.assertFalse(reader.can('artifact:update', target(),
                                    fatal=False))
        # No role on the project: nothing, not even its own artifacts.
        norole = ctx(roles=['custom'])
        self.assertFalse(norole.can('artifact:get', target(), fatal=False))
        self.assertFalse(norole.can('artifact:create', target(),
                                    fatal=False))

    def test_old_defaults_allow_too_when_new_ones_are_not_enforced(self):
        self.flags(group='oslo_policy', enforce_new_defaults=False)
        policy.reset()
        reader = ctx(roles=['reader'])
        # Glare let any user of the owning project write its artifacts.
        self.assertTrue(reader.can('artifact:update', target(),
                                   fatal=False))
        self.assertTrue(reader.can('artifact:delete_private', target(),
                                   fatal=False))
        self.assertTrue(ctx(roles=['custom']).can('artifact:create',
                                                  target(), fatal=False))
        # Rules whose defaults did not change stay as they were.
        self.assertFalse(reader.can('artifact:publish',
                                    target(status='active'), fatal=False))
        self.assertFalse(ctx('other').can('artifact:update', target(),
                                          fatal=False))

    def test_an_old_policy_file_naming_a_renamed_rule_still_applies(self):
        # Glare's name for seeing every project's artifacts.
        self.write_policy('"artifact:list_all_artifacts": "role:auditor"\n')
        auditor = ctx(roles=['reader', 'auditor'])
        self.assertTrue(auditor.all_projects)
        self.assertFalse(ctx(roles=['admin']).all_projects)

    def test_persona_overrides_apply_to_every_rule(self):
        self.write_policy('"project_member": "role:editor and '
                          'project_id:%(project_id)s"\n')
        editor = ctx(roles=['editor'])
        self.assertTrue(editor.can('artifact:update', target(), fatal=False))
        self.assertFalse(ctx().can('artifact:update', target(), fatal=False))

    def test_scope_is_always_enforced(self):
        # oslo.policy 6 has no enforce_scope switch: scope_types hold.
        self.assertNotIn('enforce_scope', base.CONF.oslo_policy)
        domain_admin = context.RequestContext(user_id='u', roles=['admin'],
                                              domain_id='d1')
        self.assertFalse(domain_admin.can('artifact:list', {},
                                          fatal=False))
        self.assertFalse(domain_admin.all_projects)
        self.flags(group='oslo_policy', enforce_new_defaults=False)
        policy.reset()
        system_admin = context.RequestContext(user_id='u', roles=['admin'],
                                              system_scope='all')
        self.assertRaises(exception.PolicyNotAuthorized, system_admin.can,
                          'artifact:get', target())
