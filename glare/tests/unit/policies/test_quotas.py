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

"""Default decisions of the quota rules."""

from glare import context
from glare.policies import quotas
from glare.tests import base


def ctx(project, roles):
    return context.RequestContext(user_id='u', project_id=project,
                                  roles=list(roles))


class TestQuotaRules(base.TestCase):
    def test_listing_and_setting_are_for_admins(self):
        for rule in ('artifact:quota_list', 'artifact:quota_set'):
            self.assertTrue(ctx('p', ['admin']).can(
                rule, {'project_id': 'p'}, fatal=False))
            self.assertFalse(ctx('p', ['member', 'reader']).can(
                rule, {'project_id': 'p'}, fatal=False))

    def test_readers_see_their_own_project_only(self):
        own = {'project_id': 'p', 'owner': 'p'}
        other = {'project_id': 'q', 'owner': 'q'}
        reader = ctx('p', ['reader'])
        self.assertTrue(reader.can('artifact:quota_get', own, fatal=False))
        self.assertFalse(reader.can('artifact:quota_get', other,
                                    fatal=False))
        self.assertTrue(ctx('x', ['admin']).can('artifact:quota_get', other,
                                                fatal=False))

    def test_rules_are_documented_and_project_scoped(self):
        for rule in quotas.list_rules():
            self.assertTrue(rule.description)
            self.assertEqual(['project'], rule.scope_types)
