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

"""The middleware pipeline (glare.api.app).

What each layer does to a request, in the order ``build`` stacks them;
the engine is mocked, so no database is involved.
"""

import fixtures
from oslo_middleware import cors
import webtest

from glare.api import app as api_app
from glare import exception
from glare.tests import base
from glare.tests.unit.api.controllers import fakes

MEMBER = 'u1:p1:member'


class TestPipeline(fakes.ControllerTestCase):
    def setUp(self):
        super().setUp()
        self.ensure_running = self.useFixture(fixtures.MockPatch(
            'glare.engine.notification_sender.ensure_running')).mock
        self.list = self.useFixture(fixtures.MockPatch(
            'glare.engine.artifacts.list_artifacts',
            return_value=([], 0, False))).mock
        self.get = self.useFixture(fixtures.MockPatch(
            'glare.engine.artifacts.get',
            side_effect=exception.ArtifactNotFound(id='a1'))).mock
        self.useFixture(fixtures.MockPatch('glare.engine.artifacts.create',
                                           return_value=fakes.artifact()))

    def app(self, **flags):
        self.flags(**flags)
        return webtest.TestApp(
            api_app.build(base.CONF, types={'samples': fakes.Sample}),
            extra_environ={'REMOTE_ADDR': '127.0.0.1'})

    def test_an_authenticated_request_reaches_its_handler(self):
        resp = self.app().get('/artifacts/samples',
                              headers={'X-Auth-Token': MEMBER})
        self.assertEqual(('samples', 0), (resp.json['type_name'],
                                          resp.json['total_count']))
        ctx = self.list.call_args[0][0]
        self.assertEqual(('p1', (1, 0)), (ctx.project_id, ctx.api_version))

    def test_every_response_has_a_request_id_and_microversion(self):
        resp = self.app().get('/artifacts/samples', headers={
            'X-Auth-Token': MEMBER, 'OpenStack-API-Version': 'artifact 1.2'})
        self.assertTrue(resp.headers['X-OpenStack-Request-ID'].startswith(
            'req-'))
        self.assertEqual('artifact 1.2',
                         resp.headers['OpenStack-API-Version'])
        self.assertEqual((1, 2), self.list.call_args[0][0].api_version)

    def test_without_credentials_only_public_routes_answer(self):
        app = self.app()
        resp = app.get('/artifacts/samples', status=401)
        self.assertEqual(401, resp.json['errors'][0]['status'])
        # The versions document, as Glare served it.
        self.assertEqual(300, app.get('/', status=300).status_int)
        self.list.assert_not_called()

    def test_errors_inside_have_json_bodies(self):
        app = self.app()
        resp = app.get('/artifacts/samples/a1',
                       headers={'X-Auth-Token': MEMBER}, status=404)
        error, = resp.json['errors']
        self.assertEqual(404, error['status'])
        self.assertEqual(resp.headers['X-OpenStack-Request-ID'],
                         error['request_id'])
        resp = app.get('/nowhere', headers={'X-Auth-Token': MEMBER},
                       status=404)
        self.assertEqual(404, resp.json['errors'][0]['status'])

    def test_a_json_body_over_the_limit_is_413(self):
        app = self.app()
        self.flags(max_request_body_size=100, group='oslo_middleware')
        resp = app.post('/artifacts/samples', b'{"name": "%s"}' % (
            b'x' * 200), headers={'X-Auth-Token': MEMBER},
            content_type='application/json', status=413)
        self.assertIn('max_request_body_size',
                      resp.json['errors'][0]['detail'])
        resp = app.post('/artifacts/samples', b'{"name": "x"}',
                        headers={'X-Auth-Token': MEMBER},
                        content_type='application/json')
        self.assertEqual(201, resp.status_int)

    def test_blob_data_is_not_limited_as_json(self):
        app = self.app()
        self.flags(max_request_body_size=100, group='oslo_middleware')
        # The upload's handler is reached: it finds no artifact.
        app.put('/artifacts/samples/a1/image', b'x' * 1000,
                headers={'X-Auth-Token': MEMBER},
                content_type='application/octet-stream', status=404)
        self.get.assert_called_once()

    def test_the_notification_sender_runs_in_the_serving_process(self):
        app = self.app()
        self.ensure_running.assert_not_called()
        app.get('/', status=300)
        self.ensure_running.assert_called_once_with()

    def test_keystone_without_credentials_refuses_to_start(self):
        error = self.assertRaises(exception.GlareException, self.app,
                                  auth_strategy='keystone')
        self.assertIn('[keystone_authtoken]', str(error))

    def test_cors_answers_allowed_origins(self):
        # oslo.middleware registers [cors] when an application is built:
        # the first build of this test process may be this one.
        base.CONF.register_opts(cors.CORS_OPTS, 'cors')
        self.flags(allowed_origin=['https://dash.example.com'],
                   group='cors')
        resp = self.app().get('/', headers={
            'Origin': 'https://dash.example.com'})
        self.assertEqual('https://dash.example.com',
                         resp.headers['Access-Control-Allow-Origin'])
