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

"""The read-only view over every type."""

from glare.artifact_types import all as all_type
from glare.objects import base as objects
from glare.tests import base


class TestAll(base.TestCase):
    def test_names_and_read_only(self):
        self.assertEqual('all', all_type.All.get_type_name())
        self.assertEqual('All Artifacts',
                         all_type.All.get_display_type_name())
        self.assertTrue(all_type.All.read_only)

    def test_base_fields_plus_a_sortable_type_name(self):
        self.assertEqual(set(objects.BaseArtifact.attributes) |
                         {'type_name'}, set(all_type.All.attributes))
        field = all_type.All.field('type_name')
        self.assertTrue(field.sortable)
        self.assertTrue(field.system)
        self.assertIn('in', field.filter_ops)
