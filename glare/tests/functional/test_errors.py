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

"""Error bodies, headers, authentication and microversion negotiation.

Also feeds the API junk of every kind and checks that nothing answers
with a 5xx: a client error is always reported as one, naming what is
wrong.
"""

from oslo_serialization import jsonutils

from glare.api import microversion as mv
from glare.tests.functional import base

IMAGES = '/artifacts/images'
MISSING_ID = '6b1f4c8e-0000-4000-8000-000000000000'
VERSION_HEADER = 'OpenStack-API-Version'


class ErrorTestCase(base.ApiTestCase):
    def assertErrorBody(self, resp, status, *fragments):
        """The Glare error body, with the same message in every key."""
        body = self.assertError(resp, status, *fragments)
        self.assertEqual(resp.status.split(' ', 1)[1], body['title'])
        self.assertIsInstance(body['error']['type'], str)
        self.assertTrue(body['error']['type'])
        self.assertEqual(body['error']['message'], body['explanation'])
        self.assertNotIn('Traceback', resp.text)
        return body

    def assertStandardHeaders(self, resp, version='1.0'):
        self.assertEqual('artifact %s' % version,
                         resp.headers.get(VERSION_HEADER), resp.text)
        self.assertIn(VERSION_HEADER, resp.headers.get('Vary', ''))
        self.assertTrue(resp.headers.get('X-OpenStack-Request-ID', '')
                        .startswith('req-'), resp.headers)

    def with_version(self, version, url='/schemas/images'):
        return self.get(url, headers={VERSION_HEADER: version})


class TestErrorBodies(ErrorTestCase):
    def test_artifact_not_found(self):
        resp = self.get('%s/%s' % (IMAGES, MISSING_ID))
        body = self.assertErrorBody(resp, 404, MISSING_ID)
        self.assertEqual('ArtifactNotFound', body['error']['type'])
        self.assertEqual('Not Found', body['title'])
        self.assertEqual(resp.headers['X-OpenStack-Request-ID'],
                         body['errors'][0]['request_id'])

    def test_unknown_routes(self):
        for url in ('/nothing', '/artifacts', '/artifacts/',
                    '/v1/artifacts/images',
                    '%s/%s/image/extra/parts' % (IMAGES, MISSING_ID),
                    '/schemas/images/extra'):
            resp = self.get(url)
            self.assertErrorBody(resp, 404)
            self.assertStandardHeaders(resp)

    def test_unknown_type(self):
        for url in ('/artifacts/widgets', '/artifacts/widgets/%s' %
                    MISSING_ID):
            body = self.assertErrorBody(self.get(url), 404, 'widgets')
            self.assertEqual('TypeNotFound', body['error']['type'])
        # Glare's type for a schema.
        body = self.assertErrorBody(self.get('/schemas/widgets'), 404,
                                    'widgets')
        self.assertEqual('NotFound', body['error']['type'])
        self.assertErrorBody(self.post('/artifacts/widgets', {'name': 'x'}),
                             404, 'widgets')

    def test_wrong_methods_answer_405_with_allow(self):
        art = self.create()
        cases = (('put', IMAGES, {'GET', 'POST'}),
                 ('delete', IMAGES, {'GET', 'POST'}),
                 ('post', '%s/%s' % (IMAGES, art['id']),
                  {'GET', 'PATCH', 'DELETE'}),
                 ('put', '%s/%s' % (IMAGES, art['id']),
                  {'GET', 'PATCH', 'DELETE'}),
                 ('post', '/schemas', {'GET'}),
                 ('delete', '/schemas/images', {'GET'}),
                 ('post', '/', {'GET'}),
                 ('delete', '/versions', {'GET'}))
        for method, url, allowed in cases:
            resp = getattr(self.app, method)(
                url, headers={'X-Auth-Token': base.MEMBER}, status='*')
            self.assertErrorBody(resp, 405, method.upper())
            allow = {m.strip() for m in resp.headers['Allow'].split(',')}
            self.assertTrue(allowed <= allow, (url, allow))
            self.assertStandardHeaders(resp)
        self.assertEqual(art, self.get('%s/%s' % (IMAGES, art['id'])).json)

    def test_malformed_json(self):
        for body in ('{"name": ', '{name: "x"}', "{'name': 'x'}", '',
                     '{"name": "x"} trailing', b'\xff\xfe{}',
                     '[' * 100000 + ']' * 100000):
            resp = self.post(IMAGES, body)
            self.assertErrorBody(resp, 400, 'JSON')
        self.assertEqual(0, self.get(IMAGES).json['total_count'])

    def test_malformed_patch_json(self):
        art = self.create()
        resp = self.patch('%s/%s' % (IMAGES, art['id']), '[{"op": ')
        self.assertErrorBody(resp, 400, 'JSON')

    def test_unsupported_media_type(self):
        resp = self.post(IMAGES, '<name>x</name>',
                         content_type='application/xml')
        body = self.assertErrorBody(resp, 415, 'application/xml',
                                    'application/json')
        self.assertEqual('UnsupportedMediaType', body['error']['type'])


