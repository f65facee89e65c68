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

"""allow_anonymous_access with the development auth modes.

(With keystone: test_keystone.TestAnonymousAccess and the matrix.)
"""

from glare.tests.functional import base as functional

ADMIN = functional.ADMIN


class TestAnonymousReads(functional.ApiTestCase):
    def setUp(self):
        super().setUp()
        self.flags(allow_anonymous_access=True)
        self.app = self.build_app()
        self.private = self.create(name='private', disk_format='raw',
                                   container_format='bare')
        public = self.create(name='public', disk_format='raw',
                             container_format='bare')
        resp = self.app.put('/artifacts/images/%s/image' % public['id'],
                            b'public bytes', headers={
                                'X-Auth-Token': functional.MEMBER,
                                'Content-Type': 'application/octet-stream'})
        self.assertEqual(200, resp.status_int)
        self.set_status(public, 'active')
        self.public = self.update(public, [{
            'op': 'replace', 'path': '/visibility', 'value': 'public'}],
            token=ADMIN)

    def test_public_artifacts_are_read_without_credentials(self):
        listed = self.get('/artifacts/images', token=None).json
        self.assertEqual([self.public['id']],
                         [a['id'] for a in listed['artifacts']])
        self.assertEqual(200, self.get('/artifacts/images/%s' %
                                       self.public['id'], token=None)
                         .status_int)
        data = self.get('/artifacts/images/%s/image' % self.public['id'],
                        token=None)
        self.assertEqual(b'public bytes', data.body)
        self.assertEqual(200, self.get('/schemas', token=None).status_int)

    def test_private_artifacts_stay_hidden(self):
        self.assertError(self.get('/artifacts/images/%s' %
                                  self.private['id'], token=None), 404)
        self.assertError(self.get('/artifacts/images/%s/image' %
                                  self.private['id'], token=None), 404)

    def test_nothing_else(self):
        self.assertError(self.post('/artifacts/images', {'name': 'x'},
                                   token=None), 401,
                         'anonymous callers may only read')
        self.assertError(self.patch('/artifacts/images/%s' %
                                    self.public['id'],
                                    [{'op': 'replace', 'path': '/name',
                                      'value': 'y'}], token=None), 401)
        self.assertError(self.delete('/artifacts/images/%s' %
                                     self.public['id'], token=None), 401)
        # Reads policy denies to anonymous callers ask them to log in.
        self.assertError(self.get('/project-quotas/project1', token=None,
                                  headers={'OpenStack-API-Version':
                                           'artifact 1.1'}), 401,
                         'artifact:quota_get')

    def test_tokens_still_identify_callers(self):
        listed = self.get('/artifacts/images').json
        self.assertEqual({self.private['id'], self.public['id']},
                         {a['id'] for a in listed['artifacts']})
        self.assertError(self.get('/artifacts/images', token='bad'), 401,
                         'X-Auth-Token must be')
