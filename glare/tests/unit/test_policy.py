"""The policy enforcer with glare's rules in code."""

import os

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
