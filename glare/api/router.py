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

"""Routing: a path and a method to one handler, from one table.

A route is a path template of ``/``-separated segments: a literal, a
``{name}`` that matches one non-empty segment, or a final ``{name*}``
that matches the rest of the path (blob keys may contain ``/``). Its
handlers are per method; ``HEAD`` falls back to ``GET``. A route may
need a microversion (newer routes are invisible to older clients, whose
requests then match what they matched before) and may be public (served
without authentication).

The match is made once, before authentication, because whether a route
is public decides whether a request needs credentials; unknown paths and
methods are answered only after authentication, as they always were, so
an anonymous caller learns nothing from them.
"""

from glare.api import microversion
from glare import exception

ENVIRON_KEY = 'glare.route'


class Route:
    """One path template with its handlers.

    :param handlers: ``{method: callable(request, **params)}``.
    :param min_version: the first microversion that has the route.
    :param public: served without credentials: True, or a
        ``callable(environ)`` deciding per request.
    :param raw_body: the handler streams the request body itself: it is
        not subject to the JSON body size limit.
    :param not_allowed: ``callable(request)`` returning the exception for
        a method without a handler, when the methods a route allows
        depend on the request (its microversion).
    :param trailing_slash: also match the path with a final ``/``.
    """

    def __init__(self, template, handlers, min_version=None, public=False,
                 raw_body=False, not_allowed=None, trailing_slash=False):
        self.template = template
        self.segments = template.strip('/').split('/') if template != '/' \
            else []
        self.rest = None
        if self.segments and self.segments[-1].endswith('*}'):
            self.rest = self.segments.pop()[1:-2]
        self.handlers = dict(handlers)
        self.min_version = microversion.parse(min_version) if min_version \
            else None
        self.public = public
        self.raw_body = raw_body
        self.not_allowed = not_allowed
        self.trailing_slash = trailing_slash

    def match(self, parts):
        """``{name: value}`` when ``parts`` fit the template, else None."""
        if self.trailing_slash and parts and not parts[-1]:
            parts = parts[:-1]
        count = len(self.segments)
        if len(parts) < count or (self.rest is None and len(parts) > count):
            return None
        if self.rest is not None and len(parts) == count:
            return None
        params = {}
        for pattern, part in zip(self.segments, parts):
            if pattern.startswith('{'):
                if not part:
                    return None
                params[pattern[1:-1]] = part
            elif pattern != part:
                return None
        if self.rest is not None:
            if not parts[count]:
                return None
            params[self.rest] = '/'.join(parts[count:])
        return params

    @property
    def allowed(self):
        return sorted(self.handlers)

    def handler(self, method):
        handler = self.handlers.get(method)
        if handler is None and method == 'HEAD':
            handler = self.handlers.get('GET')
        return handler


class Match:
    """What the router found for a request: a route and its parameters."""

    def __init__(self, route, params):
        self.route = route
        self.params = params

    def public(self, environ):
        """Whether the request is served without credentials."""
        if self.route is None:
            return False
        if callable(self.route.public):
            return self.route.public(environ)
        return self.route.public

    @property
    def raw_body(self):
        return self.route is not None and self.route.raw_body


NO_MATCH = Match(None, {})


class Router:
    def __init__(self, routes):
        self.routes = list(routes)

    def match(self, path, version):
        """The first route for ``path`` that exists at ``version``."""
        parts = path.split('/')[1:] if path not in ('', '/') else []
        for route in self.routes:
            if route.min_version is not None and version < \
                    route.min_version:
                continue
            params = route.match(parts)
            if params is not None:
                return Match(route, params)
        return NO_MATCH

    def dispatch(self, request):
        """Call the handler of ``request``'s match (see ``MatchRoute``)."""
        match = request.environ.get(ENVIRON_KEY) or self.match(
            request.path_info, request.environ[microversion.ENVIRON_KEY])
        if match.route is None:
            raise exception.NotFound(
                'The resource could not be found.')
        handler = match.route.handler(request.method)
        if handler is None and match.route.not_allowed is not None:
            raise match.route.not_allowed(request)
        if handler is None:
            raise exception.MethodNotAllowed(
                'Method %s is not allowed for %s; allowed: %s.' % (
                    request.method, request.path,
                    ', '.join(match.route.allowed)),
                headers={'Allow': ', '.join(match.route.allowed)})
        return handler(request, **match.params)


class MatchRoute:
    """Middleware: find the route of each request once, for later layers.

    Authentication asks it whether the route is public, the body size
    limit whether the handler streams the body, and the router's
    ``dispatch`` reuses it.
    """

    def __init__(self, application, router):
        self.application = application
        self.router = router

    def __call__(self, environ, start_response):
        environ[ENVIRON_KEY] = self.router.match(
            environ.get('PATH_INFO', ''), environ[microversion.ENVIRON_KEY])
        return self.application(environ, start_response)
