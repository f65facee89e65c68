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

"""glare-api with ``auth_strategy = keystone`` against a real Keystone.

Keystone (``glare.tests.keystone``) runs once per test process; each class
starts its own glare-api processes. Tokens are real: keystonemiddleware
validates every one against Keystone (``token_cache_time = -1``, so a
revoked token is refused at once).

``TestPermissionMatrix`` checks every cell of ``permissions.yaml`` (the
permission reference the docs publish).
"""

import hashlib
import json
import os
import urllib.parse
import uuid

import fixtures
from oslo_config import cfg
from oslo_middleware import request_id
import requests
import testtools
import webob.dec
import webtest
import yaml

from glare.api import app as api_app
from glare.api.controllers import blobs as blob_api
from glare.api.middleware import auth
from glare.api import router
from glare import conf as glare_conf
from glare import policy
from glare.tests.functional import server
from glare.tests.functional import web_source
from glare.tests import keystone as ks

MATRIX_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                           'permissions.yaml')
IMAGE = b'glare image data ' * 64
# Users of the keystone seed, by persona of permissions.yaml.
USERS = {'admin': ('admin', 'admin'),
         'member': ('demo_member', 'demo'),
         'reader': ('demo_reader', 'demo'),
         'other_member': ('alt_member', 'alt'),
         'other_reader': ('alt_reader', 'alt'),
         'service': ('nova', 'service'),
         'partner_member': ('partner_member', 'partner'),
         'partner_reader': ('partner_reader', 'partner')}
LIFECYCLE_VERSION = {'OpenStack-API-Version': 'artifact 1.2'}
QUOTA_VERSION = {'OpenStack-API-Version': 'artifact 1.1'}
SHARING_VERSION = {'OpenStack-API-Version': 'artifact 1.2'}
TRANSFER_VERSION = {'OpenStack-API-Version': 'artifact 1.2'}
# The keys of an operation in permissions.yaml, besides its request.
VISIBILITIES = ('any', 'private', 'public', 'shared', 'community')
INVALID_TOKEN = 'gAAAAABnot-a-token-keystone-ever-issued'


def load_matrix(path=MATRIX_PATH):
    with open(path) as stream:
        return yaml.safe_load(stream)


def glare_options(keystone, cache_tokens=False, **options):
    """glare-api's options for ``keystone``.

    Tokens are validated at every request unless ``cache_tokens``.
    """
    values = {'auth_strategy': 'keystone'}
    values.update(options)
    authtoken = keystone.authtoken_options()
    if not cache_tokens:
        authtoken['token_cache_time'] = -1
    return values, {'keystone_authtoken': authtoken}


class KeystoneGlareTestCase(testtools.TestCase):
    """A glare-api per class (and one with anonymous access)."""

    anonymous_server = False
    cache_tokens = False
    # More configuration sections of the glare-api processes.
    server_sections = {}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.keystone = ks.shared_server()
        options, sections = glare_options(cls.keystone, cls.cache_tokens)
        sections.update(cls.server_sections)
        cls.server = server.GlareServer(options, sections)
        cls.server.setUp()
        cls.anonymous = None
        if cls.anonymous_server:
            # Same database and blobs: it serves the same artifacts.
            options, sections = glare_options(
                cls.keystone, cls.cache_tokens, allow_anonymous_access=True,
                state_dir=cls.server.state_dir)
            sections.update(cls.server_sections)
            cls.anonymous = server.GlareServer(options, sections)
            cls.anonymous.setUp()
        cls.tokens = {persona: cls.keystone.token(*user)
                      for persona, user in USERS.items()}

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanUp()
        if cls.anonymous is not None:
            cls.anonymous.cleanUp()
        super().tearDownClass()

    def call(self, method, path, token=None, base=None, **kwargs):
        headers = dict(kwargs.pop('headers', {}))
        if token is not None:
            headers['X-Auth-Token'] = token
        return requests.request(method, (base or self.server.url) + path,
                                headers=headers, timeout=30, **kwargs)

    def as_admin(self, method, path, expected, **kwargs):
        resp = self.call(method, path, self.tokens['admin'], **kwargs)
        self.assertEqual(expected, resp.status_code, resp.text)
        return resp.json() if resp.content else None


