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

"""Rules of the schema API: every reader, and anonymous callers."""

from glare import context
from glare.policies import schemas
from glare.tests import base
from glare.tests.unit.policies import test_artifacts as common


class TestSchemaRules(base.TestCase):
    def test_every_persona_reads_schemas(self):
        for rule in schemas.list_rules():
            self.assertEqual(common.EVERYONE, common.allowed(rule.name, {}),
                             rule.name)
        self.assertEqual({'artifact:type_list', 'artifact:type_get'},
                         {rule.name for rule in schemas.list_rules()})

    def test_a_role_on_the_project_is_needed(self):
        nobody = context.RequestContext(project_id='p1', roles=['custom'])
        for rule in schemas.list_rules():
            self.assertFalse(nobody.can(rule.name, {}, fatal=False))
