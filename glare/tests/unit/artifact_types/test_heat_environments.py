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