class TestAuthentication(ErrorTestCase):
    def test_missing_credentials(self):
        for url in (IMAGES, '/schemas', '/nothing'):
            resp = self.get(url, token=None)
            self.assertErrorBody(resp, 401, 'X-Auth-Token',
                                 'X-Identity-Status')
            self.assertStandardHeaders(resp)

    def test_malformed_token(self):
        for token in ('garbage', 'user:project', 'user:project:role:x',
                      ':project:member', 'user::member'):
            resp = self.get(IMAGES, token=token)
            self.assertErrorBody(resp, 401, 'user:project:role')

    def test_identity_headers_are_accepted(self):
        headers = {'X-Identity-Status': 'Confirmed', 'X-User-Id': 'u',
                   'X-Project-Id': 'project9', 'X-Roles': 'member'}
        resp = self.post(IMAGES, {'name': 'x'}, token=None, headers=headers)
        self.assertEqual(201, resp.status_int, resp.text)
        self.assertEqual('project9', resp.json['owner'])

    def test_unconfirmed_identity_is_refused(self):
        headers = {'X-Identity-Status': 'Invalid', 'X-User-Id': 'u',
                   'X-Project-Id': 'project9', 'X-Roles': 'member'}
        resp = self.get(IMAGES, token=None, headers=headers)
        self.assertErrorBody(resp, 401)

    def test_discovery_needs_no_credentials(self):
        self.assertEqual(300, self.get('/', token=None).status_int)
        self.assertEqual(300, self.get('/versions', token=None).status_int)
        self.assertEqual(200, self.get('/healthcheck', token=None)
                         .status_int)


class TestMicroversions(ErrorTestCase):
    def test_default_is_1_0(self):
        resp = self.get('/schemas/images')
        self.assertEqual(200, resp.status_int)
        self.assertStandardHeaders(resp, '1.0')

    def test_explicit_and_latest(self):
        for asked, served in (('artifact 1.0', '1.0'),
                              ('artifact 1.1', '1.1'),
                              ('artifact latest', mv.MAX_VERSION),
                              ('ARTIFACT 1.1', '1.1')):
            resp = self.with_version(asked)
            self.assertEqual(200, resp.status_int, asked)
            self.assertStandardHeaders(resp, served)

    def test_other_services_versions_are_ignored(self):
        resp = self.with_version('compute 2.90')
        self.assertEqual(200, resp.status_int)
        self.assertStandardHeaders(resp, '1.0')

    def test_out_of_range_is_406(self):
        for asked in ('artifact 2.0', 'artifact 1.99'):
            resp = self.with_version(asked)
            body = self.assertErrorBody(resp, 406, asked.split()[1])
            self.assertEqual('1.0', body['min_version'])
            self.assertEqual(mv.MAX_VERSION, body['max_version'])
            self.assertEqual('InvalidGlobalAPIVersion', body['error']['type'])
            self.assertStandardHeaders(resp)

    def test_malformed_is_400(self):
        for asked in ('artifact 1.x', 'artifact one', 'artifact 1',
                      'artifact 1.0.0', 'artifact -1.0', 'artifact 0.9'):
            resp = self.with_version(asked)
            self.assertErrorBody(resp, 400, VERSION_HEADER)
            self.assertStandardHeaders(resp)

    def test_version_is_negotiated_before_authentication(self):
        resp = self.get(IMAGES, token=None,
                        headers={VERSION_HEADER: 'artifact 9.0'})
        self.assertErrorBody(resp, 406)


