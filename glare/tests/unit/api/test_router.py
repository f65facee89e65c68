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

"""Path templates, microversion-gated routes, 404 and 405."""

import webob

from glare.api import http
from glare.api import microversion
from glare.api import router
from glare import exception
from glare.tests import base

Route = router.Route


def handler(name):
    def handle(request, **params):
        return name, params
    return handle


TABLE = router.Router([
    Route('/', {'GET': handler('root')}, public=True),
    Route('/versions', {'GET': handler('versions')}, trailing_slash=True),
    Route('/health', {'GET': handler('health')},
          public=lambda environ: 'detail' not in environ['QUERY_STRING']),
    Route('/things/{kind}', {'GET': handler('list'),
                             'POST': handler('create')}),
    Route('/things/{kind}/{id}/fancy', {'PUT': handler('fancy')},
          min_version='1.2'),
    Route('/things/{kind}/{id}/{rest*}', {'GET': handler('part')},
          raw_body=True),
])


def request(path, method='GET', version=(1, 0)):
    req = http.Request(webob.Request.blank(path, method=method).environ)
    req.environ[microversion.ENVIRON_KEY] = version
    return req


class TestMatch(base.TestCase):
    def match(self, path, version=(1, 0)):
        found = TABLE.match(path, version)
        return (found.route.template, found.params) if found.route \
            else None

    def test_literals_and_parameters(self):
        self.assertEqual(('/', {}), self.match('/'))
        self.assertEqual(('/', {}), self.match(''))
        self.assertEqual(('/things/{kind}', {'kind': 'images'}),
                         self.match('/things/images'))

    def test_the_rest_of_a_path_keeps_its_slashes(self):
        self.assertEqual(('/things/{kind}/{id}/{rest*}',
                          {'kind': 'k', 'id': 'i', 'rest': 'a/b//c.yaml'}),
                         self.match('/things/k/i/a/b//c.yaml'))

    def test_empty_segments_and_extra_ones_do_not_match(self):
        for path in ('/things/', '/things//x', '/things/k/i/',
                     '/things/k/i', '/nothing', '/versions/x'):
            # /things/k/i has no route of its own here.
            self.assertIsNone(self.match(path), path)

    def test_trailing_slash_where_a_route_allows_it(self):
        self.assertEqual(('/versions', {}), self.match('/versions/'))
        self.assertIsNone(self.match('/things/k/'))

    def test_a_route_may_be_public_for_some_requests_only(self):
        health = TABLE.match('/health', (1, 0))
        self.assertTrue(health.public({'QUERY_STRING': ''}))
        self.assertFalse(health.public({'QUERY_STRING': 'detail'}))

    def test_newer_routes_are_invisible_to_older_clients(self):
        self.assertEqual('/things/{kind}/{id}/{rest*}',
                         self.match('/things/k/i/fancy')[0])
        self.assertEqual('/things/{kind}/{id}/fancy',
                         self.match('/things/k/i/fancy', (1, 2))[0])

    def test_flags(self):
        environ = {'QUERY_STRING': ''}
        self.assertTrue(TABLE.match('/', (1, 0)).public(environ))
        self.assertFalse(TABLE.match('/things/k', (1, 0)).public(environ))
        self.assertTrue(TABLE.match('/things/k/i/x', (1, 0)).raw_body)
        self.assertFalse(router.NO_MATCH.public(environ))
        self.assertFalse(router.NO_MATCH.raw_body)


class TestDispatch(base.TestCase):
    def test_the_handler_gets_the_parameters(self):
        self.assertEqual(('create', {'kind': 'images'}), TABLE.dispatch(
            request('/things/images', 'POST')))

    def test_head_falls_back_to_get(self):
        self.assertEqual(('list', {'kind': 'k'}),
                         TABLE.dispatch(request('/things/k', 'HEAD')))

    def test_unknown_path_is_404(self):
        exc = self.assertRaises(exception.NotFound, TABLE.dispatch,
                                request('/nowhere'))
        self.assertEqual(404, exc.code)

    def test_unknown_method_is_405_with_allow(self):
        exc = self.assertRaises(exception.MethodNotAllowed, TABLE.dispatch,
                                request('/things/k', 'DELETE'))
        self.assertEqual('GET, POST', exc.headers['Allow'])
        self.assertEqual('Method DELETE is not allowed for /things/k; '
                         'allowed: GET, POST.', exc.msg)

    def test_a_route_may_say_what_is_allowed(self):
        def not_allowed(req):
            return exception.MethodNotAllowed('only at %s' % (
                req.environ[microversion.ENVIRON_KEY],))
        table = router.Router([Route('/x', {'GET': handler('x')},
                                     not_allowed=not_allowed)])
        exc = self.assertRaises(exception.MethodNotAllowed, table.dispatch,
                                request('/x', 'PUT', (1, 1)))
        self.assertEqual('only at (1, 1)', exc.msg)

    def test_match_route_middleware_matches_once_for_dispatch(self):
        seen = []

        def app(environ, start_response):
            seen.append(environ[router.ENVIRON_KEY])
            return []
        req = request('/things/k', 'POST')
        router.MatchRoute(app, TABLE)(req.environ, None)
        self.assertEqual('/things/{kind}', seen[0].route.template)
        # dispatch uses what was matched, even for another path now.
        req.environ['PATH_INFO'] = '/nowhere'
        self.assertEqual(('create', {'kind': 'k'}), TABLE.dispatch(req))
