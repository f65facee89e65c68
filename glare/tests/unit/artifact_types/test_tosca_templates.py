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

"""The tosca_templates type: the template needs its TOSCA version."""

import io

from glare.artifact_types import tosca_templates
from glare.tests import base

T = tosca_templates.TOSCATemplate


class TestToscaTemplate(base.TestCase):
    def test_fields(self):
        self.assertEqual('tosca_templates', T.get_type_name())
        self.assertEqual(['template'], T.blob_fields())
        self.assertEqual('yaml', T.coerce_field('template_format', 'yaml'))

    def test_upload_hook(self):
        data = b'tosca_definitions_version: tosca_simple_yaml_1_3\n'
        self.assertEqual(data, T.pre_upload_hook(
            None, None, 'template', None, io.BytesIO(data), None).read())
        exc = self.assertRaises(ValueError, T.pre_upload_hook, None, None,
                                'template', None,
                                io.BytesIO(b'heat_template_version: 1'),
                                None)
        self.assertIn('needs tosca_definitions_version', str(exc))