class TestStandardHeaders(ErrorTestCase):
    def test_every_response_carries_them(self):
        art = self.create()
        url = '%s/%s' % (IMAGES, art['id'])
        responses = [
            self.get('/', token=None), self.get('/healthcheck', token=None),
            self.get('/schemas'), self.get(IMAGES), self.get(url),
            self.post(IMAGES, {'name': 'other'}),
            self.patch(url, [{'op': 'replace', 'path': '/name',
                              'value': 'x'}]),
            self.post(IMAGES, {'name': 'x', 'bogus': 1}),
            self.post(IMAGES, '{'), self.get(url, token=None),
            self.get(url, token=base.OTHER), self.app.put(
                IMAGES, headers={'X-Auth-Token': base.MEMBER}, status='*'),
            self.delete(url)]
        statuses = [r.status_int for r in responses]
        self.assertEqual([300, 200, 200, 200, 200, 201, 200, 400, 400, 401,
                          404, 405, 204], statuses)
        for resp in responses:
            self.assertStandardHeaders(resp)

    def test_request_ids_differ(self):
        first = self.get('/schemas').headers['X-OpenStack-Request-ID']
        second = self.get('/schemas').headers['X-OpenStack-Request-ID']
        self.assertNotEqual(first, second)


# (body, fragment the error message must contain, or None).
BAD_CREATE_BODIES = [
    ([], None), ('"images"', None), ('null', None), ('42', None),
    ('true', None), ([{'name': 'x'}], None),
    ({}, 'name'),
    ({'name': {'nested': ['junk', {'deeper': None}]}}, 'name'),
    ({'name': ['x']}, 'name'), ({'name': None}, 'name'),
    ({'name': 'x', 'version': None}, 'version'),
    ({'name': 'x', 'version': 10 ** 30}, 'version'),
    ({'name': 'x', 'version': 1e300}, 'version'),
    ({'name': 'x', 'version': '1.0.0-' + 'a' * 300}, 'version'),
    ({'name': 'x', 'version': True}, 'version'),
    ({'name': 'x', 'min_ram': 10 ** 30}, 'min_ram'),
    ({'name': 'x', 'min_ram': -10 ** 30}, 'min_ram'),
    ('{"name": "x", "min_ram": 1e400}', 'min_ram'),
    ('{"name": "x", "min_ram": NaN}', 'min_ram'),
    ('{"name": "x", "min_ram": -Infinity}', 'min_ram'),
    ({'name': 'x', 'min_ram': 'one'}, 'min_ram'),
    ({'name': 'x', 'min_ram': '1e999'}, 'min_ram'),
    ({'name': 'x', 'min_ram': '9' * 5000}, 'min_ram'),
    ({'name': 'x', 'min_ram': {}}, 'min_ram'),
    ({'name': 'x' * 100000}, 'name'),
    ('{"name": "\\ud800"}', 'name'),
    ('{"name": "a\\u0000b"}', 'name'),
    ({'name': 'x', 'description': 'd' * 5000}, 'description'),
    ({'name': 'x', 'tags': None}, None),
    ({'name': 'x', 'tags': [None]}, 'tags'),
    ({'name': 'x', 'tags': [['a']]}, 'tags'),
    ({'name': 'x', 'tags': {'a': 'b'}}, 'tags'),
    ({'name': 'x', 'tags': ['t'] * 1000}, 'tags'),
    ({'name': 'x', 'metadata': 'k=v'}, 'metadata'),
    ({'name': 'x', 'metadata': {'k': None}}, 'metadata'),
    ({'name': 'x', 'metadata': {'': 'v'}}, 'metadata'),
    ({'name': 'x', 'metadata': {'k' * 300: 'v'}}, 'metadata'),
    ('{"name": "x", "metadata": {"\\udfff": "v"}}', 'metadata'),
    ({'name': 'x', 'metadata': {'k': {'nested': 'junk'}}}, 'metadata'),
    ({'name': 'x', 'disk_format': None}, None),
    ({'name': 'x', 'disk_format': ['qcow2']}, 'disk_format'),
    ({'name': 'x', 'kernel_id': 12}, 'kernel_id'),
    ({'name': 'x', 'image': None}, 'image'),
    ({'name': 'x', 'id': None}, 'id'),
    ({'name': 'x', 'created_at': 'yesterday'}, 'created_at'),
    ({'name': 'x', 'status': None}, 'status'),
    ({'name': 'x', 'visibility': ['public']}, 'visibility'),
    ({'name': 'x', 'type_name': 'images'}, 'type_name'),
    ({'name': 'x', '': 'empty key'}, None),
    ({'name': 'x', '\u2603': 'snowman'}, '\u2603'),
]