class TestKeystoneAuth(KeystoneGlareTestCase):
    def test_bad_tokens_are_401_pointing_at_keystone(self):
        revoked = self.keystone.token('demo_member', 'demo')
        self.keystone.revoke(revoked)
        for token in (None, INVALID_TOKEN, revoked):
            resp = self.call('GET', '/artifacts/images', token)
            self.assertEqual(401, resp.status_code, token)
            self.assertEqual('Keystone uri="%s"' % self.keystone.url,
                             resp.headers['WWW-Authenticate'])
            # glare's own error body, not keystonemiddleware's.
            body = resp.json()
            self.assertEqual(401, body['code'])
            self.assertEqual('Unauthorized', body['error']['type'])
            self.assertIn('requires authentication',
                          body['error']['message'])
            self.assertTrue(body['errors'][0]['request_id'].startswith(
                'req-'))

    def test_revocation_bites_at_once(self):
        token = self.keystone.token('demo_reader', 'demo')
        self.assertEqual(200, self.call('GET', '/schemas', token).status_code)
        self.keystone.revoke(token)
        self.assertEqual(401, self.call('GET', '/schemas', token).status_code)

    def test_a_token_is_its_projects_identity(self):
        art = self.call('POST', '/artifacts/images', self.tokens['member'],
                        json={'name': 'owned-%s' % uuid.uuid4().hex}).json()
        self.assertEqual(self.keystone.projects['demo'], art['owner'])

    def test_system_scoped_tokens_are_refused_by_project_rules(self):
        session = ks.ks_session.Session(auth=ks.v3.Password(
            auth_url=self.keystone.url, username='admin',
            password=ks.ADMIN_PASSWORD, user_domain_id='default',
            system_scope='all'))
        resp = self.call('GET', '/artifacts/images', session.get_token())
        self.assertEqual(403, resp.status_code, resp.text)
        self.assertIn('artifact:list', resp.json()['error']['message'])

    def test_glare_is_in_the_catalog_as_artifact(self):
        self.keystone.register_service(self.server.url)
        session = self.keystone.session('demo_reader', 'demo')
        url = session.get_endpoint(service_type='artifact',
                                   interface='public')
        self.assertEqual(self.server.url, url.rstrip('/'))
        resp = session.get('/schemas/images', endpoint_filter={
            'service_type': 'artifact', 'interface': 'public'})
        self.assertEqual(200, resp.status_code)


