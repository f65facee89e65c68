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

"""The service's basic promises, end to end through the WSGI app."""

import os

from glare.api import microversion as mv
from glare.tests.functional import base


class TestBasics(base.ApiTestCase):
    def test_versions_document_without_auth(self):
        resp = self.get('/', token=None)
        self.assertEqual(300, resp.status_int)
        versions = [v['version'] for v in resp.json['versions']]
        self.assertEqual(mv.VERSIONS, versions)
        self.assertEqual(
            ['application/vnd.openstack.artifacts-%s' % v for v in versions],
            [v['media-type'] for v in resp.json['versions']])
        self.assertEqual('artifact 1.0',
                         resp.headers['OpenStack-API-Version'])

    def test_healthcheck_without_auth(self):
        resp = self.get('/healthcheck', token=None)
        self.assertEqual(200, resp.status_int)
        self.assertEqual(b'OK', resp.body)

    def test_healthcheck_disabled_by_file(self):
        path = os.path.join(self.conf_fixture.state_dir,
                            'healthcheck_disable')
        open(path, 'w').close()
        resp = self.get('/healthcheck', token=None)
        self.assertEqual(503, resp.status_int)
        self.assertIn(b'DISABLED BY FILE', resp.body)

    def test_openapi_document(self):
        # Checked against itself, as every answer (openapi_check).
        resp = self.get('/openapi.json')
        self.assertEqual(200, resp.status_int)
        self.assertEqual('3.1.0', resp.json['openapi'])
        self.assertEqual([{'url': 'http://localhost'}],
                         resp.json['servers'])
        self.assertIn('/artifacts/{type_name}', resp.json['paths'])

    def test_create_show_list_delete(self):
        art = self.create(name='ubuntu', version='1', tags=['a', 'b', 'a'])
        self.assertEqual('1.0.0', art['version'])
        self.assertEqual(['a', 'b'], art['tags'])
        self.assertEqual('drafted', art['status'])
        shown = self.get('/artifacts/images/%s' % art['id']).json
        self.assertEqual(art, shown)
        listed = self.get('/artifacts/images?name=ubuntu').json
        self.assertEqual([art['id']], [a['id'] for a in listed['artifacts']])
        self.assertEqual(1, listed['total_count'])
        self.assertEqual(204, self.delete(
            '/artifacts/images/%s' % art['id']).status_int)
        self.assertError(self.get('/artifacts/images/%s' % art['id']), 404,
                         art['id'])

    def test_other_projects_private_artifact_is_not_found(self):
        art = self.create()
        self.assertError(self.get('/artifacts/images/%s' % art['id'],
                                  token=base.OTHER), 404)

    def test_clients_that_accept_json_get_json(self):
        headers = {'Accept': 'application/json'}
        art = self.post('/artifacts/images', {'name': 'a'}, headers=headers)
        self.assertEqual(201, art.status_int, art.text)
        for url in ('/artifacts/images', '/artifacts/images/%s' %
                    art.json['id']):
            resp = self.get(url, headers=headers)
            self.assertEqual(200, resp.status_int, url)
            self.assertEqual('application/json', resp.content_type)
        # Schemas are JSON, of the media type Glare served them as.
        for url in ('/schemas', '/schemas/images'):
            resp = self.get(url, headers=headers)
            self.assertEqual(200, resp.status_int, url)
            self.assertEqual('application/schema+json', resp.content_type)
            self.assertIn('images', resp.json['schemas'])