BAD_PATCHES = [
    ({}, None), ('"replace"', None), ('null', None), ([None], None),
    ([[]], None), ([{}], None), ([{'op': None, 'path': '/name'}], None),
    ([{'op': 'replace', 'path': None, 'value': 'x'}], None),
    ([{'op': 'replace', 'path': 5, 'value': 'x'}], None),
    ([{'op': 'replace', 'path': '', 'value': []}], None),
    ([{'op': 'replace', 'path': '', 'value': 'x'}], None),
    ([{'op': 'replace', 'path': '', 'value': {}}], None),
    ([{'op': 'add', 'path': '/name/x', 'value': 1}], None),
    ([{'op': 'add', 'path': '/tags/99', 'value': 'a'}], None),
    ([{'op': 'add', 'path': '/tags/-1', 'value': 'a'}], None),
    ([{'op': 'move', 'from': '/name', 'path': '/description'}], 'name'),
    ([{'op': 'copy', 'from': '/metadata', 'path': '/tags'}], 'tags'),
    ([{'op': 'copy', 'from': '/nothing', 'path': '/name'}], None),
    ([{'op': 'replace', 'path': '/name', 'value': {'a': [1, {}]}}], 'name'),
    ([{'op': 'replace', 'path': '/name', 'value': '\ud800'}], 'name'),
    ([{'op': 'replace', 'path': '/min_ram', 'value': 10 ** 40}],
     'min_ram'),
    ([{'op': 'replace', 'path': '/version', 'value': None}], 'version'),
    ([{'op': 'add', 'path': '/metadata/k', 'value': None}], 'metadata'),
    ([{'op': 'add', 'path': '/metadata/\udc00', 'value': 'v'}],
     'metadata'),
    ([{'op': 'add', 'path': '/tags/-', 'value': None}], 'tags'),
    ([{'op': 'add', 'path': '/tags/-', 'value': ['nested']}], 'tags'),
    ([{'op': 'replace', 'path': '/status', 'value': ['active']}], None),
    ([{'op': 'replace', 'path': '/status', 'value': {'a': 1}}], None),
    ([{'op': 'replace', 'path': '/status', 'value': 1}], None),
    ([{'op': 'replace', 'path': '/visibility', 'value': {'a': 1}}], None),
    ([{'op': 'remove', 'path': '/status'}], None),
    ([{'op': 'remove', 'path': '/visibility'}], None),
    ([{'op': 'add', 'path': '/bogus', 'value': 1}], 'bogus'),
    ([{'op': 'add', 'path': '/\u2603', 'value': 1}], '\u2603'),
    ([{'op': 'replace', 'path': '/updated_at', 'value': 5}], 'updated_at'),
    ([{'op': 'replace', 'path': '/image', 'value': 'x'}], 'image'),
]


