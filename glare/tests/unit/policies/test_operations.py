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

"""Rules of what operators watch: admins only."""

from glare.policies import operations
from glare.tests import base
from glare.tests.unit.policies import test_artifacts as common


class TestOperationsRules(base.TestCase):
    def test_only_admins_see_health_details_and_metrics(self):
        self.assertEqual({operations.HEALTH_DETAIL, operations.METRICS},
                         {rule.name for rule in operations.list_rules()})
        for rule in operations.list_rules():
            self.assertEqual({common.ADMIN}, common.allowed(rule.name, {}),
                             rule.name)
