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

"""The route table: what each path reaches."""

from glare.api.controllers import artifacts
from glare.api.controllers import blobs
from glare.api.controllers import upload_sessions
from glare.api import router
from glare.api import routes
from glare.api import versions
from glare.tests import base

TABLE = router.Router(routes.ROUTES)


def reached(path, method='GET', version=(1, 0)):
    match = TABLE.match(path, version)
    return match.route.handler(method) if match.route else None, \
        match.params


class TestRoutes(base.TestCase):
    def test_only_versions_health_and_metrics_may_be_public(self):
        public = sorted(r.template for r in routes.ROUTES if r.public)
        self.assertEqual(['/', '/healthcheck', '/metrics', '/versions'],
                         public)

    def test_metrics_are_public_on_loopback_only(self):
        found = TABLE.match('/metrics', (1, 0))
        self.assertTrue(found.public({'REMOTE_ADDR': '127.0.0.1'}))
        self.assertFalse(found.public({'REMOTE_ADDR': '192.0.2.1'}))

    def test_health_details_need_loopback_or_credentials(self):
        health = TABLE.match('/healthcheck', (1, 0))
        for query, address, public in (
                ('', '192.0.2.1', True), ('detail', '127.0.0.1', True),
                ('detail', '::1', True), ('detail', '192.0.2.1', False),
                ('detail=1', '192.0.2.1', False)):
            self.assertEqual(public, health.public({
                'QUERY_STRING': query, 'REMOTE_ADDR': address}),
                (query, address))

    def test_only_blob_data_streams_its_body(self):
        self.assertEqual(
            ['/artifacts/{type_name}/{artifact_id}/{blob_path*}',
             '/upload-sessions/{session_id}'],
            [r.template for r in routes.ROUTES if r.raw_body])

    def test_upload_sessions_are_1_2(self):
        self.assertEqual((upload_sessions.append, {'session_id': 's1'}),
                         reached('/upload-sessions/s1', 'PATCH', (1, 2)))
        self.assertEqual((None, {}), reached('/upload-sessions/s1', 'PATCH'))
        # A folder key named "uploads" is still a blob below 1.2 and for
        # every method but POST.
        self.assertEqual((blobs.download, {
            'type_name': 'heat_templates', 'artifact_id': 'a1',
            'blob_path': 'nested_templates/uploads'}), reached(
                '/artifacts/heat_templates/a1/nested_templates/uploads',
                'GET', (1, 2)))

    def test_artifact_paths(self):
        self.assertEqual((artifacts.create, {'type_name': 'images'}),
                         reached('/artifacts/images', 'POST'))
        self.assertEqual((artifacts.update, {'type_name': 'images',
                                             'artifact_id': 'a1'}),
                         reached('/artifacts/images/a1', 'PATCH'))

    def test_blob_paths_carry_folder_keys(self):
        self.assertEqual((blobs.upload, {
            'type_name': 'heat_templates', 'artifact_id': 'a1',
            'blob_path': 'nested_templates/a/b.yaml'}),
            reached('/artifacts/heat_templates/a1/nested_templates/a/b.yaml',
                    'PUT'))

    def test_versions_answer_with_or_without_a_slash(self):
        for path in ('/', '/versions', '/versions/'):
            self.assertIs(versions.show, reached(path)[0], path)

    def test_every_handler_is_callable(self):
        for route in routes.ROUTES:
            for method, handler in route.handlers.items():
                self.assertTrue(callable(handler), (route.template, method))
