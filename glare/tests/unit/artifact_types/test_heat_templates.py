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

"""The heat_templates type: fields and the template check on upload."""

import io

from glare.artifact_types import heat_templates
from glare import exception
from glare.tests import base

T = heat_templates.HeatTemplate


class TestHeatTemplate(base.TestCase):
    def test_fields(self):
        self.assertEqual('heat_templates', T.get_type_name())
        self.assertEqual('LinkDict', T.field('environments').glare_type)
        self.assertEqual('heat_environments',
                         T.field('environments').item.type_name)
        self.assertEqual('Folder', T.field('nested_templates').kind)
        self.assertEqual('BlobDict', T.field('nested_templates').glare_type)
        self.assertTrue(T.field('default_envs').mutable)
        exc = self.assertRaises(exception.InvalidInput, T.coerce_field,
                                'environments',
                                {'e': '/artifacts/images/1'})
        self.assertIn('must link to a heat_environments', exc.msg)

    def test_upload_hook_checks_the_template(self):
        data = b'heat_template_version: 2021-04-16\n'
        stream = T.pre_upload_hook(None, None, 'template', None,
                                   io.BytesIO(data), None)
        self.assertEqual(data, stream.read())
        exc = self.assertRaises(ValueError, T.pre_upload_hook, None, None,
                                'nested_templates', 'n.yaml',
                                io.BytesIO(b'resources: {}'), None)
        self.assertIn('nested Heat template n.yaml needs '
                      'heat_template_version', str(exc))

    def test_locations_are_taken_unchecked(self):
        # A location is data its owner vouches for, as in Glare: never
        # fetched, so never checked.
        for field_name, key in (('template', None),
                                ('nested_templates', 'n.yaml')):
            self.assertIsNone(T.pre_add_location_hook(
                None, None, field_name, key, 'https://h/t'))
