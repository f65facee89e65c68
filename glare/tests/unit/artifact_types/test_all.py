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