class TestNoServerErrors(ErrorTestCase):
    """No request, however malformed, produces a 5xx."""

    def check(self, resp, fragment, case):
        self.assertLess(resp.status_int, 500, '%r: %s' % (case, resp.text))
        self.assertGreaterEqual(resp.status_int, 400,
                                '%r: %s' % (case, resp.text))
        body = self.assertErrorBody(resp, resp.status_int)
        if fragment is not None:
            self.assertIn(fragment, body['error']['message'], case)

    def test_bad_create_bodies(self):
        for body, fragment in BAD_CREATE_BODIES:
            if not isinstance(body, str):
                body = jsonutils.dumps(body)
            resp = self.post(IMAGES, body)
            if resp.status_int == 201:
                # Nulls for nullable fields are fine; check it was stored.
                self.assertEqual(resp.json, self.get(
                    '%s/%s' % (IMAGES, resp.json['id'])).json)
                self.delete('%s/%s' % (IMAGES, resp.json['id']))
                self.assertIsNone(fragment, body)
                continue
            self.check(resp, fragment, body)
        listed = self.get(IMAGES).json
        self.assertEqual(0, listed['total_count'])

    def test_bad_patches(self):
        art = self.create(name='victim', tags=['a'], metadata={'k': 'v'})
        url = '%s/%s' % (IMAGES, art['id'])
        for patch, fragment in BAD_PATCHES:
            if not isinstance(patch, str):
                patch = jsonutils.dumps(patch)
            self.check(self.patch(url, patch), fragment, patch)
            self.check(self.patch(url, patch, token=base.ADMIN), fragment,
                       patch)
        self.assertEqual(art, self.get(url).json)

    def test_bad_patches_on_an_active_artifact(self):
        art = self.create(disk_format='raw', container_format='bare')
        art = self.set_status(art, 'active')
        url = '%s/%s' % (IMAGES, art['id'])
        for patch, _ in BAD_PATCHES:
            if not isinstance(patch, str):
                patch = jsonutils.dumps(patch)
            self.check(self.patch(url, patch), None, patch)
        self.assertEqual(art, self.get(url).json)

    def test_odd_paths_and_ids(self):
        art = self.create()
        for url in ('/artifacts/images/not-a-uuid',
                    '/artifacts/images/%s' % ('x' * 5000),
                    '/artifacts/images/%E2%98%83',
                    '/artifacts/images/%00',
                    '/artifacts/%E2%98%83/' + art['id'],
                    '/artifacts/all/not-a-uuid',
                    '/schemas/%00'):
            for method in ('get', 'delete'):
                resp = getattr(self, method)(url)
                self.check(resp, None, url)
            resp = self.patch(url, [])
            self.check(resp, None, url)

    def test_odd_headers(self):
        cases = [{'Content-Type': 'application/json; charset=latin-1'},
                 {VERSION_HEADER: 'artifact'},
                 {VERSION_HEADER: 'artifact 1.1, artifact 9.9'},
                 {VERSION_HEADER: 'artifact ' + '9' * 500 + '.0'},
                 {'X-Auth-Token': '\u00e9:\u00e9:\u00e9'.encode('utf-8')
                  .decode('latin-1')},
                 {'X-Roles': 'admin'}]
        for headers in cases:
            resp = self.post(IMAGES, '{"name": 5}', headers=headers)
            self.assertLess(resp.status_int, 500, '%r: %s' % (headers,
                                                              resp.text))
            self.assertErrorBody(resp, resp.status_int)