class TestRequestContext(testtools.TestCase):
    """What keystonemiddleware's headers become in the request context."""

    def setUp(self):
        super().setUp()
        self.keystone = ks.shared_server()
        path = os.path.join(self.useFixture(fixtures.TempDir()).path,
                            'glare.conf')
        server.write_config(path, {'auth_strategy': 'keystone'}, {
            'keystone_authtoken': self.keystone.authtoken_options(
                token_cache_time=-1)})
        conf = cfg.ConfigOpts()
        glare_conf.register_opts(conf)
        conf([], project='glare', default_config_files=[path])
        policy.reset()
        self.addCleanup(policy.reset)
        policy.get_enforcer(conf)
        self.seen = []

        @webob.dec.wsgify
        def capture(req):
            self.seen.append(req.environ[auth.CONTEXT_KEY])
            return webob.Response(status=204)

        self.app = webtest.TestApp(
            request_id.RequestId(api_app._auth(capture, conf)),
            # What the route matcher says of a route that is not public.
            extra_environ={router.ENVIRON_KEY: router.NO_MATCH})

    def test_user_and_service_identity(self):
        token = self.keystone.token('demo_member', 'demo')
        service_token = self.keystone.token('nova', 'service')
        global_id = 'req-%s' % uuid.uuid4()
        resp = self.app.get('/', headers={
            'X-Auth-Token': token, 'X-Service-Token': service_token,
            'X-OpenStack-Request-ID': global_id})
        self.assertEqual(204, resp.status_int)
        ctx = self.seen[0]
        self.assertEqual(self.keystone.users['demo_member'], ctx.user_id)
        self.assertEqual(self.keystone.projects['demo'], ctx.project_id)
        self.assertEqual('default', ctx.user_domain_id)
        self.assertEqual('default', ctx.project_domain_id)
        # keystone expands member to the roles it implies.
        self.assertEqual({'member', 'reader'}, set(ctx.roles))
        self.assertEqual(['service'], ctx.service_roles)
        self.assertIsNone(ctx.system_scope)
        self.assertFalse(ctx.is_admin)
        self.assertFalse(ctx.all_projects)
        self.assertEqual(resp.headers['X-OpenStack-Request-ID'],
                         ctx.request_id)
        self.assertEqual(global_id, ctx.global_request_id)

    def test_system_scope_and_admin(self):
        session = ks.ks_session.Session(auth=ks.v3.Password(
            auth_url=self.keystone.url, username='admin',
            password=ks.ADMIN_PASSWORD, user_domain_id='default',
            system_scope='all'))
        self.app.get('/', headers={'X-Auth-Token': session.get_token()})
        ctx = self.seen[0]
        self.assertEqual('all', ctx.system_scope)
        self.assertIsNone(ctx.project_id)
        self.assertIn('admin', ctx.roles)
        # Project rules do not apply to system tokens.
        self.assertFalse(ctx.all_projects)
        admin = self.keystone.token('admin')
        self.app.get('/', headers={'X-Auth-Token': admin})
        # An admin's powers come from the policy rules, not is_admin.
        self.assertIn('admin', self.seen[1].roles)
        self.assertTrue(self.seen[1].all_projects)

    def test_invalid_service_token_is_401(self):
        resp = self.app.get('/', status='*', headers={
            'X-Auth-Token': self.keystone.token('demo_member', 'demo'),
            'X-Service-Token': INVALID_TOKEN})
        self.assertEqual(401, resp.status_int)
        self.assertEqual([], self.seen)


