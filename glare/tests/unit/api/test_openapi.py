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

"""The OpenAPI document: valid OpenAPI 3.1, every route, the live types."""

from openapi_spec_validator import validate

from glare.api import openapi
from glare.api import routes
from glare.artifact_types import all as all_type
from glare.artifact_types import images
from glare.artifact_types import secrets
from glare.tests import base


class TestDocument(base.TestCase):
    def setUp(self):
        super().setUp()
        self.useFixture(base.Types({'images': images.Image,
                                    'secrets': secrets.Secret,
                                    'all': all_type.All}))
        self.document = openapi.document('https://glare.example')

    def test_it_is_valid_openapi_3_1(self):
        self.assertEqual('3.1.0', self.document['openapi'])
        validate(self.document)

    def test_every_route_and_method_is_described(self):
        for route in routes.ROUTES:
            path = self.document['paths'][route.template.replace('*}',
                                                                 '}')]
            self.assertEqual(sorted(m.lower() for m in route.handlers),
                             sorted(path), route.template)
            for method, operation in path.items():
                self.assertTrue(operation['summary'])
                self.assertIn('default', operation['responses'])

    def test_artifacts_are_the_enabled_types(self):
        schemas = self.document['components']['schemas']
        self.assertEqual(
            [{'$ref': '#/components/schemas/Type_%s' % name}
             for name in ('all', 'images', 'secrets')],
            schemas['Artifact']['anyOf'])
        self.assertIn('disk_format', schemas['Type_images']['properties'])
        [param] = self.document['paths']['/artifacts/{type_name}'][
            'get']['parameters']
        self.assertEqual(['all', 'images', 'secrets'],
                         param['schema']['enum'])

    def test_newer_routes_say_their_microversion(self):
        for route in routes.ROUTES:
            if route.min_version is None:
                continue
            for operation in self.document['paths'][
                    route.template.replace('*}', '}')].values():
                self.assertEqual('%d.%d' % route.min_version,
                                 operation['x-openstack-min-microversion'])
