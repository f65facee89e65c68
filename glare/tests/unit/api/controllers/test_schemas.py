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

"""``/schemas`` handlers (glare.api.controllers.schemas)."""

from glare.api.controllers import schemas as controller
from glare.artifact_types import images
from glare import context as glare_context
from glare import exception
from glare.tests import base
from glare.tests.unit.api.controllers import fakes


class TestSchemas(fakes.ControllerTestCase):
    def setUp(self):
        super().setUp()
        self.useFixture(base.Types({'samples': fakes.Sample,
                                    'images': images.Image}))

    def test_every_enabled_type_is_listed_as_schema_json(self):
        resp = controller.list_schemas(fakes.request('/schemas'))
        self.assertEqual('application/schema+json', resp.content_type)
        schemas = self.json(resp)['schemas']
        self.assertEqual({'images', 'samples'}, set(schemas))
        self.assertIn('notes', schemas['samples']['properties'])

    def test_one_type_schema(self):
        resp = controller.show(fakes.request('/schemas/samples'), 'samples')
        self.assertEqual('application/schema+json', resp.content_type)
        self.assertEqual(['samples'], list(self.json(resp)['schemas']))

    def test_an_unknown_type_is_a_plain_404(self):
        error = self.assertRaises(exception.NotFound, controller.show,
                                  fakes.request('/schemas/nope'), 'nope')
        # As Glare answered: not the artifacts' "type not found" error.
        self.assertNotIsInstance(error, exception.TypeNotFound)
        self.assertIn('nope', str(error))

    def test_a_caller_without_a_role_may_not_read_schemas(self):
        req = fakes.request('/schemas', ctx=fakes.context(roles=()))
        self.assertRaises(exception.PolicyNotAuthorized,
                          controller.list_schemas, req)
        self.assertRaises(exception.PolicyNotAuthorized, controller.show,
                          req, 'samples')

    def test_anonymous_callers_may_read_schemas(self):
        req = fakes.request('/schemas', ctx=glare_context.RequestContext(
            anonymous=True, all_projects=False))
        self.assertEqual(200, controller.list_schemas(req).status_int)