class TestPermissionMatrix(KeystoneGlareTestCase):
    """Every cell of permissions.yaml, with real tokens."""

    anonymous_server = True
    # The revoked token is first seen after its revocation: caching
    # validated tokens changes nothing here, and saves a keystone round
    # trip per request.
    cache_tokens = True
    # Imports may fetch from the test's web server on loopback.
    server_sections = {'blob_import': {'allowed_networks': '127.0.0.1/32',
                                       'allowed_ports': '1-65535'}}
    matrix = load_matrix()

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        revoked = cls.keystone.token('demo_member', 'demo')
        cls.keystone.revoke(revoked)
        cls.tokens.update({'no_token': None, 'anonymous': None,
                           'invalid_token': INVALID_TOKEN,
                           'revoked_token': revoked})
        cls.personas = list(cls.matrix['personas'])
        cls.shared = {}
        # The web server imports fetch IMAGE from.
        cls.source_fixture = web_source.DataServer(IMAGE)
        cls.source_fixture.setUp()
        cls.source = cls.source_fixture.server

    @classmethod
    def tearDownClass(cls):
        cls.source_fixture.cleanUp()
        super().tearDownClass()

    # -- artifacts in the states the operations need ----------------------

    def make(self, visibility='private', status='drafted', data=True):
        """A fresh artifact of project demo."""
        art = self.call('POST', '/artifacts/images', self.tokens['member'],
                        json={'name': 'matrix-%s' % uuid.uuid4().hex,
                              'container_format': 'bare',
                              'disk_format': 'raw'}).json()
        path = '/artifacts/images/%s' % art['id']
        if data or status != 'drafted':
            self.as_admin('PUT', path + '/image', 200, data=IMAGE,
                          headers={'Content-Type':
                                   'application/octet-stream'})
        if status != 'drafted':
            self.patch(path, 'status', 'active', self.tokens['admin'], 200)
        if visibility == 'public':
            self.patch(path, 'visibility', 'public', self.tokens['admin'],
                       200)
        if visibility in ('shared', 'community'):
            self.patch(path, 'visibility', visibility,
                       self.tokens['member'], 200)
        if visibility == 'shared':
            members = path + '/members'
            partner = self.keystone.projects['partner']
            resp = self.call('POST', members, self.tokens['member'],
                             headers=SHARING_VERSION,
                             json={'member': partner})
            self.assertEqual(201, resp.status_code, resp.text)
            resp = self.call('PUT', '%s/%s' % (members, partner),
                             self.tokens['partner_member'],
                             headers=SHARING_VERSION,
                             json={'status': 'accepted'})
            self.assertEqual(200, resp.status_code, resp.text)
        return art['id']

    def patch(self, path, field, value, token, expected=None, base=None):
        headers = {'Content-Type': 'application/json-patch+json'}
        if value in ('shared', 'community'):
            # Sharing is microversion 1.2; the rest is asked as before.
            headers.update(SHARING_VERSION)
        resp = self.call('PATCH', path, token, base=base, headers=headers,
                         json=[{'op': 'replace', 'path': '/' + field,
                                'value': value}])
        if expected is not None:
            self.assertEqual(expected, resp.status_code, resp.text)
        return resp

    def shared_artifact(self, visibility):
        """An active artifact with data, for operations that read."""
        if visibility not in self.shared:
            self.shared[visibility] = self.make(visibility, 'active')
        return self.shared[visibility]

    # -- operations: (persona's token, base url, visibility) -> status ----

    def op_create(self, token, base, visibility):
        return self.call('POST', '/artifacts/images', token, base=base,
                         json={'name': 'made-%s' % uuid.uuid4().hex}
                         ).status_code

    def op_list(self, token, base, visibility):
        art = self.shared_artifact(visibility)
        resp = self.call('GET', '/artifacts/images?limit=1000', token,
                         base=base)
        if resp.status_code != 200:
            return resp.status_code
        ids = {a['id'] for a in resp.json()['artifacts']}
        return 'seen' if art in ids else 'hidden'

    def op_show(self, token, base, visibility):
        return self.call('GET', '/artifacts/images/%s' %
                         self.shared_artifact(visibility), token,
                         base=base).status_code

    def op_update(self, token, base, visibility):
        status = 'drafted' if visibility == 'private' else 'active'
        art = self.make(visibility, status, data=False)
        return self.patch('/artifacts/images/%s' % art, 'description',
                          'changed', token, base=base).status_code

    def op_activate(self, token, base, visibility):
        art = self.make(visibility, 'drafted')
        return self.patch('/artifacts/images/%s' % art, 'status', 'active',
                          token, base=base).status_code

    def op_deactivate(self, token, base, visibility):
        art = self.make(visibility, 'active')
        return self.patch('/artifacts/images/%s' % art, 'status',
                          'deactivated', token, base=base).status_code

    def op_publish(self, token, base, visibility):
        art = self.make(visibility, 'active')
        return self.patch('/artifacts/images/%s' % art, 'visibility',
                          'public', token, base=base).status_code

    def op_upload(self, token, base, visibility):
        art = self.make(visibility, 'drafted', data=False)
        return self.call('PUT', '/artifacts/images/%s/image' % art, token,
                         base=base, data=IMAGE, headers={
                             'Content-Type': 'application/octet-stream'}
                         ).status_code

    def op_download(self, token, base, visibility):
        resp = self.call('GET', '/artifacts/images/%s/image' %
                         self.shared_artifact(visibility), token, base=base)
        if resp.status_code == 200:
            self.assertEqual(IMAGE, resp.content)
        return resp.status_code

    def op_delete(self, token, base, visibility):
        status = 'drafted' if visibility == 'private' else 'active'
        art = self.make(visibility, status, data=False)
        return self.call('DELETE', '/artifacts/images/%s' % art, token,
                         base=base).status_code

    def op_share(self, token, base, visibility):
        art = self.make(visibility, 'active')
        return self.patch('/artifacts/images/%s' % art, 'visibility',
                          'shared', token, base=base).status_code

    def op_communitize(self, token, base, visibility):
        art = self.make(visibility, 'active')
        return self.patch('/artifacts/images/%s' % art, 'visibility',
                          'community', token, base=base).status_code

    def members(self, visibility, member=None):
        """The members path of an artifact, or one member's."""
        path = '/artifacts/images/%s/members' % self.make(visibility,
                                                          'active')
        return path if member is None else '%s/%s' % (path, member)

    def op_member_add(self, token, base, visibility):
        return self.call('POST', self.members(visibility), token, base=base,
                         headers=SHARING_VERSION,
                         json={'member': uuid.uuid4().hex}).status_code

    def op_member_list(self, token, base, visibility):
        return self.call('GET', self.members(visibility), token, base=base,
                         headers=SHARING_VERSION).status_code

    def op_member_show(self, token, base, visibility):
        return self.call('GET', self.members(
            visibility, self.keystone.projects['partner']), token,
            base=base, headers=SHARING_VERSION).status_code

    def op_member_set(self, token, base, visibility):
        return self.call('PUT', self.members(
            visibility, self.keystone.projects['partner']), token,
            base=base, headers=SHARING_VERSION,
            json={'status': 'rejected'}).status_code

    def op_member_remove(self, token, base, visibility):
        return self.call('DELETE', self.members(
            visibility, self.keystone.projects['partner']), token,
            base=base, headers=SHARING_VERSION).status_code

    def op_schemas(self, token, base, visibility):
        return self.call('GET', '/schemas', token, base=base).status_code

    def op_quota_show(self, token, base, visibility):
        return self.call('GET', '/project-quotas/%s' %
                         self.keystone.projects['demo'], token, base=base,
                         headers=QUOTA_VERSION).status_code

    def op_quota_list(self, token, base, visibility):
        return self.call('GET', '/quotas', token, base=base,
                         headers=QUOTA_VERSION).status_code

    def op_quota_set(self, token, base, visibility):
        return self.call('PUT', '/quotas', token, base=base,
                         headers=QUOTA_VERSION, json=[{
                             'project_id': self.keystone.projects['alt'],
                             'project_quotas': [
                                 {'quota_name': 'max_artifact_number',
                                  'quota_value': 1000}]}]).status_code

    def op_consumer_register(self, token, base, visibility):
        return self.call('PUT', '/artifacts/images/%s/consumers/%s' % (
            self.shared_artifact(visibility), uuid.uuid4()), token,
            base=base, headers=LIFECYCLE_VERSION, json={
                'service': 'compute', 'resource_type': 'instance'}
        ).status_code

    def op_consumer_list(self, token, base, visibility):
        return self.call('GET', '/artifacts/images/%s/consumers' %
                         self.shared_artifact(visibility), token, base=base,
                         headers=LIFECYCLE_VERSION).status_code

    def op_force_delete(self, token, base, visibility):
        art = self.make(visibility, 'active')
        self.as_admin('PUT', '/artifacts/images/%s/consumers/vm' % art, 200,
                      headers=LIFECYCLE_VERSION, json={
                          'service': 'compute', 'resource_type': 'instance'})
        return self.call('DELETE', '/artifacts/images/%s?force=true' % art,
                         token, base=base, headers=LIFECYCLE_VERSION
                         ).status_code

    def op_alias_set(self, token, base, visibility):
        return self.call('PUT', '/artifacts/images/%s/aliases/stable' %
                         self.shared_artifact(visibility), token, base=base,
                         headers=LIFECYCLE_VERSION).status_code

    def op_retention_set(self, token, base, visibility):
        return self.call('PUT', '/retention/images', token, base=base,
                         headers=LIFECYCLE_VERSION,
                         json={'keep_last': 1000}).status_code

    # Transfers (1.2): sessions, upload by digest, import from a URL.

    def blob_session(self, data=False):
        """A session the member started on a fresh drafted artifact.

        With ``data`` the member sent IMAGE into it.
        """
        art = self.make('private', 'drafted', data=False)
        resp = self.call('POST', '/artifacts/images/%s/image/uploads' % art,
                         self.tokens['member'], headers=TRANSFER_VERSION)
        self.assertEqual(202, resp.status_code, resp.text)
        path = urllib.parse.urlsplit(resp.headers['Location']).path
        if data:
            self.assertEqual(202, self.append(path, self.tokens['member'],
                                              self.server.url))
        return path

    def append(self, path, token, base):
        return self.call('PATCH', path, token, base=base, data=IMAGE,
                         headers=dict(TRANSFER_VERSION, **{
                             'Content-Type': 'application/octet-stream',
                             'Content-Range': '0-%d' % (len(IMAGE) - 1)})
                         ).status_code

    def op_upload_session_start(self, token, base, visibility):
        art = self.make(visibility, 'drafted', data=False)
        return self.call('POST', '/artifacts/images/%s/image/uploads' % art,
                         token, base=base, headers=TRANSFER_VERSION
                         ).status_code

    def op_upload_session_append(self, token, base, visibility):
        return self.append(self.blob_session(), token, base)

    def op_upload_session_status(self, token, base, visibility):
        return self.call('GET', self.blob_session(), token, base=base,
                         headers=TRANSFER_VERSION).status_code

    def op_upload_session_finish(self, token, base, visibility):
        return self.call('PUT', self.blob_session(data=True), token,
                         base=base, headers=TRANSFER_VERSION, params={
                             'digest': 'sha256:' +
                             hashlib.sha256(IMAGE).hexdigest()}
                         ).status_code

    def op_upload_session_cancel(self, token, base, visibility):
        return self.call('DELETE', self.blob_session(), token, base=base,
                         headers=TRANSFER_VERSION).status_code

    def op_upload_by_digest(self, token, base, visibility):
        self.shared_artifact('private')  # project demo holds IMAGE
        art = self.make(visibility, 'drafted', data=False)
        return self.call('PUT', '/artifacts/images/%s/image' % art, token,
                         base=base, data=json.dumps({
                             'digest': 'sha256:' +
                             hashlib.sha256(IMAGE).hexdigest()}),
                         headers=dict(TRANSFER_VERSION, **{
                             'Content-Type': blob_api.DIGEST_CONTENT_TYPE})
                         ).status_code

    def op_import_url(self, token, base, visibility):
        art = self.make(visibility, 'drafted', data=False)
        url = 'http://127.0.0.1:%d/image' % self.source.server_port
        return self.call('PUT', '/artifacts/images/%s/image' % art, token,
                         base=base, data=json.dumps({'import_url': url}),
                         headers=dict(TRANSFER_VERSION, **{
                             'Content-Type': blob_api.IMPORT_CONTENT_TYPE})
                         ).status_code

    def check(self, operation):
        rows = self.matrix['operations'][operation]
        expected, actual = {}, {}
        for visibility in VISIBILITIES:
            row = rows.get(visibility)
            if row is None or row == 'n/a':
                continue
            expected[visibility] = dict(zip(self.personas, row))
            actual[visibility] = {}
            for persona in self.personas:
                base = self.anonymous.url if persona == 'anonymous' \
                    else self.server.url
                actual[visibility][persona] = getattr(
                    self, 'op_' + operation)(self.tokens[persona], base,
                                             visibility)
        self.assertEqual(expected, actual)

    def test_matrix_is_complete(self):
        self.assertEqual(
            ['create', 'list', 'show', 'update', 'activate', 'deactivate',
             'publish', 'upload', 'download', 'delete', 'schemas',
             'quota_show', 'quota_list', 'quota_set', 'share',
             'communitize', 'member_add', 'member_list', 'member_show',
             'member_set', 'member_remove', 'consumer_register',
             'consumer_list', 'force_delete', 'alias_set', 'retention_set',
             'upload_session_start', 'upload_session_append',
             'upload_session_status', 'upload_session_finish',
             'upload_session_cancel', 'upload_by_digest', 'import_url'],
            list(self.matrix['operations']))
        for operation, rows in self.matrix['operations'].items():
            self.assertTrue(rows['request'])
            self.assertLessEqual(set(rows) - {'request'}, set(VISIBILITIES))
            for visibility in set(rows) - {'request'}:
                row = rows[visibility]
                if row != 'n/a':
                    self.assertEqual(len(self.personas), len(row),
                                     '%s %s' % (operation, visibility))
            self.assertTrue(hasattr(self, 'op_' + operation))

    def test_create(self):
        self.check('create')

    def test_list(self):
        self.check('list')

    def test_show(self):
        self.check('show')

    def test_update(self):
        self.check('update')

    def test_activate(self):
        self.check('activate')

    def test_deactivate(self):
        self.check('deactivate')

    def test_publish(self):
        self.check('publish')

    def test_upload(self):
        self.check('upload')

    def test_download(self):
        self.check('download')

    def test_delete(self):
        self.check('delete')

    def test_schemas(self):
        self.check('schemas')

    def test_quota_show(self):
        self.check('quota_show')

    def test_quota_list(self):
        self.check('quota_list')

    def test_quota_set(self):
        self.check('quota_set')

    def test_share(self):
        self.check('share')

    def test_communitize(self):
        self.check('communitize')

    def test_member_add(self):
        self.check('member_add')

    def test_member_list(self):
        self.check('member_list')

    def test_member_show(self):
        self.check('member_show')

    def test_member_set(self):
        self.check('member_set')

    def test_member_remove(self):
        self.check('member_remove')

    def test_consumer_register(self):
        self.check('consumer_register')

    def test_consumer_list(self):
        self.check('consumer_list')

    def test_force_delete(self):
        self.check('force_delete')

    def test_alias_set(self):
        self.check('alias_set')

    def test_retention_set(self):
        self.check('retention_set')

    def test_upload_session_start(self):
        self.check('upload_session_start')

    def test_upload_session_append(self):
        self.check('upload_session_append')

    def test_upload_session_status(self):
        self.check('upload_session_status')

    def test_upload_session_finish(self):
        self.check('upload_session_finish')

    def test_upload_session_cancel(self):
        self.check('upload_session_cancel')

    def test_upload_by_digest(self):
        self.check('upload_by_digest')

    def test_import_url(self):
        self.check('import_url')


class TestAnonymousAccess(KeystoneGlareTestCase):
    """allow_anonymous_access: public reads only; bad tokens still 401."""

    anonymous_server = True

    def test_invalid_and_revoked_tokens_are_not_anonymous(self):
        revoked = self.keystone.token('demo_reader', 'demo')
        self.keystone.revoke(revoked)
        for token in (INVALID_TOKEN, revoked):
            resp = self.call('GET', '/schemas', token,
                             base=self.anonymous.url)
            self.assertEqual(401, resp.status_code)
            self.assertIn('Keystone uri=',
                          resp.headers['WWW-Authenticate'])

    def test_anonymous_writes_are_401_pointing_at_keystone(self):
        resp = self.call('POST', '/artifacts/images',
                         base=self.anonymous.url, json={'name': 'anon'})
        self.assertEqual(401, resp.status_code)
        self.assertEqual('Keystone uri="%s"' % self.keystone.url,
                         resp.headers['WWW-Authenticate'])
        self.assertIn('anonymous callers may only read',
                      resp.json()['error']['message'])

    def test_tokens_work_as_usual(self):
        resp = self.call('GET', '/artifacts/images', self.tokens['reader'],
                         base=self.anonymous.url)
        self.assertEqual(200, resp.status_code)
