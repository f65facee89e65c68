"""Authentication: development modes and the request context.

With ``auth_strategy = keystone`` keystonemiddleware ``auth_token``
validates tokens and sets the identity headers. The development modes set
the same headers from what the client says, believed as given:

``trusted``  ``X-Auth-Token: user:project:role[,role...]`` (what Glare's
             trusted auth took), or the identity headers below
``noauth``   ``X-Identity-Status: Confirmed``, ``X-User-Id``,
             ``X-Project-Id``, ``X-Roles``

``ContextMiddleware`` then turns the identity headers into a
``RequestContext`` in ``environ['glare.context']``.
"""

import webob.dec

from glare.api import errors
from glare import context

CONTEXT_KEY = 'glare.context'

_IDENTITY_HEADERS = ('X-Identity-Status', 'X-User-Id', 'X-Project-Id',
                     'X-Roles', 'X-User-Name', 'X-Project-Name',
                     'X-Domain-Id', 'X-User-Domain-Id',
                     'X-Project-Domain-Id', 'X-Service-Roles',
                     'X-System-Scope')


def _unauthorized(req, message):
    return errors.response(401, message, 'Unauthorized',
                           req.environ.get('openstack.request_id'))


class DevAuthMiddleware:
    """Identity from what the client says (development and tests)."""

    def __init__(self, application, accept_token=True):
        self.application = application
        self.accept_token = accept_token

    @webob.dec.wsgify
    def __call__(self, req):
        token = req.headers.get('X-Auth-Token')
        if self.accept_token and token:
            user, project, roles = self._parse_token(token)
            if user is None:
                return _unauthorized(
                    req, 'X-Auth-Token must be "user:project:role[,role]" '
                         'in trusted auth mode.')
            for name in _IDENTITY_HEADERS:
                req.headers.pop(name, None)
            req.headers['X-Identity-Status'] = 'Confirmed'
            req.headers['X-User-Id'] = user
            req.headers['X-Project-Id'] = project
            req.headers['X-Roles'] = ','.join(roles)
        elif req.headers.get('X-Identity-Status') != 'Confirmed' or \
                not req.headers.get('X-Project-Id'):
            expected = ('an X-Auth-Token of the form '
                        '"user:project:role[,role]", or' if
                        self.accept_token else '')
            return _unauthorized(
                req, 'Authentication required: send %s the headers '
                     'X-Identity-Status: Confirmed, X-User-Id, X-Project-Id '
                     'and X-Roles.' % expected)
        return req.get_response(self.application)

    @staticmethod
    def _parse_token(token):
        parts = token.split(':')
        if len(parts) != 3 or not all(parts[:2]):
            return None, None, None
        roles = [r.strip() for r in parts[2].split(',') if r.strip()]
        return parts[0], parts[1], roles


class ContextMiddleware:
    """Builds the request context from the identity headers."""

    def __init__(self, application):
        self.application = application

    @webob.dec.wsgify
    def __call__(self, req):
        if req.headers.get('X-Identity-Status', 'Confirmed') != 'Confirmed':
            return _unauthorized(req, 'The authentication token is invalid.')
        ctx = context.RequestContext.from_environ(req.environ)
        req.environ[CONTEXT_KEY] = ctx
        return req.get_response(self.application)
