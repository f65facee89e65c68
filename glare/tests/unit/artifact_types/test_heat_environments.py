"""The heat_environments type: its sections are checked on upload."""

import io

from glare.artifact_types import heat_environments
from glare.tests import base

E = heat_environments.HeatEnvironment


class TestHeatEnvironment(base.TestCase):
    def test_fields(self):
        self.assertEqual('heat_environments', E.get_type_name())
        self.assertEqual(['environment'], E.blob_fields())

    def test_known_sections_only(self):
        data = b'parameters: {a: 1}\nresource_registry: {}\n'
        stream = E.pre_upload_hook(None, None, 'environment', None,
                                   io.BytesIO(data), None)
        self.assertEqual(data, stream.read())
        exc = self.assertRaises(ValueError, E.pre_upload_hook, None, None,
                                'environment', None,
                                io.BytesIO(b'resources: {}'), None)
        self.assertIn('section resources, which Heat does not know',
                      str(exc))
