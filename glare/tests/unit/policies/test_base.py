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

"""The personas and base rules other rules are built from."""

from oslo_policy import policy as oslo_policy

from glare import context
from glare.policies import base as base_rules
from glare.tests import base

PERSONAS = ['context_is_admin', 'project_member', 'project_reader',
            'service_api', 'admin_or_owner']


def ctx(project, *roles):
    return context.RequestContext(project_id=project, roles=list(roles))


class TestBaseRules(base.TestCase):
    def test_are_plain_rule_defaults(self):
        self.assertEqual(PERSONAS,
                         [rule.name for rule in base_rules.list_rules()])
        for rule in base_rules.list_rules():
            self.assertIsInstance(rule, oslo_policy.RuleDefault)
            self.assertNotIsInstance(rule, oslo_policy.DocumentedRuleDefault)
            self.assertTrue(rule.description)

    def test_personas(self):
        tgt = {'owner': 'p1', 'project_id': 'p1'}

        def who(rule):
            people = {'admin': ctx('p3', 'admin'),
                      'member': ctx('p1', 'member', 'reader'),
                      'reader': ctx('p1', 'reader'),
                      'other-member': ctx('p2', 'member', 'reader'),
                      'service': ctx('p4', 'service')}
            return {name for name, c in people.items()
                    if c.can(rule, tgt, fatal=False)}

        self.assertEqual({'admin'}, who('context_is_admin'))
        self.assertEqual({'member'}, who('project_member'))
        self.assertEqual({'member', 'reader'}, who('project_reader'))
        self.assertEqual({'service'}, who('service_api'))
        # Glare's historic rule: any role of the owning project.
        self.assertEqual({'admin', 'member', 'reader'},
                         who('admin_or_owner'))

    def test_project_rules_are_documented_and_deprecate_glares_defaults(self):
        rule = base_rules.project_rule(
            'artifact:x', base_rules.ADMIN, 'X.', [{'path': '/x',
                                                    'method': 'GET'}],
            legacy='', legacy_name='artifact:old_x')
        self.assertEqual(['project'], rule.scope_types)
        self.assertEqual('artifact:old_x', rule.deprecated_rule.name)
        self.assertEqual('', rule.deprecated_rule.check_str)
        self.assertIn('reader', rule.deprecated_rule.deprecated_reason)
