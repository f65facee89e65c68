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

"""Development authentication and the request context."""

import webob
import webob.dec

from glare.api.middleware import auth
from glare.tests import base


@webob.dec.wsgify
def show_identity(req):
    return webob.Response(json_body={
        name: req.headers.get(name) for name in (
            'X-Identity-Status', 'X-User-Id', 'X-Project-Id', 'X-Roles',
            'X-Project-Name')})


@webob.dec.wsgify
def show_context(req):
    ctx = req.environ[auth.CONTEXT_KEY]
    return webob.Response(json_body={
        'user_id': ctx.user_id, 'project_id': ctx.project_id,
        'roles': ctx.roles, 'is_admin': ctx.is_admin,
        'request_id': ctx.request_id})


def call(app, remote_addr='127.0.0.1', **headers):
    req = webob.Request.blank('/artifacts/images',
                              remote_addr=remote_addr)
    for name, value in headers.items():
        req.headers[name.replace('_', '-')] = value
    return req.get_response(app)


class TestLoopbackClientsOnly(base.TestCase):
    """A forgotten keystone setup must not hand admin to the network."""

    def test_remote_clients_are_refused_whatever_they_claim(self):
        for accept_token in (True, False):
            app = auth.DevAuthMiddleware(show_identity,
                                         accept_token=accept_token)
            for address in ('10.0.0.7', '2001:db8::1', None):
                resp = call(app, remote_addr=address,
                            X_Auth_Token='eve:proj1:admin',
                            X_Identity_Status='Confirmed',
                            X_Project_Id='proj1', X_Roles='admin')
                self.assertEqual(403, resp.status_int, address)
                self.assertIn('only serves clients on a loopback address',
                              resp.json_body['error']['message'])

    def test_loopback_clients_are_served(self):
        app = auth.DevAuthMiddleware(show_identity)
        for address in ('127.0.0.1', '127.8.9.10', '::1'):
            resp = call(app, remote_addr=address,
                        X_Auth_Token='alice:proj1:member')
            self.assertEqual(200, resp.status_int, address)
            self.assertEqual('alice', resp.json_body['X-User-Id'])

    def test_operator_may_allow_remote_clients(self):
        app = auth.DevAuthMiddleware(show_identity, allow_remote=True)
        resp = call(app, remote_addr='10.0.0.7',
                    X_Auth_Token='alice:proj1:member')
        self.assertEqual(200, resp.status_int)


class TestIsLoopback(base.TestCase):
    def test_loopback_addresses(self):
        for host in ('127.0.0.1', '127.1.2.3', '::1', 'localhost'):
            self.assertTrue(auth.is_loopback(host), host)

    def test_other_addresses_and_names(self):
        for host in ('0.0.0.0', '::', '10.0.0.5', '192.168.1.1',
                     'glare.example.com', 'localhost.example.com', '',
                     None):
            self.assertFalse(auth.is_loopback(host), host)


class TestTrustedToken(base.TestCase):
    def setUp(self):
        super().setUp()
        self.app = auth.DevAuthMiddleware(show_identity)

    def test_token_becomes_the_identity_headers(self):
        resp = call(self.app, X_Auth_Token='alice:proj1:member, reader')
        self.assertEqual(200, resp.status_int)
        self.assertEqual({'X-Identity-Status': 'Confirmed',
                          'X-User-Id': 'alice', 'X-Project-Id': 'proj1',
                          'X-Roles': 'member,reader',
                          'X-Project-Name': None}, resp.json_body)

    def test_token_replaces_headers_the_client_also_sent(self):
        resp = call(self.app, X_Auth_Token='alice:proj1:member',
                    X_Roles='admin', X_Project_Name='spoofed')
        # member implies reader, as in keystone.
        self.assertEqual('member,reader', resp.json_body['X-Roles'])
        self.assertIsNone(resp.json_body['X-Project-Name'])

    def test_no_roles_is_allowed(self):
        resp = call(self.app, X_Auth_Token='alice:proj1:')
        self.assertEqual('', resp.json_body['X-Roles'])

    def test_malformed_tokens_are_401_saying_the_form(self):
        for token in ('alice', 'alice:proj1', ':proj1:admin',
                      'alice::admin', 'a:b:c:d'):
            resp = call(self.app, X_Auth_Token=token)
            self.assertEqual(401, resp.status_int, token)
            self.assertEqual('application/json', resp.content_type)
            body = resp.json_body
            self.assertEqual('Unauthorized', body['error']['type'])
            self.assertIn('X-Auth-Token must be "user:project:role[,role]"',
                          body['error']['message'])

    def test_no_credentials_is_401_listing_both_ways(self):
        resp = call(self.app)
        self.assertEqual(401, resp.status_int)
        message = resp.json_body['error']['message']
        self.assertIn('X-Auth-Token of the form', message)
        self.assertIn('X-Identity-Status: Confirmed', message)

    def test_identity_headers_are_accepted_without_a_token(self):
        resp = call(self.app, X_Identity_Status='Confirmed',
                    X_User_Id='bob', X_Project_Id='proj2', X_Roles='admin')
        self.assertEqual(200, resp.status_int)
        self.assertEqual('proj2', resp.json_body['X-Project-Id'])


