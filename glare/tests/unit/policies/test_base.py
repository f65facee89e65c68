"""The base rules other rules are built from."""

from oslo_policy import policy as oslo_policy

from glare import context
from glare.policies import base as base_rules
from glare.tests import base


class TestBaseRules(base.TestCase):
    def test_are_plain_rule_defaults(self):
        names = [rule.name for rule in base_rules.list_rules()]
        self.assertEqual(['context_is_admin', 'admin_or_owner'], names)
        for rule in base_rules.list_rules():
            self.assertIsInstance(rule, oslo_policy.RuleDefault)
            self.assertNotIsInstance(rule, oslo_policy.DocumentedRuleDefault)
            self.assertTrue(rule.description)

    def test_admin_or_owner(self):
        owner = context.RequestContext(project_id='p1', roles=['member'])
        other = context.RequestContext(project_id='p2', roles=['member'])
        admin = context.RequestContext(project_id='p3', roles=['admin'])
        tgt = {'owner': 'p1'}
        self.assertTrue(owner.can('admin_or_owner', tgt, fatal=False))
        self.assertFalse(other.can('admin_or_owner', tgt, fatal=False))
        self.assertTrue(admin.can('admin_or_owner', tgt, fatal=False))
