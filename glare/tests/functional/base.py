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

"""Functional tests: the whole WSGI application on a real database."""

from oslo_serialization import jsonutils

from glare.api import app as api_app
from glare.artifact_types import all as all_type
from glare.artifact_types import images
from glare.tests import base
from glare.tests.functional import openapi_check

ADMIN = 'admin-user:admin-project:admin'
MEMBER = 'user1:project1:member'
OTHER = 'user2:project2:member'

JSON_PATCH = 'application/json-patch+json'


class ApiTestCase(base.TestCase):
    """Runs requests through the complete middleware pipeline.

    ``self.get/post/patch/delete`` send trusted-auth tokens (``MEMBER`` by
    default) and return webtest responses without raising on 4xx/5xx.
    """

    types = {'images': images.Image, 'all': all_type.All}

    def setUp(self):
        super().setUp()
        self.db = self.useFixture(self.database())
        self.useFixture(base.Types(dict(self.types)))
        self.app = self.build_app()

    def database(self):
        """The database fixture the application uses: SQLite by default."""
        return base.SQLiteDatabase()

    def build_app(self):
        """The application as a client on loopback reaches it.

        Every answer is checked against the OpenAPI document.
        """
        return openapi_check.ValidatingApp(
            api_app.build(base.CONF, types=dict(self.types)),
            extra_environ={'REMOTE_ADDR': '127.0.0.1'})

    def _headers(self, token, headers):
        result = {'X-Auth-Token': token} if token else {}
        result.update(headers or {})
        return result

    def get(self, url, token=MEMBER, headers=None, status='*'):
        return self.app.get(url, headers=self._headers(token, headers),
                            status=status)

    def post(self, url, body, token=MEMBER, headers=None, status='*',
             content_type='application/json'):
        if not isinstance(body, (bytes, str)):
            body = jsonutils.dumps(body)
        return self.app.post(url, body, headers=self._headers(token, headers),
                             content_type=content_type, status=status)

    def patch(self, url, changes, token=MEMBER, headers=None, status='*',
              content_type=JSON_PATCH):
        if not isinstance(changes, (bytes, str)):
            changes = jsonutils.dumps(changes)
        return self.app.patch(url, changes,
                              headers=self._headers(token, headers),
                              content_type=content_type, status=status)

    def delete(self, url, token=MEMBER, headers=None, status='*'):
        return self.app.delete(url, headers=self._headers(token, headers),
                               status=status)

    # -- shortcuts -----------------------------------------------------------

    def create(self, type_name='images', token=MEMBER, **values):
        values.setdefault('name', 'art')
        resp = self.post('/artifacts/%s' % type_name, values, token=token)
        self.assertEqual(201, resp.status_int, resp.text)
        return resp.json

    def update(self, artifact, changes, token=MEMBER, type_name='images'):
        resp = self.patch('/artifacts/%s/%s' % (type_name, artifact['id']),
                          changes, token=token)
        self.assertEqual(200, resp.status_int, resp.text)
        return resp.json

    def set_status(self, artifact, status, token=MEMBER,
                   type_name='images'):
        return self.update(artifact, [{'op': 'replace', 'path': '/status',
                                       'value': status}], token=token,
                           type_name=type_name)

    def assertError(self, resp, status, *fragments):
        """Check the response is the JSON error body.

        It has ``status`` and a message containing every fragment.
        """
        self.assertEqual(status, resp.status_int, resp.text)
        self.assertEqual('application/json', resp.content_type)
        body = resp.json
        self.assertEqual(status, body['code'])
        message = body['error']['message']
        for fragment in fragments:
            self.assertIn(fragment, message)
        return body
