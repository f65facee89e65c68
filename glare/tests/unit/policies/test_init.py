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

"""Every rule glare registers, as the policy generators see them."""

from oslo_policy import policy as oslo_policy

from glare import policies
from glare.tests import base

BASE_RULES = ('context_is_admin', 'admin_or_owner', 'project_member',
              'project_reader', 'service_api')


class TestListRules(base.TestCase):
    def test_names_are_unique(self):
        names = [rule.name for rule in policies.list_rules()]
        self.assertEqual(len(names), len(set(names)))

    def test_documented_and_project_scoped(self):
        for rule in policies.list_rules():
            if rule.name in BASE_RULES:
                continue
            self.assertIsInstance(rule, oslo_policy.DocumentedRuleDefault,
                                  rule.name)
            self.assertEqual(['project'], rule.scope_types, rule.name)
            self.assertTrue(rule.description, rule.name)
            for operation in rule.operations:
                self.assertTrue(operation['path'].startswith('/'))
                self.assertIn(operation['method'],
                              ('GET', 'POST', 'PATCH', 'PUT', 'DELETE'))

    def test_rules_refer_only_to_registered_rules(self):
        names = {rule.name for rule in policies.list_rules()}
        for rule in policies.list_rules():
            for word in rule.check_str.replace('(', ' ').replace(
                    ')', ' ').split():
                if word.startswith('rule:'):
                    self.assertIn(word[len('rule:'):], names, rule.name)

    def test_glares_historic_names_are_registered_or_deprecated(self):
        # What Glare's own policy file could name keeps meaning something.
        historic = {
            'context_is_admin', 'admin_or_owner', 'artifact:type_list',
            'artifact:type_get', 'artifact:create', 'artifact:update',
            'artifact:activate', 'artifact:reactivate',
            'artifact:deactivate', 'artifact:publish', 'artifact:get',
            'artifact:list', 'artifact:list_all_artifacts',
            'artifact:delete_public', 'artifact:delete_private',
            'artifact:delete_deactivated', 'artifact:upload',
            'artifact:download', 'artifact:download_deactivated',
            'artifact:set_location', 'artifact:set_internal_location',
            'artifact:delete_blob'}
        known = set()
        for rule in policies.list_rules():
            known.add(rule.name)
            if rule.deprecated_rule:
                known.add(rule.deprecated_rule.name)
        self.assertEqual(set(), historic - known)
