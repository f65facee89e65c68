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

"""``/openapi.json`` handler (glare.api.controllers.openapi)."""

from glare.api.controllers import openapi as controller
from glare import exception
from glare.tests.unit.api.controllers import fakes


class TestOpenAPI(fakes.ControllerTestCase):
    def test_the_document_of_this_deployment(self):
        body = self.json(controller.show(fakes.request('/openapi.json')))
        self.assertEqual('3.1.0', body['openapi'])
        self.assertEqual([{'url': 'http://localhost'}], body['servers'])
        self.assertIn('Type_samples', body['components']['schemas'])

    def test_read_like_the_schemas(self):
        req = fakes.request('/openapi.json', ctx=fakes.context(roles=()))
        self.assertRaises(exception.PolicyNotAuthorized, controller.show,
                          req)