class TestNoAuth(base.TestCase):
    def setUp(self):
        super().setUp()
        self.app = auth.DevAuthMiddleware(show_identity, accept_token=False)

    def test_identity_headers(self):
        resp = call(self.app, X_Identity_Status='Confirmed',
                    X_User_Id='bob', X_Project_Id='proj2', X_Roles='admin')
        self.assertEqual(200, resp.status_int)
        self.assertEqual('admin,member,reader', resp.json_body['X-Roles'])

    def test_token_is_not_believed(self):
        resp = call(self.app, X_Auth_Token='alice:proj1:admin')
        self.assertEqual(401, resp.status_int)
        message = resp.json_body['error']['message']
        self.assertNotIn('X-Auth-Token', message)
        self.assertIn('X-Project-Id', message)

    def test_unconfirmed_or_projectless_identity_is_401(self):
        for headers in ({'X_Identity_Status': 'Invalid',
                         'X_Project_Id': 'p'},
                        {'X_Identity_Status': 'Confirmed'}):
            resp = call(self.app, **headers)
            self.assertEqual(401, resp.status_int, headers)


class TestContext(base.TestCase):
    def setUp(self):
        super().setUp()
        self.app = auth.ContextMiddleware(show_context)

    def test_context_from_identity_headers(self):
        req = webob.Request.blank('/')
        req.headers.update({'X-Identity-Status': 'Confirmed',
                            'X-User-Id': 'bob', 'X-Project-Id': 'proj2',
                            'X-Roles': 'member,reader'})
        req.environ['openstack.request_id'] = 'req-1'
        body = req.get_response(self.app).json_body
        self.assertEqual({'user_id': 'bob', 'project_id': 'proj2',
                          'roles': ['member', 'reader'], 'is_admin': False,
                          'request_id': 'req-1'}, body)

    def test_admin_role_is_a_role_not_an_admin_context(self):
        resp = call(self.app, X_User_Id='root', X_Project_Id='ops',
                    X_Roles='admin')
        self.assertFalse(resp.json_body['is_admin'])
        self.assertEqual(['admin'], resp.json_body['roles'])

    def test_invalid_token_status_is_401(self):
        resp = call(self.app, X_Identity_Status='Invalid',
                    X_Auth_Token='gAAAA-bogus')
        self.assertEqual(401, resp.status_int)
        self.assertEqual('The authentication token is invalid.',
                         resp.json_body['error']['message'])

    def test_dev_auth_and_context_together(self):
        app = auth.DevAuthMiddleware(auth.ContextMiddleware(show_context))
        body = call(app, X_Auth_Token='alice:proj1:admin').json_body
        self.assertEqual(('alice', 'proj1', ['admin', 'member', 'reader']),
                         (body['user_id'], body['project_id'],
                          body['roles']))


class TestImpliedRoles(base.TestCase):
    def test_keystone_default_implications(self):
        self.assertEqual(['admin', 'member', 'reader'],
                         auth.with_implied_roles(['admin']))
        self.assertEqual(['reader', 'member'],
                         auth.with_implied_roles(['reader', 'member']))
        self.assertEqual(['service'], auth.with_implied_roles(['service']))
        self.assertEqual([], auth.with_implied_roles([]))


def call_method(app, method, **headers):
    req = webob.Request.blank('/artifacts/images', method=method,
                              remote_addr='127.0.0.1')
    for name, value in headers.items():
        req.headers[name.replace('_', '-')] = value
    return req.get_response(app)


class TestAnonymous(base.TestCase):
    def app(self, allow=True, accept_token=True):
        return auth.DevAuthMiddleware(
            auth.ContextMiddleware(show_anonymous, allow_anonymous=allow),
            accept_token=accept_token, allow_anonymous=allow)

    def test_no_credentials_read_anonymously(self):
        for accept_token in (True, False):
            for method in ('GET', 'HEAD'):
                resp = call_method(self.app(accept_token=accept_token),
                                   method)
                self.assertEqual(200, resp.status_int, method)
            body = call(self.app(accept_token=accept_token)).json_body
            self.assertEqual({'anonymous': True, 'user_id': None,
                              'project_id': None, 'roles': [],
                              'is_admin': False, 'all_projects': False},
                             body)

    def test_anonymous_writes_are_401(self):
        for method in ('POST', 'PATCH', 'PUT', 'DELETE'):
            resp = call_method(self.app(), method)
            self.assertEqual(401, resp.status_int, method)
            self.assertIn('anonymous callers may only read',
                          resp.json_body['error']['message'])

    def test_off_by_default(self):
        resp = call(self.app(allow=False))
        self.assertEqual(401, resp.status_int)

    def test_spoofed_identity_headers_are_not_anonymous(self):
        # Identity headers without a project are refused, not ignored.
        resp = call(self.app(), X_Identity_Status='Confirmed',
                    X_Roles='admin')
        self.assertEqual(401, resp.status_int)

    def test_an_invalid_token_is_401_even_when_anonymous_is_allowed(self):
        # keystonemiddleware with delay_auth_decision marks a bad token so.
        app = auth.ContextMiddleware(show_anonymous, allow_anonymous=True)
        resp = call(app, X_Identity_Status='Invalid', X_Auth_Token='bad')
        self.assertEqual(401, resp.status_int)
        self.assertEqual('The authentication token is invalid.',
                         resp.json_body['error']['message'])
        resp = call(app, X_Identity_Status='Confirmed',
                    X_Service_Identity_Status='Invalid', X_Project_Id='p',
                    X_Service_Token='bad')
        self.assertEqual(401, resp.status_int)

    def test_authenticated_callers_are_not_anonymous(self):
        body = call(self.app(), X_Auth_Token='alice:proj1:reader').json_body
        self.assertFalse(body['anonymous'])
        self.assertEqual('proj1', body['project_id'])


@webob.dec.wsgify
def show_anonymous(req):
    ctx = req.environ[auth.CONTEXT_KEY]
    return webob.Response(json_body={
        'anonymous': ctx.anonymous, 'user_id': ctx.user_id,
        'project_id': ctx.project_id, 'roles': ctx.roles,
        'is_admin': ctx.is_admin, 'all_projects': ctx.all_projects})
